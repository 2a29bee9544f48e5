"""``s.startswith(tuple(xs))`` / ``endswith``: the affixes come as the list ``tuple(xs)`` copied
(compiler/sema/tuple_builtin.py), tested in order as CPython tests a tuple's items."""
from compiler.runtime.lists import list_get, list_len
from compiler.runtime.text_split import tail_match


def any_tail(s: int, affixes: int, start: int, end: int, flags: int, at_end: bool, is_str: bool) -> bool:
    for i in range(list_len(affixes)):
        if tail_match(s, list_get(affixes, i), start, end, flags, at_end, is_str):
            return True
    return False
