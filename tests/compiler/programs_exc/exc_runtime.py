"""Errors the runtime raises, caught by the program: ``//`` and ``%`` by zero, list / str / bytes
index out of range (read, store, pop), dict miss (read, del, pop), ``int()`` of a bad string,
``assert``, a negative shift count, ``chr()`` out of range, ``list.index`` / ``str.index`` misses,
bad UTF-8 in ``bytes.decode()`` (a ValueError too), a dict changed during iteration, recursion too
deep (a RuntimeError too).

An export whose handler is broad enough to catch OverflowError guards the arithmetic with
``fits()``: plain CPython keeps a big int, so ``fits`` raises there the OverflowError the
compiled module raises at the operation itself (see exc_overflow.py).
"""
from abi import export

INT64_MAX = 9223372036854775807
INT64_MIN = -INT64_MAX - 1

TEXTS = ["12", "abc", "", " 7 ", "-3", "1_000", "0x10", "4a", "+5", "1__0", "--1", "z"]


def fits(v: int) -> int:
    if v > INT64_MAX or v < INT64_MIN:
        raise OverflowError("int too large for a 64-bit int")
    return v


@export
def floordiv_zero(a: int, b: int) -> int:
    """INT64_MIN // -1 overflows: not a ZeroDivisionError, so it leaves the export."""
    try:
        return a // b
    except ZeroDivisionError:
        return -1


@export
def mod_zero(a: int, b: int) -> int:
    try:
        return a % b
    except ZeroDivisionError:
        return -1


@export
def divide_as_arithmetic_error(a: int, b: int) -> int:
    try:
        return fits(a // b) % 1000 + a % b % 1000 * 1000
    except ArithmeticError:
        return -1


@export
def divide_by_bool(a: int, p: bool) -> int:
    try:
        return a % p
    except ZeroDivisionError:
        return -1


@export
def list_index(i: int) -> int:
    items = [10, 20, 30]
    try:
        return items[i]
    except IndexError:
        return -1


@export
def list_index_as_lookup(i: int) -> int:
    items = [10, 20, 30]
    try:
        return items[i]
    except LookupError:
        return -1


@export
def list_store_index(i: int) -> int:
    items = [10, 20, 30]
    try:
        items[i] = 5
    except IndexError:
        return -1
    return items[0] + items[1] * 10 + items[2] * 100


@export
def list_pop(n: int) -> int:
    items = [7]
    popped = 0
    try:
        for _ in range(n % 4):
            popped += items.pop()
    except IndexError:
        return -1 - popped
    return popped


@export
def str_index(i: int) -> int:
    s = "héllo"
    try:
        return ord(s[i])
    except IndexError:
        return -1


@export
def bytes_index(i: int) -> int:
    data = b"\x00\x80\xff"
    try:
        return data[i]
    except IndexError:
        return -1


@export
def dict_int_missing(k: int) -> int:
    d = {1: 10, -1: 20, INT64_MIN: 30}
    try:
        return d[k]
    except KeyError:
        return -1


@export
def dict_str_missing(k: int) -> int:
    d = {"a": 1, "b": 2}
    key = str(k % 4)
    if k % 4 == 1:
        key = "a"
    try:
        return d[key]
    except KeyError:
        return -1


@export
def dict_del_and_pop_missing(k: int) -> int:
    d = {1: 10, 2: 20}
    r = 0
    try:
        del d[k % 4]
        r += 1
        r += d.pop(k % 3)
    except KeyError:
        r -= 100
    return r * 10 + len(d)


@export
def int_of_text(k: int) -> int:
    try:
        return int(TEXTS[k % len(TEXTS)])
    except ValueError:
        return -1


@export
def int_with_base(k: int) -> int:
    try:
        return int(TEXTS[k % len(TEXTS)], 16)
    except ValueError:
        return -1


@export
def assert_caught(a: int) -> int:
    try:
        assert a > 0, "must be positive"
        return a
    except AssertionError:
        return -1


@export
def negative_shift(a: int, n: int) -> int:
    try:
        return fits(a << (n % 70 - 5))
    except ValueError:
        return -1
    except OverflowError:
        return -2


@export
def chr_out_of_range(a: int) -> int:
    """Code points from -0x8000 to 0x117FFF, the surrogates left out (not an exception topic)."""
    v = a % 0x120000 - 0x8000
    if 0xD800 <= v <= 0xDFFF:
        v = 0x41
    try:
        return len(chr(v)) + v
    except ValueError:
        return -1


@export
def index_misses(k: int) -> int:
    items = [3, 1, 4]
    r = 0
    try:
        r += items.index(k % 6)
        r += "pie".index("ie" if k % 2 == 0 else "x") * 10
    except ValueError:
        r -= 100
    return r


@export
def decode_bad_utf8(k: int) -> int:
    samples = [b"ok", b"\xff", b"\xc3", b"\xc3\xa9", b"\xe2\x82", b"\xed\xa0\x80", b"a\x80b"]
    try:
        return len(samples[k % len(samples)].decode())
    except UnicodeDecodeError:
        return -1


@export
def decode_as_value_error(k: int) -> int:
    samples = [b"\xf0\x9f\x98\x80", b"\xf0\x9f\x98", b"\xc0\xaf"]
    try:
        return len(samples[k % len(samples)].decode("utf-8"))
    except ValueError:
        return -1


@export
def dict_changed_during_loop(n: int) -> int:
    d = {1: 1, 2: 2}
    total = 0
    try:
        for key in d:
            total += key
            if n % 2 == 0:
                d[key + 10] = 0
    except RuntimeError:
        return -total
    return total


def depth(n: int) -> int:
    if n == 0:
        return 0
    return depth(n - 1) + 1


@export
def recursion_caught(p: bool) -> int:
    try:
        return depth(5000 if p else 50)
    except RecursionError:
        return -1


@export
def recursion_as_runtime_error(p: bool) -> int:
    try:
        return depth(5000 if p else 20)
    except RuntimeError:
        return -1
