"""bytearray objects (compiler/sema/bytearrays.py): a header that never moves, so aliases see every
change, and a separate data block that is a bytes object of its own.

    +8  u32 len        +12 u32 capacity        +16 u32 block

The block is a KIND_BYTES object with room for ``capacity`` bytes whose own length (+8) is kept
equal to the bytearray's: every read-only bytes routine of strings.py reads it as it is (sema's
zero-copy views). The header is a record whose pointer map names only the block (+16); its kind
word is copied into every bytearray made from another one. Results that CPython makes new are
new objects here; errors are CPython's exceptions with its messages.
"""
from abi.intrinsics import (load_i64, load_u32, load_u8, lt_u, memory_copy, raise_memory_error, store_i64, store_u32,
                            store_u8)
from compiler.runtime.list_slices import slice_length, slice_start, slice_stop
from compiler.runtime.lists import LIST_ITEMS, list_append, list_get, list_len, list_new
from compiler.runtime.memory import KIND_BYTES, KIND_POINTERS, KIND_RAW, alloc
from compiler.runtime.reprs import bytes_repr, index_error, value_error
from compiler.runtime.strings import MAX_OBJECT_BYTES, check_size, new_bytes

LEN = 8
CAPACITY = 12
BLOCK = 16
DATA = 16  # where a bytes object's bytes start
RANGE_MESSAGE = "byte must be in range(0, 256)"
INT64_MAX = 9223372036854775807


# -- making ----------------------------------------------------------------------
def ba_header(block: int, n: int, kind: int) -> int:
    ba = alloc(16, kind)
    store_u32(ba + LEN, n)
    store_u32(ba + CAPACITY, n)
    store_u32(ba + BLOCK, block)
    return ba


def ba_of_copy(data: int, n: int, kind: int) -> int:
    """A new bytearray holding a copy of the ``n`` bytes at address ``data``."""
    block = new_bytes(n)
    memory_copy(block + DATA, data, n)
    return ba_header(block, n, kind)


def bytearray_new(n: int, kind: int) -> int:
    """``bytearray(n)``: n zero bytes."""
    if n < 0:
        value_error("negative count")
    return ba_header(new_bytes(n), n, kind)


def bytearray_from_bytes(b: int, kind: int) -> int:
    """``bytearray(b)`` of a bytes (or a bytearray's block): a copy."""
    return ba_of_copy(b + DATA, load_u32(b + LEN), kind)


def bytearray_from_list(lst: int, kind: int) -> int:
    """``bytearray(list_of_ints)``: ValueError for an int outside range(256), nothing made."""
    b = bytes_of_ints(lst)
    return ba_header(b, load_u32(b + LEN), kind)


def bytes_of_ints(lst: int) -> int:
    """A new bytes of the list's ints, with bytearray's ValueError for one outside range(256)."""
    n = list_len(lst)
    b = new_bytes(n)
    src = load_u32(lst + LIST_ITEMS)
    for i in range(n):
        value = load_i64(src + 8 + i * 8)
        if lt_u(255, value):  # also a negative value
            value_error(RANGE_MESSAGE)
        store_u8(b + DATA + i, value)
    return b


def bytearray_to_bytes(ba: int) -> int:
    """``bytes(ba)``: a snapshot."""
    n = load_u32(ba + LEN)
    b = new_bytes(n)
    memory_copy(b + DATA, load_u32(ba + BLOCK) + DATA, n)
    return b


def bytearray_copy(ba: int) -> int:
    return ba_of_copy(load_u32(ba + BLOCK) + DATA, load_u32(ba + LEN), load_u32(ba + 4))


# -- size ------------------------------------------------------------------------
def set_len(ba: int, n: int) -> None:
    store_u32(ba + LEN, n)
    store_u32(load_u32(ba + BLOCK) + LEN, n)


def reserve(ba: int, needed: int) -> None:
    """Room for ``needed`` bytes, growing geometrically (a new block: the old one keeps its bytes)."""
    capacity = load_u32(ba + CAPACITY)
    if needed <= capacity:
        return
    check_size(needed)
    grown = max(needed, min(capacity * 2, MAX_OBJECT_BYTES), 8)
    block = alloc(8 + grown, KIND_BYTES)
    n = load_u32(ba + LEN)
    memory_copy(block + DATA, load_u32(ba + BLOCK) + DATA, n)
    store_u32(block + LEN, n)
    store_u32(ba + BLOCK, block)
    store_u32(ba + CAPACITY, grown)


def data_of(ba: int) -> int:
    return load_u32(ba + BLOCK) + DATA


def byte_value(value: int) -> int:
    if lt_u(255, value):
        value_error(RANGE_MESSAGE)
    return value


def index_in(ba: int, index: int) -> int:
    """Python's negative indices; IndexError outside the bytearray."""
    n = load_u32(ba + LEN)
    if index < 0:
        index += n
    if index < 0 or index >= n:
        index_error("bytearray index out of range")
    return index


# -- items -----------------------------------------------------------------------
def bytearray_getitem(ba: int, index: int) -> int:
    return load_u8(data_of(ba) + index_in(ba, index))


def bytearray_setitem(ba: int, index: int, value: int) -> None:
    byte_value(value)  # checked first, as CPython
    store_u8(data_of(ba) + index_in(ba, index), value)


def remove_range(ba: int, start: int, stop: int) -> None:
    """Drop bytes [start, stop) (0 <= start <= stop <= len)."""
    n = load_u32(ba + LEN)
    d = data_of(ba)
    memory_copy(d + start, d + stop, n - stop)
    set_len(ba, n - (stop - start))


def bytearray_delitem(ba: int, index: int) -> None:
    index = index_in(ba, index)
    remove_range(ba, index, index + 1)


def bytearray_append(ba: int, value: int) -> None:
    byte_value(value)
    n = load_u32(ba + LEN)
    reserve(ba, n + 1)
    store_u8(data_of(ba) + n, value)
    set_len(ba, n + 1)


def bytearray_insert(ba: int, index: int, value: int) -> None:
    """``ba.insert(i, x)``: the index clamped to [0, len], as list.insert."""
    byte_value(value)
    n = load_u32(ba + LEN)
    if index < 0:
        index = max(index + n, 0)
    elif index > n:
        index = n
    reserve(ba, n + 1)
    d = data_of(ba)
    memory_copy(d + index + 1, d + index, n - index)
    store_u8(d + index, value)
    set_len(ba, n + 1)


def bytearray_pop(ba: int, index: int) -> int:
    n = load_u32(ba + LEN)
    if n == 0:
        index_error("pop from empty bytearray")
    if index < 0:
        index += n
    if index < 0 or index >= n:
        index_error("pop index out of range")
    value = load_u8(data_of(ba) + index)
    remove_range(ba, index, index + 1)
    return value


def bytearray_remove(ba: int, value: int) -> None:
    byte_value(value)
    d = data_of(ba)
    for i in range(load_u32(ba + LEN)):
        if load_u8(d + i) == value:
            remove_range(ba, i, i + 1)
            return
    value_error("value not found in bytearray")


def bytearray_clear(ba: int) -> None:
    set_len(ba, 0)


def bytearray_reverse(ba: int) -> None:
    d = data_of(ba)
    i = 0
    j = load_u32(ba + LEN) - 1
    while i < j:
        a = load_u8(d + i)
        store_u8(d + i, load_u8(d + j))
        store_u8(d + j, a)
        i += 1
        j -= 1


def bytearray_extend(ba: int, b: int) -> None:
    """``ba.extend(b)`` / ``ba += b`` of a bytes object (a bytearray's block too, ``ba``'s own
    included: a grown block is new, the old one keeps its bytes)."""
    m = load_u32(b + LEN)
    n = load_u32(ba + LEN)
    reserve(ba, n + m)
    memory_copy(data_of(ba) + n, b + DATA, m)
    set_len(ba, n + m)


def bytearray_iadd(ba: int, b: int) -> int:
    if b == load_u32(ba + BLOCK) and load_u32(b + LEN) != 0:  # CPython's ba += ba exports ba to itself
        raise BufferError("Existing exports of data: object cannot be re-sized")
    bytearray_extend(ba, b)
    return ba


def bytearray_imul(ba: int, count: int) -> int:
    """``ba *= n``: in place; n <= 0 empties it; MemoryError beyond what memory can hold."""
    n = load_u32(ba + LEN)
    if count <= 0 or n == 0:
        set_len(ba, 0)
        return ba
    if n > MAX_OBJECT_BYTES // count:
        raise_memory_error()  # CPython's bytearray too: MemoryError, not OverflowError
    reserve(ba, n * count)
    d = data_of(ba)
    done = n
    total = n * count
    while done < total:  # double the filled prefix
        chunk = min(done, total - done)
        memory_copy(d + done, d, chunk)
        done += chunk
    set_len(ba, total)
    return ba


# -- new bytearrays from others ------------------------------------------------------
def bytearray_concat(a: int, b: int, kind: int) -> int:
    """``a + b`` of two bytes blocks (a bytearray's or a bytes): a new bytearray."""
    na = load_u32(a + LEN)
    nb = load_u32(b + LEN)
    check_size(na + nb)
    block = new_bytes(na + nb)
    memory_copy(block + DATA, a + DATA, na)
    memory_copy(block + DATA + na, b + DATA, nb)
    return ba_header(block, na + nb, kind)


def bytearray_repeat(ba: int, count: int) -> int:
    r = bytearray_copy(ba)
    return bytearray_imul(r, count)


def bytearray_slice(ba: int, start: int, stop: int, step: int, flags: int) -> int:
    n = load_u32(ba + LEN)
    begin = slice_start(n, start, step, flags)
    end = slice_stop(n, stop, step, flags)
    count = slice_length(begin, end, step)
    if count < 0:
        count = 0
    block = new_bytes(count)
    d = data_of(ba)
    if step == 1:
        memory_copy(block + DATA, d + begin, count)
    else:
        for k in range(count):
            store_u8(block + DATA + k, load_u8(d + begin + k * step))
    return ba_header(block, count, load_u32(ba + 4))


def bytearray_del_slice(ba: int, start: int, stop: int, step: int, flags: int) -> None:
    step = max(step, -INT64_MAX)  # as PySlice_Unpack, so that -step exists
    n = load_u32(ba + LEN)
    begin = slice_start(n, start, step, flags)
    end = slice_stop(n, stop, step, flags)
    if step == 1:
        if end > begin:
            remove_range(ba, begin, end)
        return
    count = slice_length(begin, end, step)
    if count <= 0:
        return
    if step < 0:  # the same bytes, walked upwards
        begin = begin + step * (count - 1)
        step = -step
    d = data_of(ba)
    write = begin
    for read in range(begin, n):
        offset = read - begin
        if offset % step != 0 or offset // step >= count:
            store_u8(d + write, load_u8(d + read))
            write += 1
    set_len(ba, write)


def bytearray_set_slice(ba: int, start: int, stop: int, step: int, flags: int, src: int) -> None:
    """``ba[start:stop:step] = src`` for a bytes ``src`` (a snapshot: never ``ba``'s own block). As
    CPython's, an empty ``src`` deletes an extended slice of any length."""
    if step != 1 and load_u32(src + LEN) == 0:
        bytearray_del_slice(ba, start, stop, step, flags)
        return
    n = load_u32(ba + LEN)
    begin = slice_start(n, start, step, flags)
    end = slice_stop(n, stop, step, flags)
    m = load_u32(src + LEN)
    if step == 1:
        if end < begin:
            end = begin
        size = n - (end - begin) + m
        reserve(ba, size)
        d = data_of(ba)
        memory_copy(d + begin + m, d + end, n - end)
        memory_copy(d + begin, src + DATA, m)
        set_len(ba, size)
        return
    count = slice_length(begin, end, step)
    if count < 0:
        count = 0
    if m != count:
        value_error("attempt to assign bytes of size " + str(m) + " to extended slice of size " + str(count))
    d = data_of(ba)
    for i in range(count):
        store_u8(d + begin + i * step, load_u8(src + DATA + i))



def bytearray_repr(b: bytes) -> str:
    """repr() of a bytearray whose data block is ``b``: CPython's bytearray repr escapes every ' (a
    bytes repr escapes only its quote)."""
    text = bytes_repr(b)
    if text[1] == "\"":
        text = text.replace("'", "\\'")
    return "bytearray(" + text + ")"


def bytearray_tolist(ba: int) -> int:
    """``list(ba)`` (and what sorted(), tuple(), min() and max() take): a new list of its ints."""
    n = load_u32(ba + LEN)
    lst = list_new(n, KIND_RAW)
    d = data_of(ba)
    for i in range(n):
        list_append(lst, load_u8(d + i))
    return lst


# -- bytes methods' results as bytearrays ------------------------------------------------
def bytearray_list(lst: int, kind: int) -> int:
    """A list of bytes (``ba.split()`` run on its view) as a new list of new bytearrays."""
    n = list_len(lst)
    r = list_new(n, KIND_POINTERS)
    for i in range(n):
        list_append(r, bytearray_from_bytes(list_get(lst, i), kind))
    return r


def bytearray_triple(t: int, kind: int, record_kind: int) -> int:
    """A tuple of three bytes (``ba.partition(sep)`` on its view) as a tuple of new bytearrays."""
    r = alloc(24, record_kind)
    for i in range(3):
        store_i64(r + 8 + i * 8, bytearray_from_bytes(load_u32(t + 8 + i * 8), kind))
    return r
