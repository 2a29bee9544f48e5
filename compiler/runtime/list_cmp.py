"""Comparing the items of lists (and tuples, dicts and sets, which share the slots): ==, <,
``in``, index, count, remove, and == and < of whole lists, with CPython's results.

Item comparisons take an ``eq_kind`` (0 slots as ints, 1 slots as float bits,
2 str/bytes content) or an ``order_kind`` (0 ints, 2 str/bytes by UTF-8 bytes,
which is code-point order). Unboxed items have no identity: where CPython's
answer would depend on whether two nans are the same object (``x in [x]``),
the comparison raises ValueError; a list still equals itself. ``list_index`` also
takes ``eq_kind | REPR_BOOL`` for bool items, which only changes its error message.
"""
from abi.intrinsics import bytes_at, float_from_bits, load_i64, load_u32, load_u8
from compiler.runtime.floats import float_repr
from compiler.runtime.lists import LIST_LEN, remove_range, slot_address
from compiler.runtime.memory import KIND_STR
from compiler.runtime.reprs import TWO_NANS, bytes_repr, str_repr, type_error, value_error

# eq_kind: 0 compares slots as integers (int, bool, object identity); 1 as IEEE doubles
# (the slots hold float bits); 2 compares the content of str/bytes objects.
EQ_INT = 0
EQ_FLOAT = 1
EQ_DATA = 2
EQ_MASK = 3
REPR_BOOL = 4
BAD_KIND = "unknown item comparison kind"  # the compiler passes a known one
# order_kind: 0 orders ints (and bools), 2 orders str/bytes by their bytes (code-point order).
ORDER_INT = 0
ORDER_DATA = 2
DATA_LEN = 8
DATA_BYTES = 16
FLOAT_ABS_MASK = 0x7FFFFFFFFFFFFFFF
FLOAT_EXPONENT_MASK = 0x7FF
FLOAT_MANTISSA_MASK = 0xFFFFFFFFFFFFF


def is_nan_bits(x: int) -> bool:
    return (x >> 52) & FLOAT_EXPONENT_MASK == FLOAT_EXPONENT_MASK and x & FLOAT_MANTISSA_MASK != 0


def float_bits_equal(x: int, y: int) -> bool:
    """``==`` of two container items holding doubles (given as their bits): -0.0 equals 0.0,
    a nan equals nothing else. CPython compares container items by identity first, so two nans
    are equal exactly when they are the same float object; unboxed slots have no identity, so
    comparing two nans raises ValueError instead of guessing."""
    if is_nan_bits(x):
        if is_nan_bits(y):
            value_error(TWO_NANS)
        return False
    if is_nan_bits(y):
        return False
    if x & FLOAT_ABS_MASK == 0 and y & FLOAT_ABS_MASK == 0:
        return True
    return x == y


def data_equal(a: int, b: int) -> bool:
    """Equal content of two str (or two bytes) objects."""
    if a == b:
        return True
    n = load_u32(a + DATA_LEN)
    if load_u32(b + DATA_LEN) != n:
        return False
    pa = a + DATA_BYTES
    pb = b + DATA_BYTES
    i = 0
    while i + 8 <= n:
        if load_i64(pa + i) != load_i64(pb + i):
            return False
        i += 8
    while i < n:
        if load_u8(pa + i) != load_u8(pb + i):
            return False
        i += 1
    return True


def data_compare(a: int, b: int) -> int:
    """-1, 0 or 1: bytewise lexicographic order of two str (or two bytes) objects."""
    if a == b:
        return 0
    na = load_u32(a + DATA_LEN)
    nb = load_u32(b + DATA_LEN)
    n = min(na, nb)
    pa = a + DATA_BYTES
    pb = b + DATA_BYTES
    i = 0
    while i + 8 <= n and load_i64(pa + i) == load_i64(pb + i):
        i += 8
    while i < n:
        ca = load_u8(pa + i)
        cb = load_u8(pb + i)
        if ca != cb:
            return -1 if ca < cb else 1
        i += 1
    if na == nb:
        return 0
    return -1 if na < nb else 1


def items_equal(x: int, y: int, eq_kind: int) -> bool:
    if eq_kind == EQ_INT:
        return x == y
    if eq_kind == EQ_FLOAT:
        return float_bits_equal(x, y)
    if eq_kind == EQ_DATA:
        return data_equal(x, y)
    type_error(BAD_KIND)
    return False


def items_compare(x: int, y: int, order_kind: int) -> int:
    """-1, 0 or 1 as ``x < y``, ``x == y``, ``x > y``."""
    if order_kind == ORDER_INT:
        if x == y:
            return 0
        return -1 if x < y else 1
    if order_kind == ORDER_DATA:
        return data_compare(x, y)
    type_error(BAD_KIND)
    return 0


def find_item(lst: int, value: int, eq_kind: int) -> int:
    """Index of the first item equal to ``value``, or -1."""
    n = load_u32(lst + LIST_LEN)
    for i in range(n):
        if items_equal(load_i64(slot_address(lst, i)), value, eq_kind):
            return i
    return -1


def item_repr(value: int, eq_kind: int) -> str:
    """repr() of an item for an error message (any item compared as an int shows as one)."""
    if eq_kind == EQ_FLOAT:
        return float_repr(float_from_bits(value))
    if eq_kind == EQ_DATA:
        data = bytes_at(value + DATA_BYTES, load_u32(value + DATA_LEN))
        if load_u32(value + 4) & 255 == KIND_STR:
            return str_repr(data.decode())
        return bytes_repr(data)
    if eq_kind & REPR_BOOL != 0:
        return "True" if value != 0 else "False"
    return str(value)


def list_index(lst: int, value: int, eq_kind: int) -> int:
    """``lst.index(value)``; ValueError if absent."""
    index = find_item(lst, value, eq_kind & EQ_MASK)
    if index < 0:
        value_error(item_repr(value, eq_kind) + " is not in list")
    return index


def list_index_between(lst: int, value: int, eq_kind: int, start: int, stop: int) -> int:
    """``lst.index(value, start, stop)``: the bounds clipped as a slice's; ValueError if absent."""
    n = load_u32(lst + LIST_LEN)
    if start < 0:
        start = max(start + n, 0)
    if stop < 0:
        stop = max(stop + n, 0)
    for i in range(start, min(stop, n)):
        if items_equal(load_i64(slot_address(lst, i)), value, eq_kind & EQ_MASK):
            return i
    value_error(item_repr(value, eq_kind) + " is not in list")
    return -1


def list_contains(lst: int, value: int, eq_kind: int) -> bool:
    return find_item(lst, value, eq_kind) >= 0


def list_count(lst: int, value: int, eq_kind: int) -> int:
    n = load_u32(lst + LIST_LEN)
    count = 0
    for i in range(n):
        if items_equal(load_i64(slot_address(lst, i)), value, eq_kind):
            count += 1
    return count


def list_remove(lst: int, value: int, eq_kind: int) -> None:
    """``lst.remove(value)``: the first equal item; ValueError if absent."""
    index = find_item(lst, value, eq_kind)
    if index < 0:
        value_error("list.remove(x): x not in list")
    remove_range(lst, index, index + 1)


def list_eq(a: int, b: int, eq_kind: int) -> bool:
    """``a == b``. A list equals itself even holding nan, as in CPython (items are identical)."""
    if a == b:
        return True
    n = load_u32(a + LIST_LEN)
    if load_u32(b + LIST_LEN) != n:
        return False
    for i in range(n):
        if not items_equal(load_i64(slot_address(a, i)), load_i64(slot_address(b, i)), eq_kind):
            return False
    return True


def list_compare(a: int, b: int, order_kind: int) -> int:
    """-1, 0 or 1: CPython's lexicographic list order (``a < b`` is ``list_compare(a, b) < 0``)."""
    na = load_u32(a + LIST_LEN)
    nb = load_u32(b + LIST_LEN)
    for i in range(min(na, nb)):
        order = items_compare(load_i64(slot_address(a, i)), load_i64(slot_address(b, i)), order_kind)
        if order != 0:
            return order
    if na == nb:
        return 0
    return -1 if na < nb else 1
