"""Every program outside the subset gets a located error naming the construct, never a traceback.

The golden cases pin each diagnostic exactly: ``line:col`` (1-based, as
rendered), the message and the help line. ``CONSTRUCTS`` are the constructs
outside the subset; the table of them in docs/language.md is generated from
this list and checked here (``UPDATE_DOCS=1`` rewrites it).
"""
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import v8_validation

from compiler import CompileError, compile_file

ROOT = Path(__file__).resolve().parents[2]
LANGUAGE_DOC = ROOT / "docs" / "language.md"
# Constructs outside the subset: (construct, source, "line:col", message, help).
CONSTRUCTS = [
    ('`try`/`except*`', 'def f() -> None:\n    try:\n        pass\n    except* ValueError:\n        pass\n',
     '2:5', 'try/except* (exception groups) is not supported', "catch with a plain 'except'"),
    ('`yield`', 'def f() -> int:\n    yield 1\n',
     '2:5', "generators ('yield') are not supported",
     'build and return a list instead'),
    ('`yield from`', 'def f() -> int:\n    yield from [1]\n',
     '2:5', "generators ('yield from') are not supported",
     'build and return a list instead'),
    ('generator expression kept as a value', 'def f(xs: list[int]) -> int:\n    g = (x for x in xs)\n    return 0\n',
     '2:9', 'a generator expression is supported as the argument of any(), all(), sum(), min(), max(), sorted(), '
     'list(), set(), frozenset(), str.join() or list.extend(), or as the iterable of a for loop',
     'write a list comprehension [...] and use the list'),
    ('`lambda` whose parameter types are not known', 'def f() -> None:\n    g = lambda x: x\n',
     '2:9', 'the parameter types of this lambda are not known here',
     'annotate the variable: f: Callable[[int], int] = lambda x: ...'),
    ('nested function reading a variable assigned after it', 'def f() -> int:\n    def g() -> int:\n        return x\n    x = 1\n    return g()\n',
     '3:16', "'x' is read by a nested function before it is assigned (or before its type is known)",
     'assign it before the nested function (or lambda) is defined'),
    ('nested function with defaults or decorators', 'def f() -> int:\n    def g(a: int = 1) -> int:\n        return a\n    return g()\n',
     '2:5', 'a nested function takes no default values or decorators here',
     'pass every argument: a function value is called with all of them'),
    ('`map`/`filter` outside `list()`, `sorted()`, `min()`, `max()`, `str.join()`',
     'def f(xs: list[int]) -> int:\n    t = 0\n    for x in map(abs, xs):\n        t += x\n    return t\n',
     '3:14', "the built-in 'map' is not supported",
     'map() works as the argument of list(), sorted(), min(), max() or str.join(); '
     'elsewhere write a list comprehension'),
    ('a float sort key', 'def f(xs: list[float]) -> list[float]:\n    return sorted(xs, key=lambda x: x)\n',
     '2:27', 'a key of type float is not supported here',
     'a float key could be NaN, whose order CPython leaves to its algorithm: sort by an int or str key'),
    ('nested class', 'def f() -> None:\n    class C:\n        pass\n',
     '2:5', 'nested classes are not supported',
     'define the class at module level'),
    ('`*args` of an exported function', 'from abi import export\n@export\ndef f(*args: int) -> None:\n    pass\n',
     '3:8', 'an exported or imported function cannot take *args',
     'take each parameter, or a list[T] inside the program'),
    ('`**kwargs`', 'def f(**kwargs: int) -> None:\n    pass\n',
     '1:9', '**kwargs parameters are not supported',
     'declare each parameter (defaults are fine), or take a dict[str, T]'),
    ('positional-only parameters', 'def f(a: int, /) -> None:\n    pass\n',
     '1:7', "positional-only parameters (before '/') are not supported",
     "remove the '/'"),
    ('`*` in a call filling a method\'s parameters', 'class C:\n    def m(self, a: int) -> int:\n        return a\n'
     'def f(c: C, xs: list[int]) -> int:\n    return c.m(*xs)\n',
     '5:16', "'*' unpacking into named parameters is supported in calls of the program's module-level functions "
     "and classes only", "pass the arguments one by one, or give the function a '*args: T' parameter"),
    ('`*args` of a nested function', 'def g() -> None:\n    def h(*a: int) -> None:\n        pass\n',
     '2:12', 'a nested function cannot take *args here',
     'take a tuple[T, ...] parameter, or define the function at module level'),
    ('a function taking `*args` as a value', 'def f(*args: int) -> int:\n    return 0\ndef g() -> None:\n    h = f\n',
     '4:9', "'f' takes *args: it cannot be a value", 'wrap the call in a lambda or a nested function'),
    ('`**` in a call of a function taking `*args`',
     'def f(*args: int) -> int:\n    return 0\ndef g(d: dict[str, int]) -> int:\n    return f(**d)\n',
     '4:12', "'**' unpacking in a call of f(), which takes *args, is not supported",
     'pass the arguments by name one by one'),
    ('ordering of a `tuple[float, ...]`', 'def f(t: tuple[float, ...]) -> bool:\n    return t < t\n',
     '2:12', 'tuple[float, ...] values have no ordering here', 'order tuples of int or str items'),
    ('`*` in a call with keyword arguments', 'def g(a: int, *, k: int = 0) -> int:\n    return a\n'
     'def f(xs: list[int]) -> int:\n    return g(*xs, k=1)\n',
     '4:14', "'*' unpacking together with keyword arguments is not supported",
     "pass the arguments one by one, or give the function a '*args: T' parameter"),
    ('`*` in a call filling a parameter with a default', 'def g(a: int, b: int = 0) -> int:\n    return a\n'
     'def f(xs: list[int]) -> int:\n    return g(*xs)\n',
     '4:14', "'*' unpacking into parameter 'b' of g() (int, with a default) is not supported: each parameter it "
     "fills must take int and have no default", "pass the arguments one by one, or give the function a '*args: T' parameter"),
    ('`**` in a method call', 'class C:\n    def m(self, a: int) -> int:\n        return a\n'
     'def f(c: C, d: dict[str, int]) -> int:\n    return c.m(**d)\n',
     '5:16', "'**' unpacking is supported in calls of functions and classes only",
     'pass the arguments by name one by one'),
    ('`*` in an assignment from a tuple of mixed items', 'def f(t: tuple[int, str]) -> None:\n    a, *rest = t\n',
     '2:5', 'cannot unpack tuple[int, str] into a starred name',
     'unpack a list, a tuple[T, ...] or a tuple whose items share one type'),
    ('`**` in a dict literal', 'def f(d: dict[str, int]) -> None:\n    e = {**d}\n',
     '2:9', "'**' in dict literals is not supported",
     'copy the dict and update it: d.copy(), update()'),
    ('`tuple()` of a set', 'def f(s: set[int]) -> None:\n    t = tuple(s)\n',
     '2:9', 'tuple() of set[int] is not supported',
     'tuple() takes a list, a tuple, a str, a dict or a dict view'),
    ('a `tuple[T, ...]` compared with a fixed tuple', 'def f(t: tuple[int, ...]) -> bool:\n    return t == (1, 2)\n',
     '2:12', 'cannot compare tuple[int, ...] with tuple[int, int]',
     'compare two tuple[T, ...]: annotate the fixed tuple as one (t: tuple[int, ...] = (1, 2))'),
    ("`%` formatting of a `tuple[T, ...]`", 'def f(t: tuple[int, ...]) -> str:\n    return "%d %d" % t\n',
     '2:22', "'%' formatting of a tuple[T, ...] is not supported (its length is not known when compiling)",
     'use an f-string, or a tuple literal: "%s %s" % (t[0], t[1])'),
    ('a tuple as a field default', 'from dataclasses import dataclass\n@dataclass\nclass B:\n    p: tuple[int, ...] = (1, 2)\n',
     '4:26', 'a tuple as a field default is not supported yet',
     'pass it to the constructor, or assign it in __init__'),
    ('item assignment to a tuple', 'def f(t: tuple[int, ...]) -> None:\n    t[0] = 1\n',
     '2:5', 'tuple[int, ...] values do not support item assignment',
     'a tuple cannot change: build a new one, or keep a list'),
    ("decorator other than the SDK's", '@cache\ndef f() -> None:\n    pass\n',
     '1:2', 'unsupported decorator',
     'only @export and @wasm_import(module, name) from abi (and @dataclass on classes) are supported'),
    ('class decorator other than `@dataclass`', 'def deco(c: int) -> int:\n    return c\n@deco\nclass C:\n    pass\n',
     '3:2', 'unsupported class decorator',
     'only @dataclass (from dataclasses) is supported'),
    ('multiple inheritance from two classes that are not mixins',
     'class B:\n    x: int = 0\nclass C:\n    y: int = 0\nclass A(B, C):\n    pass\n',
     '5:12', 'multiple inheritance from B and C is not supported: C is not a mixin (its body holds fields or constants)',
     'make the other bases mixins (no base, no fields, plain methods only), or keep an instance as a field'),
    ('`isinstance()` against a mixin class',
     'class M:\n    def f(self) -> int:\n        return 1\nclass B:\n    x: int = 0\nclass A(M, B):\n    pass\n'
     'def f(a: A) -> bool:\n    return isinstance(a, M)\n',
     '9:26', 'isinstance() against the mixin M is not supported', 'test the classes that inherit it'),
    ('`super()` in a mixin\'s method',
     'class M:\n    def f(self) -> int:\n        return super().f()\nclass B:\n    def f(self) -> int:\n        return 1\n'
     'class A(B, M):\n    pass\nclass C(M, B):\n    pass\n',
     '3:16', "super() in a mixin's method is not supported: CPython continues along the MRO of the object's class",
     'call a module-level function holding the shared code instead'),
    ('`super().m()` where a mixin of the class defines m',
     'class M:\n    def f(self) -> int:\n        return 2\nclass B:\n    def f(self) -> int:\n        return 1\n'
     'class A(M, B):\n    def f(self) -> int:\n        return super().f()\n',
     '9:16', 'super().f() in a class with the mixin M, which defines f, is not supported',
     'call a module-level function holding the shared code instead'),
    ('set of objects (iterated in hash order)', 'class N:\n    pass\ndef f(a: N) -> int:\n    return len({a})\n',
     '4:16', 'a set of N objects is not supported: CPython iterates it in hash order, which comes from addresses '
     'or randomized str hashes',
     'use a dict[Obj, bool] (it keeps insertion order), or a set of an int or str field of the objects'),
    ('dict keyed by a `@dataclass` (eq=True: unhashable)',
     'from dataclasses import dataclass\n@dataclass\nclass P:\n    x: int\nd: dict[P, int] = {}\n',
     '5:9', "unhashable type: 'P' (a dataclass with eq=True has __hash__ = None): P objects cannot be dict keys",
     'key the dict by an int or str field of the object (e.g. its name or id number)'),
    ('dict keyed by a frozen dataclass with a field other than int, bool, str or bytes',
     'from dataclasses import dataclass\n@dataclass(frozen=True)\nclass P:\n    x: list[int]\nd = {P([1]): 1}\n',
     '5:6', "objects of the frozen dataclass P cannot be dict keys here: field 'x' of P is not int, bool, str or bytes",
     'key the dict by an int or str field of the object (e.g. its name or id number)'),
    ('dict keyed by a class with `__hash__`',
     'class H:\n    def __hash__(self) -> int:\n        return 1\nd = {H(): 1}\n',
     '4:6', 'objects of H cannot be dict keys yet: H defines __hash__',
     'key the dict by an int or str field of the object (e.g. its name or id number)'),
    ('`d[obj]` read of a dict keyed by objects',
     'class N:\n    pass\ndef f(d: dict[N, int], k: N) -> int:\n    return d[k]\n',
     '4:12', "d[key] of a dict keyed by objects is not supported: a missing key's KeyError shows its repr",
     'write d.get(key) (None if missing), d.get(key, default), or test `key in d` first'),
    ('`del d[obj]` of a dict keyed by objects',
     'class N:\n    pass\ndef f(d: dict[N, int], k: N) -> None:\n    del d[k]\n',
     '4:9', "del d[key] of a dict keyed by objects is not supported: a missing key's KeyError shows its repr",
     'write d.pop(key, None)'),
    ('truth test of an `IntEnum` member', 'from enum import IntEnum\nclass L(IntEnum):\n    A = 0\n'
     'def f(m: L) -> bool:\n    return not m\n',
     '5:16', 'the truth of the IntEnum member L is its value\'s here', 'write m.value for its int'),
    ('`IntEnum` member passed or stored as an int', 'from enum import IntEnum\nclass L(IntEnum):\n    A = 0\n'
     'def f(m: L) -> list[int]:\n    return [1, m]\n',
     '5:16', 'a list element must be int, not L',
     'write m.value for its int (CPython would keep the member itself here)'),
    ('`isinstance()` of an `IntEnum` member against a built-in type',
     'from enum import IntEnum\nclass L(IntEnum):\n    A = 0\ndef f(m: L) -> bool:\n    return isinstance(m, int)\n',
     '5:26', 'isinstance() of an IntEnum member against int is not supported',
     'an IntEnum member is always an int: test its class instead'),
    ('class keywords (`metaclass=`)', 'class A(metaclass=type):\n    pass\n',
     '1:9', 'class keywords (metaclass=...) are not supported',
     'remove the keyword'),
    ('`async def`', 'async def f() -> None:\n    pass\n',
     '1:1', 'async functions are not supported',
     "write a plain 'def'; Envoy calls the filter synchronously"),
    ('`with`', "def f() -> None:\n    with open('x'):\n        pass\n",
     '2:5', "'with' is not supported",
     'call the setup and cleanup functions explicitly'),
    ('int literal beyond int64', 'def f() -> int:\n    return 9223372036854775808\n',
     '2:12', 'integer constant does not fit in a 64-bit int',
     'ints are 64-bit in compiled filters (-2**63 to 2**63-1): keep larger numbers as str'),
    ('constant beyond int64', 'BIG = 2 ** 64\n',
     '1:7', 'value does not fit in a 64-bit int',
     'ints are 64-bit in compiled filters (-2**63 to 2**63-1): keep larger numbers as str'),
    ('`eval`', "def f() -> int:\n    return eval('1')\n",
     '2:12', "the built-in 'eval' is not supported",
     'the module cannot run code made at run time: write the code itself'),
    ('`exec`', "def f() -> None:\n    exec('x = 1')\n",
     '2:5', "the built-in 'exec' is not supported",
     'the module cannot run code made at run time: write the code itself'),
    ('other built-ins (`print`, ...)', "def f() -> None:\n    print('hi')\n",
     '2:5', "the built-in 'print' is not supported",
     'log through the SDK: log(level, message) from abi.hostcalls'),
    ('a module as a value (`import json` then `x = json`)', 'import json\nx = json\n',
     '2:5', "the module 'json' cannot be used as a value",
     'a compiled filter has no module objects: use its names directly, as in json.loads(s)'),
    ('assigning to a module attribute', 'import json\njson.x = 1\n',
     '2:1', "cannot assign to 'json.x': the module is read-only here",
     'keep the value in a global of your own module'),
    ('rebinding an imported module name', 'import json\ndef f(json: str) -> None:\n    pass\n',
     '2:7', "'json' names the module 'json' imported in this file and cannot be rebound",
     'rename this one, or import the module under another name: import json as json_module'),
    ('standard library module', 'from os import path\n',
     '1:1', "the standard library module 'os' is not available in a compiled filter",
     "import only from the SDK (abi...), typing, dataclasses, __future__ or your program's own modules"),
    ('unknown module', 'from nowhere import thing\n',
     '1:1', "cannot find module 'nowhere'",
     'import the SDK (abi...) or a module of your program next to it'),
    ('relative import', 'from . import sibling\n',
     '1:1', 'relative imports are not supported',
     "write the module's full name: from package.module import name"),
    ('`from module import *`', 'from abi import *\n',
     '1:1', "'from module import *' is not supported",
     'import the names you use'),
    ('`typing` beyond `Optional`, `List`, ...', 'from typing import TypeVar\n',
     '1:1', "'TypeVar' from 'typing' is not supported",
     'supported: Optional, Any, Union, Callable, List, Dict, Set, FrozenSet, Tuple, NamedTuple'),
    ('`repr()` of a dataclass that can hold itself', 'from dataclasses import dataclass\n@dataclass\nclass Node:\n'
     '    v: int\n    next: "Node | None" = None\ndef f(n: Node) -> str:\n    return repr(n)\n',
     '7:17', "repr() of Node is not supported: field 'next' of Node: Node can hold itself, which CPython shows as "
     "'...' in a cycle, so the repr CPython generates for Node is not made here",
     'define __repr__ on the class, or format the parts you need'),
    ('`str()` of a dataclass with a field whose class has no `__repr__`', 'from dataclasses import dataclass\n'
     'class P:\n    pass\n@dataclass\nclass D:\n    p: P\ndef f(d: D) -> str:\n    return f"{d}"\n',
     '8:15', "repr() of D is not supported: field 'p' of D: CPython shows the address of a P object (its class "
     "defines no __repr__), so the repr CPython generates for D is not made here",
     'define __repr__ on the class, or format the parts you need'),
    ('iterating over a `NamedTuple`', 'from typing import NamedTuple\nclass P(NamedTuple):\n    x: int\n    y: str = "a"\ndef f(p: P) -> None:\n    for v in p:\n        pass\n',
     '6:14', 'iterating over the NamedTuple P is not supported here',
     'read the fields by name (p.x), or unpack them: x, y = p'),
    ('assigning a field of a `NamedTuple`', 'from typing import NamedTuple\nclass P(NamedTuple):\n    x: int\n    y: str = "a"\ndef f(p: P) -> None:\n    p.x = 1\n',
     '6:5', "cannot assign to 'x': P is a NamedTuple, which cannot be changed",
     'CPython raises AttributeError: make a new one with p._replace(x=...)'),
    ('`<` between `NamedTuple` objects', 'from typing import NamedTuple\nclass P(NamedTuple):\n    x: int\n    y: str = "a"\ndef f(p: P, q: P) -> bool:\n    return p < q\n',
     '6:12', "'<' between NamedTuple objects is not supported here",
     'compare their fields as tuples: (a.x, a.y) < (b.x, b.y)'),
    ('subclassing a `NamedTuple` class', 'from typing import NamedTuple\nclass P(NamedTuple):\n    x: int\n    y: str = "a"\nclass Q(P):\n    pass\n',
     '5:9', 'subclassing the NamedTuple class P is not supported',
     'add the fields and methods to P, or keep one as a field'),
    ('a `NamedTuple` used as a tuple (`p[1:]`, `tuple(p)`, `p + q`, `p == (1, "a")`)',
     'from typing import NamedTuple\nclass P(NamedTuple):\n    x: int\n    y: str = "a"\ndef f(p: P) -> int:\n    return len(p[1:])\n',
     '6:16', 'a NamedTuple cannot be sliced here', 'read the fields by name: p.x'),
    ('a format spec on an object or container (`{xs:>10}`)', 'def f(xs: list[int]) -> str:\n    return f"{xs:>10}"\n',
     '2:15', 'unsupported format string passed to list.__format__',
     'CPython raises TypeError: format the text instead: f"{str(x):>10}"'),
    ('`dataclasses` beyond `dataclass`, `field`', 'from dataclasses import asdict\n',
     '1:1', "'asdict' from 'dataclasses' is not supported",
     'supported: dataclass, field'),
    ('`__future__` beyond `annotations`', 'from __future__ import division\n',
     '1:1', "'division' from '__future__' is not supported",
     'supported: annotations'),
    ('import inside a function', 'def f() -> None:\n    from abi import export\n',
     '2:5', 'imports are only supported at module level',
     'move the import to the top of the file'),
    ('`global` at module level', 'global X\nX = 1\n',
     '1:1', "'global' at module level is not supported",
     'remove it: module-level names are global already'),
    ('`global` of an undefined name', 'def f() -> None:\n    global Y\n    Y = 1\n',
     '2:5', "'global Y' must name a global assigned at this module's top level",
     "add 'Y = 0' at module level"),
    ('`global` after a use', 'X = 1\ndef f() -> int:\n    y = X\n    global X\n    X = 2\n    return y\n',
     '4:5', "syntax error: name 'X' is used prior to global declaration",
     'CPython rejects this too: fix the syntax'),
    ('`nonlocal` of a variable narrowed in the enclosing function',
     'def f() -> int:\n    x: int | None = 1\n    def g() -> None:\n        nonlocal x\n        x = None\n'
     '    if x is not None:\n        g()\n        return x + 1\n    return 0\n',
     '8:16', 'unsupported operand types for this operator: int | None and int',
     "a value of a union type must be narrowed first: 'if isinstance(x, str): ...', "
     "'if x is not None: ...', or an early return"),
    ('a `T \\| None` field assigned a `T`, read after a call', 'class C:\n    def __init__(self) -> None:\n        self.s: str | None = None\n'
     'def g() -> None:\n    pass\ndef f(c: C) -> int:\n    c.s = "a"\n    g()\n    return len(c.s)\n',
     '9:16', 'the argument of len() must be str, bytes, list or dict, not str | None',
     "test it first: 'if c.s is not None: ...', or "
     "keep the value in a local and use that: v = ...; c.s = v (a call, a loop or an assignment to any '.s' "
     "ends what is known of c.s)"),
    ('a `T \\| None` field assigned a `T` before a loop, read in it', 'class C:\n    def __init__(self) -> None:\n        self.s: str | None = None\n'
     'def f(c: C, xs: list[int]) -> int:\n    c.s = "a"\n    n = 0\n    for x in xs:\n        n += len(c.s)\n    return n\n',
     '8:18', 'the argument of len() must be str, bytes, list or dict, not str | None',
     "test it first: 'if c.s is not None: ...', or "
     "keep the value in a local and use that: v = ...; c.s = v (a call, a loop or an assignment to any '.s' "
     "ends what is known of c.s)"),
    ('a `T \\| None` field assigned a `T`, read after a store to that field of another object', 'class C:\n    def __init__(self) -> None:\n        self.s: str | None = None\n'
     'def f(c: C, d: C) -> int:\n    c.s = "a"\n    d.s = None\n    return len(c.s)\n',
     '7:16', 'the argument of len() must be str, bytes, list or dict, not str | None',
     "test it first: 'if c.s is not None: ...', or "
     "keep the value in a local and use that: v = ...; c.s = v (a call, a loop or an assignment to any '.s' "
     "ends what is known of c.s)"),
    ('a `T \\| None` field narrowed before a comprehension that calls, read in it', 'class C:\n    def __init__(self) -> None:\n        self.s: str | None = None\n'
     'def g(x: int) -> int:\n    return x\ndef f(c: C, xs: list[int]) -> list[int]:\n    c.s = "a"\n'
     '    return [len(c.s) + g(x) for x in xs]\n',
     '8:17', 'this field was narrowed before the comprehension, and code in it may change the field before '
     'the next item reads it',
     "keep the value in a local and use that: v = ...; c.s = v (a call, a loop or an assignment to any '.s' "
     "ends what is known of c.s)"),
    ('`del` of a field', 'class C:\n    x: int = 0\ndef f(c: C) -> None:\n    del c.x\n',
     '4:9', "'del' of a field is not supported",
     'assign the field a new value (e.g. None with a T | None field)'),
    ('`match`', 'def f(x: int) -> int:\n    match x:\n        case 1:\n            return 1\n    return 0\n',
     '2:5', "'match' is not supported",
     'use if/elif/else'),
    ('unpacking into `[...]`', 'def f(xs: list[int]) -> None:\n    [a, b] = xs\n',
     '2:5', 'unpacking into [...] is not supported',
     'unpack into a tuple: a, b = pair'),
    ('multi-dimensional subscript', 'def f(xs: list[int]) -> int:\n    return xs[1:2, 3]\n',
     '2:15', 'a slice is only supported alone inside [...]',
     'write x[a:b:c]'),
    ('`@` operator', 'def f(x: int) -> int:\n    return x @ 2\n',
     '2:12', 'this operator is not supported',
     'use + - * / // % ** << >> & | ^'),
    ('complex numbers', 'def f() -> None:\n    x = 1j\n',
     '2:9', 'complex numbers are not supported',
     'carry the real and imaginary parts as two floats'),
    ('`...`', 'def f() -> None:\n    ...\n',
     '2:5', "'...' is not supported",
     "write 'pass' for an empty body"),
    ('`%` formatting with a format that is not a str literal', "def f(fmt: str, x: int) -> str:\n    return fmt % x\n",
     '2:12', "'%' formatting is only supported with a constant str format",
     'use an f-string, or write the format as a literal: "%s=%d" % (k, v)'),
    ('f-string computed spec', "def f(x: int, w: int) -> str:\n    return f'{x:>{w}}'\n",
     '2:12', 'format specs must be constant',
     'write {x:>5}, not {x:>{width}}'),
    ('`is` between ints, floats, str, bytes or tuples', 'def f(x: int) -> bool:\n    return x is 1\n',
     '2:12', "'is' between int and int depends on CPython's caching of values",
     "compare values with ==; 'is' compares objects, lists, dicts, bools and None"),
    ('`raise` of a value that is not an exception', 'def f() -> None:\n    raise 5\n',
     '2:11', 'only exceptions can be raised, not int',
     'raise ValueError("...") or an instance of a subclass of Exception'),
    ('bare `raise` outside an `except` block', 'def f() -> None:\n    raise\n',
     '2:5', "a bare 'raise' re-raises the exception being handled, so it must be inside an 'except' block",
     'raise an exception: raise ValueError("...")'),
    ('keyword arguments out of parameter order to an exception class whose `__init__` does not always call '
     '`super().__init__` (CPython\'s `e.args` are the arguments passed by position)',
     'class E(Exception):\n    def __init__(self, n: int, m: int = 0) -> None:\n        self.n = n\n\n\n'
     'def f() -> None:\n    raise E(m=2, n=1)\n',
     '7:11', "E() must take its keyword arguments in parameter order here: its __init__ does not always call "
     "super().__init__, so e.args are kept as the call passes them",
     "reorder them, or call super().__init__(...) first in E.__init__"),
    ('an operation on an `Any` value that was not narrowed (`%` with an Any on the left: it could be formatting)',
     'from typing import Any\n\n\ndef f(x: Any) -> int:\n    return x % 2\n',
     '5:12', 'unsupported operand types for this operator: Any and int',
     "an Any value must be narrowed first: 'if isinstance(x, str): ...', or assigned to a variable declared "
     "with a type (checked when it runs: TypeError if it does not fit)"),
    ('an operation on a union value that was not narrowed',
     'def f(x: int | str) -> int:\n    return x + 1\n',
     '2:12', 'unsupported operand types for this operator: int | str and int',
     "a value of a union type must be narrowed first: 'if isinstance(x, str): ...', 'if x is not None: ...', "
     "or an early return"),
    ('a union of two list types',
     'def f(x: list[int] | list[str]) -> None:\n    pass\n',
     '1:10', 'a union holds at most one list type and one dict type (isinstance() could not tell them apart)',
     'use int, bool, float, str, bytes, None, list[T], dict[K, V], set[T], tuple[...], T | None or a class'),
    ('an `Any` where a union is declared',
     'from typing import Any\n\n\ndef f(x: Any) -> None:\n    y: int | str = x\n',
     '5:20', 'an Any is not converted to a union (int | str) yet',
     "narrow it with isinstance() first: 'if isinstance(x, int): ...'"),
    ('a truth test of an `Any` where a class defines `__bool__` or `__len__`',
     'from typing import Any\n\n\nclass Box:\n    def __len__(self) -> int:\n        return 0\n\n\n'
     'def f(x: Any) -> bool:\n    return not x\n',
     '10:16', "the truth of an Any is not known here: a class of this program defines __bool__ or __len__, "
     "which an Any holding one of its objects would call",
     "narrow it first: 'if isinstance(x, str) and x: ...'"),
    ('`-x`, `x[k] = v`, `x ** y`, `x & y`, ... on an `Any` where a class defines the method CPython would call',
     'from typing import Any\n\n\nclass V:\n    def __neg__(self) -> "V":\n        return self\n\n\n'
     'def f(x: Any) -> Any:\n    return -x\n',
     '10:12', "this operation on an Any is not decided here: a class of this program defines the method CPython "
     "would call on an object it holds (__setitem__, __delitem__, __neg__, __and__, ...)",
     "narrow it first: 'if isinstance(x, dict): ...' (or list, str, bytes)"),
    ('`in` or `==` on an `Any` where a class defines `__eq__` (a dataclass), `__getitem__`, `__contains__` or '
     '`__iter__` (`x[k]` by an int or str: `__getitem__`; `for`: `__iter__` or `__getitem__`)',
     'from dataclasses import dataclass\nfrom typing import Any\n\n\n@dataclass\nclass P:\n    x: int\n\n\n'
     'def f(x: Any) -> bool:\n    return "k" in x\n',
     '11:12', "this operation on an Any is not decided here: a class of this program defines __eq__, __getitem__, "
     "__contains__ or __iter__ (dataclasses define __eq__), which an Any holding one of its objects would call",
     "narrow it first: 'if isinstance(x, dict): ...' (or list, str, bytes)"),
    ('`str()` of an `Any` where a class defines `__str__`, `__repr__` or `__format__`',
     'from typing import Any\n\n\nclass P:\n    def __repr__(self) -> str:\n        return "P"\n\n\n'
     'def f(x: Any) -> str:\n    return f"{x}"\n',
     '10:15', "str() of an Any is not decided here: a class of this program defines __str__, __repr__ or "
     "__format__, which an Any holding one of its objects would call",
     "narrow it first: 'if isinstance(x, dict): ...' (or list, str, bytes)"),
    ('`<` of an `Any` where a class defines `__lt__`, `__le__`, `__gt__` or `__ge__`',
     'from typing import Any\n\n\nclass P:\n    def __lt__(self, other: "P") -> bool:\n        return True\n\n\n'
     'def f(x: Any) -> bool:\n    return x < 1\n',
     '10:12', "this comparison of an Any is not decided here: a class of this program defines __lt__, __le__, "
     "__gt__ or __ge__, which an Any holding one of its objects would call",
     "narrow it first: 'if isinstance(x, dict): ...' (or list, str, bytes)"),
    ('`+` on an `Any` where a class defines an arithmetic method (`__add__`, ...)',
     'from typing import Any\n\n\nclass V:\n    def __add__(self, other: "V") -> "V":\n        return self\n\n\n'
     'def f(x: Any) -> Any:\n    return x + 1\n',
     '10:12', "this operation on an Any is not decided here: a class of this program defines an arithmetic "
     "method (__add__, __mul__, ...), which an Any holding one of its objects would call",
     "narrow it first: 'if isinstance(x, dict): ...' (or list, str, bytes)"),
    ('a method of an `Any` that a class of the program also defines',
     'from typing import Any\n\n\nclass Box:\n    def lower(self) -> str:\n        return "b"\n\n\n'
     'def f(x: Any) -> Any:\n    return x.lower()\n',
     '10:12', "'lower' of an Any is not decided here: a class of this program defines 'lower', which an Any "
     "holding one of its objects would call",
     "narrow it (and an Any argument) first: 'if isinstance(x, str): ...' (or list, dict, bytes)"),
    ('a method of an `Any` whose arguments a kind it may hold does not take, where CPython\'s outcome '
     'depends on their values (an `Any` argument to a str method)',
     'from typing import Any\n\n\ndef f(x: Any, v: Any) -> Any:\n    return x.index(v)\n',
     '5:12', "index() of an Any is not decided here for these arguments: str.index() does not take them as "
     "they are, and what CPython does then depends on their values",
     "narrow it (and an Any argument) first: 'if isinstance(x, str): ...' (or list, dict, bytes)"),
    ('a method of an `Any` other than those of str, bytes, list and dict (`partition`, `sort`, `hex`, ...)',
     'from typing import Any\n\n\ndef f(x: Any) -> Any:\n    return x.partition(",")\n',
     '5:12', "Any has no method 'partition' in this version",
     "narrow it (and an Any argument) first: 'if isinstance(x, str): ...' (or list, dict, bytes)"),
    ('a typed container stored into an `Any`',
     'from typing import Any\n\n\ndef f(xs: list[int]) -> None:\n    x: Any = xs\n',
     '5:14', 'this value must be Any, not list[int]',
     'an Any holds list[Any] and dict[str, Any], not typed containers or tuples: build one of those'),
    ('an exception name read after an inner handler that rebound it (CPython deletes it there)',
     'def f(x: int) -> int:\n    try:\n        raise KeyError("a")\n    except KeyError as e:\n'
     '        try:\n            pass\n        except ValueError as e:\n            pass\n'
     '        return len(str(e))\n',
     '9:24', "local variable 'e' may be used before it is assigned", 'assign it on every path before this line'),
    ('keyword arguments to an exception class',
     'def f() -> None:\n    raise ValueError(message="x")\n',
     '2:11', 'ValueError() takes no keyword arguments', 'pass the arguments by position: ValueError("...")'),
    ('an object as an exception\'s argument (its text would be its own `__str__`)',
     'class C:\n    pass\n\n\ndef f(c: C) -> None:\n    raise ValueError("bad", c)\n',
     '6:29', "an exception's argument must be None, a number, str, bytes or an Any, not C",
     'pass its text: ValueError(f"...")'),
    ('`e.args` other than `e.args[i]`, `len(e.args)`, `str(e.args)` or a loop over it',
     'def f() -> int:\n    try:\n        raise ValueError("a", 1)\n    except ValueError as e:\n        t = e.args\n'
     '        return 0\n',
     '5:13', 'e.args (a tuple whose length is known only when it runs) is read here only as e.args[i], len(e.args), '
     'str(e.args) or a for loop over it, of a name bound to the exception',
     'read e.args[0], len(e.args) or str(e.args), or loop over it: for item in e.args'),
    ('a field `args` in an exception class (CPython\'s `e.args`, which `str(e)` shows)',
     'class E(Exception):\n    def __init__(self, a: int) -> None:\n        super().__init__("m")\n'
     '        self.args: tuple[str, int] = ("x", a)\n',
     '4:9', "an exception class cannot have a field 'args'",
     "name it differently: CPython's e.args are the exception's arguments, which str(e) shows"),
    ('assigning `e.args`',
     'def f() -> None:\n    try:\n        raise ValueError("a")\n    except ValueError as e:\n        e.args = ("b",)\n',
     '5:9', 'e.args cannot be assigned: CPython makes the value a tuple, which str(e) then shows',
     'raise a new exception with those arguments: raise ValueError(...) from e'),
    ('`e.__class__` other than `e.__class__.__name__`',
     'def f() -> bool:\n    try:\n        raise ValueError("a")\n    except ValueError as e:\n'
     '        return e.__class__ is ValueError\n',
     '5:16', 'e.__class__ is supported as e.__class__.__name__',
     'test the class with isinstance(e, ValueError), or read type(e).__name__'),
    ('`type(x) is C` where x may be None',
     'class C:\n    pass\n\n\ndef f(x: C | None) -> bool:\n    return type(x) is C\n',
     '6:12', 'type(x) is C is supported for an object of a class, not for C | None', 'use isinstance(x, C)'),
    ('a format spec on an exception in an f-string',
     'def f() -> str:\n    try:\n        raise ValueError("v")\n    except ValueError as e:\n        return f"{e:>10}"\n',
     '5:19', 'an exception is formatted only without a spec', 'format its text: f"{e!s:>10}"'),
    ('`e.__context__` (and `__traceback__`, `__suppress_context__`, `__notes__`)',
     'def f() -> bool:\n    try:\n        raise ValueError("x")\n    except ValueError as e:\n'
     '        return e.__context__ is None\n',
     '5:16', '__context__ of an exception is not supported: CPython sets it to the exception being handled '
     'anywhere up the call stack when this one was raised, which is not tracked',
     'chain explicitly: raise NewError(...) from e, and read e.__cause__'),
    ('`except` naming something other than an exception class',
     'def f() -> None:\n    try:\n        pass\n    except int:\n        pass\n',
     '4:12', "an 'except' clause names exception classes",
     'write except ValueError: or except (KeyError, IndexError) as e:'),
    ('code at module level', 'for i in range(3):\n    pass\n',
     '1:1', 'only imports, functions, classes, global assignments and calls are allowed at module level',
     'move this code into a function'),
    ('code in a class body', 'class C:\n    for i in range(3):\n        pass\n',
     '2:5', 'only fields, constants and methods are allowed in a class body',
     'move this code into a method, or to module level'),
    ('storing a dict view', 'def f(d: dict[str, int]) -> int:\n    ks = d.keys()\n    return len(ks)\n',
     '2:5', "a dict_keys[str] view cannot be stored: CPython's views follow later changes",
     'store a snapshot: list(d.keys()), or iterate the view directly'),
    ('non-constant default', 'def f(x: list[int] = []) -> int:\n    return 0\n',
     '1:22', 'a default value must be a constant',
     'use None as the default and build the value inside the function'),
    ("`break` outside a loop (CPython's own errors)", 'def f() -> None:\n    break\n',
     '2:5', "syntax error: 'break' outside loop",
     'CPython rejects this too: fix the syntax'),
]

# Other errors (types, names, definite assignment, syntax): (source, "line:col", message, help).
OTHER_ERRORS = [
    ('class T:\n    @property\n    def v(self) -> int:\n        return 1\ndef f(t: T) -> None:\n    t.v = 2\n',
     '6:5', "property 'v' of 'T' has no setter",
     'add one: @v.setter'),
    ('class C:\n    @staticmethod\n    def m() -> int:\n        return 1\n    def n(self) -> int:\n        return self.m()\n',
     '6:16', 'call the static method through its class: C.m(...)',
     "CPython would look it up on the object's runtime class"),
    ('def g(x: int, *, k: int = 2) -> int:\n    return x * k\ndef f() -> int:\n    return g(1, 2)\n',
     '4:12', 'g() takes 1 positional argument(s), 2 given',
     'pass k by keyword: g(..., k=...)'),
    ("def f(s: str) -> str:\n    return '%s %s' % (s,)\n",
     '2:12', 'TypeError: not enough arguments for format string',
     'supported: %s %r %a %d %i %x %X %o %f %% with flags - + space 0, a width and a precision'),
    ('from dataclasses import dataclass\n@dataclass(repr=False)\nclass D:\n    v: int\ndef f(d: D) -> str:\n'
     '    return repr(d)\n',
     '6:17', "repr() of D is not supported: CPython shows the object's address (the class defines no __repr__)",
     'define __repr__ on the class, or format the parts you need'),
    ('from dataclasses import dataclass, field\n@dataclass\nclass D:\n    v: int = field(default=1, repr=1)\n',
     '4:36', 'field(repr=...) takes True or False here', 'write repr=False'),
    ('from typing import NamedTuple\nP = NamedTuple("P", [("x", int)])\n',
     '2:5', 'NamedTuple(...) is not supported', 'write a class: class P(NamedTuple): x: int'),
    ('from typing import NamedTuple\nclass E(NamedTuple):\n    pass\n',
     '2:1', 'a NamedTuple class without fields is not supported', 'declare its fields: name: type'),
    ('from typing import NamedTuple\nclass E(NamedTuple):\n    _x: int\n',
     '3:5', "field names cannot start with an underscore: '_x'", 'CPython raises ValueError: rename the field'),
    ('from typing import NamedTuple\nclass E(NamedTuple):\n    x: int\n    def __init__(self, x: int) -> None:\n'
     '        pass\n',
     '4:5', 'a NamedTuple class cannot define __init__ here',
     'CPython builds it from the fields: add a function or classmethod that makes one'),
    ('from typing import NamedTuple\nclass E(NamedTuple):\n    x: list[int] = []\n',
     '3:20', 'a NamedTuple field default must be a constant',
     'CPython would share this one object between all the instances: build it where you make one'),
    ('from dataclasses import dataclass\nfrom typing import NamedTuple\n@dataclass\nclass E(NamedTuple):\n    x: int\n',
     '3:2', 'a NamedTuple class takes no decorators', 'use either NamedTuple or @dataclass'),
    ('from typing import NamedTuple\nclass P(NamedTuple):\n    x: int\n    y: str = "a"\ndef f(u: P | int) -> bool:\n    return isinstance(u, tuple)\n',
     '6:12', 'isinstance(x, tuple) of a P | int is not supported here',
     "test the NamedTuple's own class: isinstance(x, P)"),
    ('from typing import NamedTuple\nclass P(NamedTuple):\n    x: int\n    y: str = "a"\ndef f(p: P) -> P:\n    return p._replace(z=1)\n',
     '6:12', "Got unexpected field names: ['z']", 'CPython raises ValueError: the fields are x, y'),
    ('from typing import NamedTuple\nclass P(NamedTuple):\n    x: int\n    y: str = "a"\ndef f(p: P) -> P:\n    return p._replace(1)\n',
     '6:23', '_replace() takes the fields by keyword only', 'write p._replace(name=value)'),
    ('class S:\n    def __str__(self) -> str:\n        return "s"\ndef f(s: S) -> str:\n    return f"{s:>5}"\n',
     '5:15', 'unsupported format string passed to S.__format__',
     'CPython raises TypeError: format the text instead: f"{str(x):>10}"'),
    ("class C:\n    pass\ndef f(x: list[C]) -> str:\n    return f'{x!r}'\n",
     '4:15', "repr() of list[C] is not supported: CPython shows the object's address (the class defines no __repr__)",
     'define __repr__ on the class, or format the parts you need'),
    ('def f() -> int:\n    x = 1\n    del x\n    return x\n',
     '4:12', "local variable 'x' may be used before it is assigned",
     'assign it on every path before this line'),
    ('def f() -> None:\n    for i in range(3):\n        x = i\n        del x\n',
     '4:13', "'del' of a variable inside a loop or 'try' is not supported",
     'assign it a new value, or let it go out of scope'),
    ('def f(xs: list[int]) -> None:\n    xs[1:2] = [1.5]\n',
     '2:5', 'a slice of list[int] can only be assigned a list[int], not list[float]',
     'build a list of the same type'),
    ('def f(xs: list[int]) -> int:\n    return len([x for x in xs if (x := 1)])\n',
     '2:35', "syntax error: assignment expression cannot rebind comprehension iteration variable 'x'",
     'CPython rejects this too: fix the syntax'),
    ('def f(xs: list[int]) -> int:\n    return len([x for x in (ys := xs)])\n',
     '2:29', 'syntax error: assignment expression cannot be used in a comprehension iterable expression',
     'CPython rejects this too: fix the syntax'),
    ('X = (y := 3)\n',
     '1:6', "the walrus operator ':=' is only supported inside functions",
     'assign the global on its own line first'),
    ('def f(flag: bool) -> int:\n    if flag and (y := 2) > 1:\n        return 1\n    return y\n',
     '4:12', "local variable 'y' may be used before it is assigned",
     'assign it on every path before this line'),
    ('def f(rows: list[list[int]]) -> int:\n    return len([x for r in rows if x for x in r])\n',
     '2:36', "local variable 'x' may be used before it is assigned",
     'assign it on every path before this line'),
    ('def f() -> int:\n    d = {k: 1 for k in range(3)}\n    return k\n',
     '3:12', "local variable 'k' may be used before it is assigned",
     'assign it on every path before this line'),
    ('def f(x: int) -> int:\n    return x / 2\n',
     '2:5', "function 'f' returns int, not float",
     'use // for floor division, or convert explicitly with int(...)'),
    ('def f(x) -> int:\n    return 0\n',
     '1:7', "parameter 'x' needs a type annotation",
     "write 'x: int'"),
    ('def f(x: set[float]) -> int:\n    return 0\n',
     '1:10', 'set items must be int, bool, str or bytes',
     'use int, bool, float, str, bytes, None, list[T], dict[K, V], set[T], tuple[...], T | None or a class'),
    ('def f(x: float) -> int:\n    return len({x})\n',
     '2:16', 'set items must be int, bool, str or bytes, not float',
     'a set holds int, bool, str or bytes items: convert them, or keep them in a list'),
    ('def f(a: set[int], b: set[str]) -> bool:\n    return a == b\n',
     '2:12', 'cannot compare set[int] with set[str]',
     'compare sets of the same item type'),
    ('def f() -> int:\n    return y\n',
     '2:12', "name 'y' is not defined",
     "define it, or import it with 'from module import name'"),
    ('def f(c: bool) -> int:\n    if c:\n        x = 1\n    return x\n',
     '4:12', "local variable 'x' may be used before it is assigned",
     'assign it on every path before this line'),
    ('def f(c: bool) -> int:\n    if c:\n        return 1\n',
     '1:1', "function 'f' can reach its end without returning a int",
     'add a return statement at the end'),
    ('def f() -> int:\n    return True\n',
     '2:5', "function 'f' returns int, not bool",
     'convert explicitly with int(...)'),
    ("def f() -> int:\n    x = 1\n    x = b'a'\n    return x\n",
     '3:5', "'x' has type int, cannot assign a bytes",
     'use a new variable for a value of another type'),
    ("def f(c: bool, a: list[int], b: list[str]) -> None:\n    x = a if c else b\n",
     '2:9', 'both branches must have the same type, not list[int] and list[str]',
     'convert one branch, or assign in an if/else statement'),
    ("def f() -> int:\n    return 1 if True else b'x'\n",
     '2:5', "function 'f' returns int, not int | bytes",
     "a value of a union type must be narrowed first: 'if isinstance(x, str): ...', 'if x is not None: ...', "
     "or an early return"),
    ('def f(a: list[int], b: list[str]) -> None:\n    x = a or b\n',
     '2:9', "'and'/'or' operands of different types give a value of either type",
     "for a default write 'x or default' with x: T | None and default: T; "
     "else test explicitly: 'a if a else b', or 'x != 0 and flag' in a condition"),
    ('X = undefined_name\n',
     '1:5', "name 'undefined_name' is not defined",
     "define it, or import it with 'from module import name'"),
    ('def f() -> int:\n    for x in 5:\n        pass\n    return 0\n',
     '2:14', 'cannot iterate over int',
     'iterate over range(), a list, str, bytes or dict'),
    ('def f() -> int:\n    return g(1)\ndef g(a: int, b: int) -> int:\n    return a\n',
     '2:12', "g() is missing the argument 'b'",
     'pass it: g(..., b=...)'),
    ('def f() -> int:\n    return len(1)\n',
     '2:16', 'the argument of len() must be str, bytes, list or dict, not int',
     'len() counts the items of a str, bytes, list or dict'),
    ('def f(x: int) -> int:\n    return x.real\n',
     '2:12', "int values have no attribute 'real' here",
     'call methods directly, e.g. s.strip()'),
    ('def f(x: int) -> int:\n    return range(x)\n',
     '2:12', 'range() can only be used as the iterable of a for loop',
     "write 'for i in range(...):'"),
    ('def f() -> int:\n    return f(1=2)\n',
     '2:14', 'syntax error: expression cannot contain assignment, perhaps you meant "=="?',
     'CPython rejects this too: fix the syntax'),
    ('def f() -> None:\n    for i, j in range(3):\n        pass\n',
     '2:9', 'cannot unpack int into 2 names',
     'unpack a tuple with exactly that many items'),
    ('def f(x: int, e: int) -> int:\n    return x ** e\n',
     '2:17', 'the exponent of int ** int may be negative here, and CPython then returns a float',
     "CPython's int ** int is a float when the exponent is negative: use an exponent known to be >= 0 "
     "(a constant, len(...), abs(e), e % n), or write 1 / x ** k for a negative power"),
    ('def f(x: int) -> float:\n    return x ** -2\n',
     '2:12', "int ** negative int gives a float from the C library's pow(), which cannot be reproduced exactly here",
     "CPython's int ** int is a float when the exponent is negative: use an exponent known to be >= 0 "
     "(a constant, len(...), abs(e), e % n), or write 1 / x ** k for a negative power"),
    ('def f() -> int:\n    return len("a\\udc80")\n',
     '2:16', 'a str holding a lone surrogate (U+D800..U+DFFF) is not supported: compiled str is UTF-8',
     'keep data that is not text in bytes'),
    ('def g() -> str:\n    return ","\ndef f(s: str) -> int:\n    return len(s.split(maxsplit=1, sep=g()))\n',
     '4:40', 'the arguments of split() must be passed in parameter order here',
     'CPython evaluates them left to right: reorder the keyword arguments, or compute this one into a variable first'),
    ('class C:\n    def __init__(self) -> None:\n        self.v: int | None = 1\n    def reset(self) -> None:\n'
     '        self.v = None\n    def get(self) -> int:\n        if self.v is not None:\n            self.reset()\n'
     '            return self.v\n        return 0\n',
     '9:13', "function 'get' returns int, not int | None",
     'check for None first: if x is not None: ...'),
    ('from dataclasses import dataclass\n@dataclass\nclass D:\n    items: list[int] = []\n',
     '4:24', "mutable default <class 'list'> for field items is not allowed: use default_factory",
     'write: items: list[int] = field(default_factory=list)'),
    ('from dataclasses import field\nclass D:\n    items: list[int] = field(default_factory=list)\n',
     '3:24', 'field() only describes a field of a @dataclass',
     'give the field a plain default'),
    ('from dataclasses import dataclass\n@dataclass(frozen=True)\nclass P:\n    x: int\ndef f(p: P) -> None:\n    p.x = 1\n',
     '6:5', "cannot assign to field 'x': P is a frozen dataclass",
     'CPython raises dataclasses.FrozenInstanceError: make a new object with dataclasses.replace-style '
     'construction, or drop frozen=True'),
    ('from dataclasses import dataclass\n@dataclass(frozen=True)\nclass P:\n    x: int\n@dataclass\nclass Q(P):\n    y: int\n',
     '6:1', 'cannot inherit non-frozen dataclass from a frozen one', 'CPython raises TypeError here'),
    ('from dataclasses import dataclass, field\n@dataclass\nclass P:\n    x: list[int] = field(default_factory=lambda n: [n])\n',
     '4:42', 'default_factory must take no arguments', 'CPython calls it with none and raises TypeError'),
    ('from dataclasses import dataclass\n@dataclass(order=True, eq=False)\nclass P:\n    x: int\n',
     '2:2', 'eq must be true if order is true', 'CPython raises ValueError here'),
    ('class C:\n    @classmethod\n    def m(cls) -> int:\n        return 1\nclass D(C):\n    @classmethod\n'
     '    def m(cls) -> str:\n        return "d"\ndef f(c: C) -> int:\n    return c.m()\n',
     '10:12', 'D.m has another signature than C.m',
     'call the classmethod through a class, or keep the same parameter and result types'),
    ('from dataclasses import dataclass\n@dataclass(order=True)\nclass V:\n    major: int\nclass W(V):\n    pass\n',
     '5:1', 'a subclass of the order=True dataclass V must be @dataclass(order=True) too',
     "CPython would compare it with the base's methods, which refuse other classes"),
    ('class M:\n    def __init__(self, c: int) -> None:\n        self.c = c\ndef f(a: M, b: M) -> bool:\n    return a < b\n',
     '5:12', "'<' not supported between instances of 'M' and 'M'",
     'CPython raises TypeError: define __lt__ (and friends) or use @dataclass(order=True)'),
    ('class M:\n    def __lt__(self, other: "M") -> bool:\n        return True\nclass N(M):\n    pass\n'
     'def f(a: M, b: M) -> bool:\n    return a < b\n',
     '7:12', "'<' between M objects is only supported for a class without subclasses",
     "CPython would choose the method by the operands' runtime classes"),
    ('from enum import Enum\nclass C(Enum):\n    A = 1\n    B = 2\n'
     'def f() -> None:\n    C.A.value = 3\n',
     '6:5', "cannot assign to 'value' of a member of the Enum C",
     'CPython raises AttributeError: members are constants'),
    ('from enum import Enum\nclass C(Enum):\n    A = 1\n    B = 2\n' 'class D(C):\n    pass\n',
     '5:9', 'C is an Enum and cannot be subclassed', 'CPython raises TypeError'),
    ('from enum import Enum\nclass E(Enum):\n    A = 1\n    B = 1\n',
     '4:5', 'B is an alias (its value 1 is taken)', 'give each member its own value'),
    ('from enum import Enum\nclass E(Enum):\n    A = 1\n    B = "b"\n',
     '2:1', 'Enum values must be all int or all str here',
     'use one kind of value (write numbers as str, or codes as int)'),
    ('class A:\n    K = 1\nclass B(A):\n    K = "one"\n',
     '4:5', "class constant 'K' is int in A and cannot become str here",
     'give it a int value'),
    # collections (sema/collections_types.py)
    ('from collections import defaultdict\ndef f() -> None:\n    d: defaultdict[str, int] = defaultdict(lambda: 1)\n',
     '3:44', 'the factory of a defaultdict[str, int] must be int',
     'a lambda, a function or another type as the factory is not available yet'),
    ('from collections import defaultdict\ndef f() -> None:\n    d: dict[str, int] = defaultdict(int)\n',
     '3:25', 'the type of this defaultdict is not known', 'a defaultdict is not a plain dict here (d[k] inserts): '
     'annotate it as defaultdict[K, V], where it is made and where it is passed'),
    ('from collections import defaultdict\ndef f() -> None:\n    d: defaultdict[str, int] = {}\n',
     '3:32', 'a {} literal is a plain dict, not a defaultdict[str, int]', 'make one with defaultdict(...)'),
    ('from collections import defaultdict\ndef g(d: dict[str, int]) -> None:\n    pass\n'
     'def f(d: defaultdict[str, int]) -> None:\n    g(d)\n',
     '5:7', "argument 'd' of g() must be dict[str, int], not defaultdict[str, int]",
     'a defaultdict[str, int] is not a plain dict here (d[k] and repr differ): pass dict(d), a plain copy, '
     'or annotate it as defaultdict[str, int]'),
    ('from collections import namedtuple\n', '1:1', 'collections.namedtuple is not available yet',
     'write a class: from typing import NamedTuple; class P(NamedTuple): x: int'),
    ('from collections import ChainMap\n', '1:1', 'collections.ChainMap is not available yet',
     'see docs/stdlib.md for what collections has'),
    ('from collections import defaultdict\ndef f(d: defaultdict[str, tuple[int, int]]) -> None:\n    pass\n',
     '2:10', 'a defaultdict of tuple[int, int] values is not available yet', 'its values may be int, float, bool, '
     'str, bytes, list[T], set[T] or dict[K, V] (the factory is their type)'),
    ('from collections import Counter\ndef f(a: Counter[str], b: Counter[str]) -> None:\n    c = a + b\n',
     '3:9', 'Counter arithmetic (+, -, &, |) is not available yet',
     'loop over the counts: for k, n in b.items(): a[k] += n'),
    ('from collections import Counter\ndef f(a: Counter[str], b: Counter[str]) -> bool:\n    return a == b\n',
     '3:12', 'comparing Counter[str] values is not available yet', 'compare dict(a) == dict(b), or the parts you need'),
    ('from collections import OrderedDict\ndef f(a: OrderedDict[str, int], b: OrderedDict[str, int]) -> bool:\n'
     '    return a == b\n', '3:12', 'comparing OrderedDict[str, int] values is not available yet',
     'compare dict(a) == dict(b), or the parts you need'),
    ('from collections import OrderedDict\ndef f() -> None:\n    od = OrderedDict()\n',
     '3:10', 'the type of this OrderedDict is not known', 'annotate it: od: OrderedDict[str, int] = OrderedDict()'),
    ('from collections import OrderedDict\ndef f(a: OrderedDict[str, int]) -> None:\n    a.move_to_end("k", first=True)\n',
     '3:5', 'move_to_end() takes key, last here', 'write od.move_to_end(key, last=False)'),
    ('from collections import Counter\ndef f(a: Counter[str]) -> None:\n    a.subtract(["x"])\n',
     '3:5', 'Counter.subtract() is not available yet', 'loop over c.items()'),
    ('from collections import Counter\ndef f() -> None:\n    c = Counter()\n',
     '3:9', 'the type of this Counter is not known', 'annotate it: counts: Counter[str] = Counter()'),
    ('from collections import Counter\ndef f(s: str) -> None:\n    c = Counter(s)\n',
     '3:17', 'Counter() of str is not available yet', 'count its characters: Counter(list(s))'),
    ('from collections import Counter\ndef f(a: Counter[str]) -> None:\n    a.update({"x": 1})\n',
     '3:14', 'update() of a Counter[str] takes a list of str or a Counter[str] here, not dict[str, int]',
     'pass a Counter, or loop: for k, n in d.items(): c[k] += n'),
]

GOLDEN = [case[1:] for case in CONSTRUCTS] + OTHER_ERRORS
IDS = [case[0] for case in CONSTRUCTS] + [case[2][:50] for case in OTHER_ERRORS]


def compile_error(tmp_path: Path, source: str) -> CompileError:
    path = tmp_path / "prog.py"
    path.write_text(source)
    with pytest.raises(CompileError) as info:
        compile_file(path)
    return info.value


@pytest.mark.parametrize("source,position,message,help", GOLDEN, ids=IDS)
def test_golden_diagnostic(tmp_path, source, position, message, help):
    first = compile_error(tmp_path, source).diagnostics[0]
    lines = first.render().splitlines()
    assert lines[0] == f"{first.loc.path}:{position}: error: {message}"
    assert lines[-1] == f"help: {help}", "every diagnostic says what to write instead"
    assert help, "every diagnostic says what to write instead"


def test_all_errors_of_a_function_are_reported_together(tmp_path):
    err = compile_error(tmp_path, "def f() -> int:\n    a = 1 @ 2\n    b = lambda x: x\n    return 0\n")
    assert [d.loc.line for d in err.diagnostics] == [2, 3]


UNTYPED_CASCADE = """\
def f(s: str) -> int:
    head, sep, tail = s.translate(",")
    x = len(head) + len(tail)
    if sep:
        x += 1
    y: int = 2
    return x + len(head) + y + z
"""


def test_a_refused_assignment_is_reported_once_not_at_each_use(tmp_path):
    """One refused method call (``str.partition`` once, ``str.translate`` now) gave 10 "may be used
    before it is assigned" errors for the names it would have assigned, and for what was computed
    from them. Other errors stay."""
    err = compile_error(tmp_path, UNTYPED_CASCADE)
    assert [d.loc.line for d in err.diagnostics] == [2]
    err = compile_error(tmp_path, UNTYPED_CASCADE.replace("y: int = 2", "y: int = 'a'"))
    assert [d.loc.line for d in err.diagnostics] == [2, 6]
    assert "may be used before" not in str(err)


def test_a_refused_assignment_does_not_make_a_later_none_unknown(tmp_path):
    """``x = json.loads(data, cls=...)`` refused, then ``x = None`` in a handler: one error, at the first."""
    source = ("import json\n\n\ndef f(data: bytes) -> bool:\n    try:\n        config = json.loads(data, cls=None)\n"
              "    except ValueError:\n        config = None\n    return isinstance(config, dict)\n")
    err = compile_error(tmp_path, source)
    assert [d.loc.line for d in err.diagnostics] == [6]


def test_rendering_shows_source_line_caret_and_help(tmp_path):
    err = compile_error(tmp_path, "def f(x: int) -> int:\n    return x @ 2\n")
    lines = str(err).splitlines()
    assert lines[1].strip() == "return x @ 2"
    assert lines[2].strip() == "^^^^^"
    assert lines[3].startswith("help: use + - * /")


def test_build_cli_prints_location_and_exits_1(tmp_path):
    source = tmp_path / "bad.py"
    source.write_text(textwrap.dedent("""\
        def f(x: int) -> int:
            return x @ 2
        """))
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), str(source), "-o", str(tmp_path / "o.wasm")],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("bad.py:2:12: error: this operator is not supported")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "o.wasm").exists()


def test_build_cli_writes_module_and_wat(tmp_path):
    source = tmp_path / "ok.py"
    source.write_text("from abi import export\n\n@export\ndef answer() -> int:\n    return 42\n")
    out = tmp_path / "ok.wasm"
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), str(source), "-o", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:4] == b"\x00asm"
    v8_validation.record_file(out)  # built in a subprocess
    wat = subprocess.run([sys.executable, str(ROOT / "build.py"), str(source), "--wat"],
                         capture_output=True, text=True)
    assert '(func $ok.answer (export "answer")' in wat.stdout


# -- the docs table -----------------------------------------------------------------------

TABLE_BEGIN = "<!-- unsupported-constructs: begin (generated) -->\n"
TABLE_END = "<!-- unsupported-constructs: end -->\n"


def docs_table() -> str:
    """The table of unsupported constructs for docs/language.md, from CONSTRUCTS."""
    cell = lambda text: text.replace("|", "\\|")  # noqa: E731
    rows = ["| construct | error | help |", "|---|---|---|"]
    rows += [f"| {label} | `{cell(message)}` | `{cell(help)}` |" for label, _, _, message, help in CONSTRUCTS]
    return "\n".join(rows) + "\n"


def test_docs_table_matches_golden_cases():
    text = LANGUAGE_DOC.read_text()
    before, rest = text.split(TABLE_BEGIN)
    _, after = rest.split(TABLE_END)
    expected = before + TABLE_BEGIN + docs_table() + TABLE_END + after
    if os.environ.get("UPDATE_DOCS") == "1":
        LANGUAGE_DOC.write_text(expected)
    assert text == expected, "docs/language.md's table of unsupported constructs is stale: rerun with UPDATE_DOCS=1"


# -- no construct crashes the compiler ----------------------------------------------------

# Valid Python outside the subset, as statements; each is compiled in every context below.
CORPUS = [
    "try:\n    x = 1\nexcept ValueError as e:\n    x = 2\nelse:\n    x = 3\nfinally:\n    x = 4",
    "try:\n    pass\nexcept* ValueError:\n    pass", "with open('f') as a, open('g') as b:\n    pass",
    "x = [y for y in range(3) if (z := y)]", "x = (lambda a, *b, **c: a)(1)", "x = {1: 2, **{}}",
    "def g(*, a: int = 1) -> int:\n    return a", "class K(object, metaclass=type):\n    pass",
    "x = [*range(3)]", "a, *b = 1, 2, 3", "x = (yield)", "del x, y", "del x[1:2], x.a",
    "global q\nq = 1", "nonlocal q", "import os.path as p", "from . import m", "from .. m import n",
    "match 1:\n    case [a, *b] if a:\n        pass\n    case {'k': v}:\n        pass\n    case _:\n        pass",
    "x = 1 if 2 else 3j", "x = ...", "x = b'a' % 1", "x = 'a' 'b' f'{1!a:{2}}'", "x = {1, 2} | {3}",
    "x = not ()", "x = ()[0]", "x = [][1:2:3, 4]", "x = 1 < 2 is not 3 in 4", "x = -~+1 ** -1.5",
    "x = 10 ** 30", "x = 0x" + "f" * 20, "x = 1_000_000_000_000_000_000_000", "x = int('9' * 30)",
    "assert 1, 2", "raise ValueError from KeyError()", "raise", "x: 'List[int]' = []",
    "x = f(*a, **k)", "print(end='')", "x = eval('1') + exec('2')", "x = __import__('os')",
    "x = super().m()", "x = type(1)", "x = [1][::0]", "for x, *y in []:\n    pass",
    "while (n := 1):\n    break", "async def g() -> None:\n    async with a:\n        await b",
    "@property\ndef g() -> int:\n    return 1", "x = {k: v for k, v in {}.items()}",
    "x = sum(i for i in range(3))", "x: int\nx += 1", "x = [1, 'a', b'']", "x = (1,) * 3",
    "x = {}[[]]", "x = {[]: 1}", "x = len", "x = print", "x = None + None", "x = None()",
    "x = 1 .real", "x = 'a'.format(1)", "x = [].sort(key=len)", "x = sorted([], reverse=True)",
    "x: list = []", "x: dict[list[int], int] = {}", "x: tuple[int, ...] = ()", "x: 'Undefined' = 1",
]
# Every snippet runs at module level, and in one of the nested contexts (in turn: keeps it quick).
# The module keeps an export: a module with none hits a known bug (test_found_bugs.py).
MODULE = "from abi import export\n{code}\n\n\n@export\ndef main() -> int:\n    return 0\n"
NESTED = {
    "function": "def f() -> None:\n{indented}\n",
    "loop": "def f() -> None:\n    for i in range(2):\n{indented2}\n",
    "method": "class C:\n    def m(self) -> None:\n{indented2}\n",
}
CONTEXTS = {"module": MODULE, **NESTED}


def in_context(context: str, code: str) -> str:
    indent = lambda text, by: "\n".join(" " * by + line for line in text.splitlines())  # noqa: E731
    return CONTEXTS[context].format(code=code, indented=indent(code, 4), indented2=indent(code, 8))


def snippets(context: str) -> list[str]:
    if context == "module":
        return CORPUS
    turn = list(NESTED).index(context)
    return CORPUS[turn::len(NESTED)]


@pytest.mark.parametrize("context", CONTEXTS)
def test_no_construct_crashes_the_compiler(tmp_path, context):
    """Every snippet is a CompileError (or compiles); never another exception or an internal error."""
    crashes = []
    for code in snippets(context):
        path = tmp_path / "prog.py"
        path.write_text(in_context(context, code))
        try:
            compile_file(path)
        except CompileError as err:
            if "internal compiler error" in str(err) or "nests too deeply" in str(err):
                crashes.append(f"{code!r}: {err.diagnostics[0].message}")
        except Exception as err:  # noqa: BLE001  (exactly what this test is about)
            crashes.append(f"{code!r}: {type(err).__name__}: {err}")
    assert not crashes, "\n".join(crashes)
