"""``s.startswith(tuple(xs))`` / ``endswith``: the affixes come as the list ``tuple(xs)`` copied
(compiler/sema/tuple_builtin.py), tested in order as CPython tests a tuple's items."""
from compiler.runtime.lists import EQ_MASK, find_item, list_get, list_len
from compiler.runtime.reprs import index_error, value_error
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
