"""``memoryview`` of bytes: a read-only view that slices without copying (compiler/runtime/memoryviews.py).

Problem: ``memoryview(b)[i:j]`` reads part of a bytes object without the copy ``b[i:j]`` makes.
Accepts: ``memoryview(b)`` of bytes; ``len``, truth, ``mv[i]``, ``mv[i:j:k]`` (a view), ``bytes(mv)``,
``bytearray(mv)``, ``mv.tobytes()``, ``mv.hex(...)``, ``mv.tolist()``, ``for`` loops and
comprehensions, ``==``/``!=`` with bytes, bytearrays and views (by content). Guarantees: operations
are runtime calls (node.call = ("bytearray", "mv_...", args), lower/bytearrays.py); a view of a
bytearray (which would lock its size, BufferError on a resize) and what a view of bytes does not
have here (repr: an address; ``<``; ``in``; writes; ``release``, ``cast``, attributes) are located
compile errors.
"""
from __future__ import annotations

import ast as py_ast

from ..program import BYTEARRAY, BYTES, INT, MEMORYVIEW, Type, list_of

VIEW_HELP = "view bytes: memoryview(b) of a bytes b (bytes(ba) is a copy of a bytearray)"


def tobytes(node: py_ast.expr) -> py_ast.Call:
    """A copy of the bytes ``node`` (a checked memoryview) shows."""
    from .bytearrays import runtime_call
    return runtime_call(node, "mv_tobytes", [("obj", node)], BYTES)


class MemoryviewChecks:
    def memoryview_call(self, node: py_ast.Call) -> Type:
        if node.keywords or len(node.args) != 1:
            raise self.fail(node, "memoryview() takes one argument", "write memoryview(b)")
        ty = self.check(node.args[0])
        if ty == BYTEARRAY:
            raise self.fail(node, "a memoryview of a bytearray is not supported: it locks the bytearray's size "
                            "(CPython's BufferError on a resize)", VIEW_HELP)
        if ty != BYTES:
            raise self.fail(node, f"memoryview() of {ty} is not supported", VIEW_HELP)
        node.call = ("bytearray", "mv_new", [("obj", node.args[0]), ("kind", None)])
        return MEMORYVIEW

    def memoryview_subscript(self, node: py_ast.Subscript) -> Type:
        from .bytearrays import runtime_call
        if isinstance(node.slice, py_ast.Slice):
            self.slice_bounds(node.slice)
            node.replaced_by = runtime_call(node, "mv_slice", [("obj", node.value), ("bounds", node.slice)],
                                            MEMORYVIEW)
            return MEMORYVIEW
        self.use_int(node.slice, what="an index")
        node.replaced_by = runtime_call(node, "mv_getitem", [("obj", node.value), ("int", node.slice)], INT)
        return INT

    def memoryview_method(self, node: py_ast.Call, func: py_ast.Attribute) -> Type:
        name = func.attr
        if name in ("tobytes", "tolist") and not node.args and not node.keywords:
            node.call = ("bytearray", f"mv_{name}", [("obj", func.value)])
            return BYTES if name == "tobytes" else list_of(INT)
        if name == "hex":
            inner_func = py_ast.copy_location(py_ast.Attribute(value=tobytes(func.value), attr="hex",
                                                               ctx=py_ast.Load()), func)
            inner = py_ast.copy_location(py_ast.Call(func=inner_func, args=node.args, keywords=node.keywords), node)
            ty = self.check(inner)
            node.call = ("rewritten", inner)
            return ty
        raise self.fail(func, f"memoryview has no method '{name}' in this version",
                        "a view of bytes has len, [i], [i:j], tobytes(), hex() and tolist() here")

    def memoryview_compare(self, node: py_ast.Compare, types: list[Type]) -> None:
        """``==``/``!=`` of a view with bytes, a bytearray or a view: on the bytes it shows (a copy)."""
        shown = (BYTES, BYTEARRAY, MEMORYVIEW)
        if any(MEMORYVIEW in types[index:index + 2] for index, op in enumerate(node.ops)
               if not isinstance(op, (py_ast.Eq, py_ast.NotEq))):
            return  # CPython's TypeError for <, and 'in' by iteration: refused by the checker as they are
        for index, op in enumerate(node.ops):
            if not isinstance(op, (py_ast.Eq, py_ast.NotEq)) or not {types[index], types[index + 1]} <= set(shown):
                continue
            for side in (index, index + 1):
                if types[side] == MEMORYVIEW:
                    if side == 0:
                        node.left = tobytes(node.left)
                    else:
                        node.comparators[side - 1] = tobytes(node.comparators[side - 1])
                    types[side] = BYTES
