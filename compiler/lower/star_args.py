"""Lowering of ``f(*xs)`` bound by compiler/sema/star_args.py: the arguments from the first
starred one are evaluated into one tuple (``rest``) where the first parameter it fills is
pushed, its length checked with CPython's TypeError (compiler/runtime/tuple_builtin.py), then
each parameter takes its item, and ``*args`` the items after them."""
from __future__ import annotations

from .values import LISTS

TUPLES = "compiler.runtime.tuple_builtin"


class StarArgsLowerer:
    def lower_StarItem(self, node) -> None:
        if node.index == -2:  # all of rest goes to *args
            self.value(node.whole)
            return
        binding = node.binding
        if node.index == 0:
            self.value(binding.rest)
            binding.temp = self.stash("i32")
            self.star_check(binding)
        self.emit("local.get", binding.temp)
        self.emit("i64.extend_i32_u")
        if node.index >= 0:
            self.emit("i64.const", node.index)
            self.call_runtime(f"{LISTS}.list_get", binding.item)
            return
        for value in (binding.wanted, 0, 1, 1):  # rest[wanted:] (flags: start given)
            self.emit("i64.const", value)
        self.call_runtime(f"{LISTS}.list_slice", node.ty)

    def star_check(self, binding) -> None:
        self.emit("local.get", binding.temp)
        self.emit("i64.extend_i32_u")
        self.emit("i64.const", binding.before)
        self.emit("i64.const", binding.wanted)
        self.emit("i32.const", int(binding.exact))
        self.emit("i64.const", binding.offset)
        self.emit("i32.const", self.layout.str_constant(binding.qualname))
        self.emit("i32.const", self.layout.str_constant(" ".join(binding.names)))
        self.emit("call", f"{TUPLES}.star_arguments_check")
