"""f-string conversions of issue 14: ``!r``, ``!a`` and ``{x=}`` (which shows repr), with and
without a spec, over empty and non-ASCII text, quotes, control characters, bytes, negative and
huge numbers, floats and None."""
from abi import export

TEXTS = ["", "a", "it's", 'say "hi"', "both ' and \"", "é", "ΟΔΟΣ", "😀", "\x00\t\n\x7f", "\u2028",
         "back\\slash", "\U0001f600é\x85"]
BLOBS = [b"", b"a'b", b'"', b"\x00\xff", b"\\", b"\t\n\r"]
INTS = [0, -1, 7, -9223372036854775807 - 1, 9223372036854775807]
FLOATS = [0.0, -0.0, 1.5, 1e16, -2.5e-7, 1e300]


def digest(s: str) -> int:
    h = len(s)
    for c in s:
        h = (h * 1000003 + ord(c)) & 0xFFFFFFFFFF
    return h


def mix(h: int, v: int) -> int:
    return (h * 31 + v) & 0xFFFFFFFFFF


@export
def repr_of_text(n: int) -> int:
    h = 0
    width = n % 30
    for s in TEXTS:
        h = mix(h, digest(f"{s!r}"))
        h = mix(h, digest(f"{s!a}"))
        h = mix(h, digest(f"{s=}"))
        h = mix(h, digest(f"[{s!r:>20}|{s!a:<12}|{s!r:^9.4}]"))
        if width > 10:
            h = mix(h, digest(f"{s!r:*^30}"))
    return h


@export
def repr_of_bytes(n: int) -> int:
    h = n % 2
    for b in BLOBS:
        h = mix(h, digest(f"{b!r}{b!a}{b=}"))
        h = mix(h, digest(f"{b!r:>12}"))
    return h


@export
def repr_of_numbers(n: int) -> int:
    h = 0
    for i in INTS:
        k = i + n % 3 if i < 9223372036854775805 else i
        h = mix(h, digest(f"{k!r} {k=} {k!a:>25} {k = }"))
    for x in FLOATS:
        h = mix(h, digest(f"{x!r} {x=} {x!a:<10}"))
    flag = n % 2 == 0
    h = mix(h, digest(f"{flag!r} {flag=} {None!r} {None=} {flag!r:>7}"))
    return h


@export
def equals_spec(n: int) -> int:
    x = n % 1000
    s = "é" * (n % 4)
    return digest(f"{x=:>8} {x = :05d} {s=:>6} {s=!s} {x*2=}")
