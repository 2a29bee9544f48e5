"""``del`` statements and slice assignment of lists.

``del d[key]``, ``del items[i]`` and ``del items[i:j:k]`` run in the runtime
(the slice forms in runtime/list_slices.py). ``del name`` unbinds a local: a
later read is a compile error where CPython would raise UnboundLocalError
(the definite-assignment check sees the name as unassigned). Inside a loop or
a ``try`` that check would have to follow the name around the loop and into
the handlers, so there it is refused. ``items[i:j:k] = other`` takes a list of
the same type (CPython takes any iterable).
"""
from __future__ import annotations

import ast as py_ast

from ..program import ANY, BYTEARRAY, DequeType, DictType, ListType, Type
from .class_keys import MISSING_KEY, repr_unknown
from .types import keys_run_code

BLOCKS = (py_ast.For, py_ast.While, py_ast.Try, py_ast.With)  # a with statement is a try


def _inside_block(fn_node: py_ast.AST, stmt: py_ast.stmt) -> bool:
    """Whether ``stmt`` lies in a loop or a try (or with) statement of the function."""
    return any(sub is stmt for block in py_ast.walk(fn_node) if isinstance(block, BLOCKS)
               for sub in py_ast.walk(block))


class DeleteChecks:
    def stmt_Delete(self, stmt: py_ast.Delete) -> None:
        for target in stmt.targets:
            if isinstance(target, py_ast.Name):
                self.delete_name(stmt, target)
            elif not isinstance(target, py_ast.Subscript):
                raise self.fail(target, *_delete_error(target))
            else:
                self.delete_item(target)

    def delete_name(self, stmt: py_ast.Delete, target: py_ast.Name) -> None:
        name = target.id
        if name not in self.local_names or name in self.global_names or name in self.comp_renames:
            raise self.fail(target, f"'del {name}' is only supported for a local variable of the function",
                            "assign it a new value instead")
        if _inside_block(self.fn.node, stmt):
            raise self.fail(target, "'del' of a variable inside a loop or 'try' is not supported",
                            "assign it a new value, or let it go out of scope")
        self.check(py_ast.copy_location(py_ast.Name(id=name, ctx=py_ast.Load()), target))  # bound here
        self.assigned.discard(name)
        self.narrowed.pop(name, None)
        self.forget_fields(holder=name)

    def delete_item(self, target: py_ast.Subscript) -> None:
        base = self.check(target.value)
        if base == ANY:
            return self.held_delete(target)  # sema/dynamic_ops.py
        if base == BYTEARRAY:
            return self.bytearray_delete(target)  # sema/bytearrays.py
        if isinstance(base, DequeType) and isinstance(target.slice, py_ast.Slice):
            raise self.fail(target, "a deque cannot be sliced", "delete its items one by one: del d[i]")
        if isinstance(target.slice, py_ast.Slice):
            if not isinstance(base, ListType):
                raise self.fail(target, f"{base} values do not support slice deletion",
                                "only lists do: build a new value from slices")
            self.slice_bounds(target.slice)
        elif isinstance(base, DictType):
            self.use(target.slice, base.key, what="the key")
            if keys_run_code(base):
                self.forget_fields_run_by(None)  # the key's __hash__ and __eq__ run
            if repr_unknown(base.key):
                raise self.fail(target, MISSING_KEY.replace("d[key]", "del d[key]"), "write d.pop(key, None)")
        elif isinstance(base, ListType):
            self.use_int(target.slice, what="an index")
        else:
            raise self.fail(target, f"cannot delete items of {base}")

    def slice_bounds(self, part: py_ast.Slice) -> None:
        for bound in (part.lower, part.upper, part.step):
            if bound is not None:
                self.use_int(bound, what="a slice bound")

    def assign_slice(self, target: py_ast.Subscript, value, ty: Type, base: Type) -> None:
        """``items[i:j:k] = other``: ``other`` a list of the same type."""
        if isinstance(value, py_ast.BinOp) and isinstance(value.left, py_ast.Subscript) \
                and value.left.slice is target.slice:
            raise self.fail(target, "augmented assignment to a slice is not supported",
                            "write items[i:j] = items[i:j] + other")
        if isinstance(base, DequeType):  # CPython: TypeError (a deque takes no slice)
            raise self.fail(target, "a deque cannot be sliced", "assign its items one by one: d[i] = x")
        if not isinstance(base, ListType):
            raise self.fail(target, f"{base} values do not support slice assignment")
        self.slice_bounds(target.slice)
        if ty != base:
            raise self.fail(target, f"a slice of {base} can only be assigned a {base}, not {ty}",
                            "build a list of the same type")


def _delete_error(target: py_ast.expr) -> tuple[str, str]:
    if isinstance(target, py_ast.Attribute):
        return ("'del' of a field is not supported", "assign the field a new value (e.g. None with a T | None field)")
    return ("only 'del name', 'del d[key]' and 'del items[index or slice]' are supported",
            "delete the items one by one")
