"""CPython 3.11's list sort (Objects/listobject.c, Objects/listsort.txt), step for step, for the
orders its result depends on: floats (a NaN is neither less nor greater than anything, so where it
lands depends on which pairs the sort compares) and objects of a class that defines ``__lt__`` (the
program can count, log or raise in it, or be inconsistent). Like CPython it only asks ``x < y``,
in the same sequence: count_run (strictly descending runs are reversed), binary insertion up to
minrun, the powersort merge order, merge_lo/merge_hi with galloping and min_gallop's adaptation.

``less`` names the comparison: 0 compares the slots as floats, else it is the function value
(``lambda a, b: a < b``, made by the compiled code) that ``call_less`` calls. When it raises, the
arrays hold a permutation of their items, the same one as CPython's (merge_lo/merge_hi put back
the run they copied aside). A keyed sort moves the items (``values``) in step with the keys.
The merges and the entry points are in timsort_runs.py.
"""
from abi.intrinsics import call_less, float_from_bits, load_i64, memory_copy, store_i64

SLOT = 8
MIN_GALLOP = 7
MAX_MINRUN = 64
# A merge state block, one per sort (a comparison may sort another list):
MS_MIN_GALLOP = 0    # when merges start galloping; adapts as they go
MS_LESS = 8          # the comparison (see above)
MS_KEYS = 16         # the array being sorted, the items moved with it (0: none), the two
MS_VALUES = 24       # scratch arrays merges copy a run into, and the list's length
MS_TEMP_KEYS = 32
MS_TEMP_VALUES = 40
MS_LISTLEN = 48
MS_N = 56            # pending runs, then the runs: start index, length, power
MS_RUNS = 64
RUN = 24
SUCCEED = 1
COPY_REST = 2        # merge_lo's CopyB, merge_hi's CopyA


def is_less(ms: int, x: int, y: int) -> bool:
    less = load_i64(ms + MS_LESS)
    if less == 0:
        return float_from_bits(x) < float_from_bits(y)
    return call_less(less, x, y)


def at(base: int, index: int) -> int:
    """The address of slot ``index`` of the array at ``base``; 0 when there is no array (the
    values of a sort without a key)."""
    if base == 0:
        return 0
    return base + index * SLOT


def key(base: int, index: int) -> int:
    return load_i64(base + index * SLOT)


def move(dst_keys: int, dst_values: int, src_keys: int, src_values: int, n: int) -> None:
    """Move ``n`` keys (and their values) between arrays; the ranges may overlap."""
    if n > 0:
        memory_copy(dst_keys, src_keys, n * SLOT)
        if dst_values != 0:
            memory_copy(dst_values, src_values, n * SLOT)


def reverse_slots(base: int, n: int) -> None:
    if base == 0:
        return
    i = 0
    j = n - 1
    while i < j:
        x = load_i64(base + i * SLOT)
        store_i64(base + i * SLOT, load_i64(base + j * SLOT))
        store_i64(base + j * SLOT, x)
        i += 1
        j -= 1


def binary_sort(ms: int, keys: int, values: int, n: int, start: int) -> None:
    """Sort keys[0:n] by binary insertion, keys[0:start] being sorted already."""
    if start == 0:
        start = 1
    while start < n:
        pivot = key(keys, start)
        low = 0
        high = start
        while low < high:  # pivot >= keys[:low], pivot < keys[high:start]
            middle = low + ((high - low) >> 1)
            if is_less(ms, pivot, key(keys, middle)):
                high = middle
            else:
                low = middle + 1
        memory_copy(keys + (low + 1) * SLOT, keys + low * SLOT, (start - low) * SLOT)
        store_i64(keys + low * SLOT, pivot)
        if values != 0:
            item = key(values, start)
            memory_copy(values + (low + 1) * SLOT, values + low * SLOT, (start - low) * SLOT)
            store_i64(values + low * SLOT, item)
        start += 1


def count_run(ms: int, keys: int, remaining: int) -> int:
    """The length of the run starting at ``keys``: ascending (each key not less than the one
    before), or negated when strictly descending."""
    if remaining == 1:
        return 1
    n = 2
    if is_less(ms, key(keys, 1), key(keys, 0)):
        while n < remaining and is_less(ms, key(keys, n), key(keys, n - 1)):
            n += 1
        return -n
    while n < remaining and not is_less(ms, key(keys, n), key(keys, n - 1)):
        n += 1
    return n


def gallop_left(ms: int, pivot: int, keys: int, n: int, hint: int) -> int:
    """k in 0..n with keys[k-1] < pivot <= keys[k], searched from ``hint`` outwards."""
    last = 0
    offset = 1
    if is_less(ms, key(keys, hint), pivot):
        limit = n - hint  # gallop right until keys[hint + last] < pivot <= keys[hint + offset]
        while offset < limit and is_less(ms, key(keys, hint + offset), pivot):
            last = offset
            offset = (offset << 1) + 1
        offset = min(offset, limit)
        last += hint
        offset += hint
    else:
        limit = hint + 1  # gallop left until keys[hint - offset] < pivot <= keys[hint - last]
        while offset < limit and not is_less(ms, key(keys, hint - offset), pivot):
            last = offset
            offset = (offset << 1) + 1
        offset = min(offset, limit)
        k = last
        last = hint - offset
        offset = hint - k
    last += 1
    while last < offset:
        middle = last + ((offset - last) >> 1)
        if is_less(ms, key(keys, middle), pivot):
            last = middle + 1
        else:
            offset = middle
    return offset


def gallop_right(ms: int, pivot: int, keys: int, n: int, hint: int) -> int:
    """k in 0..n with keys[k-1] <= pivot < keys[k] (after the equal keys)."""
    last = 0
    offset = 1
    if is_less(ms, pivot, key(keys, hint)):
        limit = hint + 1
        while offset < limit and is_less(ms, pivot, key(keys, hint - offset)):
            last = offset
            offset = (offset << 1) + 1
        offset = min(offset, limit)
        k = last
        last = hint - offset
        offset = hint - k
    else:
        limit = n - hint
        while offset < limit and not is_less(ms, pivot, key(keys, hint + offset)):
            last = offset
            offset = (offset << 1) + 1
        offset = min(offset, limit)
        last += hint
        offset += hint
    last += 1
    while last < offset:
        middle = last + ((offset - last) >> 1)
        if is_less(ms, pivot, key(keys, middle)):
            offset = middle
        else:
            last = middle + 1
    return offset


def power_of(s1: int, n1: int, n2: int, n: int) -> int:
    """powerloop: the depth of the boundary between runs [s1, s1+n1) and [s1+n1, s1+n1+n2) in
    the merge tree of a list of n keys (the first bit where their midpoints' n-ths differ)."""
    result = 0
    a = 2 * s1 + n1
    b = a + n1 + n2
    while True:
        result += 1
        if a >= n:
            a -= n
            b -= n
        elif b >= n:
            break
        a <<= 1
        b <<= 1
    return result


def min_run(n: int) -> int:
    extra = 0
    while n >= MAX_MINRUN:
        extra |= n & 1
        n >>= 1
    return n + extra
