"""What ends the narrowing of a T | None field (sema/field_narrowing.py): each program below reads
``n.s`` as a ``str`` after code that may have assigned it None, so it must be refused at that
read (CPython would raise TypeError there; compiled, a None read as a str would be garbage).
Each compiles if that way of ending the narrowing is missed (the function value, and/or, and
object-field truth cases did before sema/field_narrowing.py, through ``is not None``)."""
import textwrap

import pytest

from compiler import CompileError, compile_file

HEAD = '''
from abi.intrinsics import store_u8

class N:
    def __init__(self) -> None:
        self.s: str | None = "x"
        self.child: N | None = None

    def __bool__(self) -> bool:
        self.s = None
        return True

    def __eq__(self, other: "N") -> bool:
        self.s = None
        return True

    @property
    def size(self) -> int:
        self.s = None
        return 1

def drop(n: N) -> bool:
    n.s = None
    return True

def f(n: N, a: int) -> int:
'''

# (body of f, the line (counted in the body, from 1) of the read that must be refused)
ENDED = {
    "function value": ("h = drop\nif n.s is not None:\n    h(n)\n    return len(n.s)\nreturn 0", 4),
    "key= calling": ('n.s = "a"\nxs = sorted([1, 2], key=lambda x: int(drop(n)) + x)\nreturn len(n.s)', 3),
    "and, then a call": ("if n.s is not None and drop(n):\n    return len(n.s)\nreturn 0", 2),
    "or, then a call": ("if n.s is None or not drop(n):\n    return 0\nreturn len(n.s)", 3),
    "call in a conditional branch": ('n.s = "a"\nk = drop(n) if a else False\nreturn len(n.s)', 3),
    "call in an operand of and": ('n.s = "a"\nk = a > 0 and drop(n)\nreturn len(n.s)', 3),
    "call in a comprehension": ('n.s = "a"\nk = [drop(n) for i in range(2)]\nreturn len(n.s)', 3),
    "read in a comprehension before a call": ('n.s = "a"\nk = [len(n.s) + int(drop(n)) for i in range(2)]\nreturn 0', 2),
    "truth test of an object": ('n.s = "a"\nif n:\n    return len(n.s)\nreturn 0', 3),
    "truth test narrowing an object field": ("if n.child:\n    return len(n.child.s or '')\nreturn 0", 2),
    "== of objects": ('n.s = "a"\nk = n == N()\nreturn len(n.s)', 3),
    "index() of objects": ('n.s = "a"\nk = [n].index(n)\nreturn len(n.s)', 3),
    "property getter": ('n.s = "a"\nk = n.size\nreturn len(n.s)', 3),
    "memory store": ('n.s = "a"\nstore_u8(0, 0)\nreturn len(n.s)', 3),
    "except handler": ('try:\n    n.s = "a"\n    drop(n)\nexcept ValueError:\n    return len(n.s)\nreturn 0', 5),
    "holder reassigned": ('if n.s is not None:\n    n = N()\n    return len(n.s)\nreturn 0', 3),
}


@pytest.mark.parametrize("name", list(ENDED))
def test_narrowing_ends(tmp_path, name):
    body, line = ENDED[name]
    path = tmp_path / "prog.py"
    path.write_text(HEAD + textwrap.indent(body, "    ") + "\n")
    with pytest.raises(CompileError) as info:
        compile_file(path)
    first = info.value.diagnostics[0]
    assert first.loc.line == HEAD.count("\n") + line, first.render()
    assert "None" in first.message or "narrowed before the comprehension" in first.message, first.render()


def test_arguments_are_read_before_the_call(tmp_path):
    path = tmp_path / "prog.py"
    path.write_text(HEAD + '    n.s = "a"\n    k = drop(n) and len(n.s or "") > 0\n    n.s = str(a)\n'
                    '    return len(n.s) + int(k) + len(str(drop(n))) if drop(n) else len(n.s)\n')
    with pytest.raises(CompileError) as info:  # the else branch: drop(n) in the test ran before
        compile_file(path)
    assert info.value.diagnostics[0].loc.line == HEAD.count("\n") + 4
    path.write_text(HEAD + '    n.s = str(a)\n    return len(n.s) + int(drop(n))\n')
    try:
        assert compile_file(path)
    except CompileError as err:  # without the compiler's deep traceback (slow to render)
        raise AssertionError(err.diagnostics[0].render()) from None


def test_a_property_cannot_take_a_fields_name(tmp_path):
    """CPython's property of a subclass takes the field's place (``o.s = v`` runs the setter), so
    a store to the field could not be trusted, nor narrow it: refused."""
    path = tmp_path / "prog.py"
    path.write_text('class A:\n    def __init__(self) -> None:\n        self.s: str | None = "x"\n'
                    'class B(A):\n    @property\n    def s(self) -> str | None:\n        return None\n'
                    '    @s.setter\n    def s(self, v: str | None) -> None:\n        pass\n')
    with pytest.raises(CompileError) as info:
        compile_file(path)
    assert info.value.diagnostics[0].message == "'s' is both a field and a property of 'B'"
