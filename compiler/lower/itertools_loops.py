"""Lowering of the stateful itertools calls (checked in sema/itertools_calls.py).

Each is a loop (``count``, ``repeat``) or a loop around its source's loop, whose item goes through
a little state before the consumer's body runs, as one ``next()`` of CPython's iterator would:
one item pulled from the source per source step, none pulled after CPython stops pulling
(``islice`` leaves the source's loop once its stop is reached, ``takewhile`` at the first false
test). ``break`` in the consumer's body leaves everything and skips the loop's ``else``;
leaving the source's loop the normal way runs the ``else``.
"""
from __future__ import annotations

from ..program import INT
from .groupby_loops import GroupbyLowerer
from .zip_longest_loop import ZipLongestLowerer


class ItertoolsLowerer(GroupbyLowerer, ZipLongestLowerer):
    def iterate_itertools(self, target, body, orelse, plan) -> None:
        brk, done = self.fresh("break"), self.fresh("done")
        self.emit("block", brk, None)
        self.emit("block", done, None)
        getattr(self, f"itertools_{plan.kind}")(plan, target, body, done, brk)
        self.emit("end")
        orelse()
        self.emit("end")

    def yield_item(self, target, body, brk: str, push, ty) -> None:
        """Store the item ``push`` makes into the target, then run the consumer's body."""
        push()
        self.store(target, ty)
        self.consumer_body(body, brk)

    def consumer_body(self, body, brk: str) -> None:
        cont = self.fresh("continue")
        self.loops.append((brk, cont))
        self.emit("block", cont, None)
        body()
        self.emit("end")
        self.loops.pop()

    def from_source(self, plan, per_item) -> None:
        """The source's loop, storing each item into the plan's hidden local, then ``per_item``."""
        self.iterate(plan.source, plan.item["store"], per_item)

    def int_or(self, node, default: int) -> str:
        if node is None:
            self.emit("i64.const", default)
        else:
            self.value(node, INT)
        return self.stash("i64")

    def forever(self, step) -> None:
        top = self.fresh("top")
        self.emit("loop", top, None)
        step()
        self.emit("br", top)
        self.emit("end")

    # -- count(start, step), repeat(object, times) ----------------------------------------------
    def itertools_count(self, plan, target, body, done, brk) -> None:
        value = self.int_or(plan.args["start"], 0)
        step = self.int_or(plan.args["step"], 1)

        def once() -> None:
            self.yield_item(target, body, brk, lambda: self.emit("local.get", value), INT)
            self.emit("local.get", value)
            self.emit("local.get", step)
            self.emit("call", "rt.add")  # int64 only: past it, OverflowError
            self.emit("local.set", value)
        self.forever(once)

    def itertools_repeat(self, plan, target, body, done, brk) -> None:
        obj, times = plan.args["object"], plan.args["times"]
        self.value(obj)
        held = self.stash(obj.ty.wasm)
        left = self.int_or(times, 0) if times is not None else None

        def once() -> None:
            if left is not None:  # CPython: a negative count repeats nothing
                self.emit("local.get", left)
                self.emit("i64.const", 0)
                self.emit("i64.le_s")
                self.emit("br_if", done)
                self.bump_local(left, -1)
            self.yield_item(target, body, brk, lambda: self.emit("local.get", held), obj.ty)
        self.forever(once)

    def bump_local(self, local: str, amount: int) -> None:
        self.emit("local.get", local)
        self.emit("i64.const", amount)
        self.emit("i64.add")
        self.emit("local.set", local)

    # -- islice(items, [start,] stop[, step]) ---------------------------------------------------
    def itertools_islice(self, plan, target, body, done, brk) -> None:
        """CPython's islice_next: pull (and drop) items until index ``next``, return that one,
        advance ``next`` by the step (clamped to stop); pull nothing once ``count`` reached stop."""
        args = plan.args
        start = self.int_or(args.get("start"), 0)
        stop = self.int_or(args.get("stop"), -1)
        step = self.int_or(args.get("step"), 1)
        stop_error, index_error, step_error = args["raise"].values()
        if "stop" in args and args["stop"] is not None:
            self.raise_if(plan, stop_error, lambda: self.compare_local(stop, "i64.eq", -1))
        self.raise_if(plan, index_error, lambda: (self.compare_local(start, "i64.lt_s", 0), self.compare_local(stop, "i64.lt_s", -1),
                                                  self.emit("i32.or")))
        self.raise_if(plan, step_error, lambda: self.compare_local(step, "i64.lt_s", 1))
        count, wanted = self.temp("i64"), self.temp("i64")
        self.emit("i64.const", 0)
        self.emit("local.set", count)
        self.emit("local.get", start)
        self.emit("local.set", wanted)
        def pulls_nothing() -> None:  # islice(items, 0, 0)
            self.compare_local(start, "i64.eq", 0)
            self.compare_local(stop, "i64.eq", 0)
            self.emit("i32.and")
            self.emit("br_if", done)
        if not args["pull_free"]:
            pulls_nothing()  # before the loop, whose first step would run code (sema checked its making runs none)

        def per_item() -> None:
            if args["pull_free"]:
                pulls_nothing()  # after the loop made the iterable, as CPython's call did
            self.bump_local(count, 1)
            self.emit("local.get", count)
            self.emit("i64.const", 1)
            self.emit("i64.sub")
            self.emit("local.get", wanted)
            self.emit("i64.eq")
            self.emit("if", self.fresh("L"), None)
            self.advance_wanted(wanted, step, stop)
            self.yield_item(target, body, brk, lambda: self.value(plan.item_load), plan.item["ty"])
            self.emit("end")
            # pull again only while count < wanted (dropping), or stop is None, or count < stop
            self.emit("local.get", count)
            self.emit("local.get", wanted)
            self.emit("i64.lt_s")
            self.compare_local(stop, "i64.eq", -1)
            self.emit("i32.or")
            self.emit("local.get", count)
            self.emit("local.get", stop)
            self.emit("i64.lt_s")
            self.emit("i32.or")
            self.emit("i32.eqz")
            self.emit("br_if", done)
        self.from_source(plan, per_item)

    def advance_wanted(self, wanted: str, step: str, stop: str) -> None:
        old = self.temp("i64")
        self.emit("local.get", wanted)
        self.emit("local.tee", old)
        self.emit("local.get", step)
        self.emit("i64.add")
        self.emit("local.set", wanted)
        self.emit("local.get", wanted)
        self.emit("local.get", old)
        self.emit("i64.lt_s")  # wrapped past int64: CPython clamps to stop too
        self.compare_local(stop, "i64.ne", -1)
        self.emit("local.get", wanted)
        self.emit("local.get", stop)
        self.emit("i64.gt_s")
        self.emit("i32.and")
        self.emit("i32.or")
        self.emit("if", self.fresh("L"), None)
        self.emit("local.get", stop)
        self.emit("local.set", wanted)
        self.emit("end")

    def compare_local(self, local: str, op: str, constant: int) -> None:
        self.emit("local.get", local)
        self.emit("i64.const", constant)
        self.emit(op)

    def raise_if(self, plan, exc, condition) -> None:
        condition()
        self.emit("if", self.fresh("L"), None)
        self.value(exc)
        self.emit("i32.const", self.layout.str_constant(self.site(plan.call)))
        self.emit("call", "rt.throw")
        self.emit("unreachable")
        self.emit("end")

    # -- accumulate, pairwise, takewhile, dropwhile ----------------------------------------------
    def itertools_accumulate(self, plan, target, body, done, brk) -> None:
        total, initial = plan.state["total"], plan.args["initial"]
        started = self.temp("i32")
        self.emit("i32.const", 0)
        self.emit("local.set", started)

        def push_total() -> None:
            self.value(total["load"])
        if initial is not None:  # yielded before the first pull; the source was evaluated first
            source = self.sequence_source(plan.source.iteration[1])
            self.value(initial, total["ty"])
            self.store(total["store"], total["ty"])
            self.emit("i32.const", 1)
            self.emit("local.set", started)
            self.yield_item(target, body, brk, push_total, total["ty"])

        def per_item() -> None:
            self.running_value(plan, total, started)
            self.yield_item(target, body, brk, push_total, total["ty"])
        if initial is None:
            self.from_source(plan, per_item)
            return
        self.current_mode, self.current_items = "plain", [plan.item["ty"]]
        self.indexed(plan.item["store"], per_item, lambda: None, [source])

    def call_reduce(self, node, plan) -> None:
        """functools.reduce: the running value starts as initial, or as the first item."""
        total, initial = plan.state["total"], plan.args["initial"]
        started = self.temp("i32")
        self.emit("i32.const", 0 if initial is None else 1)
        self.emit("local.set", started)
        if initial is not None:
            self.value(initial, total["ty"])
            self.store(total["store"], total["ty"])
        self.from_source(plan, lambda: self.running_value(plan, total, started))
        self.raise_if(plan, plan.args["empty"], lambda: (self.emit("local.get", started), self.emit("i32.eqz")))
        self.value(total["load"])

    def running_value(self, plan, total, started: str) -> None:
        """``total = step(total, item)``, or ``total = item`` for the first item."""
        if plan.args["initial"] is not None:  # the running value may have another type than the items
            self.value(plan.args["step"], total["ty"])
            self.store(total["store"], total["ty"])
            return
        self.emit("local.get", started)
        self.emit("if", self.fresh("L"), None)
        self.value(plan.args["step"], total["ty"])
        self.store(total["store"], total["ty"])
        self.emit("else")
        self.value(plan.item_load, total["ty"])
        self.store(total["store"], total["ty"])
        self.emit("i32.const", 1)
        self.emit("local.set", started)
        self.emit("end")

    def itertools_pairwise(self, plan, target, body, done, brk) -> None:
        previous, item = plan.state["previous"], plan.item
        started = self.temp("i32")
        self.emit("i32.const", 0)
        self.emit("local.set", started)

        def per_item() -> None:
            self.emit("local.get", started)
            self.emit("if", self.fresh("L"), None)
            self.value(previous["load"])
            self.value(plan.item_load)
            self.current_mode, self.current_items = "zip", [item["ty"], item["ty"]]
            self.assign_items(target, None)
            self.value(plan.item_load)
            self.store(previous["store"], item["ty"])
            self.consumer_body(body, brk)
            self.emit("else")
            self.value(plan.item_load)
            self.store(previous["store"], item["ty"])
            self.emit("i32.const", 1)
            self.emit("local.set", started)
            self.emit("end")
        self.from_source(plan, per_item)

    def itertools_takewhile(self, plan, target, body, done, brk) -> None:
        def per_item() -> None:
            self.truthy(plan.args["test"])
            self.emit("i32.eqz")
            self.emit("br_if", done)  # CPython pulls nothing more
            self.yield_item(target, body, brk, lambda: self.value(plan.item_load), plan.item["ty"])
        self.from_source(plan, per_item)

    def itertools_dropwhile(self, plan, target, body, done, brk) -> None:
        dropping = self.temp("i32")
        self.emit("i32.const", 1)
        self.emit("local.set", dropping)

        def per_item() -> None:
            self.emit("local.get", dropping)
            self.emit("if", self.fresh("L"), None)
            self.truthy(plan.args["test"])
            self.emit("local.set", dropping)  # still dropping while the test is true
            self.emit("end")
            self.emit("local.get", dropping)
            self.emit("i32.eqz")
            self.emit("if", self.fresh("L"), None)
            self.yield_item(target, body, brk, lambda: self.value(plan.item_load), plan.item["ty"])
            self.emit("end")
        self.from_source(plan, per_item)
