"""Lowering of ``zip_longest`` over lists, str or bytes (checked in sema/zip_longest.py)."""
from __future__ import annotations

from ..program import NONE


class ZipLongestLowerer:
    def itertools_zip_longest(self, plan, target, body, done, brk) -> None:
        args = plan.args
        sources = [self.sequence_source(node) for node in args["sources"]]
        fill = None
        if args["fill_ty"] != NONE:
            self.value(args["fill"])
            fill = self.stash(args["fill_ty"].wasm)
        index, exhausted, active = self.temp("i64"), [self.temp("i32") for _ in sources], self.temp("i32")
        self.emit("i64.const", 0)
        self.emit("local.set", index)
        for flag in exhausted:
            self.set_flag(flag, 0)
        self.set_flag(active, len(sources))
        top = self.fresh("top")
        self.emit("loop", top, None)
        values = [self.pull_or_fill(plan, source, flag, active, index, fill, ty, done)
                  for source, flag, ty in zip(sources, exhausted, args["items"])]
        for value in values:
            self.emit("local.get", value)
        self.current_mode, self.current_items = "zip", list(args["items"])
        self.assign_items(target, None)
        self.emit("local.get", index)
        self.emit("i64.const", 1)
        self.emit("i64.add")
        self.emit("local.set", index)
        self.consumer_body(body, brk)
        self.emit("br", top)
        self.emit("end")

    def pull_or_fill(self, plan, source, flag: str, active: str, index: str, fill, ty, done: str) -> str:
        """The next item of ``source`` (as ``ty``), or the fill value once it is exhausted; to
        ``done`` when it was the last active one."""
        value = self.temp(ty.wasm)
        filled, pulled, ended = self.fresh("filled"), self.fresh("pulled"), self.fresh("ended")
        self.emit("block", pulled, None)
        self.emit("block", filled, None)
        self.emit("local.get", flag)
        self.emit("br_if", filled)
        self.emit("block", ended, None)
        self.exhausted(source, index, ended)
        self.item_at(source, index)
        self.coerce(source[2], ty)
        self.emit("local.set", value)
        self.emit("br", pulled)
        self.emit("end")
        self.set_flag(flag, 1)  # never pulled again, as CPython drops the iterator
        self.emit("local.get", active)
        self.emit("i32.const", 1)
        self.emit("i32.sub")
        self.emit("local.tee", active)
        self.emit("i32.eqz")
        self.emit("br_if", done)  # the last active one: the tuple being made is dropped
        self.emit("end")
        if fill is None:
            self.coerce(NONE, ty)
        else:
            self.emit("local.get", fill)
            self.coerce(plan.args["fill_ty"], ty)
        self.emit("local.set", value)
        self.emit("end")
        return value
