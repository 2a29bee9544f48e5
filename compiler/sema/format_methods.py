"""``f"{obj}"``, ``f"{obj:spec}"``, ``format(obj, spec)`` and ``"{:spec}".format(obj)`` of an object
whose class (or a base) defines ``__format__``.

Problem: CPython formats every such field with ``type(obj).__format__(obj, spec)``, the empty
spec included; only ``!s``/``!r``/``!a`` and ``%s`` go through ``__str__``/``__repr__``. Taking
``str(obj)`` for ``{obj}`` showed the wrong method's text.
Accepts: a checked f-string piece without a conversion, and its type.
Guarantees: the piece becomes the method call ``obj.__format__("spec")`` (dispatched on the
object's class, as other method calls) with no spec left, or a located compile error where only
a subclass defines ``__format__`` (whether it runs is known only when the program runs).
"""
from __future__ import annotations

import ast as py_ast

from ..program import STR, ClassType, Type
from .classes import inherited_method


def own_format_method(checker, part: py_ast.FormattedValue, ty: Type) -> bool:
    """Rewrite ``part`` into the call of its class's ``__format__``; False where no class of the
    object's (its bases' or subclasses') defines one."""
    if part.conversion != -1 or not isinstance(ty, ClassType):
        return False
    if inherited_method(ty.info, "__format__") is None:
        if getattr(ty.info, "format_in_subtree", False):  # sema/held.py note_own_text
            raise checker.fail(part.value, f"formatting a {ty.info.name} is not supported here: a subclass defines "
                               "__format__, which CPython calls for objects of that subclass",
                               "define __format__ on the class itself, or convert first: f\"{x!s}\"")
        return False
    pieces = part.format_spec.values if part.format_spec is not None else []
    if all(isinstance(p, py_ast.Constant) for p in pieces):
        spec: py_ast.expr = py_ast.Constant("".join(p.value for p in pieces))
    else:  # {dt:{width}%Y}: the spec is itself an f-string, evaluated before the call as in CPython
        spec = py_ast.JoinedStr(values=pieces)
    py_ast.copy_location(spec, part.value)
    method = py_ast.Attribute(value=part.value, attr="__format__", ctx=py_ast.Load())
    call = py_ast.copy_location(py_ast.Call(func=method, args=[spec], keywords=[]), part.value)
    part.value, part.format_spec = call, None
    checker.expect(call, STR, what="the result of __format__()")
    return True
