"""Assignment to an item (``xs[i] = v``, ``d[k] = v``) or a field (``obj.f = v``), and the declared
type of a target, which types an empty literal or None assigned to it (mixed into the function
checker, sema/check.py)."""
from __future__ import annotations

import ast as py_ast

from ..program import ANY, BYTEARRAY, ClassType, DequeType, DictType, GlobalSym, ListType, Type, VarTupleType
from .dataclass_options import frozen_assignment
from .field_narrowing import narrow_assigned_field
from .types import keys_run_code


class AssignTargetChecks:
    def assign_item(self, target: py_ast.Subscript, value, ty: Type) -> None:
        base = self.check_maybe_unknown(target.value)
        if self.unknown_local(target.value) is not None:
            base = target.value.ty = self.settle_by_item(target, ty)
        if base == BYTEARRAY:
            return self.bytearray_store(target, value, ty)  # sema/bytearrays.py
        if isinstance(target.slice, py_ast.Slice):
            return self.assign_slice(target, value, ty, base)
        if isinstance(base, ListType):
            self.use_int(target.slice, what="an index")
            self.require(target, value, ty, base.item, "a list item")
        elif isinstance(base, DictType):
            self.use(target.slice, base.key, what="the key")
            self.require(target, value, ty, base.value, "a dict value")
            if keys_run_code(base):
                self.forget_fields_run_by(None)  # the key's __hash__ and __eq__ run as it is stored
        elif base == ANY:
            self.held_store(target, value, ty)  # sema/dynamic_ops.py
        else:
            tuple_help = "a tuple cannot change: build a new one, or keep a list"
            raise self.fail(target, f"{base} values do not support item assignment",
                            tuple_help if isinstance(base, VarTupleType) else "")

    def assign_field(self, target: py_ast.Attribute, value, ty: Type) -> None:
        base = self.check(target.value)
        if not isinstance(base, ClassType) or target.attr not in base.info.fields:
            self.refuse_exception_attribute(target, base)  # e.args = ...: sema/exception_args.py
            raise self.fail(target, f"{base} has no field '{target.attr}'", "make a new deque: deque(d, maxlen=n)"
                            if target.attr == "maxlen" and isinstance(base, DequeType) else
                            "declare it in the class body or assign it in __init__")
        frozen_assignment(self, target, base.info)  # sema/dataclass_options.py
        self.require(target, value, ty, base.info.fields[target.attr], f"field '{target.attr}'")
        narrow_assigned_field(self, target, base.info.fields[target.attr], ty)  # sema/field_narrowing.py
        if isinstance(target.value, py_ast.Name) and self.assigned is not None and self.fn.params \
                and target.value.id == self.fn.params[0].name:
            self.assigned.add(f"self.{target.attr}")

    def target_hint(self, target: py_ast.expr) -> Type | None:
        """The declared type of an assignment target, to type empty literals and None."""
        if isinstance(target, py_ast.Name):
            g = self.module.namespace.get(target.id)
            if target.id in self.global_names and isinstance(g, GlobalSym):
                return g.ty
            return self.fn.locals.get(target.id)
        if isinstance(target, py_ast.Attribute) and isinstance(target.value, py_ast.Name) \
                and target.value.id in self.local_names:
            owner = self.fn.locals.get(target.value.id)
            if isinstance(owner, ClassType):
                return owner.info.fields.get(target.attr)
        if isinstance(target, py_ast.Subscript) and isinstance(target.slice, py_ast.Slice):
            container = self.target_hint(target.value) if isinstance(target.value, (py_ast.Name, py_ast.Attribute)) \
                else None
            return container if isinstance(container, ListType) else None  # xs[i:j] = [] (stmt_Assign)
        if isinstance(target, py_ast.Subscript):
            container = self.target_hint(target.value) if isinstance(target.value, (py_ast.Name, py_ast.Attribute)) \
                else None
            if isinstance(container, DictType):
                return container.value
            if isinstance(container, ListType):
                return container.item
            if container == ANY:
                return ANY  # x["k"] = [] stores a list[Any]
        return None
