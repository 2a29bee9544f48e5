"""``collections.deque[T]`` (sema/deques.py): its construction, methods and ``maxlen`` call
compiler/runtime/deques.py with i64 slots; a loop over a deque checks CPython's state before each
step (RuntimeError "deque mutated during iteration", after the last item too); ``d[i]`` has its own
IndexError message. Everything else reads it as the list it is laid out as."""
from __future__ import annotations

import ast as py_ast

from ..program import BOOL, BYTEARRAY, INT, STR, DequeType, Type, tuple_of
from ..sema.deques import METHODS
from .expressions import eq_kind
from .values import LIST_CMP, LISTS

DEQUES = "compiler.runtime.deques"
KIND_RAW, KIND_POINTERS, KIND_RECORD = 5, 7, 9
REPR_BOOL = 4
# The header's record: slot 2 (+24, the block) is the only pointer the GC follows.
HEADER_RECORD = tuple_of((INT, INT, STR, INT))
# method -> its runtime function (the list's own where the list routine serves a deque as is)
RUNTIME = {"append": "deque_append", "appendleft": "deque_appendleft", "pop": "deque_pop",
           "popleft": "deque_popleft", "extend": "deque_extend", "extendleft": "deque_extendleft",
           "rotate": "deque_rotate", "clear": "deque_clear", "reverse": f"{LISTS}.list_reverse",
           "copy": "deque_copy", "count": f"{LIST_CMP}.list_count", "remove": "deque_remove",
           "index": "deque_index", "insert": "deque_insert"}
# the defaults of rotate(n=1) and index(x, start=0, stop=sys.maxsize), per parameter
DEFAULTS = {"rotate": [1], "index": [None, 0, 2**63 - 1]}


def item_access(base: Type, write: bool) -> str:
    """The runtime function reading (or writing) ``base[i]``: a deque's says "deque index out of range"."""
    if isinstance(base, DequeType):
        return f"{DEQUES}.deque_{'set' if write else 'get'}"
    if base == BYTEARRAY:  # ba[i] += x (lower/statements.py): IndexError "bytearray index out of range"
        return f"compiler.runtime.bytearrays.bytearray_{'setitem' if write else 'getitem'}"
    return f"{LISTS}.list_{'set' if write else 'get'}"


class DequeLowerer:
    def header_kind(self) -> int:
        return KIND_RECORD | (self.classes.tuple_id(HEADER_RECORD) << 8)

    def call_deque(self, node: py_ast.Call, name: str, receiver, args: list) -> None:
        if name == "new":
            return self.new_deque(node, *args)
        if name == "maxlen":
            return self.deque_maxlen(receiver)
        self.slot(receiver)
        item = receiver.ty.item
        for param, arg in zip(METHODS[name][0], args):
            self.slot(arg, item if param == "item" else INT if param == "int" else None)
            if name in ("count", "remove", "index") and param == "item":
                self.search_kind(item, name)
        for default in DEFAULTS.get(name, [])[len(args):]:  # the parameters not passed
            self.emit("i64.const", default)
        symbol = RUNTIME[name]
        self.call_runtime(symbol if "." in symbol else f"{DEQUES}.{symbol}", node.ty)

    def search_kind(self, item: Type, name: str) -> None:
        self.emit("i64.const", eq_kind(item) | (REPR_BOOL if item == BOOL and name != "count" else 0))

    def new_deque(self, node: py_ast.Call, source, maxlen) -> None:
        if source is not None:
            self.slot(source)
        self.emit("i64.const", KIND_POINTERS if node.ty.item.pointer else KIND_RAW)
        if maxlen is None:
            self.emit("i64.const", -1)
        else:
            self.int_or_none(maxlen)
        self.emit("i64.const", self.header_kind())
        self.call_runtime(f"{DEQUES}.deque_{'from' if source is not None else 'new'}", node.ty)

    def int_or_none(self, value: py_ast.expr) -> None:
        """An ``int | None`` as an i64: None is -1 (a negative int is refused before it is stored)."""
        if value.ty == INT or value.ty == BOOL:
            self.value(value, INT)
            self.emit("call", f"{DEQUES}.maxlen_argument")
            return
        self.value(value)
        boxed = self.stash("i32")
        self.emit("local.get", boxed)
        self.emit("if", self.fresh("L"), "i64")
        self.emit("local.get", boxed)
        self.unbox(INT)
        self.emit("call", f"{DEQUES}.maxlen_argument")
        self.emit("else")
        self.emit("i64.const", -1)
        self.emit("end")

    def deque_maxlen(self, receiver: py_ast.expr) -> None:
        self.slot(receiver)
        self.emit("call", f"{DEQUES}.deque_maxlen")
        maxlen = self.stash("i64")
        self.emit("local.get", maxlen)
        self.emit("i64.const", 0)
        self.emit("i64.lt_s")
        self.emit("if", self.fresh("L"), "i32")
        self.emit("i32.const", 0)
        self.emit("else")
        self.emit("local.get", maxlen)
        self.box(INT)
        self.emit("end")

    def deque_snapshot(self, tmp: str) -> None:
        """A loop over the deque in local ``tmp`` starts: note its state (CPython's iterator does)."""
        self.emit("local.get", tmp)
        self.emit("i64.extend_i32_u")
        self.emit("call", f"{DEQUES}.deque_state")
        self.__dict__.setdefault("deque_states", {})[tmp] = self.stash("i64")

    def deque_guard(self, tmp: str) -> None:
        """Before each step (its end included): RuntimeError "deque mutated during iteration" once
        any append, pop, extend, rotate, clear or remove ran."""
        self.emit("local.get", tmp)
        self.emit("i64.extend_i32_u")
        self.emit("local.get", self.deque_states[tmp])
        self.emit("call", f"{DEQUES}.deque_check")
