"""hmac.compare_digest of two str (hex digests), as CPython: ASCII only (else its TypeError),
and a str with bytes is its TypeError too."""
import hashlib
import hmac

from abi import export

KEYS = ["secret", "other", "", "naïve", "SECRET"]


def outcome(n: int, mixed: int) -> int:
    given = hashlib.sha256(KEYS[n % len(KEYS)].encode()).hexdigest()
    expected = hashlib.sha256(b"secret").hexdigest()
    try:
        if mixed == 1:
            return 1 if hmac.compare_digest(given, expected.encode()) else 0
        if mixed == 2:
            return 1 if hmac.compare_digest(given.encode(), expected) else 0
        return 1 if hmac.compare_digest(KEYS[n % len(KEYS)], "secret") else 0 + (
            2 if hmac.compare_digest(given, expected.upper().lower()) else 0)
    except TypeError as err:
        return len(str(err)) * 10 + 5


@export
def str_digests(n: int) -> int:
    return outcome(n, 0)


@export
def str_with_bytes(n: int) -> int:
    return outcome(n, 1) * 1000 + outcome(n, 2)
