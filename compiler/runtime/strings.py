"""str and bytes objects (layout, allocation, UTF-8) and their +, *, ==, < and hash, with CPython's
results; the string runtime's other modules build on these.

Layouts (after the 8-byte object header of memory.py):
    str   (KIND_STR):   +8 u32 byte length, +12 u32 code-point length, +16 UTF-8 data
    bytes (KIND_BYTES): +8 u32 length,      +12 u32 0,                 +16 data
A str is always valid UTF-8, so its byte length equals its code-point length
exactly when it is ASCII: that is the fast path almost every function takes.
Indices and lengths of str count code points; those of bytes count bytes.

UTF-8 byte order is code-point order, and a valid UTF-8 needle can only match a
valid UTF-8 haystack at character boundaries, so comparisons and searches work
on bytes for both types; only index conversions need to walk the text.

Where CPython raises, the string runtime raises the same exception with CPython's
message, through reprs.py's raising helpers (reprs.py also builds the messages
that quote a text). One deliberate difference: CPython's ``chr`` accepts lone
surrogates (U+D800..U+DFFF), which UTF-8 cannot hold; ``str_chr`` raises
ValueError for them. Results CPython would build beyond the memory a wasm
module can address raise MemoryError.

The jobs on top of these basics are in modules of their own: str_items.py (s[i], slices, ord,
chr), str_find.py (find, index, in, startswith), str_split.py (split, strip, replace, join),
str_case.py (Unicode classes, lower, upper), str_utf8.py (encode, decode) and str_fmt.py
(int <-> text, format specs); text_*.py hold the rarer methods.
"""
from abi.intrinsics import (bytes_at, load_i64, load_u32, load_u8, lt_u, memory_copy, memory_fill, raise_memory_error,
                            store_i64, store_u32, store_u8, wrap_add)
from compiler.runtime.list_cmp import data_compare, data_equal
from compiler.runtime.lists import LIST_ITEMS, list_len
from compiler.runtime.memory import KIND_BYTES, KIND_STR, alloc, alloc_unzeroed
from compiler.runtime.reprs import bytes_repr_cut, overflow_error, str_repr_cut, value_error

BYTE_LEN = 8
CP_LEN = 12
DATA = 16
FLAG_START = 1
FLAG_STOP = 2
INT64_MAX = 9223372036854775807
INT64_MIN = -9223372036854775808
MAX_OBJECT_BYTES = 0x7FFFFF00     # larger results cannot exist in a 32-bit memory
MAX_CODE_POINT = 0x10FFFF
M32 = 0xFFFFFFFF
HIGH_BITS = -0x7F7F7F7F7F7F7F80   # 0x8080808080808080 as an int64: the top bit of each of 8 bytes


# -- objects -----------------------------------------------------------------------
def byte_len(s: int) -> int:
    return load_u32(s + BYTE_LEN)


def cp_len(s: int) -> int:
    return load_u32(s + CP_LEN)


def is_ascii(s: int) -> bool:
    return load_u32(s + BYTE_LEN) == load_u32(s + CP_LEN)


def text_len(s: int, is_str: bool) -> int:
    """len(s): code points of a str, bytes of a bytes."""
    if is_str:
        return load_u32(s + CP_LEN)
    return load_u32(s + BYTE_LEN)


def text_of(s: int) -> str:
    """The str object at ``s`` as a str value, for an error message."""
    return bytes_at(s + DATA, byte_len(s)).decode()


def text_repr_cut(s: int, is_str: bool, limit: int) -> str:
    """repr()[:limit] of the str or bytes object at ``s``."""
    if is_str:
        return str_repr_cut(text_of(s), limit)
    return bytes_repr_cut(bytes_at(s + DATA, byte_len(s)), limit)


def check_size(nbytes: int) -> None:
    if nbytes > MAX_OBJECT_BYTES:
        raise_memory_error()


def new_str(nbytes: int, ncps: int) -> int:
    """A str of ``nbytes`` UTF-8 bytes (zeroed, to be filled) holding ``ncps`` code points."""
    check_size(nbytes)
    s = alloc(wrap_add(8, nbytes), KIND_STR)  # nbytes <= MAX_OBJECT_BYTES: the sum fits
    store_u32(s + BYTE_LEN, nbytes)
    store_u32(s + CP_LEN, ncps)
    return s


def new_str_unzeroed(nbytes: int, ncps: int) -> int:
    """new_str for a caller that writes all ``nbytes`` bytes before anything reads them."""
    check_size(nbytes)
    s = alloc_unzeroed(wrap_add(8, nbytes), KIND_STR)
    store_u32(s + BYTE_LEN, nbytes)
    store_u32(s + CP_LEN, ncps)
    return s


def new_bytes(n: int) -> int:
    check_size(n)
    b = alloc(wrap_add(8, n), KIND_BYTES)  # n <= MAX_OBJECT_BYTES: the sum fits
    store_u32(b + BYTE_LEN, n)
    return b


def new_bytes_unzeroed(n: int) -> int:
    """new_bytes for a caller that writes all ``n`` bytes before anything reads them (a
    concatenation, a copy): no zeroing first."""
    check_size(n)
    b = alloc_unzeroed(wrap_add(8, n), KIND_BYTES)
    store_i64(b + BYTE_LEN, n)  # the length, and 0 in the 4 bytes after it (as new_bytes leaves them)
    return b


def new_bytes_from_list(lst: int) -> int:
    """bytes(list_of_ints): each item must be in range(256), else ValueError."""
    n = list_len(lst)
    b = new_bytes(n)
    src = load_u32(lst + LIST_ITEMS)  # the items block (0 when empty: the loop does not run)
    dst = wrap_add(b, DATA)
    end = wrap_add(dst, n)
    while lt_u(dst, end):
        value = load_i64(src + 8)
        if lt_u(255, value):  # also a negative value
            value_error("bytes must be in range(0, 256)")
        store_u8(dst, value)
        src = wrap_add(src, 8)
        dst = wrap_add(dst, 1)
    return b


def new_text(nbytes: int, ncps: int, is_str: bool) -> int:
    if is_str:
        return new_str(nbytes, ncps)
    return new_bytes(nbytes)


def text_from_span(src: int, nbytes: int, is_str: bool) -> int:
    """A new str (code points counted) or bytes holding a copy of ``nbytes`` at ``src``."""
    if is_str:
        r = new_str_unzeroed(nbytes, count_cps(src, nbytes))
    else:
        r = new_bytes_unzeroed(nbytes)
    memory_copy(r + DATA, src, nbytes)
    return r


# -- UTF-8 -------------------------------------------------------------------------
def seq_len(lead: int) -> int:
    """Bytes in the UTF-8 sequence that starts with byte ``lead`` (valid UTF-8)."""
    if lead < 0x80:
        return 1
    if lead < 0xE0:
        return 2
    if lead < 0xF0:
        return 3
    return 4


def decode_cp(p: int) -> int:
    """The code point whose valid UTF-8 sequence starts at address ``p``."""
    b0 = load_u8(p)
    if b0 < 0x80:
        return b0
    if b0 < 0xE0:
        return (b0 & 0x1F) << 6 | (load_u8(p + 1) & 0x3F)
    if b0 < 0xF0:
        return (b0 & 0x0F) << 12 | (load_u8(p + 1) & 0x3F) << 6 | (load_u8(p + 2) & 0x3F)
    return ((b0 & 0x07) << 18 | (load_u8(p + 1) & 0x3F) << 12 | (load_u8(p + 2) & 0x3F) << 6
            | (load_u8(p + 3) & 0x3F))


def cp_utf8_len(c: int) -> int:
    if c < 0x80:
        return 1
    if c < 0x800:
        return 2
    if c < 0x10000:
        return 3
    return 4


def encode_cp(dst: int, c: int) -> int:
    """Write code point ``c`` as UTF-8 at ``dst``; the number of bytes written."""
    if c < 0x80:
        store_u8(dst, c)
        return 1
    if c < 0x800:
        store_u8(dst, 0xC0 | c >> 6)
        store_u8(dst + 1, 0x80 | (c & 0x3F))
        return 2
    if c < 0x10000:
        store_u8(dst, 0xE0 | c >> 12)
        store_u8(dst + 1, 0x80 | (c >> 6 & 0x3F))
        store_u8(dst + 2, 0x80 | (c & 0x3F))
        return 3
    store_u8(dst, 0xF0 | c >> 18)
    store_u8(dst + 1, 0x80 | (c >> 12 & 0x3F))
    store_u8(dst + 2, 0x80 | (c >> 6 & 0x3F))
    store_u8(dst + 3, 0x80 | (c & 0x3F))
    return 4


def prev_pos(p: int) -> int:
    """Start of the code point before address ``p`` (skips continuation bytes)."""
    p -= 1
    while load_u8(p) & 0xC0 == 0x80:
        p -= 1
    return p


def count_cps(p: int, n: int) -> int:
    """Code points in the ``n`` bytes of valid UTF-8 at ``p``: 8 bytes at a time while they are
    ASCII (a code point each), then a byte at a time."""
    words = n >> 3
    i = 0
    while i < words and load_i64(wrap_add(p, i << 3)) & HIGH_BITS == 0:
        i += 1
    count = i << 3
    for j in range(i << 3, n):
        if load_u8(wrap_add(p, j)) & 0xC0 != 0x80:
            count += 1
    return count


def advance(p: int, k: int) -> int:
    """Address ``k`` code points after (k > 0) or before (k < 0) address ``p``."""
    while k > 0:
        p += seq_len(load_u8(p))
        k -= 1
    while k < 0:
        p = prev_pos(p)
        k += 1
    return p


def offset_of(s: int, index: int, is_str: bool) -> int:
    """Byte offset of code point ``index`` (0 <= index <= len) of a str; bytes: ``index``."""
    if not is_str:
        return index
    nbytes = load_u32(s + BYTE_LEN)
    ncps = load_u32(s + CP_LEN)
    if nbytes == ncps:
        return index
    if index <= ncps // 2:
        return advance(s + DATA, index) - s - DATA
    return advance(s + DATA + nbytes, index - ncps) - s - DATA


def index_of(s: int, offset: int, is_str: bool) -> int:
    """Code-point index of byte ``offset`` of a str; bytes: ``offset``."""
    if not is_str or is_ascii(s):
        return offset
    return count_cps(s + DATA, offset)


# -- concatenation, repetition, comparison, hashing --------------------------------
def str_concat(a: int, b: int) -> int:
    na = byte_len(a)
    nb = byte_len(b)
    if nb == 0:
        return a
    if na == 0:
        return b
    r = new_str_unzeroed(na + nb, cp_len(a) + cp_len(b))
    memory_copy(r + DATA, a + DATA, na)
    memory_copy(r + DATA + na, b + DATA, nb)
    return r


def bytes_concat(a: int, b: int) -> int:
    na = byte_len(a)
    nb = byte_len(b)
    r = new_bytes_unzeroed(wrap_add(na, nb))  # two u32 lengths
    memory_copy(wrap_add(r, DATA), wrap_add(a, DATA), na)
    memory_copy(wrap_add(r, DATA + na), wrap_add(b, DATA), nb)
    return r


def repeat_impl(s: int, n: int, is_str: bool) -> int:
    nbytes = byte_len(s)
    if n <= 0 or nbytes == 0:
        return new_text(0, 0, is_str)
    if is_str and cp_len(s) > INT64_MAX // n:  # CPython counts code points, bytes for bytes
        overflow_error("repeated string is too long")
    if not is_str and nbytes > INT64_MAX // n:
        overflow_error("repeated bytes are too long")
    if nbytes > MAX_OBJECT_BYTES // n:
        raise_memory_error()
    r = new_text(nbytes * n, cp_len(s) * n, is_str)
    d = r + DATA
    if nbytes == 1:
        memory_fill(d, load_u8(s + DATA), n)
        return r
    memory_copy(d, s + DATA, nbytes)
    done = nbytes
    total = nbytes * n
    while done < total:  # double the filled prefix
        chunk = min(done, total - done)
        memory_copy(d + done, d, chunk)
        done += chunk
    return r


def str_repeat(s: int, n: int) -> int:
    return repeat_impl(s, n, True)


def bytes_repeat(s: int, n: int) -> int:
    return repeat_impl(s, n, False)


def same_bytes(a: int, b: int, n: int) -> bool:
    """Are the ``n`` (>= 0) bytes at addresses ``a`` and ``b`` equal? 8 bytes at a time (an address
    is two), then 4, then one at a time; no load reaches past ``a + n`` or ``b + n``."""
    end = wrap_add(a, n)
    while lt_u(wrap_add(a, 7), end):  # a + 8 <= end
        if load_i64(a) != load_i64(b):
            return False
        a = wrap_add(a, 8)
        b = wrap_add(b, 8)
    if lt_u(wrap_add(a, 3), end):  # a + 4 <= end
        if load_u32(a) != load_u32(b):
            return False
        a = wrap_add(a, 4)
        b = wrap_add(b, 4)
    while lt_u(a, end):
        if load_u8(a) != load_u8(b):
            return False
        a = wrap_add(a, 1)
        b = wrap_add(b, 1)
    return True


def str_eq(a: int, b: int) -> bool:
    """Equal content of two str (or two bytes) objects (one implementation, in lists.py)."""
    return data_equal(a, b)


def str_compare(a: int, b: int) -> int:
    """-1, 0 or 1 as a < b, a == b, a > b (str or bytes): UTF-8 byte order is code-point order."""
    return data_compare(a, b)


def mul32(a: int, b: int) -> int:
    """a * b mod 2**32 for 0 <= a, b < 2**32, without leaving int64."""
    return ((a & 0xFFFF) * b + ((((a >> 16) * b) & 0xFFFF) << 16)) & M32


def rotl32(x: int, r: int) -> int:
    return ((x << r) | (x >> (32 - r))) & M32


def fmix32(h: int) -> int:
    h = h ^ (h >> 16)
    h = mul32(h, 0x85EBCA6B)
    h = h ^ (h >> 13)
    h = mul32(h, 0xC2B2AE35)
    return h ^ (h >> 16)


def str_hash(s: int) -> int:
    """A 64-bit hash of the content (two MurmurHash3-style 32-bit lanes); never -1."""
    n = byte_len(s)
    p = s + DATA
    h1 = 0x9747B28C
    h2 = 0x1B873593
    i = 0
    while i + 4 <= n:
        k = load_u32(p + i)
        h1 = h1 ^ mul32(rotl32(mul32(k, 0xCC9E2D51), 15), 0x1B873593)
        h1 = (mul32(rotl32(h1, 13), 5) + 0xE6546B64) & M32
        h2 = h2 ^ mul32(rotl32(mul32(k, 0x85EBCA77), 17), 0xC2B2AE3D)
        h2 = (mul32(rotl32(h2, 15), 5) + 0x52DCE729) & M32
        i += 4
    k = 0
    shift = 0
    while i < n:
        k = k | load_u8(p + i) << shift
        shift += 8
        i += 1
    if shift != 0:
        h1 = h1 ^ mul32(rotl32(mul32(k, 0xCC9E2D51), 15), 0x1B873593)
        h2 = h2 ^ mul32(rotl32(mul32(k, 0x85EBCA77), 17), 0xC2B2AE3D)
    h1 = h1 ^ (n & M32)
    h2 = h2 ^ (n & M32)
    h1 = (h1 + h2) & M32
    h2 = (h2 + h1) & M32
    h1 = fmix32(h1)
    h2 = fmix32(h2)
    h1 = (h1 + h2) & M32
    h2 = (h2 + h1) & M32
    if h1 >= 0x80000000:
        h1 -= 0x100000000
    h = h1 * 0x100000000 + h2
    if h == -1:
        return -2
    return h
