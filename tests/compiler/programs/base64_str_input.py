"""What base64's decoders read may be an ASCII str, as in CPython (``urlsafe_b64decode(padded)``
of a JWT segment); a non-ASCII str raises CPython's ValueError, bad input binascii.Error."""
import base64
import binascii

from abi import export

TEXTS = ["eyJzdWIiOiJhIn0", "aGk=", "aé", "", "_-8=", "@@@", "YWJj ZA=="]


def text_hash(s: str) -> int:
    h = 0
    for c in s:
        h = (h * 31 + ord(c)) & 0xFFFFFFFF
    return h


def outcome(n: int, which: int) -> int:
    text = TEXTS[n % len(TEXTS)]
    try:
        if which == 0:
            padded = text + "=" * (-len(text) % 4)
            return len(base64.urlsafe_b64decode(padded)) * 1000 + sum_bytes(base64.urlsafe_b64decode(padded))
        if which == 1:
            return sum_bytes(base64.b64decode(text))
        if which == 2:
            return sum_bytes(base64.b16decode(text.upper(), casefold=True))
        return sum_bytes(base64.b32decode(text))
    except binascii.Error as err:
        return text_hash(str(err)) + 1
    except ValueError as err:
        return text_hash(str(err)) + 2


def sum_bytes(data: bytes) -> int:
    total = 0
    for b in data:
        total = total * 3 + b
    return total & 0xFFFFFF


@export
def urlsafe_of_str(n: int) -> int:
    return outcome(n, 0)


@export
def b64_of_str(n: int) -> int:
    return outcome(n, 1)


@export
def b16_and_b32_of_str(n: int) -> int:
    return outcome(n, 2) * 7 + outcome(n, 3)
