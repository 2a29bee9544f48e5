"""``s.startswith(tuple(xs))`` / ``endswith``: the affixes come as the list ``tuple(xs)`` copied
(compiler/sema/tuple_builtin.py), tested in order as CPython tests a tuple's items."""
from compiler.runtime.list_cmp import EQ_MASK, find_item, items_equal
from compiler.runtime.lists import list_get, list_len
from compiler.runtime.reprs import index_error, type_error, value_error
from compiler.runtime.text_split import tail_match


def any_tail(s: int, affixes: int, start: int, end: int, flags: int, at_end: bool, is_str: bool) -> bool:
    for i in range(list_len(affixes)):
        if tail_match(s, list_get(affixes, i), start, end, flags, at_end, is_str):
            return True
    return False


# A tuple[T, ...] is held as a list (compiler/program.py VarTupleType); only its messages differ.
def tuple_get(tup: int, index: int) -> int:
    n = list_len(tup)
    if index < 0:
        index += n
    if index < 0 or index >= n:
        index_error("tuple index out of range")
    return list_get(tup, index)


def tuple_index(tup: int, value: int, eq_kind: int) -> int:
    """``t.index(value)``; ValueError with CPython's tuple message if absent."""
    index = find_item(tup, value, eq_kind & EQ_MASK)
    if index < 0:
        value_error("tuple.index(x): x not in tuple")
    return index


def tuple_index_between(tup: int, value: int, eq_kind: int, start: int, stop: int) -> int:
    """``t.index(value, start, stop)``: the bounds clipped as a slice's (negative: from the end)."""
    n = list_len(tup)
    if start < 0:
        start = max(start + n, 0)
    if stop < 0:
        stop = max(stop + n, 0)
    for i in range(start, min(stop, n)):
        if items_equal(list_get(tup, i), value, eq_kind & EQ_MASK):
            return i
    value_error("tuple.index(x): x not in tuple")
    return -1


def star_arguments_check(rest: int, before: int, wanted: int, exact: bool, offset: int, qualname: str,
                         names: str) -> None:
    """``f(a, *xs)``: CPython's TypeError unless ``rest`` (the arguments from the first starred
    one) fills the ``wanted`` parameters ``names`` (and no more, when ``exact``: no *args).
    ``offset`` is 1 where CPython counts self among the positional arguments."""
    n = list_len(rest)
    if n < wanted:
        missing: list[str] = []
        for name in names.split()[n:]:
            missing.append("'" + name + "'")
        count = len(missing)
        shown = missing[0]
        if count == 2:
            shown = missing[0] + " and " + missing[1]
        elif count > 2:
            shown = ", ".join(missing[:count - 1]) + ", and " + missing[count - 1]
        type_error(qualname + "() missing " + str(count) + " required positional argument"
                   + ("s" if count > 1 else "") + ": " + shown)
    if exact and n > wanted:
        total = offset + before + wanted
        given = offset + before + n
        type_error(qualname + "() takes " + str(total) + " positional argument" + ("" if total == 1 else "s")
                   + " but " + str(given) + (" was" if given == 1 else " were") + " given")
