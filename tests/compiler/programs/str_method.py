"""``str(obj)`` calls the class's written ``__str__`` (on the runtime class, a subclass's override
included), as CPython's ``type(obj).__str__(obj)``."""
from abi import export


class Tag:
    def __init__(self, n: int) -> None:
        self.n = n

    def __str__(self) -> str:
        return "tag-" + str(self.n)


class LoudTag(Tag):
    def __str__(self) -> str:
        return "TAG-" + str(self.n) + "!"


def make(n: int) -> Tag:
    return LoudTag(n) if n % 3 == 0 else Tag(n)


@export
def str_of_object(n: int) -> int:
    text = str(make(n))
    return len(text) * 100 + ord(text[0])
