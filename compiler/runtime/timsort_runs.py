"""The runs and merges of CPython 3.11's list sort (see timsort.py), and its entry points.

Indices: the sorted array is ``ms`` MS_KEYS (values MS_VALUES), the scratch arrays MS_TEMP_*.
A merge that fails (the comparison raised) copies the run it set aside back, as CPython's
merge_lo/merge_hi do at their ``Fail`` label, so the arrays keep every item once.
"""
from abi.intrinsics import load_i64, load_u32, store_i64, store_u32
from compiler.runtime.lists import LIST_CAPACITY, LIST_ITEMS, LIST_LEN, list_new, list_reverse, slot_address
from compiler.runtime.memory import KIND_RAW, alloc
from compiler.runtime.reprs import value_error
from compiler.runtime.timsort import (COPY_REST, MIN_GALLOP, MS_KEYS, MS_LESS, MS_LISTLEN, MS_MIN_GALLOP,
                                      MS_N, MS_RUNS, MS_TEMP_KEYS, MS_TEMP_VALUES, MS_VALUES, RUN, SLOT, SUCCEED, at,
                                      binary_sort, count_run, gallop_left, gallop_right, is_less, key, min_run, move,
                                      power_of, reverse_slots)

MAX_PENDING = 64
LIST_KIND = 20  # the item kind a list's growth allocates (lists.py)


def copy_slots(ms: int, dst_temp: int, dst: int, src_temp: int, src: int, n: int) -> None:
    dst_keys = load_i64(ms + (MS_TEMP_KEYS if dst_temp != 0 else MS_KEYS))
    dst_values = load_i64(ms + (MS_TEMP_VALUES if dst_temp != 0 else MS_VALUES))
    src_keys = load_i64(ms + (MS_TEMP_KEYS if src_temp != 0 else MS_KEYS))
    src_values = load_i64(ms + (MS_TEMP_VALUES if src_temp != 0 else MS_VALUES))
    move(dst_keys + dst * SLOT, at(dst_values, dst), src_keys + src * SLOT, at(src_values, src), n)


def merge_lo(ms: int, start: int, na: int, nb: int) -> None:
    """Merge the runs at ``start`` (na keys) and after it (nb keys), na <= nb: the first run is
    copied aside and the merged keys fill the array from the left."""
    keys = load_i64(ms + MS_KEYS)
    temp = load_i64(ms + MS_TEMP_KEYS)
    copy_slots(ms, 1, 0, 0, start, na)
    dest = start
    a = 0  # in the scratch array
    b = start + na
    copy_slots(ms, 0, dest, 0, b, 1)
    dest += 1
    b += 1
    nb -= 1
    outcome = 0
    if nb == 0:
        outcome = SUCCEED
    elif na == 1:
        outcome = COPY_REST
    try:
        min_gallop = load_i64(ms + MS_MIN_GALLOP)
        while outcome == 0:
            a_wins = 0
            b_wins = 0
            while True:  # one at a time, until a run wins min_gallop times in a row
                if is_less(ms, key(keys, b), key(temp, a)):
                    copy_slots(ms, 0, dest, 0, b, 1)
                    dest += 1
                    b += 1
                    b_wins += 1
                    a_wins = 0
                    nb -= 1
                    if nb == 0:
                        outcome = SUCCEED
                        break
                    if b_wins >= min_gallop:
                        break
                else:
                    copy_slots(ms, 0, dest, 1, a, 1)
                    dest += 1
                    a += 1
                    a_wins += 1
                    b_wins = 0
                    na -= 1
                    if na == 1:
                        outcome = COPY_REST
                        break
                    if a_wins >= min_gallop:
                        break
            if outcome != 0:
                break
            min_gallop += 1
            while True:  # galloping, while either run keeps winning MIN_GALLOP at a time
                if min_gallop > 1:
                    min_gallop -= 1
                store_i64(ms + MS_MIN_GALLOP, min_gallop)
                k = gallop_right(ms, key(keys, b), temp + a * SLOT, na, 0)
                a_wins = k
                if k != 0:
                    copy_slots(ms, 0, dest, 1, a, k)
                    dest += k
                    a += k
                    na -= k
                    if na == 1:
                        outcome = COPY_REST
                        break
                    if na == 0:  # only with an inconsistent comparison
                        outcome = SUCCEED
                        break
                copy_slots(ms, 0, dest, 0, b, 1)
                dest += 1
                b += 1
                nb -= 1
                if nb == 0:
                    outcome = SUCCEED
                    break
                k = gallop_left(ms, key(temp, a), keys + b * SLOT, nb, 0)
                b_wins = k
                if k != 0:
                    copy_slots(ms, 0, dest, 0, b, k)
                    dest += k
                    b += k
                    nb -= k
                    if nb == 0:
                        outcome = SUCCEED
                        break
                copy_slots(ms, 0, dest, 1, a, 1)
                dest += 1
                a += 1
                na -= 1
                if na == 1:
                    outcome = COPY_REST
                    break
                if a_wins < MIN_GALLOP and b_wins < MIN_GALLOP:
                    break
            if outcome != 0:
                break
            min_gallop += 1  # penalize leaving galloping mode
            store_i64(ms + MS_MIN_GALLOP, min_gallop)
    finally:
        if outcome != COPY_REST and na != 0:  # done, or the comparison raised: put back the rest of a
            copy_slots(ms, 0, dest, 1, a, na)
    if outcome == COPY_REST:  # the last key of a belongs at the end
        copy_slots(ms, 0, dest, 0, b, nb)
        copy_slots(ms, 0, dest + nb, 1, a, 1)


def merge_hi(ms: int, start: int, na: int, nb: int) -> None:
    """As merge_lo with na >= nb: the second run is copied aside and the merged keys fill the
    array from the right."""
    keys = load_i64(ms + MS_KEYS)
    temp = load_i64(ms + MS_TEMP_KEYS)
    copy_slots(ms, 1, 0, 0, start + na, nb)
    dest = start + na + nb - 1
    a = start + na - 1
    b = nb - 1  # in the scratch array
    copy_slots(ms, 0, dest, 0, a, 1)
    dest -= 1
    a -= 1
    na -= 1
    outcome = 0
    if na == 0:
        outcome = SUCCEED
    elif nb == 1:
        outcome = COPY_REST
    try:
        min_gallop = load_i64(ms + MS_MIN_GALLOP)
        while outcome == 0:
            a_wins = 0
            b_wins = 0
            while True:
                if is_less(ms, key(temp, b), key(keys, a)):
                    copy_slots(ms, 0, dest, 0, a, 1)
                    dest -= 1
                    a -= 1
                    a_wins += 1
                    b_wins = 0
                    na -= 1
                    if na == 0:
                        outcome = SUCCEED
                        break
                    if a_wins >= min_gallop:
                        break
                else:
                    copy_slots(ms, 0, dest, 1, b, 1)
                    dest -= 1
                    b -= 1
                    b_wins += 1
                    a_wins = 0
                    nb -= 1
                    if nb == 1:
                        outcome = COPY_REST
                        break
                    if b_wins >= min_gallop:
                        break
            if outcome != 0:
                break
            min_gallop += 1
            while True:
                if min_gallop > 1:
                    min_gallop -= 1
                store_i64(ms + MS_MIN_GALLOP, min_gallop)
                k = na - gallop_right(ms, key(temp, b), keys + start * SLOT, na, na - 1)
                a_wins = k
                if k != 0:
                    dest -= k
                    a -= k
                    copy_slots(ms, 0, dest + 1, 0, a + 1, k)
                    na -= k
                    if na == 0:
                        outcome = SUCCEED
                        break
                copy_slots(ms, 0, dest, 1, b, 1)
                dest -= 1
                b -= 1
                nb -= 1
                if nb == 1:
                    outcome = COPY_REST
                    break
                k = nb - gallop_left(ms, key(keys, a), temp, nb, nb - 1)
                b_wins = k
                if k != 0:
                    dest -= k
                    b -= k
                    copy_slots(ms, 0, dest + 1, 1, b + 1, k)
                    nb -= k
                    if nb == 1:
                        outcome = COPY_REST
                        break
                    if nb == 0:  # only with an inconsistent comparison
                        outcome = SUCCEED
                        break
                copy_slots(ms, 0, dest, 0, a, 1)
                dest -= 1
                a -= 1
                na -= 1
                if na == 0:
                    outcome = SUCCEED
                    break
                if a_wins < MIN_GALLOP and b_wins < MIN_GALLOP:
                    break
            if outcome != 0:
                break
            min_gallop += 1
            store_i64(ms + MS_MIN_GALLOP, min_gallop)
    finally:
        if outcome != COPY_REST and nb != 0:
            copy_slots(ms, 0, dest - (nb - 1), 1, 0, nb)
    if outcome == COPY_REST:  # the first key of b belongs at the front
        copy_slots(ms, 0, dest + 1 - na, 0, a + 1 - na, na)
        copy_slots(ms, 0, dest - na, 1, b, 1)


def run_field(ms: int, run: int, field: int) -> int:
    return load_i64(ms + MS_RUNS + run * RUN + field)


def set_run_field(ms: int, run: int, field: int, value: int) -> None:
    store_i64(ms + MS_RUNS + run * RUN + field, value)


def merge_at(ms: int, i: int) -> None:
    """Merge pending runs i and i + 1 (i is the second or third last)."""
    keys = load_i64(ms + MS_KEYS)
    n = load_i64(ms + MS_N)
    start = run_field(ms, i, 0)
    na = run_field(ms, i, 8)
    nb = run_field(ms, i + 1, 8)
    set_run_field(ms, i, 8, na + nb)
    if i == n - 3:
        for field in range(0, RUN, 8):
            set_run_field(ms, i + 1, field, run_field(ms, i + 2, field))
    store_i64(ms + MS_N, n - 1)
    k = gallop_right(ms, key(keys, start + na), keys + start * SLOT, na, 0)  # a's first k stay
    start += k
    na -= k
    if na == 0:
        return
    nb = gallop_left(ms, key(keys, start + na - 1), keys + (start + na) * SLOT, nb, nb - 1)  # and b's last
    if nb <= 0:
        return
    if na <= nb:
        merge_lo(ms, start, na, nb)
    else:
        merge_hi(ms, start, na, nb)


def found_new_run(ms: int, n2: int) -> None:
    """A run of n2 keys follows the pending ones: merge those deeper than its boundary."""
    n = load_i64(ms + MS_N)
    if n == 0:
        return
    power = power_of(run_field(ms, n - 1, 0), run_field(ms, n - 1, 8), n2, load_i64(ms + MS_LISTLEN))
    while load_i64(ms + MS_N) > 1 and run_field(ms, load_i64(ms + MS_N) - 2, 16) > power:
        merge_at(ms, load_i64(ms + MS_N) - 2)
    set_run_field(ms, load_i64(ms + MS_N) - 1, 16, power)


def merge_force_collapse(ms: int) -> None:
    while load_i64(ms + MS_N) > 1:
        n = load_i64(ms + MS_N) - 2
        if n > 0 and run_field(ms, n - 1, 8) < run_field(ms, n + 1, 8):
            n -= 1
        merge_at(ms, n)


def timsort(keys: int, values: int, n: int, less: int) -> None:
    """Sort the ``n`` slots at ``keys`` (moving those at ``values`` with them, unless 0)."""
    if n < 2:
        return
    ms = alloc(MS_RUNS + MAX_PENDING * RUN, KIND_RAW) + 8
    store_i64(ms + MS_MIN_GALLOP, MIN_GALLOP)
    store_i64(ms + MS_LESS, less)
    store_i64(ms + MS_KEYS, keys)
    store_i64(ms + MS_VALUES, values)
    half = (n + 1) // 2
    store_i64(ms + MS_TEMP_KEYS, alloc(half * SLOT, KIND_RAW) + 8)
    store_i64(ms + MS_TEMP_VALUES, alloc(half * SLOT, KIND_RAW) + 8 if values != 0 else 0)
    store_i64(ms + MS_LISTLEN, n)
    store_i64(ms + MS_N, 0)
    minrun = min_run(n)
    low = 0
    remaining = n
    while remaining > 0:
        run = count_run(ms, keys + low * SLOT, remaining)
        if run < 0:
            run = -run
            reverse_slots(keys + low * SLOT, run)
            reverse_slots(at(values, low), run)
        if run < minrun:
            force = min(remaining, minrun)
            binary_sort(ms, keys + low * SLOT, at(values, low), force, run)
            run = force
        found_new_run(ms, run)
        pending = load_i64(ms + MS_N)
        set_run_field(ms, pending, 0, low)
        set_run_field(ms, pending, 8, run)
        store_i64(ms + MS_N, pending + 1)
        low += run
        remaining -= run
    merge_force_collapse(ms)


def sort_list(lst: int, less: int, reverse: int) -> None:
    """``lst.sort(reverse=...)`` (``sorted`` sorts a copy). While a comparison the program wrote
    runs, the list looks empty; if it was changed meanwhile, the change is dropped and the sort
    raises ValueError, as CPython's does."""
    keyed_sort_list(lst, 0, less, reverse)


def keyed_sort_list(lst: int, keys: int, less: int, reverse: int) -> None:
    """Sort ``lst`` by ``keys`` (a list of one key per item; 0: the items are the keys). The
    list looks empty meanwhile (its header is zeroed): any growth allocates an items block,
    which is how a change shows (CPython: ``allocated != -1``)."""
    n = load_u32(lst + LIST_LEN)
    if keys != 0 and n != load_u32(keys + LIST_LEN):
        value_error("list modified during sort")
    if n < 2:
        return
    capacity = load_u32(lst + LIST_CAPACITY)
    items = load_u32(lst + LIST_ITEMS)
    item_slots = slot_address(lst, 0)
    key_slots = slot_address(keys, 0) if keys != 0 else item_slots
    store_u32(lst + LIST_LEN, 0)
    store_u32(lst + LIST_CAPACITY, 0)
    store_u32(lst + LIST_ITEMS, 0)
    changed = False
    try:
        if reverse != 0:
            reverse_slots(key_slots, n)
            if keys != 0:
                reverse_slots(item_slots, n)
        timsort(key_slots, item_slots if keys != 0 else 0, n, less)
    finally:
        changed = load_u32(lst + LIST_CAPACITY) != 0 or load_u32(lst + LIST_ITEMS) != 0
        store_u32(lst + LIST_LEN, n)
        store_u32(lst + LIST_CAPACITY, capacity)
        store_u32(lst + LIST_ITEMS, items)
        if reverse != 0:
            list_reverse(lst)
    if changed:
        value_error("list modified during sort")


def list_take(lst: int) -> int:
    """A new list header holding ``lst``'s items; ``lst`` looks empty until ``list_give_back``
    (``list.sort(key=...)``: CPython empties the list before it calls the key function)."""
    saved = list_new(0, load_u32(lst + LIST_KIND))
    for field in (LIST_LEN, LIST_CAPACITY, LIST_ITEMS):
        store_u32(saved + field, load_u32(lst + field))
        store_u32(lst + field, 0)
    return saved


def list_give_back(lst: int, saved: int) -> int:
    """Put the items ``list_take`` took back into ``lst``, dropping what was added meanwhile:
    1 if ``lst`` was changed (the sort then raises ValueError after sorting), else 0."""
    changed = load_u32(lst + LIST_CAPACITY) != 0 or load_u32(lst + LIST_ITEMS) != 0
    for field in (LIST_LEN, LIST_CAPACITY, LIST_ITEMS):
        store_u32(lst + field, load_u32(saved + field))
        store_u32(saved + field, 0)
    return 1 if changed else 0


def check_unchanged(changed: int) -> None:
    if changed != 0:
        value_error("list modified during sort")
