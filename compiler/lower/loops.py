"""Lowering of loops and of iteration.

Loops use two labels: ``break`` leaves the outer block (skipping a loop's
``else``), ``continue`` leaves the inner block that wraps the body, so a
``for`` loop's step still runs. ``iterate`` drives every kind of for loop and
comprehension (range, list, str/bytes, dict, enumerate, zip).
"""
from __future__ import annotations

import ast as py_ast

from ..program import BYTEARRAY, BYTES, MEMORYVIEW, INT, STR, DequeType, ListType, OrderedDictType, Type, VarTupleType, tuple_of
from .collections_ops import ordered_check, ordered_state, ordered_yielded
from .containers import ContainerLowerer
from .intrinsics import constant_int
from .values import BYTES_DATA, DICTS, LISTS, STR_ITEMS
from .zip_strict import strict_exhausted


def constant_range_length(bounds: list[int | None]) -> int | None:
    """len(range(start, stop, step)) of constant bounds (small enough for rt.range_length to agree)."""
    if None in bounds or bounds[2] == 0 or not all(-(1 << 62) <= b < (1 << 62) for b in bounds):
        return None
    return len(range(*bounds))


class LoopLowerer(ContainerLowerer):
    def loop_frame(self, body, test, step, orelse) -> None:
        """block $break { block $exit { loop $top { test; block $continue { body } step; br $top } } else }"""
        brk, exit_, top, cont = (self.fresh(s) for s in ("break", "exit", "top", "continue"))
        self.emit("block", brk, None)
        self.emit("block", exit_, None)
        self.emit("loop", top, None)
        test(exit_)
        self.loops.append((brk, cont))
        self.emit("block", cont, None)
        body()
        self.emit("end")
        self.loops.pop()
        step()
        self.emit("br", top)
        self.emit("end")
        self.emit("end")
        orelse()
        self.emit("end")

    def iterate(self, owner, target: py_ast.expr, body, orelse=lambda: None) -> None:
        kind, *rest = owner.iteration
        getattr(self, f"iterate_{kind}")(target, body, orelse, *rest)

    def iterate_range(self, target, body, orelse, args, backwards: bool = False) -> None:
        """range(start, stop, step) runs a precomputed number of times, like CPython's range;
        ``backwards``: reversed(range(...)), from its last item with the step negated. The item
        arithmetic wraps: every item taken is a range item, inside int64."""
        start, stop, step, count = (self.temp("i64") for _ in range(4))
        bounds = [None, args[0], None] if len(args) == 1 else [args[0], args[1], args[2] if len(args) == 3 else None]
        for tmp, bound, default in ((start, bounds[0], 0), (stop, bounds[1], 0), (step, bounds[2], 1)):
            if bound is None:
                self.emit("i64.const", default)
            else:
                self.value(bound, INT)
            self.emit("local.set", tmp)
        length = constant_range_length([default if bound is None else constant_int(bound)
                                        for bound, default in zip(bounds, (0, 0, 1))])
        if length is not None:  # constant bounds: the length is known here
            self.emit("i64.const", length)
        else:
            for tmp in (start, stop, step):
                self.emit("local.get", tmp)
            self.emit("call", "rt.range_length")
        self.emit("local.set", count)
        if backwards:
            self.last_range_item(start, step, count)

        def test(exit_label: str) -> None:
            self.emit("local.get", count)
            self.emit("i64.eqz")
            self.emit("br_if", exit_label)
            self.emit("local.get", start)
            self.store(target, INT)

        def advance() -> None:
            for a, b, op in ((start, step, "i64.add"), (count, None, "i64.sub")):
                self.emit("local.get", a)
                self.emit(*(("local.get", b) if b else ("i64.const", 1)))
                self.emit(op)
                self.emit("local.set", a)
        self.loop_frame(body, test, advance, orelse)

    def last_range_item(self, start: str, step: str, count: str) -> None:
        """start += (count - 1) * step; step = -step (modulo 2**64: the last item is in int64)."""
        for instruction in (("local.get", start), ("local.get", count), ("i64.const", 1), ("i64.sub",),
                            ("local.get", step), ("i64.mul",), ("i64.add",)):
            self.emit(*instruction)
        self.emit("local.set", start)
        self.emit("i64.const", 0)
        self.emit("local.get", step)
        self.emit("i64.sub")
        self.emit("local.set", step)

    def iterate_reversed(self, target, body, orelse, node) -> None:
        """reversed(seq): from the last item down; as CPython's reverse iterator, it stops for good
        where the index is past the end of a list that shrank meanwhile."""
        source = self.sequence_source(node)
        self.current_mode, self.current_items = "plain", [source[2]]
        self.indexed(target, body, orelse, [source], backwards=True)

    def indexed(self, target, body, orelse, sources: list[tuple[str, Type, Type]], backwards: bool = False,
                strict=None) -> None:
        """Walk sequences by index, re-reading lengths each step as CPython's iterators do;
        ``backwards`` (one sequence): from its last index down to 0; ``strict``: zip's errors.

        ``sources``: (temporary holding the sequence, its type, item type)."""
        index = self.temp("i64")
        if backwards:
            self.emit("local.get", sources[0][0])
            self.emit("i64.load32_u", 12 if sources[0][1] == STR else 8)
        self.emit("i64.const", -1 if backwards else 0)
        if backwards:
            self.emit("i64.add")
        self.emit("local.set", index)

        def test(exit_label: str) -> None:
            if backwards:
                self.emit("local.get", index)
                self.emit("i64.const", 0)
                self.emit("i64.lt_s")
                self.emit("br_if", exit_label)
            if strict is not None:  # zip(..., strict=True): lower/zip_strict.py
                strict_exhausted(self, sources, index, exit_label, strict)
            for source in sources:
                self.exhausted(source, index, exit_label)
            for source in sources:
                self.item_at(source, index)
            self.assign_items(target, index)

        def advance() -> None:
            self.emit("local.get", index)
            self.emit("i64.const", -1 if backwards else 1)
            self.emit("i64.add")
            self.emit("local.set", index)
        self.loop_frame(body, test, advance, orelse)

    def exhausted(self, source: tuple[str, Type, Type], index: str, exit_label: str) -> None:
        """Leave to ``exit_label`` when ``index`` is past the sequence's current length."""
        tmp, ty, _ = source
        if isinstance(ty, DequeType):
            self.deque_guard(tmp)  # RuntimeError once it changed, before its end is seen
        self.emit("local.get", index)
        self.emit("local.get", tmp)
        self.emit("i64.load32_u", 12 if ty == STR else 8)
        self.emit("i64.ge_s")
        self.emit("br_if", exit_label)

    def item_at(self, source: tuple[str, Type, Type], index: str) -> None:
        """Push the item at ``index`` (checked to be in range) of a list, str or bytes."""
        tmp, ty, item = source
        if ty == MEMORYVIEW:  # the test just checked 0 <= index < len
            self.emit("local.get", tmp)
            self.emit("i64.extend_i32_u")
            self.emit("local.get", index)
            self.call_runtime("compiler.runtime.memoryviews.memoryview_getitem", INT)
            return
        if ty in (BYTES, BYTEARRAY):  # the test just checked 0 <= index < len: load the byte
            self.emit("local.get", tmp)
            if ty == BYTEARRAY:
                self.emit("i32.load", 16)  # its current data block (bytes are immutable: their own)
            self.emit("local.get", index)
            self.emit("i32.wrap_i64")
            self.emit("i32.add")
            self.emit("i32.load8_u", BYTES_DATA)
            self.emit("i64.extend_i32_u")
            return
        self.emit("local.get", tmp)
        self.emit("i64.extend_i32_u")
        self.emit("local.get", index)
        symbol = f"{LISTS}.list_get" if isinstance(ty, (ListType, VarTupleType)) else \
            f"{STR_ITEMS}.str_getitem" if ty == STR else f"{STR_ITEMS}.bytes_getitem"
        self.call_runtime(symbol, item)

    def assign_items(self, target, index: str) -> None:
        """Store the item(s) just pushed (plus the index for enumerate) into the loop target."""
        mode = self.current_mode
        if mode == "plain":
            self.store(target, self.current_items[0])
            return
        values = [self.stash(t.wasm) for t in reversed(self.current_items)][::-1]
        elements = target.elts if isinstance(target, py_ast.Tuple) and not hasattr(target, "star_unpack") else None
        if mode == "enumerate":
            pairs = [(self.enumerate_count(index), INT)] + list(zip(values, self.current_items))
        else:
            pairs = list(zip(values, self.current_items))
        if elements is None:  # one name receives the whole tuple (or unpacks it with a star)
            tuple_ty = self.record_target_type(target, [ty for _, ty in pairs])
            self.build_record([t for t, _ in pairs], [ty for _, ty in pairs], self.classes.tuple_id(tuple_ty))
            self.store(target, tuple_ty)
            return
        for element, (tmp, ty) in zip(elements, pairs):
            self.emit("local.get", tmp)
            self.store(element, ty)

    def sequence_source(self, node: py_ast.expr) -> tuple[str, Type, Type]:
        self.value(node)
        tmp = self.stash("i32")
        ty = node.ty
        if isinstance(ty, DequeType):
            self.deque_snapshot(tmp)  # CPython's deque iterator keeps its state: lower/deques.py
        item = ty.item if isinstance(ty, (ListType, VarTupleType)) else STR if ty == STR else INT
        return tmp, ty, item

    def iterate_list(self, target, body, orelse, node) -> None:
        source = self.sequence_source(node)
        self.current_mode, self.current_items = "plain", [source[2]]
        if source[1] == BYTES:
            self.byte_walk(target, body, orelse, source[0])
            return
        self.indexed(target, body, orelse, [source])

    def byte_walk(self, target, body, orelse, obj: str) -> None:
        """for x in bytes: an address walks the data; bytes never change, so their end is read once."""
        at, end = self.temp("i32"), self.temp("i32")
        self.emit("local.get", obj)
        self.emit("i32.const", BYTES_DATA)
        self.emit("i32.add")
        self.emit("local.tee", at)
        self.emit("local.get", obj)
        self.emit("i32.load", 8)  # the length (compiler/runtime/strings.py BYTE_LEN)
        self.emit("i32.add")
        self.emit("local.set", end)

        def test(exit_label: str) -> None:
            for instr in (("local.get", at), ("local.get", end), ("i32.ge_u",), ("br_if", exit_label),
                          ("local.get", at), ("i32.load8_u", 0), ("i64.extend_i32_u",)):
                self.emit(*instr)
            self.store(target, INT)

        def advance() -> None:
            for instr in (("local.get", at), ("i32.const", 1), ("i32.add",), ("local.set", at)):
                self.emit(*instr)
        self.loop_frame(body, test, advance, orelse)

    iterate_text = iterate_list
    iterate_bytearray = iterate_list  # by index, its length re-read each step (sema/bytearrays.py)

    def iterate_enumerate(self, target, body, orelse, parts, start=None) -> None:
        source = self.sequence_source(parts[0][1])
        self.current_start = None
        if start is not None:
            self.value(start, INT)
            self.current_start = self.stash("i64")
        self.current_mode, self.current_items = "enumerate", [source[2]]
        self.indexed(target, body, orelse, [source])

    def enumerate_count(self, index: str) -> str:
        """The number enumerate() pairs with the item: the index, plus the start if given."""
        start = getattr(self, "current_start", None)
        if start is None:
            return index
        self.emit("local.get", index)
        self.emit("local.get", start)
        self.emit("call", "rt.add")
        return self.stash("i64")

    def iterate_zip(self, target, body, orelse, parts, strict=None) -> None:
        sources = [self.sequence_source(p[1]) for p in parts]
        self.current_mode, self.current_items = "zip", [s[2] for s in sources]
        self.indexed(target, body, orelse, sources, strict=strict)

    def iterate_dict(self, target, body, orelse, node, view: str) -> None:
        """Entries in insertion order; a change of size during the loop raises RuntimeError."""
        self.slot(node)
        self.dict_loop(target, body, orelse, self.stash("i64"), node.ty, view)

    def dict_loop(self, target, body, orelse, d: str, ty, view: str) -> None:
        entry, size = self.temp("i64"), self.temp("i64")
        self.emit("i64.const", -1)
        self.emit("local.set", entry)
        self.emit("local.get", d)
        self.emit("call", f"{DICTS}.dict_len")
        self.emit("local.set", size)
        ordered = ordered_state(self, d) if isinstance(ty, OrderedDictType) else None

        def test(exit_label: str) -> None:
            if ordered is not None:  # OrderedDict: its own RuntimeError, on a move too
                ordered_check(self, ordered, d, size, exit_label)
            self.emit("local.get", d)
            self.emit("call", f"{DICTS}.dict_len")
            self.emit("local.get", size)
            self.emit("i64.ne")
            self.emit("if", self.fresh("L"), None)
            self.emit("call", "RuntimeError")
            self.emit("end")
            self.emit("local.get", d)
            self.emit("local.get", entry)
            self.emit("call", f"{DICTS}.dict_next")
            self.emit("local.tee", entry)
            self.emit("i64.const", 0)
            self.emit("i64.lt_s")
            self.emit("br_if", exit_label)
            if ordered is not None:
                ordered_yielded(self, ordered, d, entry)
            parts = {"keys": [("key", ty.key)], "values": [("value", ty.value)],
                     "items": [("key", ty.key), ("value", ty.value)]}[view]
            for part, part_ty in parts:
                self.emit("local.get", d)
                self.emit("local.get", entry)
                self.call_runtime(f"{DICTS}.dict_entry_{part}", part_ty)
            if view == "items":
                self.current_mode, self.current_items = "zip", [ty.key, ty.value]
                self.assign_pair(target, [ty.key, ty.value])
            else:
                self.store(target, parts[0][1])
        self.loop_frame(body, test, lambda: None, orelse)

    def record_target_type(self, target, types: list[Type]) -> Type:
        """The tuple type a loop target receives: its declared one, or (``k, *v``) the items'."""
        return tuple_of(tuple(types)) if isinstance(target, py_ast.Tuple) else self.target_type(target, None)

    def assign_pair(self, target, types: list[Type]) -> None:
        values = [self.stash(t.wasm) for t in reversed(types)][::-1]
        if isinstance(target, py_ast.Tuple) and not hasattr(target, "star_unpack"):
            for element, tmp, ty in zip(target.elts, values, types):
                self.emit("local.get", tmp)
                self.store(element, ty)
            return
        tuple_ty = self.record_target_type(target, types)
        self.build_record(values, types, self.classes.tuple_id(tuple_ty))
        self.store(target, tuple_ty)

    def build_record(self, temps: list[str], types: list[Type], record_id: int) -> None:
        from ..program import RT_MEMORY
        self.emit("i64.const", 8 * len(types))
        self.emit("i64.const", 9 | (record_id << 8))
        self.emit("call", f"{RT_MEMORY}.alloc")
        self.emit("i32.wrap_i64")
        obj = self.stash("i32")
        for index, (tmp, ty) in enumerate(zip(temps, types)):
            self.emit("local.get", obj)
            self.emit("local.get", tmp)
            self.to_slot(ty)
            self.emit("i64.store", 8 + 8 * index)
        self.emit("local.get", obj)
