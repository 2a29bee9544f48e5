"""Equality of container items whose comparison the runtime library cannot do by itself.

The runtime's list functions compare slots by a fixed ``eq_kind`` (bits, float,
text). Items that are tuples, lists or objects with ``__eq__`` need the
compiler's own equality, so for each such item type this module generates small
functions, once per type, as CPython's list code would run them:

- ``eq@T(a, b)``: two slots of type T equal as container items (identical
  objects are equal before any ``__eq__`` runs, as PyObject_RichCompareBool);
- ``list_eq@T(a, b)``: two lists, item by item, lengths re-read every step;
- ``find@T(lst, value)``: the first index whose item equals ``value`` (item on
  the left, as CPython calls it), or -1; ``count@T(lst, value)``.
"""
from __future__ import annotations

from .. import ir
from ..program import ListType, Type
from .expressions import ExprLowerer
from .values import LISTS

LIST_LEN = 8


def needs_generated_equality(item: Type) -> bool:
    from ..sema.types import eq_kind
    return eq_kind(item) is None


class DeepEquality(ExprLowerer):
    def generated(self, symbol: str, params: list[str], result: str, build) -> str:
        module = self.classes.module
        if symbol not in module.functions:
            fn = ir.Function(symbol, [(p, "i64") for p in params], [result])
            module.functions[symbol] = fn  # before building: recursive types refer to themselves
            build(_emitter(self, fn))
        return symbol

    def item_eq_function(self, ty: Type) -> str:
        def build(e: "DeepEquality") -> None:
            if ty.pointer:  # the same object: equal without calling __eq__
                e.identical_is_equal()
            temps = []
            for name in ("a", "b"):
                e.emit("local.get", name)
                e.from_slot(ty)
                temps.append(e.stash(ty.wasm))
            e.equality(temps[0], ty, temps[1], ty, True)
        return self.generated(f"eq@{ty}", ["a", "b"], "i32", build)

    def list_eq_function(self, ty: ListType) -> str:
        """CPython's list_richcompare for ==: unequal lengths first, then the first unequal item."""
        def build(e: "DeepEquality") -> None:
            e.identical_is_equal()
            e.length_of("a")
            e.length_of("b")
            e.emit("i64.ne")
            e.emit("if", "sizes", None)
            e.emit("i32.const", 0)
            e.emit("return")
            e.emit("end")
            e.walk_items("a", lambda: e.compare_items(ty, "b", stop_when_equal=False))
            e.length_of("a")
            e.length_of("b")
            e.emit("i64.eq")
        return self.generated(f"list_eq@{ty}", ["a", "b"], "i32", build)

    def find_function(self, ty: ListType) -> str:
        def build(e: "DeepEquality") -> None:
            e.walk_items("lst", lambda: e.compare_items(ty, None, stop_when_equal=True))
            e.emit("i64.const", -1)
        return self.generated(f"find@{ty}", ["lst", "value"], "i64", build)

    def count_function(self, ty: ListType) -> str:
        def build(e: "DeepEquality") -> None:
            total = e.temp("i64")
            e.walk_items("lst", lambda: e.count_item(ty, total))
            e.emit("local.get", total)
        return self.generated(f"count@{ty}", ["lst", "value"], "i64", build)

    # -- pieces of the generated bodies ------------------------------------------------
    def identical_is_equal(self) -> None:
        """Return 1 when the parameters ``a`` and ``b`` are the same object."""
        for instr in (("local.get", "a"), ("local.get", "b"), ("i64.eq",), ("if", "same", None),
                      ("i32.const", 1), ("return",), ("end",)):
            self.emit(*instr)

    def length_of(self, lst: str) -> None:
        self.emit("local.get", lst)
        self.emit("i32.wrap_i64")
        self.emit("i64.load32_u", LIST_LEN)

    def walk_items(self, lst: str, step) -> None:
        """for index in range(len(lst)), the length re-read each time; ``step`` sees ``index``."""
        self.index = self.temp("i64")
        self.walked = lst
        self.emit("block", "done", None)
        self.emit("loop", "next", None)
        self.emit("local.get", self.index)
        self.length_of(lst)
        self.emit("i64.ge_s")
        self.emit("br_if", "done")
        step()
        self.emit("local.get", self.index)
        self.emit("i64.const", 1)
        self.emit("i64.add")
        self.emit("local.set", self.index)
        self.emit("br", "next")
        self.emit("end")
        self.emit("end")

    def push_item(self, lst: str) -> None:
        self.emit("local.get", lst)
        self.emit("local.get", self.index)
        self.emit("call", f"{LISTS}.list_get")

    def item_equals(self, ty: ListType, other: str | None) -> None:
        """Push ``walked[index] == other[index]`` (or ``== value`` when ``other`` is None)."""
        self.push_item(self.walked)
        if other is None:
            self.emit("local.get", "value")
        else:
            self.push_item(other)
        self.emit("call", self.item_eq_function(ty.item))

    def compare_items(self, ty: ListType, other: str | None, stop_when_equal: bool) -> None:
        self.item_equals(ty, other)
        if not stop_when_equal:
            self.emit("i32.eqz")
        self.emit("if", "found", None)
        if stop_when_equal:
            self.emit("local.get", self.index)
        else:
            self.emit("i32.const", 0)
        self.emit("return")
        self.emit("end")

    def count_item(self, ty: ListType, total: str) -> None:
        self.item_equals(ty, None)
        self.emit("i64.extend_i32_u")
        self.emit("local.get", total)
        self.emit("i64.add")
        self.emit("local.set", total)


def _emitter(lowerer: DeepEquality, fn: ir.Function) -> DeepEquality:
    """A bare expression lowerer writing into ``fn``, sharing the layout and the classes."""
    from .compare import CompareLowerer
    emitter = CompareLowerer(fn, lowerer.layout)
    emitter.classes = lowerer.classes
    return emitter
