"""str.encode() and bytes.decode() in strict UTF-8, with CPython's UnicodeDecodeError and its
message. Other encodings and error handlers are codecs_text.py's.
"""
from abi.intrinsics import bytes_at, load_i64, load_u8, lt_u, memory_copy, wrap_add
from compiler.runtime.reprs import decode_message
from compiler.runtime.strings import DATA, HIGH_BITS, byte_len, new_bytes_unzeroed, new_str


# -- encoding ----------------------------------------------------------------------
def str_encode(s: int) -> int:
    n = byte_len(s)
    r = new_bytes_unzeroed(n)
    memory_copy(r + DATA, s + DATA, n)
    return r


def continuation(p: int, lo: int, hi: int) -> bool:
    b = load_u8(p)
    return lo <= b <= hi


def bytes_decode(b: int) -> int:
    """Strict UTF-8 decoding: UnicodeDecodeError for anything CPython rejects."""
    n = byte_len(b)
    d = b + DATA
    p = d
    end = wrap_add(d, n)
    while lt_u(wrap_add(p, 7), end) and load_i64(p) & HIGH_BITS == 0:  # an ASCII prefix, 8 bytes a step
        p = wrap_add(p, 8)
    while lt_u(p, end) and load_u8(p) < 0x80:  # an ASCII prefix: a code point per byte
        p = wrap_add(p, 1)
    i = p - d
    ncps = i
    while i < n:
        c = load_u8(d + i)
        size = 1
        ok = True
        if c < 0x80:
            size = 1
        elif 0xC2 <= c <= 0xDF:
            size = 2
            ok = i + 1 < n and continuation(d + i + 1, 0x80, 0xBF)
        elif 0xE0 <= c <= 0xEF:
            size = 3
            lo = 0x80
            hi = 0xBF
            if c == 0xE0:
                lo = 0xA0  # overlong
            elif c == 0xED:
                hi = 0x9F  # surrogates
            ok = (i + 2 < n and continuation(d + i + 1, lo, hi)
                  and continuation(d + i + 2, 0x80, 0xBF))
        elif 0xF0 <= c <= 0xF4:
            size = 4
            lo = 0x80
            hi = 0xBF
            if c == 0xF0:
                lo = 0x90  # overlong
            elif c == 0xF4:
                hi = 0x8F  # beyond U+10FFFF
            ok = (i + 3 < n and continuation(d + i + 1, lo, hi)
                  and continuation(d + i + 2, 0x80, 0xBF) and continuation(d + i + 3, 0x80, 0xBF))
        else:
            ok = False
        if not ok:
            decode_error(b, i)
        i += size
        ncps += 1
    r = new_str(n, ncps)
    memory_copy(r + DATA, d, n)
    return r


def decode_error(b: int, i: int) -> None:
    """CPython's UnicodeDecodeError for the bad UTF-8 sequence at byte ``i``."""
    data = bytes_at(b + DATA, byte_len(b))
    end, reason = decode_problem(data, i)
    raise UnicodeDecodeError("utf-8", data, i, end, reason)


def decode_failure(b: int, i: int) -> str:
    """str() of CPython's UnicodeDecodeError for the bad UTF-8 sequence at byte ``i``."""
    data = bytes_at(b + DATA, byte_len(b))
    end, reason = decode_problem(data, i)
    return decode_message(data, i, end, reason)


def continuation_low(lead: int, k: int) -> int:
    """The least valid UTF-8 continuation byte ``k`` after ``lead`` (no overlong forms)."""
    if k == 1:
        return 0xA0 if lead == 0xE0 else 0x90 if lead == 0xF0 else 0x80
    return 0x80


def continuation_high(lead: int, k: int) -> int:
    """The greatest valid continuation byte ``k`` after ``lead`` (no surrogates, nothing past U+10FFFF)."""
    if k == 1:
        return 0x9F if lead == 0xED else 0x8F if lead == 0xF4 else 0xBF
    return 0xBF


def decode_problem(data: bytes, i: int) -> tuple[int, str]:
    """Where the bad sequence at ``i`` ends and why: the lead byte, its valid continuation
    bytes, and why it stops there."""
    n = len(data)
    c = data[i]
    size = 4 if c >= 0xF0 else 3 if c >= 0xE0 else 2
    if c < 0xC2 or c > 0xF4:
        return i + 1, "invalid start byte"
    for k in range(1, size):
        lo = continuation_low(c, k)
        hi = continuation_high(c, k)
        if i + k >= n:
            return n, "unexpected end of data"
        if not lo <= data[i + k] <= hi:
            return i + k, "invalid continuation byte"
    return i + size, "invalid continuation byte"  # not reached: the sequence is valid
