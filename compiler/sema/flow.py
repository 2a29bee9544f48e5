"""Control flow for the checker: branches, loops, iteration, comprehensions, narrowing.

Flow state on a path: ``assigned`` (locals definitely assigned; None when the
path cannot arrive) and ``narrowed`` (locals known to hold a narrower type,
e.g. ``int`` for an ``int | None`` local after ``x is not None``). Branches
start from copies and merge by intersection.
"""
from __future__ import annotations

import ast as py_ast

from ..program import (ANY, BOOL, BYTEARRAY, BYTES, MEMORYVIEW, INT, NONE, STR, ClassType, DictType, ListType, Local, OptionalType, SetType,
                       TupleType, Type, UnionType, VarTupleType, dict_of, tuple_of, union_of)
from . import tuple_literals, tuple_sequences
from .reversed_builtin import reversed_iteration
from .truth import truthy_type
from .field_narrowing import fields_kept
from .named_tuples import is_named_tuple
from .types import class_type
from .types import union_problem
from .unions import truthy_part, without_none
from .walrus import without_rebound
from .zip_strict import strict_errors, strict_flag

Narrowing = dict[str, Type]


def _merge_narrowed(a: Narrowing | None, b: Narrowing | None) -> Narrowing:
    if a is None:
        return dict(b or {})
    if b is None:
        return dict(a)
    return {k: v for k, v in a.items() if b.get(k) == v}


class FlowMixin:
    # -- state ----------------------------------------------------------------
    def snapshot(self) -> tuple[set[str] | None, Narrowing]:
        return (None if self.assigned is None else set(self.assigned)), dict(self.narrowed)

    def restore(self, state) -> None:
        self.assigned, self.narrowed = (None if state[0] is None else set(state[0])), dict(state[1])

    def merge(self, a, b) -> None:
        """The state after two paths join (``a``/``b`` are snapshots; None-assigned = never arrives)."""
        (sa, na), (sb, nb) = a, b
        if sa is None:
            self.restore(b)
        elif sb is None:
            self.restore(a)
        else:
            self.assigned, self.narrowed = sa & sb, _merge_narrowed(na, nb)

    # -- narrowing --------------------------------------------------------------
    def narrowings(self, test: py_ast.expr) -> tuple[Narrowing, Narrowing]:
        """(narrowed if the test is true, narrowed if it is false)."""
        if isinstance(test, py_ast.UnaryOp) and isinstance(test.op, py_ast.Not):
            yes, no = self.narrowings(test.operand)
            return no, yes
        if isinstance(test, py_ast.BoolOp):
            parts = fields_kept(self, test.values, without_rebound(test.values, [self.narrowings(v) for v in test.values]))
            if isinstance(test.op, py_ast.And):
                return {k: v for p in parts for k, v in p[0].items()}, {}
            return {}, {k: v for p in parts for k, v in p[1].items()}
        key, declared = self.narrowable(test)
        if isinstance(declared, OptionalType) and not (key and "." in key and self.objects_have_truth
                                                       and isinstance(declared.inner, ClassType)):
            return {key: declared.inner}, {}  # (a field's __bool__ might assign it None)
        current = self.narrowed.get(key, declared) if key is not None else None
        if isinstance(current, UnionType) and NONE in current.members:
            return {key: without_none(current)}, {}
        if isinstance(test, py_ast.Compare) and len(test.ops) == 1 and isinstance(test.comparators[0], py_ast.Constant) \
                and test.comparators[0].value is None:
            key, declared = self.narrowable(test.left)
            current = self.narrowed.get(key, declared) if key is not None else None
            if isinstance(declared, OptionalType) or isinstance(current, UnionType):
                inner = {key: declared.inner if isinstance(declared, OptionalType) else without_none(current)}
                return ({}, inner) if isinstance(test.ops[0], py_ast.Is) else (inner, {})
        if isinstance(test, py_ast.Call) and hasattr(test, "union_split"):
            key, _ = self.narrowable(test.args[0])
            if key is not None:
                yes, no = test.union_split
                return ({key: yes} if yes else {}), ({key: no} if no else {})
        if isinstance(test, py_ast.Call) and hasattr(test, "isinstance_class"):
            name = self.local_of(test.args[0])
            if name is not None:
                return {name: class_type(test.isinstance_class)}, {}
        if isinstance(test, py_ast.Call) and hasattr(test, "isinstance_narrow"):
            name = self.local_of(test.args[0])
            if name is not None:
                return {name: test.isinstance_narrow}, {}
        if isinstance(test, py_ast.Call) and hasattr(test, "isinstance_inner"):
            key, declared = self.narrowable(test.args[0])
            if isinstance(declared, OptionalType):
                return {key: test.isinstance_inner}, {}
        return {}, {}

    def narrowable(self, node: py_ast.expr) -> tuple[str | None, Type | None]:
        """(key, declared type) of what a test can narrow: a local (``x``), or a field of an
        object held in a local (``self.v``, key "self.v"); (None, None) for anything else."""
        name = self.local_of(node)
        if name is not None:
            return name, self.declared(name)
        if isinstance(node, py_ast.Attribute) and isinstance(getattr(node.value, "ty", None), ClassType):
            holder = self.local_of(node.value)
            fields = node.value.ty.info.fields
            if holder is not None and node.attr in fields:
                return f"{holder}.{node.attr}", fields[node.attr]
        return None, None

    def forget_fields(self, attr: str | None = None, holder: str | None = None,
                      attrs: frozenset[str] | None = None) -> None:
        """Drop what was proved about fields: all of them (code that may assign any field ran),
        those named ``attr`` or in ``attrs`` (an assignment through any object may alias), or
        those of ``holder``."""
        every = attr is None and holder is None and attrs is None
        for key in [k for k in self.narrowed if "." in k]:
            local, field = key.split(".", 1)
            if every or field == attr or local == holder or (attrs is not None and field in attrs):
                del self.narrowed[key]
                self.forgotten.append(key)

    def forget_fields_run_by(self, node: py_ast.expr | None) -> None:
        """After code that may run the program's functions: ``node``'s call, or (None) only code
        that runs unnamed (a ``__bool__``); the fields that code cannot assign stay known."""
        if not any("." in k for k in self.narrowed):
            return
        stores = self.field_stores
        attrs = stores.implicitly_assigned() if node is None else stores.assigned_by(node)
        if attrs is None:
            self.forget_fields()
        else:
            self.forget_fields(attrs=attrs)

    @property
    def forgotten(self) -> list[str]:
        """The fields forgotten so far, in order (a position in it marks a point of the check)."""
        return self.__dict__.setdefault("_forgotten", [])

    def keep_forgotten(self, mark: int) -> None:
        """After restoring what held before code that ran (``mark``: ``len(self.forgotten)`` then):
        the fields that code may have assigned stay forgotten."""
        for key in self.forgotten[mark:]:
            self.narrowed.pop(key, None)

    def local_of(self, node: py_ast.expr) -> str | None:
        if isinstance(node, py_ast.NamedExpr):
            node = node.target  # (m := d.get(k)) is not None narrows m
        if isinstance(node, py_ast.Name) and isinstance(getattr(node, "sym", None), Local):
            return node.sym.name
        return None

    def declared(self, name: str) -> Type | None:
        return self.fn.locals.get(name)

    def narrow_after(self, test: py_ast.expr, outcome: bool) -> None:
        yes, no = self.narrowings(test)
        self.narrowed.update(yes if outcome else no)

    def narrow_on_assignment(self, name: str, declared: Type, ty: Type) -> None:
        self.forget_fields(holder=name)
        if isinstance(declared, OptionalType) and ty != declared and ty != NONE:
            self.narrowed[name] = ty
        else:
            self.narrowed.pop(name, None)

    def check_BoolOp(self, node: py_ast.BoolOp, expected: Type | None, condition: bool = False) -> Type:
        """Later operands see what earlier ones proved: ``x is not None and x > 0``. The result is
        one of the operands, so they share a type, except: ``x or default`` with ``x: T | None``
        and ``default: T`` is a T; in a condition only truth values matter (``node.truth_only``)."""
        saved, mark = dict(self.narrowed), len(self.forgotten)
        types = []
        for value in node.values:
            types.append(self.truthy(value) if condition else self.operand(value))
            if value is node.values[0]:
                after_first = self.snapshot()[0]  # later operands may not run (a walrus there)
            yes, no = self.narrowings(value)
            self.narrowed.update(yes if isinstance(node.op, py_ast.And) else no)
        self.narrowed = saved
        self.keep_forgotten(mark)  # a call in an operand may have assigned fields
        self.assigned = after_first
        self.forget_rebound(node)
        if all(t == types[0] for t in types):
            return types[0]
        if isinstance(node.op, py_ast.Or) and _defaulted(types):
            return types[-1]
        if condition:
            node.truth_only = True
            return BOOL
        kept = [truthy_part(t) for t in types[:-1]] if isinstance(node.op, py_ast.Or) else types[:-1]
        result = union_of([*kept, types[-1]])
        if union_problem(result) is None:
            return result  # CPython's value is any operand's: 'status or "none"' is an int | str
        raise self.fail(node, "'and'/'or' operands of different types give a value of either type",
                        "for a default write 'x or default' with x: T | None and default: T; "
                        "else test explicitly: 'a if a else b', or 'x != 0 and flag' in a condition")

    def operand(self, value: py_ast.expr) -> Type:
        ty = self.check(value)
        if not truthy_type(ty, self.objects_have_truth):
            raise self.no_truth(value, ty)
        return ty

    # -- branches -------------------------------------------------------------------
    def stmt_If(self, stmt: py_ast.If) -> None:
        self.truthy(stmt.test)
        yes, no = self.narrowings(stmt.test)
        before = self.snapshot()
        self.narrowed.update(yes)
        self.block(stmt.body)
        after_body = self.snapshot()
        self.restore(before)
        self.narrowed.update(no)
        self.block(stmt.orelse)
        self.merge(after_body, self.snapshot())

    # -- loops -------------------------------------------------------------------------
    def forget_narrowing_in(self, body: list[py_ast.stmt]) -> None:
        from .check import assigned_names
        for name in assigned_names(body):
            self.narrowed.pop(name, None)
        self.forget_fields()  # the body may run again after assigning a field

    def stmt_While(self, stmt: py_ast.While) -> None:
        self.forget_narrowing_in(stmt.body)
        self.truthy(stmt.test)
        forever = isinstance(stmt.test, py_ast.Constant) and stmt.test.value is True
        yes, no = self.narrowings(stmt.test)
        entry = self.snapshot()
        exit_state = None if forever else (entry[0], {**entry[1], **no})
        self.narrowed.update(yes)
        self.loop(stmt, exit_state, entry)

    def loop(self, stmt, exit_state, entry) -> None:
        """Check a loop body; after the loop, only what every exit assigned counts."""
        self.loop_breaks.append([])
        self.block(stmt.body)
        breaks = self.loop_breaks.pop()
        if stmt.orelse:
            self.restore(exit_state if exit_state is not None else entry)
            self.block(stmt.orelse)
            result = self.snapshot()
        else:
            result = exit_state if exit_state is not None else (None, {})
        self.restore(result)
        for state in breaks:
            self.merge(self.snapshot(), state)

    def stmt_For(self, stmt: py_ast.For) -> None:
        self.forget_narrowing_in(stmt.body)
        item = self.iteration(stmt, stmt.iter)
        entry = self.snapshot()
        self.assign_to(stmt.target, None, item)
        self.loop(stmt, entry, entry)

    def iteration(self, owner: py_ast.AST, iterable: py_ast.expr) -> Type:
        """What a for loop (or comprehension) over ``iterable`` yields; records ``owner.iteration``."""
        iterable = tuple_literals.iterable(owner, iterable)  # for b in (1, 2): as a list literal
        call = iterable if isinstance(iterable, py_ast.Call) and isinstance(iterable.func, py_ast.Name) \
            and iterable.func.id not in self.local_names and iterable.func.id not in self.module.namespace else None
        if call is not None and call.func.id == "range":
            if call.keywords or not 1 <= len(call.args) <= 3:
                raise self.fail(call, "range() takes 1 to 3 positional arguments")
            for arg in call.args:
                self.use_int(arg, what="a range() argument")
            owner.iteration = ("range", call.args)
            return INT
        if call is not None and call.func.id in ("enumerate", "zip"):
            return self.iteration_combined(owner, call)
        if call is not None and call.func.id == "reversed":
            return reversed_iteration(self, owner, call)  # sema/reversed_builtin.py
        if isinstance(iterable, py_ast.Call) and isinstance(iterable.func, py_ast.Attribute) \
                and iterable.func.attr in ("keys", "values", "items") and not iterable.args:
            base = self.check(iterable.func.value)
            if base == ANY:
                self.refuse_protocols(iterable, self.objects_have_iteration)
                self.refuse_class_attribute(iterable.func)  # an object's own keys()/values()/items()
                owner.iteration = ("held_view", iterable.func.value, iterable.func.attr)
                base = dict_of(STR, ANY)  # a dict held, or AttributeError (runtime/held_items.py)
            if isinstance(base, DictType):
                owner.iteration = getattr(owner, "iteration", None) or ("dict", iterable.func.value, iterable.func.attr)
                return {"keys": base.key, "values": base.value, "items": tuple_of((base.key, base.value))}[iterable.func.attr]
        listed = self.args_list(iterable)  # for item in e.args: sema/exception_args.py
        if listed is not None:
            owner.iteration = ("list", listed)
            return ANY
        ty = self.check(iterable)
        if isinstance(ty, (ListType, VarTupleType)):  # a tuple[T, ...] is held as a list
            owner.iteration = ("list", iterable)
            return ty.item
        if ty in (BYTEARRAY, MEMORYVIEW):  # by index, re-reading its length as CPython's iterator (lower/loops.py)
            owner.iteration = ("bytearray", iterable)
            return INT
        if ty in (STR, BYTES):
            owner.iteration = ("text", iterable)
            return STR if ty == STR else INT
        if isinstance(ty, DictType):
            owner.iteration = ("dict", iterable, "keys")
            return ty.key
        if ty == ANY:
            self.refuse_protocols(iterable, self.objects_have_iteration)
            owner.iteration = ("held", iterable)  # on what it holds (runtime/held_items.py)
            return ANY
        if isinstance(ty, SetType):
            self.refuse_hidden_order(iterable, ty, "iterating")  # sema/sets.py
            owner.iteration = ("set", iterable)
            return ty.item
        if isinstance(ty, TupleType):  # the list literal of its items (sema/tuple_sequences.py)
            listed = tuple_sequences.as_list(self, iterable, ty, "iterating over")
            ty = self.check(listed)
            owner.iteration = ("list", listed)
            return ty.item
        if is_named_tuple(ty):
            raise self.fail(iterable, f"iterating over the NamedTuple {ty} is not supported here",
                            "read the fields by name (p.x), or unpack them: x, y = p")
        raise self.fail(iterable, f"cannot iterate over {ty}", "iterate over range(), a list, str, bytes or dict")

    def iteration_combined(self, owner: py_ast.AST, call: py_ast.Call) -> Type:
        name = call.func.id
        start = self.enumerate_start(call) if name == "enumerate" else None
        sequences = call.args[:1] if name == "enumerate" else call.args
        strict = strict_flag(self, call) if name == "zip" else None  # sema/zip_strict.py
        if (call.keywords and start is None and name == "enumerate") or (name == "zip" and not call.args):
            raise self.fail(call, f"{name}() is supported as {name}(items) or {name}(items, start)"
                            if name == "enumerate" else "zip() is supported with one or more iterables")
        parts = []
        for arg in sequences:
            holder = py_ast.Pass()
            parts.append((self.iteration(holder, arg), holder.iteration))
            if holder.iteration[0] in ("range", "dict", "set", "reversed"):
                raise self.fail(arg, f"{name}() over this iterable is not supported; iterate a list, str or bytes")
        owner.iteration = (name, [p[1] for p in parts])
        if start is not None:
            self.use_int(start, what="the start of enumerate()")
            owner.iteration += (start,)
        if strict and len(call.args) > 1:
            owner.iteration += (strict_errors(self, call),)
        if name == "enumerate":
            return tuple_of((INT, parts[0][0]))
        return tuple_of(tuple(part[0] for part in parts))

    def enumerate_start(self, call: py_ast.Call) -> py_ast.expr | None:
        """The ``start`` of enumerate(items, start) / enumerate(items, start=n), or None."""
        keywords = [k for k in call.keywords if k.arg == "start"]
        if len(call.args) == 2 and not call.keywords:
            return call.args[1]
        if len(call.args) == 1 and len(keywords) == len(call.keywords) == 1:
            return keywords[0].value
        if len(call.args) != 1 or call.keywords:
            raise self.fail(call, "enumerate() is supported as enumerate(items) or enumerate(items, start)")
        return None


def _defaulted(types: list[Type]) -> bool:
    """``a or b or c`` whose operands are each T or T | None, the last one T (or all T | None)."""
    inner = [t.inner if isinstance(t, OptionalType) else t for t in types]
    return inner[0] != NONE and all(t == inner[0] for t in inner)
