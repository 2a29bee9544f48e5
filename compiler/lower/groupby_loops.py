"""Lowering of ``for key, group in groupby(items, key=f)`` and of loops over its groups
(checked in sema/groupby_calls.py), with CPython 3.11's groupby_next, _grouper_next and
groupby_step: the state (currkey, currvalue, tgtkey, whether the group is still the current one)
lives in locals shared by the outer loop and every loop over the group inside its body.
"""
from __future__ import annotations


class GroupbyLowerer:
    def iterate_groupby(self, target, body, orelse, plan) -> None:
        state = plan.state
        flags = {name: self.temp("i32") for name in ("exhausted", "has_key", "has_value", "has_target", "alive")}
        index = self.temp("i64")
        plan.lowered = dict(flags, index=index, source=self.sequence_source(plan.source.iteration[1]))
        for flag in flags.values():
            self.set_flag(flag, 0)
        self.emit("i64.const", 0)
        self.emit("local.set", index)
        brk, done, top, found, skip = (self.fresh(s) for s in ("break", "done", "top", "found", "skip"))
        self.emit("block", brk, None)
        self.emit("block", done, None)
        self.emit("loop", top, None)
        self.set_flag(flags["alive"], 0)  # the previous group ends here
        self.emit("block", found, None)
        self.emit("loop", skip, None)
        self.emit("local.get", flags["has_key"])
        self.emit("if", self.fresh("L"), None)
        self.emit("local.get", flags["has_target"])
        self.emit("i32.eqz")
        self.emit("br_if", found)
        self.truthy(plan.args["same"])
        self.emit("i32.eqz")
        self.emit("br_if", found)
        self.emit("end")
        self.groupby_step(plan, done)
        self.emit("br", skip)
        self.emit("end")
        self.emit("end")
        key_ty = state["key"]["ty"]
        self.value(state["key"]["load"])
        self.store(state["target"]["store"], key_ty)
        self.set_flag(flags["has_target"], 1)
        self.set_flag(flags["alive"], 1)
        self.value(state["key"]["load"])
        self.store(target.elts[0], key_ty)
        self.consumer_body(body, brk)
        self.emit("br", top)
        self.emit("end")
        self.emit("end")
        orelse()
        self.emit("end")

    def groupby_step(self, plan, fail: str) -> None:
        """Pull the next item and call the key on it; to ``fail`` once the items are exhausted."""
        low, state = plan.lowered, plan.state
        self.emit("local.get", low["exhausted"])
        self.emit("br_if", fail)
        more, past = self.fresh("more"), self.fresh("past")
        self.emit("block", more, None)
        self.emit("block", past, None)
        self.exhausted(low["source"], low["index"], past)
        self.emit("br", more)
        self.emit("end")
        self.set_flag(low["exhausted"], 1)  # CPython's list iterator does not resume
        self.emit("br", fail)
        self.emit("end")
        self.item_at(low["source"], low["index"])
        self.store(plan.item["store"], plan.item["ty"])
        self.emit("local.get", low["index"])
        self.emit("i64.const", 1)
        self.emit("i64.add")
        self.emit("local.set", low["index"])
        self.value(plan.args["key"], state["key"]["ty"])
        self.store(state["new_key"]["store"], state["key"]["ty"])
        self.value(plan.item_load)
        self.store(state["value"]["store"], plan.item["ty"])
        self.value(state["new_key"]["load"])
        self.store(state["key"]["store"], state["key"]["ty"])
        self.set_flag(low["has_value"], 1)
        self.set_flag(low["has_key"], 1)

    def iterate_group(self, target, body, orelse, plan) -> None:
        low, state = plan.lowered, plan.state
        brk, done, top = self.fresh("break"), self.fresh("done"), self.fresh("top")
        self.emit("block", brk, None)
        self.emit("block", done, None)
        self.emit("loop", top, None)
        self.emit("local.get", low["alive"])
        self.emit("i32.eqz")
        self.emit("br_if", done)
        self.emit("local.get", low["has_value"])
        self.emit("i32.eqz")
        self.emit("if", self.fresh("L"), None)
        self.groupby_step(plan, done)
        self.emit("end")
        self.truthy(plan.args["same"])
        self.emit("i32.eqz")
        self.emit("br_if", done)  # the first item of the next group: kept for the outer step
        self.set_flag(low["has_value"], 0)
        self.set_flag(low["has_key"], 0)
        self.value(state["value"]["load"])
        self.store(target, plan.item["ty"])
        self.consumer_body(body, brk)
        self.emit("br", top)
        self.emit("end")
        self.emit("end")
        orelse()
        self.emit("end")

    def set_flag(self, local: str, value: int) -> None:
        self.emit("i32.const", value)
        self.emit("local.set", local)
