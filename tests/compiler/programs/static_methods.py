"""@staticmethod of issue 14: called through its class or a subclass's name, with keyword
arguments and defaults, from module functions and from methods."""
from abi import export


class Codec:
    SHIFT = 3

    @staticmethod
    def encode(text: str, shift: int = 3) -> str:
        return "".join([chr(ord(c) + shift) for c in text])

    @staticmethod
    def checksum(values: list[int]) -> int:
        total = 0
        for v in values:
            total = (total * 31 + v) & 0xFFFFFF
        return total

    def run(self, text: str) -> int:
        return Codec.checksum([ord(c) for c in Codec.encode(text)])


class Strict(Codec):
    pass


@export
def static_calls(n: int) -> int:
    word = "é" * (n % 4) + "ab"
    a = Codec.checksum([ord(c) for c in Codec.encode(word, shift=n % 5)])
    b = Strict.checksum([n % 100, 2])
    return a + b + Codec().run(word)
