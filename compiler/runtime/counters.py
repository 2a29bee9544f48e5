"""``collections.Counter``'s counting: ``Counter(xs)`` and ``c.update(xs)`` add 1 per item of a list
(or ``tuple[K, ...]``, held as one), in the list's order, so new keys go last as CPython inserts them;
``c.update(other)`` of a Counter adds its counts."""
from compiler.runtime.dicts import dict_entry_key, dict_entry_value, dict_get_or, dict_next, dict_set
from compiler.runtime.lists import list_get, list_len


def counter_add_list(d: int, items: int) -> None:
    for i in range(list_len(items)):
        key = list_get(items, i)
        dict_set(d, key, dict_get_or(d, key, 0) + 1)


def counter_add_counts(d: int, other: int) -> None:
    entry = dict_next(other, -1)
    while entry >= 0:
        key = dict_entry_key(other, entry)
        dict_set(d, key, dict_get_or(d, key, 0) + dict_entry_value(other, entry))
        entry = dict_next(other, entry)
