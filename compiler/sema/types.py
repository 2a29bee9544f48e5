"""Type relations shared by the checker passes: annotations, assignability, equality kinds."""
from __future__ import annotations

import ast as py_ast

from ..diagnostics import Diagnostic
from ..program import (ANY, BOOL, BYTEARRAY, BYTES, MEMORYVIEW, FLOAT, INT, NONE, STR, TYPE, Builtin, ClassInfo, ClassType, CounterType, DequeType, DictType,
                       ListType, OptionalType, OrderedDictType, SetType, SourceModule, TupleType, Type, UnionType, VarTupleType,
                       ViewType, dict_of, list_of, members_of, set_of, tuple_of, union_of,
                       var_tuple_of)

SCALARS = {"int": INT, "bool": BOOL, "float": FLOAT, "str": STR, "bytes": BYTES}
KEY_TYPES = (INT, STR, BYTES)


class TypeError_(Exception):
    """A located problem found while resolving or relating types."""

    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic


def class_type(info: ClassInfo) -> ClassType:
    return ClassType(info.name, "i32", True, info)


def annotation(module: SourceModule, py_node: py_ast.AST | None) -> tuple[Type, str | None]:
    """(source type, boundary wasm type) of an annotation; ``i32`` is an int carried as i32."""
    if py_node is None or (isinstance(py_node, py_ast.Constant) and py_node.value is None):
        return NONE, None
    if isinstance(py_node, py_ast.Name):
        sym = module.namespace.get(py_node.id)
        if isinstance(sym, Builtin) and sym.name in ("abi.i32", "abi.i64"):
            return INT, sym.name[-3:]
    ty = resolve(module, py_node)
    return ty, ty.wasm


def resolve(module: SourceModule, py_node: py_ast.AST) -> Type:
    def fail(message: str = "unsupported type annotation") -> TypeError_:
        return TypeError_(Diagnostic(module.loc(py_node), message,
                                     "use int, bool, float, str, bytes, None, list[T], dict[K, V], "
                                     "set[T], tuple[...], T | None or a class"))
    if isinstance(py_node, py_ast.Constant) and py_node.value is None:
        return NONE
    if isinstance(py_node, py_ast.Constant) and isinstance(py_node.value, str):
        try:
            return resolve(module, py_ast.parse(py_node.value, mode="eval").body)
        except SyntaxError:
            raise fail() from None
    if isinstance(py_node, py_ast.Name):
        sym = module.namespace.get(py_node.id)
        if isinstance(sym, ClassInfo):
            return class_type(sym)
        if sym is None and py_node.id in SCALARS:
            return SCALARS[py_node.id]
        if sym is None and py_node.id in ("bytearray", "memoryview"):
            return BYTEARRAY if py_node.id == "bytearray" else MEMORYVIEW  # sema/bytearrays.py, memoryviews.py
        if sym is None and py_node.id == "type":
            return TYPE  # a class as a value (sema/type_values.py)
        if (sym is None and py_node.id == "object") or sym == Builtin("typing.Any"):
            return ANY
        if isinstance(sym, Builtin) and sym.name in ("abi.i32", "abi.i64"):
            return INT
        bare = builtin_generic_name(module, py_node.id)
        if (sym is None or bare != py_node.id) and bare in ("list", "dict"):  # untyped: what an Any holds
            return list_of(ANY) if bare == "list" else dict_of(STR, ANY)
        raise fail(f"'{py_node.id}' is not a type")
    if isinstance(py_node, py_ast.BinOp) and isinstance(py_node.op, py_ast.BitOr):
        return _union(module, [py_node.left, py_node.right], fail)
    if isinstance(py_node, py_ast.Subscript) and isinstance(py_node.value, py_ast.Name):
        return _generic(module, py_node, fail)
    raise fail()


# typing's aliases of the builtin generics: List[int] is list[int].
TYPING_ALIASES = {"typing.List": "list", "typing.Dict": "dict", "typing.Set": "set",
                  "typing.FrozenSet": "frozenset", "typing.Tuple": "tuple"}


def builtin_generic_name(module: SourceModule, name: str) -> str:
    """``list`` for a name bound to typing.List (and so on), else the name itself."""
    sym = module.namespace.get(name)
    return TYPING_ALIASES.get(sym.name, name) if isinstance(sym, Builtin) else name


def _generic(module: SourceModule, py_node: py_ast.Subscript, fail) -> Type:
    name = builtin_generic_name(module, py_node.value.id)
    args = py_node.slice.elts if isinstance(py_node.slice, py_ast.Tuple) else [py_node.slice]
    if isinstance(module.namespace.get(name), Builtin) and module.namespace[name].name == "typing.Optional":
        if len(args) != 1:
            raise fail("Optional takes one type")
        return _union(module, [args[0], py_ast.Constant(value=None)], fail)
    if isinstance(module.namespace.get(name), Builtin) and module.namespace[name].name == "typing.Union":
        return _union(module, args, fail)
    from .callables import is_callable_annotation, resolve_callable  # callables builds on types
    if is_callable_annotation(module, name):
        return resolve_callable(module, py_node, resolve, fail)
    sym = module.namespace.get(name)
    if isinstance(sym, Builtin) and sym.name.startswith("collections."):  # defaultdict[K, V], Counter[K]
        from .collections_types import collections_annotation
        return collections_annotation(sym, [resolve(module, a) for a in args],
                                      lambda message, help: TypeError_(Diagnostic(module.loc(py_node), message, help)))
    if name == py_node.value.id and name in module.namespace:
        from .re_annotations import generic_re_class
        pattern = generic_re_class(module.namespace[name], args, lambda a: resolve(module, a))  # re.Pattern[str]
        if pattern is None:
            raise fail()
        return pattern
    types = [resolve(module, a) for a in args if not (isinstance(a, py_ast.Constant) and a.value is Ellipsis)]
    if name == "list" and len(args) == 1:
        return list_of(types[0])
    if name == "dict" and len(args) == 2:
        from .class_keys import KEY_HELP, key_problem
        problem = key_problem(types[0])
        if problem:
            raise TypeError_(Diagnostic(module.loc(args[0]), problem, KEY_HELP))
        return dict_of(types[0], types[1])
    if name in ("set", "frozenset") and len(args) == 1:
        from .sets import set_item_problem
        problem = set_item_problem(types[0])
        if problem:
            raise TypeError_(Diagnostic(module.loc(args[0]), *problem))
        return set_of(types[0], name == "frozenset")
    if name == "tuple" and len(types) == len(args) and types:
        return tuple_of(tuple(types))
    if name == "tuple" and len(args) == 2 and len(types) == 1 and isinstance(args[1], py_ast.Constant):
        return var_tuple_of(types[0])  # tuple[T, ...]
    if name == "tuple":
        raise fail("a tuple type is tuple[A, B] (fixed shape) or tuple[T, ...] (any length)")
    raise fail()


def _union(module: SourceModule, parts: list[py_ast.expr], fail) -> Type:
    ty = library_base(union_of([resolve(module, part) for part in parts]))
    problem = union_problem(ty)
    if problem:
        raise fail(problem)
    return ty


def library_base(ty: Type) -> Type:
    """``IPv4Address | IPv6Address`` (and ``| None``) as their base class _BaseAddress, which is what
    our ipaddress's ip_address() returns: the standard library's classes of one base, whose methods
    dispatch on the object's class (compiler/stdlib/ipaddress.py). Other unions stay unions."""
    members = [m for m in members_of(ty) if m != NONE]
    if len(members) < 2 or not all(isinstance(m, ClassType) and m.info.base is not None for m in members):
        return ty
    base = members[0].info.base
    if not base.module.name.startswith("compiler.stdlib.") or any(m.info.base is not base for m in members):
        return ty
    return union_of([class_type(base)] + ([NONE] if NONE in members_of(ty) else []))


TYPE_UNION_PROBLEM = "a type value cannot be None or a member of a union yet"


def union_problem(ty: Type) -> str | None:
    """Why a union cannot be held as one value, or None: its members must be told apart at run
    time by what they hold (a list[int] from a list[str] cannot be)."""
    if isinstance(ty, (OptionalType, UnionType)) and TYPE in members_of(ty):
        return TYPE_UNION_PROBLEM  # held as a bare i64 code (sema/type_values.py)
    if not isinstance(ty, UnionType):
        return None
    kinds = [type(m) for m in ty.members if isinstance(m, (ListType, DictType))]
    if any(isinstance(m, (TupleType, VarTupleType, ViewType, SetType)) for m in ty.members):
        return "a tuple cannot be a member of a union yet"
    if any(isinstance(m, DequeType) for m in ty.members):  # held as an Any, which holds no deque
        return "a deque cannot be a member of a union yet"
    if BYTEARRAY in ty.members or MEMORYVIEW in ty.members:  # held as an Any, which holds neither
        return f"a {'bytearray' if BYTEARRAY in ty.members else 'memoryview'} cannot be a member of a union yet (only of " \
               f"'{'bytearray' if BYTEARRAY in ty.members else 'memoryview'} | None')"
    if len(kinds) != len(set(kinds)):
        return "a union holds at most one list type and one dict type (isinstance() could not tell them apart)"
    return None


def to_any(ty: Type) -> bool:
    """Types whose values an ``Any`` can hold as themselves: ints, floats and bools boxed with their
    type, objects as they are. Typed containers cannot: code holding the ``Any`` could store any
    value into them (CPython would), and typed code reading them afterwards would misread it."""
    if isinstance(ty, ClassType):
        # str() of one held would show <Box object>, not its message or CPython's dataclass repr
        from .stdlib_operators import never_held  # imports this module
        return not (is_exception_class_info(ty.info) or getattr(ty.info, "own_text", False) or never_held(ty.info))
    if ty in (INT, BOOL, FLOAT, STR, BYTES, NONE, ANY):
        return True
    if isinstance(ty, OptionalType):
        return to_any(ty.inner)
    if isinstance(ty, UnionType):
        return all(to_any(m) for m in ty.members)
    return is_any_container(ty)


def is_exception_class_info(info: ClassInfo | None) -> bool:
    while info is not None and info.base is not None:
        info = info.base
    return info is not None and info.qualname == "compiler.runtime.exceptions.BaseException"


def is_any_container(ty: Type) -> bool:
    return (type(ty) is ListType and ty.item == ANY) or (  # not a deque: its repr differs
        type(ty) is DictType and ty.key == STR and ty.value == ANY)  # not an OrderedDict: its repr differs


def from_any(ty: Type) -> bool:
    """Types an ``Any`` converts to where one is declared, checked at run time (TypeError). Not a
    union yet: narrow the Any with isinstance() first."""
    return ty != NONE and not isinstance(ty, UnionType) and to_any(ty)


def is_subclass(sub: ClassInfo, base: ClassInfo) -> bool:
    while sub is not None:
        if sub is base:
            return True
        sub = sub.base
    return False


def assignable(src: Type, dst: Type) -> bool:
    """Can a value of type ``src`` be used where ``dst`` is expected (possibly after coercion)?"""
    if src == dst:
        return True
    if dst == ANY:
        return to_any(src)
    if isinstance(dst, UnionType) or (isinstance(dst, OptionalType) and isinstance(src, UnionType)):
        return all(any(assignable(m, d) for d in members_of(dst)) for m in members_of(src))
    if isinstance(dst, OptionalType):
        return src == NONE or assignable(src, dst.inner) or (  # a None is not copied: no tuple[T, T] | None here
            isinstance(src, OptionalType) and assignable(src.inner, dst.inner) and not fixed_to_var_tuple(src.inner, dst.inner))
    if isinstance(src, ClassType) and isinstance(dst, ClassType):
        return is_subclass(src.info, dst.info)
    return fixed_to_var_tuple(src, dst)


def fixed_to_var_tuple(src: Type, dst: Type) -> bool:
    """A ``tuple[T, T]`` (or ``()``) where a ``tuple[T, ...]`` is expected: its items copied
    (lower/values.py); the same values, so CPython's answers do not change."""
    return isinstance(src, TupleType) and isinstance(dst, VarTupleType) and all(t == dst.item for t in src.items)


def held_equality(a: Type, b: Type) -> bool:
    """``a == b`` decided on what the operands hold (compiler/runtime/dynamic.py ``held_equal``):
    a T | None or a union against another type, all members None, numbers, str or bytes; or an
    Any against such a value."""
    plain = (INT, BOOL, FLOAT, STR, BYTES, NONE)
    if a == b:
        return False
    if ANY in (a, b):  # an Any against a plain value: a list or object held never equals one
        return all(m in plain for m in members_of(b if a == ANY else a))
    if not any(isinstance(t, (OptionalType, UnionType)) for t in (a, b)):
        return False
    return all(m in plain for t in (a, b) for m in members_of(t))


def eq_kind(ty: Type) -> int | None:
    """How container runtimes compare slots of this type: 0 bits, 1 float, 2 text; None = not supported."""
    if ty in (INT, BOOL) or (isinstance(ty, ClassType) and not ty.info.eq_in_subtree):
        return 0
    if ty == FLOAT:
        return 1
    if ty in (STR, BYTES):
        return 2
    return None


def is_container(ty: Type) -> bool:
    return isinstance(ty, (ListType, DictType, TupleType))


# Built-ins and methods of lists and dicts that store, return or drop items without running their code.
ITEMS_UNTOUCHED = ("len", "list", "isinstance", "append", "extend", "insert", "pop", "copy", "clear", "get",
                   "setdefault", "keys", "values", "items", "popitem", "reverse")


def runs_user_code(node: py_ast.expr) -> bool:
    """Whether evaluating ``node`` may run the program's own functions (and so assign fields):
    calls of functions, methods and constructors, and comparisons or truth tests of objects."""
    if isinstance(node, py_ast.Call):
        kind = getattr(node, "call", ("",))[0]
        if kind in ("function", "method", "super", "new", "value") or hasattr(node, "len_method") \
                or getattr(node, "sort_key", (None,))[0] is not None:
            return True  # a function value or a key= may be any function of the program
        if kind == "rewritten":
            return False  # the replacement, checked itself, says
        if kind == "intrinsic":
            return node.call[1].startswith("store_") or node.call[1] in ("memory_fill", "memory_copy")  # any field
        if getattr(node, "call", ("",))[-1] in ITEMS_UNTOUCHED:
            return False  # moves objects without calling their methods
        # a built-in given objects or functions may call back: str(obj), xs.index(obj), sorted(objs)
        operands = [*node.args, *(k.value for k in node.keywords)]
        if isinstance(node.func, py_ast.Attribute):
            operands.append(node.func.value)
        return any(holds_objects(getattr(a, "ty", None), calls=True) for a in operands)
    if isinstance(node, (py_ast.Compare, py_ast.BoolOp, py_ast.UnaryOp, py_ast.IfExp)):
        return any(holds_objects(getattr(child, "ty", None)) for child in py_ast.iter_child_nodes(node))
    if isinstance(node, py_ast.Subscript):
        return keys_run_code(getattr(node.value, "ty", None))  # d[obj]: its __hash__ and __eq__
    if isinstance(node, (py_ast.Dict, py_ast.Set, py_ast.DictComp, py_ast.SetComp)):
        return keys_run_code(getattr(node, "ty", None))  # {obj: 1}, {obj}: each key's __hash__
    return False


def keys_run_code(ty: Type | None) -> bool:
    """Whether looking a key up in a ``ty`` (a dict or set) may call methods of the program's
    classes: ``__hash__`` and ``__eq__`` of objects in the key."""
    key = ty.key if isinstance(ty, DictType) else ty.item if isinstance(ty, SetType) else None
    return key is not None and holds_objects(key)


def holds_objects(ty: Type | None, calls: bool = False) -> bool:
    """Whether a ``ty`` may hold objects of the program (with ``calls``: or functions)."""
    if isinstance(ty, ClassType) or (calls and type(ty).__name__ == "CallableType"):
        return True
    if isinstance(ty, (ListType, OptionalType, SetType, VarTupleType)):
        return holds_objects(ty.inner if isinstance(ty, OptionalType) else ty.item, calls)
    if isinstance(ty, (TupleType, UnionType)):
        return any(holds_objects(t, calls) for t in (ty.items if isinstance(ty, TupleType) else ty.members))
    return isinstance(ty, DictType) and holds_objects(ty.value, calls)


def orderable(ty: Type) -> bool:
    """Types whose ``<`` the compiled code gives exactly as CPython: numbers, text, lists of int or
    str, and tuples of such items (compared at the first unequal item)."""
    if ty in (INT, BOOL, FLOAT, STR, BYTES):
        return True
    if isinstance(ty, ListType):
        return ty.item in (INT, STR)
    return isinstance(ty, TupleType) and all(orderable(t) for t in ty.items)


def equality_supported(ty: Type) -> bool:
    if ty in (INT, BOOL, FLOAT, STR, BYTES) or isinstance(ty, (ClassType, OptionalType, SetType)):
        return True
    if isinstance(ty, ListType):
        return equality_supported(ty.item)
    if isinstance(ty, DictType):  # not a Counter: its == counts a missing key as 0
        return eq_kind(ty.value) is not None and not isinstance(ty, (CounterType, OrderedDictType))
    if isinstance(ty, TupleType):
        return all(equality_supported(t) for t in ty.items)
    return False
