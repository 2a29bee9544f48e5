"""Object items of set[T] (compiler/runtime/sets.py, kinds 4 to 9: tuples, Enum and IntEnum members,
frozen dataclass objects, objects compared by identity, objects of a family that writes __hash__).

Tuples: hashed as CPython 3.11's tuplehash
(Objects/tupleobject.c, the xxHash-style mix of the items' hashes: numbers.py), so a tuple of ints
and bools hashes exactly as in CPython and a set of them iterates in CPython's order. str and bytes
items hash with the dict's FNV-1a (CPython randomises theirs), so tuples holding them do not.

A tuple is a record: its items sit in 8-byte slots after the header, and the record table's
pointer map tells the str/bytes slots from the int/bool ones (the checker allows no other items).
A frozen dataclass object is a record too, and CPython hashes it as the tuple of its fields: the
same function, so one of int and bool fields iterates in CPython's order as well; it equals an
object of its own class with equal fields. An IntEnum member hashes as its int value (int's
__hash__ comes first in its MRO) and a plain Enum member as its name (a str: randomised by CPython,
FNV-1a here); both are equal only to themselves (the checker refuses aliases).
"""
from abi.intrinsics import bytes_at, load_i64, load_u32, shr_u, wrap_add, wrap_mul
from compiler.runtime.dict_table import hash_data, record_pointer_map, record_slots, records_equal
from compiler.runtime.reprs import bytes_repr, str_repr
from compiler.runtime.user_keys import key_hash, user_equal
from compiler.runtime.numbers import TUPLE_HASH_LENGTH_MIX, XXPRIME_1, XXPRIME_2, XXPRIME_5, hash_int, rotate_left_31

MINUS_ONE_HASH = 1546275796   # tuplehash's stand-in for an accumulator of -1
KEY_TUPLE = 4
KEY_ENUM = 5       # an Enum member: fields name (+8), value (+16), repr (+24; sema/enums.py)
KEY_INT_ENUM = 6
KEY_RECORD = 7
KEY_OBJECT = 8     # an object compared by identity: its address is the key (its order is never shown)
KEY_USER = 9       # an object of a family that writes __hash__ (runtime/user_keys.py calls it and __eq__)
ITEM_KIND_MASK = 0xFF   # a set of tuples keeps its items' kinds in the bits above (remove()'s KeyError shows them)
TUPLE_ITEM_INT = 0    # two bits per item from bit 8: 0 int, 1 bool, 2 str, 3 bytes
TUPLE_ITEM_BOOL = 1
TUPLE_ITEM_STR = 2
ENUM_NAME = 8
ENUM_VALUE = 16
ENUM_SHOWN = 24


def hash_object_key(kind: int, key: int) -> int:
    if kind == KEY_ENUM:
        return hash_data(load_u32(key + ENUM_NAME))
    if kind == KEY_INT_ENUM:
        return hash_int(load_i64(key + ENUM_VALUE))
    if kind == KEY_OBJECT:
        return hash_int(key)
    if kind == KEY_USER:
        return key_hash(key)
    return hash_tuple_key(key)


def object_keys_equal(kind: int, a: int, b: int) -> bool:
    """Two different objects with one hash: tuples and records by their items, members never, objects
    of a family that writes __hash__ by its __eq__."""
    if kind == KEY_USER:
        return user_equal(a, b)
    return (kind == KEY_TUPLE or kind == KEY_RECORD) and records_equal(a, b)


def enum_repr(member: int) -> str:
    """<Color.RED: 1>: what remove()'s KeyError shows."""
    shown = load_u32(member + ENUM_SHOWN)
    return bytes_at(shown + 16, load_u32(shown + 8)).decode()


def hash_tuple_item(t: int, i: int, pointers: int) -> int:
    if shr_u(pointers, i) & 1:
        return hash_data(load_u32(t + 8 + i * 8))
    return hash_int(load_i64(t + 8 + i * 8))


def hash_tuple_key(t: int) -> int:
    pointers = record_pointer_map(t)
    slots = record_slots(t)
    acc = XXPRIME_5
    i = 0
    while i < slots:
        acc = wrap_add(acc, wrap_mul(hash_tuple_item(t, i, pointers), XXPRIME_2))
        acc = wrap_mul(rotate_left_31(acc), XXPRIME_1)
        i += 1
    acc = wrap_add(acc, slots ^ TUPLE_HASH_LENGTH_MIX)
    if acc == -1:
        return MINUS_ONE_HASH
    return acc


def tuple_repr(t: int, kind: int) -> str:
    """repr(t) for remove()'s KeyError, each item's kind from ``kind``'s bits above ITEM_KIND_MASK."""
    slots = record_slots(t)
    parts: list[str] = []
    i = 0
    while i < slots:
        code = shr_u(kind, 8 + 2 * i) & 3
        value = load_i64(t + 8 + i * 8)
        if code == TUPLE_ITEM_INT:
            parts.append(str(value))
        elif code == TUPLE_ITEM_BOOL:
            parts.append("True" if value != 0 else "False")
        else:
            data = bytes_at(load_u32(t + 8 + i * 8) + 16, load_u32(load_u32(t + 8 + i * 8) + 8))
            parts.append(str_repr(data.decode()) if code == TUPLE_ITEM_STR else bytes_repr(data))
        i += 1
    if slots == 1:
        return "(" + parts[0] + ",)"
    return "(" + ", ".join(parts) + ")"
