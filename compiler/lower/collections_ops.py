"""``d[k]`` of a dict, a ``defaultdict`` and a ``Counter`` (sema/collections_types.py).

A defaultdict's ``d[k]`` inserts its value type's empty value for a missing key and returns it;
the value is made only on a miss (no list allocated per read). A Counter's reads 0 without
inserting. Both start with the dict and the key as i64 slots on the stack, as ``dict_get`` does.
"""
from __future__ import annotations

from ..program import BOOL, BYTES, FLOAT, INT, STR, CounterType, DefaultDictType, DictType, ListType, SetType, Type
from .user_keys import USER_KEYS, dict_symbol
from .values import DICTS

DICT_KINDS = "compiler.runtime.dict_kinds"


def dict_read(lowerer, base: DictType, result: Type) -> None:
    """Push ``d[k]`` (converted to ``result``) given the dict and key slots on the stack."""
    if isinstance(base, DefaultDictType):
        _default_dict_read(lowerer, base)
    elif isinstance(base, CounterType):
        lowerer.emit("i64.const", 0)
        lowerer.emit("call", dict_symbol(lowerer, base, "dict_get_or"))
    else:
        lowerer.emit("call", dict_symbol(lowerer, base, "dict_get"))
    lowerer.from_slot(result)


def _default_dict_read(lowerer, base: DefaultDictType) -> None:
    key = lowerer.stash("i64")
    d = lowerer.stash("i64")
    lowerer.emit("local.get", d)
    lowerer.emit("local.get", key)
    lowerer.emit("call", dict_symbol(lowerer, base, "dict_find"))
    entry = lowerer.stash("i64")
    lowerer.emit("local.get", entry)
    lowerer.emit("i64.const", 0)
    lowerer.emit("i64.lt_s")
    lowerer.emit("if", lowerer.fresh("L"), "i64")
    lowerer.emit("local.get", d)
    lowerer.emit("local.get", key)
    _empty_value(lowerer, base.value)
    lowerer.emit("call", dict_symbol(lowerer, base, "dict_setdefault"))  # inserts it, returns it
    lowerer.emit("else")
    lowerer.emit("local.get", d)
    lowerer.emit("local.get", entry)
    lowerer.emit("call", f"{DICTS}.dict_entry_value")
    lowerer.emit("end")


def _empty_value(lowerer, ty: Type) -> None:
    """The factory's value, V(), as an i64 slot."""
    if ty in (INT, BOOL, FLOAT):
        lowerer.emit("i64.const", 0)  # 0, False and 0.0 are all-zero slots
        return
    if ty in (STR, BYTES):
        lowerer.constant("" if ty == STR else b"", ty)
    elif isinstance(ty, ListType):
        lowerer.new_list(ty, 0)
    elif isinstance(ty, SetType):
        lowerer.new_set(ty)
    else:
        lowerer.new_dict(ty)
    lowerer.to_slot(ty)


def counter_call(lowerer, node, receiver, source) -> None:
    """``Counter(xs)`` (a new Counter, counted) or ``c.update(xs)`` (receiver given: no result)."""
    if receiver is None:
        lowerer.new_dict(node.ty)
        if source is None:
            return
        lowerer.to_slot(node.ty)
        counter = lowerer.stash("i64")
        lowerer.emit("local.get", counter)
    else:
        lowerer.slot(receiver)
    lowerer.slot(source)
    adds = "counter_add_counts" if isinstance(source.ty, CounterType) else "counter_add_list"
    symbol = dict_symbol(lowerer, node.ty if receiver is None else receiver.ty, adds, node)  # keys hashed by a written __hash__: their own
    lowerer.emit("call", symbol if symbol.startswith(USER_KEYS) else f"{DICT_KINDS}.{adds}")
    if receiver is None:
        lowerer.emit("local.get", counter)
        lowerer.from_slot(node.ty)


def ordered_call(lowerer, node, name: str, receiver, key, last) -> None:
    """``od.move_to_end(key, last)`` / ``od.popitem(last)``: compiler/runtime/dict_kinds.py."""
    symbol = dict_symbol(lowerer, receiver.ty, name, node)  # OrderedDict: refused for keys with __hash__
    lowerer.slot(receiver)
    if name == "dict_popitem":  # a plain dict's
        lowerer.emit("i64.const", 9 | (lowerer.classes.tuple_id(node.ty) << 8))
        popitem = symbol if symbol.startswith(USER_KEYS) else "compiler.runtime.dict_popitem.dict_popitem"
        lowerer.call_runtime(popitem, node.ty)  # runtime/dict_popitem.py is always loaded
        return
    if key is not None:
        lowerer.slot(key, receiver.ty.key)
    if last is None:
        lowerer.emit("i32.const", 1)
    else:
        lowerer.value(last, BOOL)
    if name == "move_to_end":
        lowerer.emit("call", f"{DICT_KINDS}.ordered_move_to_end")
        return
    lowerer.emit("i64.const", 9 | (lowerer.classes.tuple_id(node.ty) << 8))  # a (key, value) record
    lowerer.call_runtime(f"{DICT_KINDS}.ordered_popitem", node.ty)



def ordered_state(lowerer, d: str) -> tuple[str, str]:
    """A loop over an OrderedDict (local ``d``) notes its state first; and, as CPython's iterator
    keeps the key after the one it yields, whether one followed (a change after the last key raises
    nothing): the temporaries holding both."""
    lowerer.emit("local.get", d)
    lowerer.emit("call", f"{DICT_KINDS}.ordered_state")
    state = lowerer.stash("i64")
    lowerer.emit("i32.const", 1)
    return state, lowerer.stash("i32")


def ordered_check(lowerer, ordered: tuple[str, str], d: str, size: str, exit_label: str) -> None:
    state, more = ordered
    lowerer.emit("local.get", more)
    lowerer.emit("i32.eqz")
    lowerer.emit("br_if", exit_label)
    for local in (d, size, state):
        lowerer.emit("local.get", local)
    lowerer.emit("call", f"{DICT_KINDS}.ordered_check")


def ordered_yielded(lowerer, ordered: tuple[str, str], d: str, entry: str) -> None:
    lowerer.emit("local.get", d)
    lowerer.emit("local.get", entry)
    lowerer.emit("call", f"{DICTS}.dict_next")
    lowerer.emit("i64.const", 0)
    lowerer.emit("i64.ge_s")
    lowerer.emit("local.set", ordered[1])
