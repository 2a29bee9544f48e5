"""str and bytes operations, with CPython's results.

Layouts (after the 8-byte object header of memory.py):
    str   (KIND_STR):   +8 u32 byte length, +12 u32 code-point length, +16 UTF-8 data
    bytes (KIND_BYTES): +8 u32 length,      +12 u32 0,                 +16 data
A str is always valid UTF-8, so its byte length equals its code-point length
exactly when it is ASCII: that is the fast path almost every function takes.
Indices and lengths of str count code points; those of bytes count bytes.

UTF-8 byte order is code-point order, and a valid UTF-8 needle can only match a
valid UTF-8 haystack at character boundaries, so comparisons and searches work
on bytes for both types; only index conversions need to walk the text.

Where CPython raises, these functions raise the same exception with CPython's
message, through reprs.py's raising helpers (reprs.py also builds the messages
that quote a text). One deliberate difference: CPython's ``chr`` accepts lone
surrogates (U+D800..U+DFFF), which UTF-8 cannot hold; ``str_chr`` raises
ValueError for them. Results CPython would build beyond the memory a wasm
module can address raise MemoryError.

Functions returning several values set module globals (``slice_start``).
"""
from abi.intrinsics import (bytes_at, data_ptr, div_u, load_i64, load_u8, load_u32, lt_u, memory_copy,
                            memory_fill, raise_memory_error, rem_u, store_u8,
                            store_i64, store_u32, wrap_add, wrap_mul, wrap_sub)
from compiler.runtime.lists import (LIST_ITEMS, data_compare, data_equal, list_append, list_len,
                                    list_new, slot_address)
from compiler.runtime.memory import KIND_BYTES, KIND_POINTERS, KIND_RAW, KIND_STR, alloc, alloc_unzeroed
from compiler.runtime.reprs import (SHOWN_CHARS, bytes_repr_cut, decode_message, index_error,
                                    int_digits_message, int_literal_message, ord_message, overflow_error,
                                    str_repr_cut, type_error, value_error)
from compiler.runtime.unicode_tables import (CTYPE_COUNT, CTYPE_RANGES, LOWER_COUNT,
                                             LOWER_RANGES, LOWER_SPECIAL, SIGMA_RUNS,
                                             UPPER_COUNT, UPPER_RANGES, UPPER_SPECIAL)

BYTE_LEN = 8
CP_LEN = 12
DATA = 16
FLAG_START = 1
FLAG_STOP = 2
INT64_MAX = 9223372036854775807
INT64_MIN = -9223372036854775808
MAX_OBJECT_BYTES = 0x7FFFFF00     # larger results cannot exist in a 32-bit memory
MAX_STR_DIGITS = 4300             # CPython's default sys.get_int_max_str_digits()
MAX_CODE_POINT = 0x10FFFF
BAD_FILL = "the fill character is not a code point a str can hold"  # the compiler passes a valid one
INT64_OVERFLOW = "int too large for a 64-bit int"  # where CPython would go on with a big int
CAPITAL_SIGMA = 0x3A3
M32 = 0xFFFFFFFF
HIGH_BITS = -0x7F7F7F7F7F7F7F80   # 0x8080808080808080 as an int64: the top bit of each of 8 bytes
LOW_ONES = 0x0101010101010101     # 1 in each of 8 bytes
LONG_SEARCH = 32                  # bytes from which scan_bytes first skips 8 bytes a step
DIGITS_LOWER = b"0123456789abcdef"
DIGITS_UPPER = b"0123456789ABCDEF"

# Classes in unicode_tables.CTYPE_RANGES and SIGMA_RUNS.
CTYPE_DIGIT = 1
CTYPE_DECIMAL = 2
CTYPE_SPACE = 3
SIGMA_CASED = 1
SIGMA_IGNORABLE = 2

slice_start = 0                   # set by adjust_slice


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


# -- Unicode tables ----------------------------------------------------------------
def ctype_class(c: int) -> int:
    """0, CTYPE_DIGIT, CTYPE_DECIMAL or CTYPE_SPACE for code point ``c``."""
    return ctype_entry(c) & 3


def ctype_entry(c: int) -> int:
    """The CTYPE_RANGES entry (start << 2 | class) whose run holds ``c``."""
    table = data_ptr(CTYPE_RANGES)
    lo = 0
    hi = CTYPE_COUNT
    while lo < hi:
        mid = (lo + hi) // 2
        e = table + mid * 3
        if (load_u8(e) | load_u8(e + 1) << 8 | load_u8(e + 2) << 16) >> 2 <= c:
            lo = mid + 1
        else:
            hi = mid
    e = table + (lo - 1) * 3
    return load_u8(e) | load_u8(e + 1) << 8 | load_u8(e + 2) << 16


def decimal_value(c: int) -> int:
    """The value of a Unicode decimal digit, or -1."""
    if c < 128:
        if 48 <= c <= 57:
            return c - 48
        return -1
    entry = ctype_entry(c)
    if entry & 3 != CTYPE_DECIMAL:
        return -1
    return (c - (entry >> 2)) % 10


def is_space_cp(c: int) -> bool:
    """CPython's str.isspace for one code point."""
    if c < 128:
        return c == 32 or 9 <= c <= 13 or 28 <= c <= 31
    return ctype_class(c) == CTYPE_SPACE


def is_digit_cp(c: int) -> bool:
    """CPython's str.isdigit for one code point."""
    if c < 128:
        return 48 <= c <= 57
    return ctype_class(c) != 0 and ctype_class(c) != CTYPE_SPACE


def is_space_byte(b: int) -> bool:
    """ASCII whitespace as bytes methods see it: b' \\t\\n\\r\\x0b\\x0c'."""
    return b == 32 or 9 <= b <= 13


def case_lookup(table: int, count: int, special: int, c: int) -> int:
    """Map ``c`` through a LOWER/UPPER table: the code point, or -address of a special mapping."""
    lo = 0
    hi = count
    while lo < hi:
        mid = (lo + hi) // 2
        if load_u32(table + mid * 6) & 0x1FFFFF <= c:
            lo = mid + 1
        else:
            hi = mid
    if lo == 0:
        return c
    e = table + (lo - 1) * 6
    v = load_u32(e) | load_u8(e + 4) << 32 | load_u8(e + 5) << 40
    offset = c - (v & 0x1FFFFF)
    if v >> 28 & 1 != 0:
        if offset % 2 != 0:
            return c
        offset = offset // 2
    if offset > (v >> 21 & 127):
        return c
    field = v >> 30
    if v >> 29 & 1 == 0:
        return c + field - 131072
    p = special + field
    for _ in range(offset):
        p += 1 + (load_u8(p) & 15)
    return -p


def lower_cp(c: int) -> int:
    """str.lower of one code point (no Final_Sigma): a code point or -address of a special."""
    if c < 128:
        if 65 <= c <= 90:
            return c + 32
        return c
    return case_lookup(data_ptr(LOWER_RANGES), LOWER_COUNT, data_ptr(LOWER_SPECIAL), c)


def upper_cp(c: int) -> int:
    """str.upper of one code point: a code point or -address of a special mapping."""
    if c < 128:
        if 97 <= c <= 122:
            return c - 32
        return c
    return case_lookup(data_ptr(UPPER_RANGES), UPPER_COUNT, data_ptr(UPPER_SPECIAL), c)


def sigma_class(c: int) -> int:
    """0, SIGMA_CASED or SIGMA_IGNORABLE (linear scan of SIGMA_RUNS)."""
    p = data_ptr(SIGMA_RUNS)
    end = p + len(SIGMA_RUNS)
    start = 0
    current = 0
    while p < end:
        b = load_u8(p)
        p += 1
        klass = b & 3
        delta = b >> 2 & 31
        shift = 5
        while b & 128 != 0:
            b = load_u8(p)
            p += 1
            delta = delta | (b & 127) << shift
            shift += 7
        start += delta
        if start > c:
            return current
        current = klass
    return current


def final_sigma(d: int, nbytes: int, pos: int) -> bool:
    """Is the capital sigma at byte ``pos`` of text ``d`` final (CPython's handle_capital_sigma)?"""
    j = pos
    k = 0
    while j > 0:
        j = prev_pos(d + j) - d
        k = sigma_class(decode_cp(d + j))
        if k != SIGMA_IGNORABLE:
            break
    if k != SIGMA_CASED:
        return False
    j = pos + 2
    while j < nbytes:
        k = sigma_class(decode_cp(d + j))
        if k != SIGMA_IGNORABLE:
            return k != SIGMA_CASED
        j += seq_len(load_u8(d + j))
    return True


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


# -- indexing and slicing ----------------------------------------------------------
def str_getitem(s: int, i: int) -> int:
    n = cp_len(s)
    if i < 0:
        i += n
    if i < 0 or i >= n:
        index_error("string index out of range")
    p = s + DATA + offset_of(s, i, True)
    size = seq_len(load_u8(p))
    r = new_str(size, 1)
    memory_copy(r + DATA, p, size)
    return r


def bytes_getitem(s: int, i: int) -> int:
    n = load_u32(s + BYTE_LEN)
    if lt_u(i, n):  # 0 <= i < n
        return load_u8(wrap_add(s, i) + DATA)
    if i < 0:
        i = wrap_add(i, n)  # negative plus a u32: no overflow
        if lt_u(i, n):
            return load_u8(wrap_add(s, i) + DATA)
    index_error("index out of range")
    return 0


def adjust_slice(length: int, start: int, stop: int, step: int, flags: int) -> int:
    """CPython's PySlice_Unpack + PySlice_AdjustIndices: the slice length; sets slice_start."""
    global slice_start
    if step == 0:
        value_error("slice step cannot be zero")
    if flags & FLAG_START == 0:
        start = INT64_MAX if step < 0 else 0
    if flags & FLAG_STOP == 0:
        stop = INT64_MIN if step < 0 else INT64_MAX
    if start < 0:
        start += length
        if start < 0:
            start = -1 if step < 0 else 0
    elif start >= length:
        start = length - 1 if step < 0 else length
    if stop < 0:
        stop += length
        if stop < 0:
            stop = -1 if step < 0 else 0
    elif stop >= length:
        stop = length - 1 if step < 0 else length
    slice_start = start
    if step < 0:
        if stop < start:
            return (start - stop - 1) // (-step) + 1
    elif start < stop:
        return (stop - start - 1) // step + 1
    return 0


def slice_impl(s: int, start: int, stop: int, step: int, flags: int, is_str: bool) -> int:
    if step < -INT64_MAX:
        step = -INT64_MAX  # as PySlice_Unpack, so that -step exists
    n = text_len(s, is_str)
    count = adjust_slice(n, start, stop, step, flags)
    start = slice_start
    if count <= 0:
        return new_text(0, 0, is_str)
    if step == 1 and count == n and is_str:
        return s
    d = s + DATA
    if not is_str or is_ascii(s):
        r = new_text(count, count, is_str)
        if step == 1:
            memory_copy(r + DATA, d + start, count)
        else:
            for k in range(count):
                store_u8(r + DATA + k, load_u8(d + start + k * step))
        return r
    first = d + offset_of(s, start, True)
    if step == 1:
        end = advance(first, count)
        r = new_str(end - first, count)
        memory_copy(r + DATA, first, end - first)
        return r
    p = first
    total = 0
    for k in range(count):  # pass 1: size
        total += seq_len(load_u8(p))
        if k + 1 < count:
            p = advance(p, step)
    r = new_str(total, count)
    out = r + DATA
    p = first
    for k in range(count):  # pass 2: copy
        size = seq_len(load_u8(p))
        memory_copy(out, p, size)
        out += size
        if k + 1 < count:
            p = advance(p, step)
    return r


def str_slice(s: int, start: int, stop: int, step: int, flags: int) -> int:
    return slice_impl(s, start, stop, step, flags, True)


def bytes_slice(s: int, start: int, stop: int, step: int, flags: int) -> int:
    return slice_impl(s, start, stop, step, flags, False)


# -- searching ---------------------------------------------------------------------
def find_bytes(h: int, lo: int, hi: int, needle: int, m: int) -> int:
    """First offset in [lo, hi - m] where the ``m`` bytes at ``needle`` occur in ``h``, or -1.
    Callers keep 0 <= lo and hi within the text, so the address arithmetic wraps nothing."""
    if m == 0:
        return lo if lo <= hi else -1
    first = load_u8(needle)
    p = wrap_add(h, lo)
    last = wrap_add(h, wrap_sub(hi, m))  # lengths and offsets below 2**32: nothing wraps
    while p <= last:
        if load_u8(p) == first and same_bytes(wrap_add(p, 1), wrap_add(needle, 1), wrap_sub(m, 1)):
            return wrap_sub(p, h)
        p = wrap_add(p, 1)
    return -1


def scan_bytes(h: int, lo: int, hi: int, needle: int, m: int) -> int:
    """find_bytes for split, replace, count and ``in``, which often search a long text: 8 bytes a
    step first while none is the needle's first byte. find itself keeps the plain loop (a search
    that hits at once, as the rate limiter's, pays nothing for it)."""
    if m != 0 and wrap_sub(hi, lo) >= LONG_SEARCH:
        lo = wrap_sub(skip_words_without(wrap_add(h, lo), wrap_add(h, hi), load_u8(needle)), h)
    return find_bytes(h, lo, hi, needle, m)


def skip_words_without(p: int, stop: int, byte: int) -> int:
    """The first address from ``p`` where 8 bytes (all before ``stop``) may hold ``byte``: skips
    8 bytes a step while none is ``byte`` (one i64 load, the zero-byte test)."""
    spread = wrap_mul(byte, LOW_ONES)  # ``byte`` in each of 8 bytes
    while wrap_add(p, 8) <= stop:
        x = load_i64(p) ^ spread  # a zero byte where ``byte`` is
        if wrap_sub(x, LOW_ONES) & ~x & HIGH_BITS != 0:
            return p
        p = wrap_add(p, 8)
    return p


def rfind_bytes(h: int, lo: int, hi: int, needle: int, m: int) -> int:
    """Last offset in [lo, hi - m] where the needle occurs, or -1."""
    if m == 0:
        return hi if lo <= hi else -1
    first = load_u8(needle)
    p = wrap_add(h, hi - m)
    start = wrap_add(h, lo)
    while p >= start:
        if load_u8(p) == first and same_bytes(wrap_add(p, 1), wrap_add(needle, 1), m - 1):
            return p - h
        p = wrap_add(p, -1)
    return -1


def str_contains(hay: int, needle: int) -> bool:
    return scan_bytes(hay + DATA, 0, byte_len(hay), needle + DATA, byte_len(needle)) >= 0


def bytes_contains_byte(hay: int, value: int) -> bool:
    if value < 0 or value > 255:
        value_error("byte must be in range(0, 256)")
    n = byte_len(hay)
    for i in range(n):
        if load_u8(hay + DATA + i) == value:
            return True
    return False


def find_impl(s: int, sub: int, start: int, end: int, flags: int, reverse: bool, is_str: bool) -> int:
    """str.find / rfind (bytes too) with optional start/end; the index or -1."""
    n = text_len(s, is_str)
    m = text_len(sub, is_str)
    if flags & FLAG_START == 0:
        start = 0
    if flags & FLAG_STOP == 0:
        end = n
    if end > n:  # ADJUST_INDICES
        end = n
    elif end < 0:
        end = max(end + n, 0)
    if start < 0:
        start = max(start + n, 0)
    if wrap_sub(end, start) < m:  # 0 <= end <= n and start >= 0 by now: no overflow
        return -1
    if m == 0:
        return end if reverse else start
    lo = offset_of(s, start, is_str)
    hi = offset_of(s, end, is_str)
    if reverse:
        pos = rfind_bytes(s + DATA, lo, hi, sub + DATA, byte_len(sub))
    else:
        pos = find_bytes(s + DATA, lo, hi, sub + DATA, byte_len(sub))
    if pos < 0:
        return -1
    if not is_str or is_ascii(s):
        return pos
    return start + count_cps(s + DATA + lo, pos - lo)


def index_impl(s: int, sub: int, start: int, end: int, flags: int, reverse: bool, is_str: bool) -> int:
    r = find_impl(s, sub, start, end, flags, reverse, is_str)
    if r < 0:
        value_error("substring not found" if is_str else "subsection not found")
    return r


def str_find(s: int, sub: int, start: int, end: int, flags: int) -> int:
    return find_impl(s, sub, start, end, flags, False, True)


def str_rfind(s: int, sub: int, start: int, end: int, flags: int) -> int:
    return find_impl(s, sub, start, end, flags, True, True)


def str_index(s: int, sub: int, start: int, end: int, flags: int) -> int:
    return index_impl(s, sub, start, end, flags, False, True)


def str_rindex(s: int, sub: int, start: int, end: int, flags: int) -> int:
    return index_impl(s, sub, start, end, flags, True, True)


def bytes_find(s: int, sub: int, start: int, end: int, flags: int) -> int:
    return find_impl(s, sub, start, end, flags, False, False)


def bytes_rfind(s: int, sub: int, start: int, end: int, flags: int) -> int:
    return find_impl(s, sub, start, end, flags, True, False)


def bytes_index(s: int, sub: int, start: int, end: int, flags: int) -> int:
    return index_impl(s, sub, start, end, flags, False, False)


def bytes_rindex(s: int, sub: int, start: int, end: int, flags: int) -> int:
    return index_impl(s, sub, start, end, flags, True, False)


def str_startswith(s: int, prefix: int) -> bool:
    m = byte_len(prefix)
    return m <= byte_len(s) and same_bytes(s + DATA, prefix + DATA, m)


def str_endswith(s: int, suffix: int) -> bool:
    n = byte_len(s)
    m = byte_len(suffix)
    return m <= n and same_bytes(s + DATA + n - m, suffix + DATA, m)


def bytes_startswith(s: int, prefix: int) -> bool:
    return str_startswith(s, prefix)  # same layout: the comparison is on bytes either way


def bytes_endswith(s: int, suffix: int) -> bool:
    return str_endswith(s, suffix)


# -- split, strip ------------------------------------------------------------------
def space_at(d: int, i: int, is_str: bool) -> bool:
    """Is the character at byte ``i`` of text ``d`` whitespace (str.isspace / ASCII for bytes)?"""
    b = load_u8(d + i)
    if b < 128 or not is_str:
        if is_str:
            return is_space_cp(b)
        return is_space_byte(b)
    return is_space_cp(decode_cp(d + i))


def char_size(d: int, i: int, is_str: bool) -> int:
    if is_str:
        return seq_len(load_u8(d + i))
    return 1


def split_impl(s: int, sep: int, maxsplit: int, is_str: bool) -> int:
    n = byte_len(s)
    d = s + DATA
    if maxsplit < 0:
        maxsplit = INT64_MAX
    result = list_new(0, KIND_POINTERS)
    if sep == 0:  # runs of whitespace (CPython's split_whitespace)
        i = 0
        while maxsplit > 0:
            maxsplit -= 1
            while i < n and space_at(d, i, is_str):
                i += char_size(d, i, is_str)
            if i == n:
                break
            j = i
            i += char_size(d, i, is_str)
            while i < n and not space_at(d, i, is_str):
                i += char_size(d, i, is_str)
            list_append(result, text_from_span(d + j, i - j, is_str))
        if i < n:
            while i < n and space_at(d, i, is_str):
                i += char_size(d, i, is_str)
            if i != n:
                list_append(result, text_from_span(d + i, n - i, is_str))
        return result
    m = byte_len(sep)
    if m == 0:
        value_error("empty separator")
    i = 0
    while maxsplit > 0:
        maxsplit -= 1
        pos = scan_bytes(d, i, n, sep + DATA, m)
        if pos < 0:
            break
        list_append(result, text_from_span(d + i, pos - i, is_str))
        i = pos + m
    list_append(result, text_from_span(d + i, n - i, is_str))
    return result


def str_split(s: int, sep: int, maxsplit: int) -> int:
    return split_impl(s, sep, maxsplit, True)


def bytes_split(s: int, sep: int, maxsplit: int) -> int:
    return split_impl(s, sep, maxsplit, False)


def in_chars(chars: int, d: int, i: int, is_str: bool) -> bool:
    """Is the character at byte ``i`` of ``d`` one of ``chars`` (0: whitespace)?"""
    if chars == 0:
        return space_at(d, i, is_str)
    size = char_size(d, i, is_str)
    cd = chars + DATA
    m = byte_len(chars)
    j = 0
    while j < m:  # chars is valid UTF-8 too: compare whole sequences
        step = char_size(cd, j, is_str)
        if step == size and same_bytes(cd + j, d + i, size):
            return True
        j += step
    return False


def strip_impl(s: int, chars: int, left: bool, right: bool, is_str: bool) -> int:
    n = byte_len(s)
    d = s + DATA
    i = 0
    if left:
        while i < n and in_chars(chars, d, i, is_str):
            i += char_size(d, i, is_str)
    j = n
    if right:
        while j > i:
            k = prev_pos(d + j) - d if is_str else j - 1
            if not in_chars(chars, d, k, is_str):
                break
            j = k
    if i == 0 and j == n and is_str:
        return s
    return text_from_span(d + i, j - i, is_str)


def str_strip(s: int, chars: int) -> int:
    return strip_impl(s, chars, True, True, True)


def str_lstrip(s: int, chars: int) -> int:
    return strip_impl(s, chars, True, False, True)


def str_rstrip(s: int, chars: int) -> int:
    return strip_impl(s, chars, False, True, True)


def bytes_strip(s: int, chars: int) -> int:
    return strip_impl(s, chars, True, True, False)


def bytes_lstrip(s: int, chars: int) -> int:
    return strip_impl(s, chars, True, False, False)


def bytes_rstrip(s: int, chars: int) -> int:
    return strip_impl(s, chars, False, True, False)


# -- case and character classes ----------------------------------------------------
def mapped_size(m: int) -> int:
    """UTF-8 bytes of a case_lookup result."""
    if m >= 0:
        return cp_utf8_len(m)
    return load_u8(-m) & 15


def mapped_cps(m: int) -> int:
    if m >= 0:
        return 1
    return load_u8(-m) >> 4


def write_mapped(dst: int, m: int) -> int:
    if m >= 0:
        return encode_cp(dst, m)
    size = load_u8(-m) & 15
    memory_copy(dst, -m + 1, size)
    return size


def map_cp(d: int, n: int, i: int, c: int, upper: bool) -> int:
    if upper:
        return upper_cp(c)
    if c == CAPITAL_SIGMA:
        if final_sigma(d, n, i):
            return 0x3C2
        return 0x3C3
    return lower_cp(c)


def change_case(s: int, upper: bool) -> int:
    n = byte_len(s)
    d = s + DATA
    if is_ascii(s):
        r = new_str(n, n)
        for i in range(n):
            c = load_u8(d + i)
            if upper and 97 <= c <= 122:
                c -= 32
            elif not upper and 65 <= c <= 90:
                c += 32
            store_u8(r + DATA + i, c)
        return r
    total = 0
    ncps = 0
    i = 0
    while i < n:  # pass 1: size
        m = map_cp(d, n, i, decode_cp(d + i), upper)
        total += mapped_size(m)
        ncps += mapped_cps(m)
        i += seq_len(load_u8(d + i))
    r = new_str(total, ncps)
    out = r + DATA
    i = 0
    while i < n:  # pass 2: write
        out += write_mapped(out, map_cp(d, n, i, decode_cp(d + i), upper))
        i += seq_len(load_u8(d + i))
    return r


def str_lower(s: int) -> int:
    return change_case(s, False)


def str_upper(s: int) -> int:
    return change_case(s, True)


def ascii_change_case(s: int, upper: bool) -> int:
    n = byte_len(s)
    r = new_bytes(n)
    for i in range(n):
        c = load_u8(s + DATA + i)
        if upper and 97 <= c <= 122:
            c -= 32
        elif not upper and 65 <= c <= 90:
            c += 32
        store_u8(r + DATA + i, c)
    return r


def bytes_lower(s: int) -> int:
    return ascii_change_case(s, False)


def bytes_upper(s: int) -> int:
    return ascii_change_case(s, True)


def str_isdigit(s: int) -> bool:
    n = byte_len(s)
    d = s + DATA
    if n == 0:
        return False
    i = 0
    while i < n:
        if not is_digit_cp(decode_cp(d + i)):
            return False
        i += seq_len(load_u8(d + i))
    return True


def str_isspace(s: int) -> bool:
    n = byte_len(s)
    d = s + DATA
    if n == 0:
        return False
    i = 0
    while i < n:
        if not is_space_cp(decode_cp(d + i)):
            return False
        i += seq_len(load_u8(d + i))
    return True


def bytes_isspace(s: int) -> bool:
    n = byte_len(s)
    if n == 0:
        return False
    for i in range(n):
        if not is_space_byte(load_u8(s + DATA + i)):
            return False
    return True


def bytes_isdigit(s: int) -> bool:
    n = byte_len(s)
    if n == 0:
        return False
    for i in range(n):
        c = load_u8(s + DATA + i)
        if c < 48 or c > 57:
            return False
    return True


# -- replace, join -----------------------------------------------------------------
def replace_impl(s: int, old: int, new: int, count: int, is_str: bool) -> int:
    n = byte_len(s)
    m = byte_len(old)
    k = byte_len(new)
    d = s + DATA
    if text_len(s, is_str) < text_len(old, is_str):
        return s
    if count < 0:
        count = INT64_MAX
    elif count == 0:
        return s
    if m == 0:  # insert ``new`` before each character and at the end, ``count`` times
        times = min(text_len(s, is_str) + 1, count)
        r = new_text(n + times * k, cp_len(s) + times * cp_len(new), is_str)
        out = r + DATA
        i = 0
        while times > 0:
            memory_copy(out, new + DATA, k)
            out += k
            times -= 1
            if times <= 0:
                break
            size = char_size(d, i, is_str)
            memory_copy(out, d + i, size)
            out += size
            i += size
        memory_copy(out, d + i, n - i)
        return r
    found = 0
    pos = scan_bytes(d, 0, n, old + DATA, m)
    while pos >= 0 and found < count:
        found += 1
        pos = scan_bytes(d, pos + m, n, old + DATA, m)
    if found == 0:
        return s
    r = new_text(n + found * (k - m), cp_len(s) + found * (cp_len(new) - cp_len(old)), is_str)
    out = r + DATA
    i = 0
    for _ in range(found):
        pos = scan_bytes(d, i, n, old + DATA, m)
        memory_copy(out, d + i, pos - i)
        out += pos - i
        memory_copy(out, new + DATA, k)
        out += k
        i = pos + m
    memory_copy(out, d + i, n - i)
    return r


def str_replace(s: int, old: int, new: int, count: int) -> int:
    return replace_impl(s, old, new, count, True)


def bytes_replace(s: int, old: int, new: int, count: int) -> int:
    return replace_impl(s, old, new, count, False)


def join_impl(sep: int, lst: int, is_str: bool) -> int:
    count = list_len(lst)
    if count == 0:
        return new_text(0, 0, is_str)
    if count == 1:
        return load_u32(slot_address(lst, 0))
    nsep = byte_len(sep)
    total = nsep * (count - 1)
    ncps = cp_len(sep) * (count - 1)
    for i in range(count):
        item = load_u32(slot_address(lst, i))
        total += byte_len(item)
        ncps += cp_len(item)
    r = new_text(total, ncps, is_str)
    out = r + DATA
    for i in range(count):
        if i > 0:
            memory_copy(out, sep + DATA, nsep)
            out += nsep
        item = load_u32(slot_address(lst, i))
        size = byte_len(item)
        memory_copy(out, item + DATA, size)
        out += size
    return r


def str_join(sep: int, lst: int) -> int:
    return join_impl(sep, lst, True)


def bytes_join(sep: int, lst: int) -> int:
    return join_impl(sep, lst, False)


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


# -- characters --------------------------------------------------------------------
def str_ord(s: int) -> int:
    if cp_len(s) != 1:
        type_error(ord_message(cp_len(s)))
    return decode_cp(s + DATA)


def str_chr(i: int) -> int:
    """chr(i); ValueError outside 0..0x10FFFF and (unlike CPython) for lone surrogates.

    CPython takes the argument as a C int: beyond 32 bits it raises OverflowError.
    """
    if i < -0x80000000 or i > 0x7FFFFFFF:
        overflow_error("Python int too large to convert to C int")
    if i < 0 or i > MAX_CODE_POINT:
        value_error("chr() arg not in range(0x110000)")
    if 0xD800 <= i <= 0xDFFF:
        value_error("chr() arg is a lone surrogate, which a UTF-8 str cannot hold")
    r = new_str(cp_utf8_len(i), 1)
    encode_cp(r + DATA, i)
    return r


def format_char(i: int) -> int:
    """f"{i:c}", format(i, "c"), "%c" % i: OverflowError outside range(0x110000), else chr(i)."""
    if i < 0 or i > MAX_CODE_POINT:
        overflow_error("%c arg not in range(0x110000)")
    return str_chr(i)


def format_char_text(s: int) -> int:
    """"%c" % s: a str of one character, else CPython's TypeError."""
    if cp_len(s) != 1:
        type_error("%c requires int or char")
    return s


# -- numbers and formatting --------------------------------------------------------
def format_int(v: int, base: int, upper: bool) -> int:
    """The digits of ``v`` in base 2, 8, 10 or 16 with a '-' sign, no prefix: format(v, 'x')."""
    if base < 2 or base > 16:
        value_error("format_int: base must be 2, 8, 10 or 16")  # the compiler passes one of those
    negative = v < 0
    if not negative:
        v = -v  # work on the negative value: int64's minimum has no positive twin
    count = 1
    t = v
    while t <= -base:
        t = -(t // -base)
        count += 1
    if negative:
        count += 1
    r = new_str(count, count)
    digits = data_ptr(DIGITS_UPPER) if upper else data_ptr(DIGITS_LOWER)
    p = r + DATA + count - 1
    while True:
        store_u8(p, load_u8(digits - (v % -base)))
        v = -(v // -base)
        p -= 1
        if v == 0:
            break
    if negative:
        store_u8(r + DATA, 45)
    return r


def str_from_int(v: int) -> int:
    """str(v): a non-negative v (most: counts, statuses, seconds) by unsigned division, which
    cannot overflow, so no checked arithmetic per digit."""
    if v < 0:
        return format_int(v, 10, False)
    count = 1
    t = div_u(v, 10)
    while t != 0:
        t = div_u(t, 10)
        count += 1
    r = new_str_unzeroed(count, count)  # every digit is written below
    p = wrap_add(r, DATA + count - 1)
    while True:
        store_u8(p, wrap_add(48, rem_u(v, 10)))
        v = div_u(v, 10)
        if v == 0:
            break
        p = wrap_sub(p, 1)
    return r


def digit_value(c: int) -> int:
    """CPython's _PyLong_DigitValue: 0-9, a-z/A-Z as 10-35, anything else 37."""
    if 48 <= c <= 57:
        return c - 48
    if 97 <= c <= 122:
        return c - 87
    if 65 <= c <= 90:
        return c - 55
    return 37


def char_at(p: int, n: int, i: int) -> int:
    """Byte ``i`` of the text, or 0 past its end (the C string's terminator)."""
    if i < n:
        return load_u8(p + i)
    return 0


def int_literal_error(text: int, is_str: bool, base: int) -> None:
    raise ValueError(int_literal_message(text_repr_cut(text, is_str, SHOWN_CHARS), base))


def parse_int(p: int, n: int, base: int, text: int, is_str: bool) -> int:
    """CPython's PyLong_FromString on the ``n`` ASCII bytes at ``p``, on int64; ``text`` is the
    str (``is_str``) or bytes object they come from, for the error message."""
    if (base != 0 and base < 2) or base > 36:
        value_error("int() base must be >= 2 and <= 36, or 0")
    given_base = base
    i = 0
    while i < n and is_space_byte(load_u8(p + i)):
        i += 1
    negative = False
    c = char_at(p, n, i)
    if c == 43:
        i += 1
    elif c == 45:
        i += 1
        negative = True
    c0 = char_at(p, n, i)
    c1 = char_at(p, n, i + 1) | 32  # lower case of an x/o/b prefix letter
    error_if_nonzero = False
    if base == 0:
        if c0 != 48:
            base = 10
        elif c1 == 120:
            base = 16
        elif c1 == 111:
            base = 8
        elif c1 == 98:
            base = 2
        else:
            error_if_nonzero = True  # "old" octal such as 017 is invalid, 000 is fine
            base = 10
    if c0 == 48 and ((base == 16 and c1 == 120) or (base == 8 and c1 == 111) or (base == 2 and c1 == 98)):
        i += 2
        if char_at(p, n, i) == 95:
            i += 1  # one underscore may follow the prefix
    if char_at(p, n, i) == 95:
        int_literal_error(text, is_str, given_base)
    start = i
    digits = 0
    prev = 0
    acc = 0  # minus the value so far: int64's minimum fits
    overflow = False
    limit = (INT64_MIN + base - 1) // base  # ceil(INT64_MIN / base)
    while True:
        c = char_at(p, n, i)
        if c == 95:
            if prev == 95:
                int_literal_error(text, is_str, given_base)
        else:
            d = digit_value(c)
            if d >= base:
                break
            digits += 1
            if not overflow:
                if acc < limit or acc * base < INT64_MIN + d:
                    overflow = True
                else:
                    acc = acc * base - d
        prev = c
        i += 1
    if prev == 95:  # a trailing underscore
        int_literal_error(text, is_str, given_base)
    if base & (base - 1) != 0 and digits > MAX_STR_DIGITS:
        value_error(int_digits_message(digits))
    if (error_if_nonzero and (acc != 0 or overflow)) or i == start:
        int_literal_error(text, is_str, given_base)
    while i < n and is_space_byte(load_u8(p + i)):
        i += 1
    if i != n:
        int_literal_error(text, is_str, given_base)
    if overflow:
        overflow_error(INT64_OVERFLOW)
    if negative:
        return acc
    if acc == INT64_MIN:
        overflow_error(INT64_OVERFLOW)
    return -acc


def int_from_str(s: int, base: int) -> int:
    """int(s, base) for a str: Unicode decimal digits and whitespace as CPython accepts them."""
    n = byte_len(s)
    d = s + DATA
    if is_ascii(s):
        return parse_int(d, n, base, s, True)
    # As _PyUnicode_TransformDecimalAndSpaceToASCII: one ASCII byte per code point.
    count = cp_len(s)
    buf = alloc(count, KIND_RAW) + 8
    i = 0
    k = 0
    while i < n:
        c = decode_cp(d + i)
        if c < 127:
            out = c
        elif is_space_cp(c):
            out = 32
        else:
            value = decimal_value(c)
            out = 63 if value < 0 else 48 + value  # '?' is never valid
        store_u8(buf + k, out)
        k += 1
        i += seq_len(load_u8(d + i))
    return parse_int(buf, count, base, s, True)


def int_from_bytes_text(b: int, base: int) -> int:
    """int(b, base) for bytes: ASCII digits and whitespace only."""
    return parse_int(b + DATA, byte_len(b), base, b, False)


def str_pad(s: int, fill: int, align: int, width: int) -> int:
    """format(s, f'{fill}{align}{width}') for align '<' (60), '>' (62) or '^' (94)."""
    n = cp_len(s)
    if width <= n:
        return s
    if fill < 0 or fill > MAX_CODE_POINT or 0xD800 <= fill <= 0xDFFF:
        value_error(BAD_FILL)
    pad = width - n
    if align == 60:
        left = 0
    elif align == 62:
        left = pad
    elif align == 94:
        left = pad // 2
    else:
        left = 0
        value_error("str_pad: align must be '<', '>' or '^'")  # the compiler passes one of those
    size = cp_utf8_len(fill)
    nbytes = byte_len(s)
    check_size(pad)
    check_size(pad * size)
    r = new_str(nbytes + pad * size, width)
    out = r + DATA
    for _ in range(left):
        out += encode_cp(out, fill)
    memory_copy(out, s + DATA, nbytes)
    out += nbytes
    for _ in range(pad - left):
        out += encode_cp(out, fill)
    return r


def str_chars(s: int) -> int:
    """``list(s)``: one single-character str per code point."""
    n = load_u32(s + CP_LEN)
    result = list_new(n, KIND_POINTERS)
    for i in range(n):
        list_append(result, str_getitem(s, i))
    return result


def str_pad_after_sign(s: int, fill: int, width: int) -> int:
    """``format(n, f'{fill}={width}')``: ``fill`` between the sign ('-', '+' or ' ', if any) and
    the digits, up to ``width`` characters (``s`` is ASCII number text)."""
    n = byte_len(s)
    if width <= n:
        return s
    if fill < 0 or fill > MAX_CODE_POINT or 0xD800 <= fill <= 0xDFFF:
        value_error(BAD_FILL)
    first = load_u8(s + DATA) if n > 0 else 0
    sign = 1 if first == 45 or first == 43 or first == 32 else 0
    pad = width - n
    check_size(pad * cp_utf8_len(fill))
    r = new_str(n + pad * cp_utf8_len(fill), width)
    memory_copy(r + DATA, s + DATA, sign)
    out = r + DATA + sign
    for _ in range(pad):
        out += encode_cp(out, fill)
    memory_copy(out, s + DATA + sign, n - sign)
    return r


def str_with_sign(s: int, sign: int) -> int:
    """``{n:+}`` / ``{n: }``: the sign character before number text that does not start with '-'."""
    n = byte_len(s)
    if n > 0 and load_u8(s + DATA) == 45:
        return s
    r = new_str(n + 1, cp_len(s) + 1)
    store_u8(r + DATA, sign)
    memory_copy(r + DATA + 1, s + DATA, n)
    return r
