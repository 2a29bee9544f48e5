"""What the compiler's stdlib classes (datetime's) have that a class of the subset cannot write,
and the checks that keep them from differing from CPython's:
(1) ``+``, ``-``, ``*``, ``/``, ``//``, ``%``, unary ``-``/``+`` and ``abs()`` on their objects
(``dt + timedelta``, ``dt - dt``, ``2 * td``): a call of the class's method, chosen here by the
operands' static types; (2) class attributes holding an object of the class (``timezone.utc``);
(3) ``f"{dt:%Y}"`` through ``__format__``; (4) ``tz is timezone.utc`` as CPython answers it;
(5) refusals: names CPython's class has and ours not, ``isinstance(x, date)``, unknown strftime
directives in a spec, a bool ``tzinfo`` for ``replace``.

CPython's ``datetime.__sub__`` looks at its operand's runtime type and returns a timedelta or a
datetime; a typed method cannot. So a stdlib class may write one method per operand type: the
plain name (``__sub__``) and variants ``__sub_<what>__`` (``__sub_datetime__``); the one whose
``other`` parameter takes the other operand's type is called (the left operand's ``__sub__``, else
the right's ``__rsub__``), both operands evaluated left first, as CPython evaluates them. Program
classes keep the compile error: their methods would need CPython's NotImplemented and
reflected-method protocol, which these calls do not model.
"""
from __future__ import annotations

import ast as py_ast
import importlib
from pathlib import Path

from ..program import BOOL, ClassInfo, ClassType, FuncSym, OptionalType, Program, Type
from .types import assignable

STDLIB = Path(__file__).resolve().parents[1] / "stdlib"
_IN_STDLIB: dict[str, bool] = {}
NAMES = {py_ast.Add: "add", py_ast.Sub: "sub", py_ast.Mult: "mul", py_ast.Div: "truediv",
         py_ast.FloorDiv: "floordiv", py_ast.Mod: "mod"}


def is_stdlib_class(ty: Type) -> bool:
    return isinstance(ty, ClassType) and in_stdlib(ty.info)


def in_stdlib(info: ClassInfo) -> bool:
    path = str(info.module.path)
    if path not in _IN_STDLIB:  # resolve() reads the file system: once per module
        _IN_STDLIB[path] = STDLIB in Path(path).resolve().parents
    return _IN_STDLIB[path]


def cpython_module(info: ClassInfo) -> str:
    """The CPython module a stdlib class stands for: a helper's classes (compiler.stdlib.datetime_delta)
    are its module's (datetime)."""
    name = info.module.name
    return name.removeprefix("compiler.stdlib.").split("_")[0] if name.startswith("compiler.stdlib.") else name


def datetime_class(info: ClassInfo, name: str) -> bool:
    return info.name == name and cpython_module(info) == "datetime" and in_stdlib(info)


def stdlib_format_method(ty: Type, name: str = "__format__") -> bool:
    """``f"{dt:%Y-%m-%d}"``: CPython's datetime.__format__ (strftime), which ours has too; or
    another method a built-in calls (``abs(td)``: ``__abs__``)."""
    return is_stdlib_class(ty) and name in ty.info.methods


def never_held(info: ClassInfo) -> bool:
    """datetime's classes (operators, and a timezone's str): an Any never holds their objects, so
    the program's operations on an Any need not consider them (sema/held.py, types.py ``to_any``)."""
    return cpython_module(info) == "datetime" and in_stdlib(info)


def add_stdlib_class_attributes(program: Program, info: ClassInfo) -> None:
    """A stdlib module's global ``_C__name`` (made at start-up, after class C exists) is read as the
    class attribute ``C.name``: CPython's ``timezone.utc``, which a class body cannot build."""
    if not in_stdlib(info):
        return
    prefix = f"{info.module.name}._{info.name}__"
    for qualname, g in program.globals.items():
        if qualname.startswith(prefix):
            info.constants[qualname[len(prefix):]] = g


def binary_method(node: py_ast.BinOp, left: Type, right: Type) -> FuncSym | None:
    """The method ``left op right`` calls, or None (then the usual checks report the operands):
    left's ``__op__`` taking right, else right's reflected ``__rop__`` taking left (``2 * td``,
    ``td + dt``), as CPython tries them; ``node.operator_swapped`` says which."""
    name = NAMES.get(type(node.op))
    if name is None:
        return None
    for owner, other, prefix, swapped in ((left, right, name, False), (right, left, "r" + name, True)):
        fn = _variant(owner, other, prefix) if is_stdlib_class(owner) else None
        if fn is not None:
            node.operator_method, node.operator_swapped = fn, swapped
            return fn
    return None


def _variant(owner: ClassType, other: Type, prefix: str) -> FuncSym | None:
    for method_name, fn in owner.info.methods.items():
        if method_name == f"__{prefix}__" or (method_name.startswith(f"__{prefix}_") and method_name.endswith("__")):
            if len(fn.params) == 2 and assignable(other, fn.params[1].ty):
                return fn
    return None


def unary_method(node: py_ast.UnaryOp, operand: Type) -> FuncSym | None:
    names = {py_ast.USub: "__neg__", py_ast.UAdd: "__pos__"}
    name = names.get(type(node.op))
    if name is None or not is_stdlib_class(operand) or name not in operand.info.methods:
        return None
    node.operator_method, node.operator_swapped = operand.info.methods[name], False
    return node.operator_method


def timezone_identity(a: Type, b: Type, caller: str) -> str | None:
    """``tz is timezone.utc`` outside datetime itself: the function that answers it as CPython does
    (its ``timezone(timedelta(0))`` returns that very object; ours builds another), else None."""
    def is_timezone(ty: Type) -> bool:
        inner = ty.inner if isinstance(ty, OptionalType) else ty
        return isinstance(inner, ClassType) and datetime_class(inner.info, "timezone")
    if is_timezone(a) and is_timezone(b) and not caller.startswith(("datetime.", "compiler.stdlib.datetime")):
        return "compiler.stdlib.datetime_delta.same_timezone"
    return None


class StdlibClassChecks:
    """Mixed into sema.check_calls.CallChecker: what CPython's datetime classes have and ours not yet."""

    def refuse_unavailable_stdlib(self, func: py_ast.Attribute, receiver: py_ast.expr | None,
                                  info: ClassInfo | None = None) -> None:
        if receiver is not None:  # C.name(...) through the class
            if not isinstance(receiver, py_ast.Name) or receiver.id in self.local_names:
                return
            info = self.module.namespace.get(receiver.id)
            if not isinstance(info, ClassInfo) or func.attr in info.methods or func.attr in info.constants:
                return
        if info is None or not in_stdlib(info) or cpython_module(info) != "datetime":
            return  # (the other modules' classes keep their own messages)
        module = cpython_module(info)
        try:
            cpython = getattr(importlib.import_module(module), info.name, None)
        except ImportError:  # a helper of ours without a CPython twin
            return
        if cpython is not None and hasattr(cpython, func.attr):
            raise self.fail(func, f"{module}.{info.name}.{func.attr} is not available yet",
                            f"see docs/stdlib.md for what {module}.{info.name} has")

    def refuse_datetime_date(self, names: list[py_ast.expr]) -> None:
        """``isinstance(x, date)``: CPython's datetime is a subclass of date; ours are two classes."""
        for name in names:
            info = self.module.namespace.get(name.id) if isinstance(name, py_ast.Name) else None
            if isinstance(info, ClassInfo) and datetime_class(info, "date"):
                raise self.fail(name, "isinstance() against datetime.date is not available yet: CPython's "
                                "datetime objects are date objects too, ours are not",
                                "test isinstance(x, datetime) first, or type(x) is date")

    def refuse_format_directive(self, spec: py_ast.expr) -> None:
        """``f"{dt:%U}"``: a constant spec is a strftime format, checked as strftime's are."""
        from ..frontend.stdlib_datetime import DIRECTIVES, unknown_directive
        parts = spec.values if isinstance(spec, py_ast.JoinedStr) else [spec]
        if all(isinstance(p, py_ast.Constant) and isinstance(p.value, str) for p in parts):
            directive = unknown_directive("".join(p.value for p in parts))
            if directive:
                raise self.fail(spec, f"the strftime directive '%{directive}' is not available yet",
                                "supported: %" + " %".join(DIRECTIVES))

    def refuse_bool_tzinfo(self, node: py_ast.Call, method: FuncSym, info: ClassInfo) -> None:
        """``dt.replace(tzinfo=True)``: our default is True (left out: keep the tzinfo); CPython
        raises TypeError for a bool, so one passed is refused here."""
        if method.name != "replace" or not datetime_class(info, "datetime"):
            return
        given = [k.value for k in node.keywords if k.arg == "tzinfo"] + list(node.args[7:8])
        for value in given:
            if self.check(value) == BOOL:
                raise self.fail(value, "tzinfo argument must be None or of a tzinfo subclass, not type 'bool'",
                                "CPython raises TypeError: pass a timezone, or None for a naive datetime")
