"""``str(e)`` of an explicitly raised ``KeyError(key)`` is ``repr(key)`` in CPython. The runtime
(compiler/runtime/exceptions.py ``_key_repr``) quotes only printable-ASCII keys without ``'`` or
``\\``, and gives any other key bare: ``KeyError("é")`` reads ``é`` (CPython ``'é'``),
``KeyError("it's")`` reads ``it's`` (CPython ``"it's"``), ``KeyError("\\n")`` reads a newline
(CPython ``'\\n'``). A silent difference in an accepted program. Found by the program fuzzer
(tests/compiler/fuzz_exceptions.py, feature ``keyerror_repr``).
"""
from abi import export

KEYS = ["ab", "", "é", "it's", "\n", "a\\b", "'", "x'y\"z", "😀", "\x7f", "Σx"]


def key_text(i: int) -> str:
    try:
        raise KeyError(KEYS[i % len(KEYS)])
    except KeyError as e:
        return str(e)


def text_hash(s: str) -> int:
    h = len(s)
    for c in s:
        h = (h * 31 + ord(c)) % 1000000007
    return h


@export
def key_repr_length(i: int) -> int:
    return len(key_text(i))


@export
def key_repr_hash(i: int) -> int:
    return text_hash(key_text(i))


@export
def key_repr_fstring(i: int) -> int:
    try:
        raise KeyError(KEYS[i % len(KEYS)])
    except LookupError as e:
        return text_hash(f"<{e}>")
