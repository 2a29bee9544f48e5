"""repr() of an Any, decided on what it holds (a str quoted, a list or dict with its items' reprs),
in a program whose classes define no __repr__ (an Any could hold one of their objects)."""
from typing import Any

from abi import export

WORDS = ["", "a", "it's", 'say "hi"', "tab\there", "é€😀"]


def word(n: int) -> str:
    return WORDS[n % len(WORDS)]


@export
def any_reprs(n: int) -> int:
    held: Any = [word(n), n, None, {"k": [1.5, True]}]
    text = repr(held) + repr(held[0]) + repr(held[1]) + str(held[0]) + repr([held[0], held[2]])
    return len(text) * 1000 + sum(ord(c) for c in text) % 997
