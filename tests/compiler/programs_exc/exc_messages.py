"""``str(e)`` of caught exceptions equals CPython's (3.11) text: each export returns
``text_hash(str(e))``, so any difference in the message shows. Covers a user message (literal,
f-string, empty, the class raised bare), ZeroDivisionError from ``//`` and ``%``, IndexError from
list read / store / pop, str and bytes reads, KeyError from dict[str, int] / dict[int, int] /
dict[bytes, int] misses (the repr of the key, quotes and escapes included), ``int()`` of bad text
(the repr of the text), ``assert`` with and without a message, a negative shift count,
``list.index`` / ``str.index`` misses, bad UTF-8, a dict changed during iteration, a message kept
after its handler, a message unchanged by bare ``raise`` and ``raise ... from``, and ``int()`` of
an infinity or a NaN. Arguments other than one str (``ValueError("bad", 3)``, ``ValueError(5)``,
``KeyError(5)``, ``ValueError(None)``, an Any, a subclass passing two to ``super().__init__``):
``str(e)``, ``repr(e)`` and ``e.args`` (``e.args[i]``, ``len``, ``str``/``repr``, a loop), also of
the runtime's errors (a missing key's ``args[0]`` is the key, of any kind). Classes whose
``__init__`` does not always call ``super().__init__`` (never, only on some paths, or after a
``return``; inherited, or reached through a subclass's ``super().__init__``): ``e.args`` are what
the constructor was passed by position, as CPython's ``BaseException.__new__`` sets them.
"""
from typing import Any

from abi import export

TEXTS = ["abc", "", " 12x", "it's", "1.5", "0x1F", "\t-"]
KEYS = ["missing", "it's", "tab\there", 'say "hi"', "naïve", "back\\slash", "both'\""]
SAMPLES = [b"\xff", b"ab\xc3", b"\xe2\x82(", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80"]


def text_hash(s: str) -> int:
    h = 0
    for c in s:
        h = (h * 31 + ord(c)) & 0xFFFFFFFF
    return h


@export
def user_message(a: int) -> int:
    try:
        if a % 2 == 0:
            raise ValueError("x")
        raise ValueError(f"limit {a} exceeded")
    except ValueError as err:
        return text_hash(str(err))


@export
def empty_message(p: bool) -> int:
    try:
        if p:
            raise ValueError()
        raise KeyError
    except LookupError as lookup:
        return 1000 + text_hash(str(lookup)) + len(str(lookup))
    except ValueError as value:
        return text_hash(str(value)) + len(str(value))


@export
def floordiv_zero(a: int) -> int:
    try:
        return a // 0
    except ZeroDivisionError as err:
        return text_hash(str(err))


@export
def mod_zero(a: int) -> int:
    try:
        return a % 0
    except ZeroDivisionError as err:
        return text_hash(str(err))


@export
def list_read(i: int) -> int:
    items = [1, 2]
    try:
        return items[i]
    except IndexError as err:
        return text_hash(str(err))


@export
def list_store(i: int) -> int:
    items = [1, 2]
    try:
        items[i] = 0
        return items[0] + items[1]
    except IndexError as err:
        return text_hash(str(err))


@export
def list_pop_empty(n: int) -> int:
    items: list[int] = []
    try:
        return items.pop(n % 3 - 1)
    except IndexError as err:
        return text_hash(str(err))


@export
def str_and_bytes_read(i: int) -> int:
    try:
        if i % 2 == 0:
            return ord("ab"[i])
        return b"ab"[i]
    except IndexError as err:
        return text_hash(str(err))


@export
def key_str(k: int) -> int:
    """str(KeyError) is the repr of the key: 'missing', "it's", 'tab\\there', ..."""
    d = {"present": 1}
    try:
        return d[KEYS[k % len(KEYS)]]
    except KeyError as err:
        return text_hash(str(err))


@export
def key_str_from_int(k: int) -> int:
    d = {"1": 1}
    try:
        return d[str(k)]
    except KeyError as err:
        return text_hash(str(err))


@export
def key_int(k: int) -> int:
    d = {1: 10}
    try:
        return d[k]
    except KeyError as err:
        return text_hash(str(err))


@export
def key_bytes(k: int) -> int:
    d = {b"a": 1}
    keys = [b"b", b"\x00\xff", b"it's", b"a\n"]
    try:
        return d[keys[k % len(keys)]]
    except KeyError as err:
        return text_hash(str(err))


@export
def key_from_pop_and_del(p: bool) -> int:
    d = {"a": 1}
    try:
        if p:
            return d.pop("gone")
        del d["vanished"]
        return 0
    except KeyError as err:
        return text_hash(str(err))


@export
def int_of_bad_text(k: int) -> int:
    try:
        return int(TEXTS[k % len(TEXTS)])
    except ValueError as err:
        return text_hash(str(err))


@export
def int_of_bad_text_base(k: int) -> int:
    try:
        return int(TEXTS[k % len(TEXTS)], 8)
    except ValueError as err:
        return text_hash(str(err))


@export
def assert_message(a: int) -> int:
    try:
        if a % 2 == 0:
            assert a > 1000, f"got {a}"
        else:
            assert a > 1000
        return 0
    except AssertionError as err:
        return text_hash(str(err))


@export
def negative_shift(a: int) -> int:
    try:
        return (a % 64) << (a % 3 - 3)
    except ValueError as err:
        return text_hash(str(err))


@export
def index_miss(k: int) -> int:
    try:
        if k % 2 == 0:
            return [1, 2].index(k % 5)
        return "abc".index("z")
    except ValueError as err:
        return text_hash(str(err))


@export
def bad_utf8(k: int) -> int:
    try:
        return len(SAMPLES[k % len(SAMPLES)].decode())
    except UnicodeDecodeError as err:
        return text_hash(str(err))


@export
def dict_changed_size(p: bool) -> int:
    d = {"a": 1}
    try:
        for key in d:
            if p:
                del d[key]
            else:
                d[key + "!"] = 2
        return 0
    except RuntimeError as err:
        return text_hash(str(err))


@export
def message_kept_after_handler(a: int) -> int:
    saved = ""
    try:
        raise IndexError(f"index {a} of {a % 7}")
    except IndexError as err:
        saved = str(err)
    return text_hash(saved) + len(saved)


@export
def message_through_reraise(p: bool) -> int:
    try:
        try:
            if p:
                raise KeyError("k")
            raise ValueError("v")
        except Exception:
            raise
    except Exception as err:
        return text_hash(str(err))


@export
def message_through_raise_from(a: int) -> int:
    try:
        try:
            return 10 // (a % 3)
        except ZeroDivisionError as cause:
            raise ValueError("wrapped: " + str(cause)) from cause
    except ValueError as err:
        return text_hash(str(err))


@export
def tuple_handler_message(k: int) -> int:
    d = {1: 1}
    items = [5]
    try:
        if k % 2 == 0:
            return d[k]
        return items[k]
    except (KeyError, IndexError) as err:
        return text_hash(str(err))


@export
def float_to_int(a: int) -> int:
    """int() of an infinity (CPython's OverflowError text) and of a NaN (its ValueError)."""
    x = 1e308 * (a % 4) * 10.0 if a % 3 else -1e308 * 10.0
    if a % 5 == 0:
        x = x - x  # inf - inf is a NaN; 0.0 - 0.0 is 0.0
    try:
        return int(x)
    except (OverflowError, ValueError) as err:
        return text_hash(str(err))


BYTE_KEYS = [b"b", b"\x00\xff", b"it's", b"a\n", b'q"\'']


class Coded(ValueError):
    def __init__(self, code: int) -> None:
        super().__init__("code", code)
        self.code = code


def raise_with_arguments(k: int) -> None:
    m = k % 11
    if m == 0:
        raise ValueError("bad", 3)
    if m == 1:
        raise ValueError()
    if m == 2:
        raise ValueError(k % 7)
    if m == 3:
        raise KeyError(k % 5)
    if m == 4:
        raise KeyError("a", "b")
    if m == 5:
        raise ValueError(None)
    if m == 6:
        raise ValueError(1.5, True, b"x\xff'", None, -0.0)
    if m == 7:
        raise Coded(k % 3)
    if m == 8:
        raise KeyError(KEYS[k % len(KEYS)])
    if m == 9:
        held: Any = [1, "a", None] if k % 2 else {"k": 1.5}
        raise RuntimeError("with", held)
    raise IndexError("x",)


@export
def arguments_text(k: int) -> int:
    try:
        raise_with_arguments(k)
        return 0
    except Exception as err:
        return (text_hash(str(err)) + 3 * text_hash(repr(err)) + 5 * text_hash(f"{err!r}|{err}")
                + 7 * text_hash(str(err.args)) + len(err.args))


@export
def arguments_item(k: int) -> int:
    try:
        raise_with_arguments(k)
        return 0
    except Exception as err:
        try:
            return text_hash(repr(err.args[k % 7 - 3]))
        except IndexError as missing:
            return -text_hash(str(missing))


@export
def arguments_loop(k: int) -> int:
    try:
        raise_with_arguments(k)
        return 0
    except Exception as err:
        total = 0
        for item in err.args:
            total = (total * 7 + text_hash(repr(item))) & 0xFFFFFFFF
        return total + text_hash(f"{err.args!r}") + text_hash(repr(err.args))


@export
def runtime_key_arguments(k: int) -> int:
    """A missing key's args[0] is the key itself: a str, an int or bytes."""
    texts = {"present": 1}
    numbers = {1: 1}
    raw = {b"a": 1}
    try:
        if k % 3 == 0:
            return texts[KEYS[k % len(KEYS)]]
        if k % 3 == 1:
            return numbers[k]
        return raw[BYTE_KEYS[k % len(BYTE_KEYS)]]
    except KeyError as err:
        return text_hash(repr(err.args[0])) + text_hash(str(err.args)) + len(err.args)


@export
def runtime_error_arguments(k: int) -> int:
    try:
        if k % 4 == 0:
            return int("x" + str(k))
        if k % 4 == 1:
            return [1, 2][k]
        if k % 4 == 2:
            return len(SAMPLES[k % len(SAMPLES)].decode())
        return k // 0
    except Exception as err:
        return text_hash(repr(err.args)) + text_hash(repr(err)) + len(err.args)


@export
def subclass_arguments(k: int) -> int:
    try:
        raise Coded(k % 100)
    except Coded as err:
        code: int = err.args[1]
        return code * 1000 + text_hash(repr(err)) % 1000 + text_hash(str(err)) % 7


@export
def optional_message(p: bool) -> int:
    """ValueError(None) shows None; the plain path takes only a str."""
    message: str | None = "set" if p else None
    try:
        raise ValueError(message)
    except ValueError as err:
        return text_hash(str(err)) + text_hash(repr(err))


@export
def escaping_arguments(k: int) -> int:
    """An exception with several arguments leaves the export (the log line shows str(e))."""
    if k % 2:
        raise KeyError(k % 5, "x")
    return k % 3


@export
def assert_value_message(a: int) -> int:
    """assert's message may be any value AssertionError takes: str(e) is its str()."""
    try:
        if a % 3 == 0:
            assert a > 1000, a % 7
        elif a % 3 == 1:
            assert a > 1000, None
        else:
            assert a > 1000, 2.5
        return 0
    except AssertionError as err:
        return text_hash(str(err)) + text_hash(repr(err)) + len(err.args)


class HttpError(Exception):
    def __init__(self, status: int, message: str = "error") -> None:
        self.status = status
        self.message = message


class NotFound(HttpError):
    pass


class Teapot(HttpError):
    def __init__(self) -> None:
        super().__init__(418, "teapot")


class Sometimes(ValueError):
    def __init__(self, code: int) -> None:
        if code > 2:
            super().__init__(f"code {code}")
        self.code = code


class Early(Exception):
    def __init__(self, code: int, note: str | None) -> None:
        self.code = code
        if code == 0:
            return
        super().__init__("late", code)


def raise_kept(k: int) -> None:
    m = k % 6
    if m == 0:
        raise HttpError(404, "not found")
    if m == 1:
        raise NotFound(k % 500, "gone")
    if m == 2:
        raise Teapot()
    if m == 3:
        raise Sometimes(k % 5)
    if m == 4:
        raise Early(k % 2, None if k % 3 else "n")
    if k % 4 == 1:
        raise HttpError(k % 7)
    if k % 4 == 3:
        raise HttpError(k % 7, message="kw")
    raise HttpError(k % 7, "x\n'é")


@export
def kept_arguments(k: int) -> int:
    try:
        raise_kept(k)
        return 0
    except Exception as err:
        return (text_hash(str(err)) + 3 * text_hash(repr(err)) + 5 * text_hash(str(err.args)) + 7 * len(err.args)
                + 11 * text_hash(f"{err}|{err!r}"))


@export
def kept_arguments_fields(k: int) -> int:
    try:
        raise_kept(k % 3)
        return 0
    except HttpError as err:
        return err.status * 1000 + text_hash(err.message) % 1000
