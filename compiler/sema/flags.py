"""``enum.Flag`` (CPython 3.11, boundary STRICT): an Enum (sema/enums.py) whose members are
distinct powers of two. ``a | b``, ``a & b``, ``a ^ b`` and ``~a`` of members of one Flag are
rewritten into ``P(value)``, the generated lookup: a member, or a composite (``R|W``, value 0's
name is None) made once and cached, so ``is`` holds as in CPython. ``str()`` and formatting are
Enum's (``P.R|W``, ``P(0)``). ``P.R in p`` is 3.11's ``Flag.__contains__`` (every bit of the left
one set in the right). A truth test reads the value (sema/check_expr.py, as IntEnum's). Iterating a
member and format specs are not supported yet (compile errors); so is IntFlag.
"""
from __future__ import annotations

import ast as py_ast

from ..program import ClassType, Type

OPERATORS = (py_ast.BitOr, py_ast.BitAnd, py_ast.BitXor)
FLAG_HELP = "test the bits of its value: 'if p.value & Perm.R.value:'"

STR_METHOD = """
    def __str__(self) -> str:
        if self.name is None:
            return "{name}(" + str(self.value) + ")"
        return "{name}." + self.name
    def __contains__(self, other: "{name}") -> bool:
        return other.value & self.value == other.value
"""


def is_flag(ty: Type | None) -> bool:
    return isinstance(ty, ClassType) and ty.info is not None and getattr(ty.info, "flag", False)


def check_values(info, members: dict, values: list, fail) -> None:
    for (name, stmt), value in zip(members.items(), values):
        if type(value) is not int or value <= 0 or value & (value - 1):
            raise fail(info, stmt, f"{name}: a Flag member's value must be a power of two here (1, 2, 4, ...)",
                       "give each member its own bit; write combinations as A | B where used")


def lookup_source(info, values: list[int], names: list[str]) -> str:
    """The generated ``by_value`` of a Flag: CPython 3.11's Flag._missing_ (STRICT) and its message."""
    mask = sum(values)
    all_bits = 2 ** mask.bit_length() - 1
    name = info.name
    pairs = ", ".join(f"({v}, {n!r})" for v, n in zip(values, names))
    return f"""
def by_value(value: int) -> {name!r}:
    for member in MEMBERS:
        if member.value == value:
            return member
    if not (~{all_bits} <= value <= {all_bits}) or value & {all_bits ^ mask}:
        width = max(value.bit_length(), {mask.bit_length()})
        raise ValueError(f"<flag {name!r}> invalid value {{value}}\\n    given {{BITS(value, width)}}"
                         f"\\n  allowed {{BITS({mask}, width)}}")
    if value < 0:
        value = {all_bits + 1} + value
    for member in PSEUDO:
        if member.value == value:
            return member
    parts: list[str] = []
    for bit, part in [{pairs}]:
        if value & bit:
            parts.append(part)
    joined = "|".join(parts)
    if value == 0:
        made = {name}(None, 0, "<{name}: 0>")
    else:
        made = {name}(joined, value, "<{name}." + joined + ": " + str(value) + ">")
    PSEUDO.append(made)
    return made
def bits(num: int, width: int) -> str:
    ceiling = 1 << num.bit_length()
    if num >= 0:
        text = "0b0" + format(num + ceiling, "b")[1:]
    else:
        text = "0b1" + format(~num ^ (ceiling - 1) + ceiling, "b")[1:]
    digits = text[3:]
    if len(digits) < width:
        digits = (text[2] * width + digits)[-width:]
    return text[:3] + " " + digits
"""


def rewrite_binop(node: py_ast.BinOp, left: Type, right: Type, lookup_name: str) -> py_ast.expr | None:
    """``a | b`` of two members of one Flag: ``P(a.value | b.value)``."""
    if not (is_flag(left) and left == right and isinstance(node.op, OPERATORS)):
        return None
    inner = py_ast.BinOp(left=_value(node.left), op=node.op, right=_value(node.right))
    return _call(lookup_name, inner, node)


def rewrite_invert(node: py_ast.UnaryOp, ty: Type, lookup_name: str) -> py_ast.expr:
    """``~a``: CPython 3.11's Flag.__invert__ is ``P(flag_mask ^ a.value)``."""
    inner = py_ast.BinOp(left=py_ast.Constant(ty.info.flag_mask), op=py_ast.BitXor(), right=_value(node.operand))
    return _call(lookup_name, inner, node)


def _value(node: py_ast.expr) -> py_ast.expr:
    return py_ast.copy_location(py_ast.Attribute(value=node, attr="value", ctx=py_ast.Load()), node)


def _call(lookup_name: str, inner: py_ast.expr, where: py_ast.AST) -> py_ast.expr:
    py_ast.copy_location(inner, where)
    if isinstance(inner.left, py_ast.Constant):
        py_ast.copy_location(inner.left, where)
    func = py_ast.copy_location(py_ast.Name(id=lookup_name, ctx=py_ast.Load()), where)
    return py_ast.copy_location(py_ast.Call(func=func, args=[inner], keywords=[]), where)
