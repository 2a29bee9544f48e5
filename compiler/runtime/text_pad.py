"""str and bytes: center, ljust, rjust, zfill and expandtabs, with CPython 3.11's results.

Widths of str count code points, of bytes bytes. Where CPython builds a result too large for
its own limits it raises its error (bytes: OverflowError "byte string is too large"); results
beyond what a wasm memory can hold raise MemoryError, as everywhere in the runtime.
"""
from abi.intrinsics import data_ptr, load_u8, memory_copy, memory_fill, raise_memory_error, store_u8
from compiler.runtime.reprs import overflow_error, type_error
from compiler.runtime.strings import DATA, INT64_MAX, MAX_OBJECT_BYTES, byte_len, cp_len, new_text, seq_len, text_len

SPACE = b" "
C_INT_MAX = 2147483647
BYTES_LIMIT = INT64_MAX - 33  # PyBytes_FromStringAndSize: larger sizes are an OverflowError


def c_int(value: int) -> None:
    """An argument CPython converts to a C int."""
    if value > C_INT_MAX or value < -C_INT_MAX - 1:
        overflow_error("Python int too large to convert to C int")


def check_fill(fill: int, name: str, is_str: bool) -> None:
    """The fill character must be one character (0: the default space)."""
    if fill == 0:
        return
    if is_str and cp_len(fill) != 1:
        type_error("The fill character must be exactly one character long")
    if not is_str and byte_len(fill) != 1:
        type_error(name + "() argument 2 must be a byte string of length 1, not bytes")


def fill_run(dst: int, count: int, fd: int, fsize: int) -> int:
    """``count`` copies of the ``fsize`` bytes at ``fd`` at ``dst``; the address after them."""
    if fsize == 1:
        memory_fill(dst, load_u8(fd), count)
        return dst + count
    for _ in range(count):
        memory_copy(dst, fd, fsize)
        dst += fsize
    return dst


def pad(s: int, left: int, right: int, fill: int, is_str: bool) -> int:
    """``s`` with ``left`` and ``right`` fill characters (0: spaces) around it."""
    if not is_str and text_len(s, False) + left + right > BYTES_LIMIT:
        overflow_error("byte string is too large")
    if left > MAX_OBJECT_BYTES or right > MAX_OBJECT_BYTES:
        raise_memory_error()
    fd = data_ptr(SPACE)
    fsize = 1
    if fill != 0:
        fd = fill + DATA
        fsize = byte_len(fill)
    n = byte_len(s)
    r = new_text(n + (left + right) * fsize, text_len(s, is_str) + left + right, is_str)
    out = fill_run(r + DATA, left, fd, fsize)
    memory_copy(out, s + DATA, n)
    fill_run(out + n, right, fd, fsize)
    return r


def align_impl(s: int, width: int, fill: int, align: int, name: str, is_str: bool) -> int:
    """center (align 0), ljust (-1), rjust (1)."""
    check_fill(fill, name, is_str)
    n = text_len(s, is_str)
    if n >= width:
        return s
    marg = width - n
    if align < 0:
        return pad(s, 0, marg, fill, is_str)
    if align > 0:
        return pad(s, marg, 0, fill, is_str)
    left = marg // 2 + (marg & width & 1)
    return pad(s, left, marg - left, fill, is_str)


def str_center(s: int, width: int, fill: int) -> int:
    return align_impl(s, width, fill, 0, "center", True)


def str_ljust(s: int, width: int, fill: int) -> int:
    return align_impl(s, width, fill, -1, "ljust", True)


def str_rjust(s: int, width: int, fill: int) -> int:
    return align_impl(s, width, fill, 1, "rjust", True)


def bytes_center(s: int, width: int, fill: int) -> int:
    return align_impl(s, width, fill, 0, "center", False)


def bytes_ljust(s: int, width: int, fill: int) -> int:
    return align_impl(s, width, fill, -1, "ljust", False)


def bytes_rjust(s: int, width: int, fill: int) -> int:
    return align_impl(s, width, fill, 1, "rjust", False)


def zfill_impl(s: int, width: int, is_str: bool) -> int:
    n = text_len(s, is_str)
    if n >= width:
        return s
    fill = width - n
    r = pad(s, fill, 0, 0, is_str)
    memory_fill(r + DATA, 48, fill)
    c = load_u8(r + DATA + fill)
    if c == 43 or c == 45:  # move the sign to the front
        store_u8(r + DATA, c)
        store_u8(r + DATA + fill, 48)
    return r


def str_zfill(s: int, width: int) -> int:
    return zfill_impl(s, width, True)


def bytes_zfill(s: int, width: int) -> int:
    return zfill_impl(s, width, False)


def expandtabs_impl(s: int, tabsize: int, is_str: bool) -> int:
    c_int(tabsize)
    n = byte_len(s)
    d = s + DATA
    column = 0
    extra = 0  # bytes added: each tab becomes (its width - 1) more bytes
    found = False
    i = 0
    while i < n:
        c = load_u8(d + i)
        if c == 9:
            found = True
            if tabsize > 0:
                incr = tabsize - column % tabsize
                column += incr
                extra += incr
            extra -= 1
        else:
            column += 1
            if c == 10 or c == 13:
                column = 0
        i += seq_len(c) if is_str else 1
    if not found:
        return s
    if extra > MAX_OBJECT_BYTES:
        raise_memory_error()
    r = new_text(n + extra, text_len(s, is_str) + extra, is_str)
    out = r + DATA
    column = 0
    for k in range(n):
        c = load_u8(d + k)
        if c == 9:
            if tabsize > 0:
                incr = tabsize - column % tabsize
                memory_fill(out, 32, incr)
                out += incr
                column += incr
            continue
        store_u8(out, c)
        out += 1
        if c & 0xC0 != 0x80 or not is_str:  # a continuation byte is not a column
            column += 1
        if c == 10 or c == 13:
            column = 0
    return r


def str_expandtabs(s: int, tabsize: int) -> int:
    return expandtabs_impl(s, tabsize, True)


def bytes_expandtabs(s: int, tabsize: int) -> int:
    return expandtabs_impl(s, tabsize, False)
