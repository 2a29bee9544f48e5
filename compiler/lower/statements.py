"""Lowering of statements and whole functions.

Loops use two labels: ``break`` leaves the outer block (skipping a loop's
``else``), ``continue`` leaves the inner block that wraps the body, so a
``for`` loop's step still runs. ``iterate`` drives every kind of for loop and
comprehension (range, list, str/bytes, dict, enumerate, zip).
"""
from __future__ import annotations

import ast as py_ast

from .. import ir
from ..program import (INT, NONE, STR, DictType, FuncSym, GlobalSym, ListType, Type)
from .containers import ContainerLowerer
from .layout import Layout
from .values import DICTS, LISTS, STRINGS


class FunctionLowerer(ContainerLowerer):
    def __init__(self, fn: FuncSym, layout: Layout, classes):
        params = [(p.name if p.wasm == p.ty.wasm else f"{p.name}.arg", p.wasm) for p in fn.params]
        results = [fn.result_wasm] if fn.result_wasm else []
        super().__init__(ir.Function(fn.qualname, params, results, export=fn.export), layout)
        self.source = fn
        self.classes = classes
        self.loops: list[tuple[str, str]] = []  # (break label, continue label)

    def run(self) -> ir.Function:
        fn = self.source
        params = {p.name: p for p in fn.params}
        for name, ty in fn.locals.items():
            if name not in params or params[name].wasm != ty.wasm:
                self.fn.locals.append((name, ty.wasm))
        for p in fn.params:
            if p.wasm != p.ty.wasm:  # an int carried as i32 at the boundary
                self.emit("local.get", f"{p.name}.arg")
                self.emit("i64.extend_i32_s")
                self.emit("local.set", p.name)
        self.block(fn.node.body)
        if fn.result != NONE:
            self.emit("unreachable")  # the checker proved the end is never reached
        return self.fn

    def block(self, body: list[py_ast.stmt]) -> None:
        for stmt in body:
            getattr(self, f"stmt_{type(stmt).__name__}")(stmt)

    # -- assignment ------------------------------------------------------------------
    def store(self, target: py_ast.expr, ty: Type) -> None:
        """Pop a value of type ``ty`` into ``target``."""
        if isinstance(target, py_ast.Name):
            sym = getattr(target, "sym", None)
            if isinstance(sym, GlobalSym):
                self.emit("global.set", sym.qualname)
            else:
                self.emit("local.set", getattr(target, "local_name", target.id))
        elif isinstance(target, py_ast.Tuple):
            obj = self.stash("i32")
            for index, (element, item) in enumerate(zip(target.elts, ty.items)):
                self.emit("local.get", obj)
                self.emit("i64.load", 8 + 8 * index)
                self.from_slot(item)
                self.store(element, item)
        elif isinstance(target, py_ast.Attribute):
            value = self.stash(ty.wasm)
            info = target.value.ty.info
            self.value(target.value)
            self.emit("local.get", value)
            self.to_slot(ty)
            self.emit("i64.store", self.field_offset(info, target.attr))
        else:
            self.store_item(target, ty)

    def store_item(self, target: py_ast.Subscript, ty: Type) -> None:
        value = self.stash(ty.wasm)
        base = target.value.ty
        self.slot(target.value)
        if isinstance(base, DictType):
            self.slot(target.slice, base.key)
        else:
            self.value(target.slice, INT)
        self.emit("local.get", value)
        self.to_slot(ty)
        self.emit("call", f"{DICTS}.dict_set" if isinstance(base, DictType) else f"{LISTS}.list_set")

    def target_type(self, target: py_ast.expr, fallback: Type) -> Type:
        """The storage type of an assignment target (values are converted to it)."""
        if isinstance(target, py_ast.Name):
            sym = getattr(target, "sym", None)
            if isinstance(sym, GlobalSym):
                return sym.ty
            return self.source.locals[getattr(target, "local_name", target.id)]
        if isinstance(target, py_ast.Attribute):
            return target.value.ty.info.fields[target.attr]
        if isinstance(target, py_ast.Subscript):
            base = target.value.ty
            return base.value if isinstance(base, DictType) else base.item
        return fallback

    def stmt_Assign(self, stmt: py_ast.Assign) -> None:
        ty = self.target_type(stmt.targets[0], stmt.value.ty)
        self.value(stmt.value, ty)
        if len(stmt.targets) > 1:
            tmp = self.stash(ty.wasm)
            for target in stmt.targets:
                self.emit("local.get", tmp)
                self.store(target, self.target_type(target, ty))
            return
        self.store(stmt.targets[0], ty)

    def stmt_AnnAssign(self, stmt: py_ast.AnnAssign) -> None:
        if stmt.value is not None:
            ty = self.target_type(stmt.target, stmt.value.ty)
            self.value(stmt.value, ty)
            self.store(stmt.target, ty)

    def stmt_AugAssign(self, stmt: py_ast.AugAssign) -> None:
        target = stmt.target
        if isinstance(target, py_ast.Name):
            ty = self.target_type(target, stmt.operation.ty)
            self.value(stmt.operation, ty)
            self.store(target, ty)
            return
        # Evaluate the container (and key) once, as CPython does.
        holder = target.value
        self.value(holder)
        holder_tmp = self.stash("i32")
        key_tmp = None
        if isinstance(target, py_ast.Subscript):
            key_ty = holder.ty.key if isinstance(holder.ty, DictType) else INT
            self.value(target.slice, key_ty)
            key_tmp = self.stash(key_ty.wasm)
        temp = _Temp(holder_tmp, key_tmp, target)
        temp.ty = stmt.operation.left.ty
        stmt.operation.left = temp
        ty = self.target_type(target, stmt.operation.ty)
        self.value(stmt.operation, ty)
        result = self.stash(ty.wasm)
        self.emit("local.get", holder_tmp)
        if isinstance(target, py_ast.Attribute):
            self.emit("local.get", result)
            self.to_slot(ty)
            self.emit("i64.store", self.field_offset(holder.ty.info, target.attr))
            return
        self.emit("i64.extend_i32_u")
        self.emit("local.get", key_tmp)
        self.to_slot(holder.ty.key if isinstance(holder.ty, DictType) else INT)
        self.emit("local.get", result)
        self.to_slot(ty)
        self.emit("call", f"{DICTS}.dict_set" if isinstance(holder.ty, DictType) else f"{LISTS}.list_set")

    def lower__Temp(self, node: "_Temp") -> None:
        """Re-read an augmented assignment's target from the temporaries holding its parts."""
        target = node.target
        self.emit("local.get", node.holder)
        if isinstance(target, py_ast.Attribute):
            self.emit("i64.load", self.field_offset(target.value.ty.info, target.attr))
            self.from_slot(node.ty)
            return
        base = target.value.ty
        self.emit("i64.extend_i32_u")
        self.emit("local.get", node.key)
        if isinstance(base, DictType):
            self.to_slot(base.key)
            self.call_runtime(f"{DICTS}.dict_get", node.ty)
        else:
            self.call_runtime(f"{LISTS}.list_get", node.ty)

    # -- simple statements ----------------------------------------------------------------
    def stmt_Expr(self, stmt: py_ast.Expr) -> None:
        if not hasattr(stmt.value, "ty"):
            return  # docstring
        self.lower(stmt.value)
        if stmt.value.ty != NONE:
            self.emit("drop")

    def stmt_Pass(self, stmt: py_ast.Pass) -> None:
        pass

    def stmt_Global(self, stmt: py_ast.Global) -> None:
        pass

    def stmt_Assert(self, stmt: py_ast.Assert) -> None:
        self.truthy(stmt.test)
        self.emit("i32.eqz")
        self.emit("if", self.fresh("L"), None)
        self.emit("call", "AssertionError")
        self.emit("end")

    def stmt_Raise(self, stmt: py_ast.Raise) -> None:
        self.emit("call", {"NotImplementedError": "RuntimeError", "Exception": "RuntimeError"}
                  .get(stmt.exception, stmt.exception))
        self.emit("unreachable")

    def stmt_Delete(self, stmt: py_ast.Delete) -> None:
        for target in stmt.targets:
            base = target.value.ty
            self.slot(target.value)
            if isinstance(base, DictType):
                self.slot(target.slice, base.key)
                self.emit("call", f"{DICTS}.dict_delete")
            else:
                self.value(target.slice, INT)
                self.emit("call", f"{LISTS}.list_delete")

    def stmt_Return(self, stmt: py_ast.Return) -> None:
        fn = self.source
        if stmt.value is not None and fn.result != NONE:
            self.boundary_argument(stmt.value, fn.result, fn.result_wasm)
        self.emit("return")

    def stmt_Break(self, stmt: py_ast.Break) -> None:
        self.emit("br", self.loops[-1][0])

    def stmt_Continue(self, stmt: py_ast.Continue) -> None:
        self.emit("br", self.loops[-1][1])

    def stmt_If(self, stmt: py_ast.If) -> None:
        self.truthy(stmt.test)
        self.emit("if", self.fresh("L"), None)
        self.block(stmt.body)
        if stmt.orelse:
            self.emit("else")
            self.block(stmt.orelse)
        self.emit("end")

    # -- loops --------------------------------------------------------------------------------
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

    def stmt_While(self, stmt: py_ast.While) -> None:
        def test(exit_label: str) -> None:
            self.truthy(stmt.test)
            self.emit("i32.eqz")
            self.emit("br_if", exit_label)
        self.loop_frame(lambda: self.block(stmt.body), test, lambda: None, lambda: self.block(stmt.orelse))

    def stmt_For(self, stmt: py_ast.For) -> None:
        self.iterate(stmt, stmt.target, lambda: self.block(stmt.body), lambda: self.block(stmt.orelse))

    def iterate(self, owner, target: py_ast.expr, body, orelse=lambda: None) -> None:
        kind, *rest = owner.iteration
        getattr(self, f"iterate_{kind}")(target, body, orelse, *rest)

    def iterate_range(self, target, body, orelse, args) -> None:
        """range(start, stop, step) runs a precomputed number of times, like CPython's range."""
        start, stop, step, count = (self.temp("i64") for _ in range(4))
        bounds = [None, args[0], None] if len(args) == 1 else [args[0], args[1], args[2] if len(args) == 3 else None]
        for tmp, bound, default in ((start, bounds[0], 0), (stop, bounds[1], 0), (step, bounds[2], 1)):
            if bound is None:
                self.emit("i64.const", default)
            else:
                self.value(bound, INT)
            self.emit("local.set", tmp)
        for tmp in (start, stop, step):
            self.emit("local.get", tmp)
        self.emit("call", "rt.range_length")
        self.emit("local.set", count)

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

    def indexed(self, target, body, orelse, sources: list[tuple[str, Type, Type]]) -> None:
        """Walk sequences by index, re-reading lengths each step as CPython's iterators do.

        ``sources``: (temporary holding the sequence, its type, item type)."""
        index = self.temp("i64")
        self.emit("i64.const", 0)
        self.emit("local.set", index)
        items = []

        def test(exit_label: str) -> None:
            for tmp, ty, item in sources:
                self.emit("local.get", index)
                self.emit("local.get", tmp)
                self.emit("i64.load32_u", 12 if ty == STR else 8)
                self.emit("i64.ge_s")
                self.emit("br_if", exit_label)
            items.clear()
            for tmp, ty, item in sources:
                self.emit("local.get", tmp)
                self.emit("i64.extend_i32_u")
                self.emit("local.get", index)
                symbol = f"{LISTS}.list_get" if isinstance(ty, ListType) else \
                    f"{STRINGS}.str_getitem" if ty == STR else f"{STRINGS}.bytes_getitem"
                self.call_runtime(symbol, item)
            self.assign_items(target, index)

        def advance() -> None:
            self.emit("local.get", index)
            self.emit("i64.const", 1)
            self.emit("i64.add")
            self.emit("local.set", index)
        self.loop_frame(body, test, advance, orelse)

    def assign_items(self, target, index: str) -> None:
        """Store the item(s) just pushed (plus the index for enumerate) into the loop target."""
        mode = self.current_mode
        if mode == "plain":
            self.store(target, self.current_items[0])
            return
        values = [self.stash(t.wasm) for t in reversed(self.current_items)][::-1]
        elements = target.elts if isinstance(target, py_ast.Tuple) else None
        if mode == "enumerate":
            pairs = [(self.enumerate_count(index), INT)] + list(zip(values, self.current_items))
        else:
            pairs = list(zip(values, self.current_items))
        if elements is None:  # one name receives the whole tuple
            tuple_ty = self.target_type(target, None)
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
        item = ty.item if isinstance(ty, ListType) else STR if ty == STR else INT
        return tmp, ty, item

    def iterate_list(self, target, body, orelse, node) -> None:
        source = self.sequence_source(node)
        self.current_mode, self.current_items = "plain", [source[2]]
        self.indexed(target, body, orelse, [source])

    iterate_text = iterate_list

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

    def iterate_zip(self, target, body, orelse, parts) -> None:
        sources = [self.sequence_source(p[1]) for p in parts]
        self.current_mode, self.current_items = "zip", [s[2] for s in sources]
        self.indexed(target, body, orelse, sources)

    def iterate_dict(self, target, body, orelse, node, view: str) -> None:
        """Entries in insertion order; a change of size during the loop raises RuntimeError."""
        ty = node.ty
        self.slot(node)
        d = self.stash("i64")
        entry, size = self.temp("i64"), self.temp("i64")
        self.emit("i64.const", -1)
        self.emit("local.set", entry)
        self.emit("local.get", d)
        self.emit("call", f"{DICTS}.dict_len")
        self.emit("local.set", size)

        def test(exit_label: str) -> None:
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

    def assign_pair(self, target, types: list[Type]) -> None:
        values = [self.stash(t.wasm) for t in reversed(types)][::-1]
        if isinstance(target, py_ast.Tuple):
            for element, tmp, ty in zip(target.elts, values, types):
                self.emit("local.get", tmp)
                self.store(element, ty)
            return
        tuple_ty = self.target_type(target, None)
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


class _Temp(py_ast.expr):
    """An augmented assignment's target, read back from temporaries."""

    def __init__(self, holder: str, key: str | None, target: py_ast.expr):
        super().__init__()
        self.holder, self.key, self.target = holder, key, target
        self.ty = None
