"""Lowering of generator expressions consumed item by item (checked in sema/generators.py).

The generator's clauses become the loop nest of a comprehension (``clauses``); the consumer's
work for one item runs innermost, so each item's element expression runs just before the
consumer uses it, as when CPython pulls from the lazy iterator. ``any``/``all`` leave the nest
at the first deciding item; a ``for`` loop's ``break`` leaves it too, skipping the ``else``.
"""
from __future__ import annotations

import ast as py_ast

from ..program import BOOL, FLOAT, INT
from .values import LISTS


class GeneratorLowerer:
    def iterate_generator(self, target, body, orelse, gen: py_ast.GeneratorExp, count: str | None = None) -> None:
        """A for loop (or comprehension clause) over ``gen``; ``count``: enumerate()'s counter."""
        brk = self.fresh("break")
        self.emit("block", brk, None)

        def assign() -> None:
            self.value(gen.elt)
            if count is None:
                self.store(target, gen.elt.ty)
                return
            self.current_mode, self.current_items, self.current_start = "enumerate", [gen.elt.ty], None
            self.assign_items(target, count)
            self.emit("local.get", count)
            self.emit("i64.const", 1)
            self.emit("call", "rt.add")
            self.emit("local.set", count)
        self.nest(gen, assign, body, brk)
        orelse()
        self.emit("end")

    def nest(self, gen, assign, body, brk: str) -> None:
        """The loop nest of ``gen``, running ``assign`` then the loop ``body`` for each item;
        ``break`` goes to ``brk``."""
        cont = self.fresh("continue")

        def innermost() -> None:
            assign()
            self.loops.append((brk, cont))
            self.emit("block", cont, None)
            body()
            self.emit("end")
            self.loops.pop()
        self.clauses(gen.generators, innermost)

    def iterate_enumerate_generator(self, target, body, orelse, gen, start) -> None:
        count = self.temp("i64")
        if start is None:
            self.emit("i64.const", 0)
        else:
            self.value(start, INT)
        self.emit("local.set", count)
        self.iterate_generator(target, body, orelse, gen, count)

    def iterate_zip_generator(self, target, body, orelse, gen, other, gen_first: bool) -> None:
        """zip(gen, seq) / zip(seq, gen): the loop nest of ``gen``, leaving it (to the ``else``) at
        the first pull of an exhausted sequence; a generator first has made its item by then."""
        source, index = self.sequence_source(other), self.temp("i64")
        self.emit("i64.const", 0)
        self.emit("local.set", index)
        brk, exhausted = self.fresh("break"), self.fresh("exhausted")
        self.emit("block", brk, None)
        self.emit("block", exhausted, None)

        def pair() -> None:
            if gen_first:
                self.value(gen.elt)
                made = self.stash(gen.elt.ty.wasm)
                self.exhausted(source, index, exhausted)
                self.emit("local.get", made)
                self.item_at(source, index)
            else:
                self.exhausted(source, index, exhausted)
                self.item_at(source, index)
                self.value(gen.elt)
            self.current_mode = "zip"
            self.current_items = [gen.elt.ty, source[2]] if gen_first else [source[2], gen.elt.ty]
            self.assign_items(target, index)
            self.emit("local.get", index)
            self.emit("i64.const", 1)
            self.emit("i64.add")
            self.emit("local.set", index)
        self.nest(gen, pair, body, brk)
        self.emit("end")
        orelse()
        self.emit("end")

    # -- any(), all() and sum() -------------------------------------------------------------
    def builtin_any(self, node: py_ast.Call) -> None:
        self.truth_fold(node, found=1)

    def builtin_all(self, node: py_ast.Call) -> None:
        self.truth_fold(node, found=0)

    def truth_fold(self, node: py_ast.Call, found: int) -> None:
        """False (any) or True (all) unless an item's truth is ``found``: then that, at once."""
        gen = node.generator
        result = self.temp("i32")
        self.emit("i32.const", 1 - found)
        self.emit("local.set", result)
        done = self.fresh("done")
        self.emit("block", done, None)

        def innermost() -> None:
            self.truthy(gen.elt)
            if not found:
                self.emit("i32.eqz")
            self.emit("if", self.fresh("L"), None)
            self.emit("i32.const", found)
            self.emit("local.set", result)
            self.emit("br", done)
            self.emit("end")
        self.clauses(gen.generators, innermost)
        self.emit("end")
        self.emit("local.get", result)

    def builtin_sum(self, node: py_ast.Call) -> None:
        """CPython 3.11's sum: int items added with overflow checks, float ones one by one."""
        gen, total = node.generator, node.ty
        if node.sum_start is None:
            self.emit("i64.const", 0)
        else:
            self.value(node.sum_start, total)
        acc = self.stash(total.wasm)

        def innermost() -> None:
            self.emit("local.get", acc)
            self.value(gen.elt)
            if gen.elt.ty == BOOL:
                self.emit("i64.extend_i32_u")
            if total == FLOAT:
                if gen.elt.ty != FLOAT:
                    self.emit("f64.convert_i64_s")
                self.emit("f64.add")
            else:
                self.emit("call", "rt.add")
            self.emit("local.set", acc)
        self.clauses(gen.generators, innermost)
        self.emit("local.get", acc)

    # -- list.extend() ------------------------------------------------------------------------
    def call_type_method(self, node: py_ast.Call, name: str) -> None:
        comp = getattr(node, "extend_generator", None)
        if comp is None:
            return super().call_type_method(node, name)
        self.slot(node.func.value)
        items = self.stash("i64")
        item = node.func.value.ty.item

        def innermost() -> None:  # CPython's extend appends each item as it comes
            self.emit("local.get", items)
            self.slot(comp.elt, item)
            self.emit("call", f"{LISTS}.list_append")
        self.clauses(comp.generators, innermost)
