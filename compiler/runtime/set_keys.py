"""Tuple items of set[T] (compiler/runtime/sets.py KEY_TUPLE): hashed as CPython 3.11's tuplehash
(Objects/tupleobject.c, the xxHash-style mix of the items' hashes: numbers.py), so a tuple of ints
and bools hashes exactly as in CPython and a set of them iterates in CPython's order. str and bytes
items hash with the dict's FNV-1a (CPython randomises theirs), so tuples holding them do not.

A tuple is a record: its items sit in 8-byte slots after the header, and the record table's
pointer map tells the str/bytes slots from the int/bool ones (the checker allows no other items).
"""
from abi.intrinsics import load_i64, load_u32, shr_u, wrap_add, wrap_mul
from compiler.runtime.dicts import hash_data, record_pointer_map, record_slots, records_equal
from compiler.runtime.numbers import TUPLE_HASH_LENGTH_MIX, XXPRIME_1, XXPRIME_2, XXPRIME_5, hash_int, rotate_left_31

MINUS_ONE_HASH = 1546275796   # tuplehash's stand-in for an accumulator of -1


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


def tuple_keys_equal(a: int, b: int) -> bool:
    """Item by item (two tuples of one type: records_equal's check of their type ids holds)."""
    return records_equal(a, b)
