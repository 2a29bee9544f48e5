"""struct for compiled filters: pack, unpack, unpack_from and calcsize as CPython 3.11's _struct
on a little-endian 64-bit host (native sizes and alignment for ``@``), with its struct.error
messages. The format of pack/unpack/unpack_from is a constant (compiler/frontend/stdlib_struct.py
checks it and turns ``pack(fmt, a, b)`` into ``pack(fmt, [a, b])`` and ``unpack`` into a function
returning the tuple the format types); formats are parsed once per VM, as CPython caches them.
"""
from typing import Any

from abi.intrinsics import float_bits, float_from_bits

INT64_MIN = -9223372036854775807 - 1
SINGLE_MIN_SUBNORMAL = 1.401298464324817e-45  # 2**-149
CODES = "xcbB?hHiIlLqQfdse"
NATIVE_SIZES = [1, 1, 1, 1, 1, 2, 2, 4, 4, 8, 8, 8, 8, 4, 8, 1, 2]
STANDARD_SIZES = [1, 1, 1, 1, 1, 2, 2, 4, 4, 4, 4, 8, 8, 4, 8, 1, 2]
_formats: dict[str, "_Format"] = {}


class error(Exception):
    pass


class _Format:
    def __init__(self, text: str) -> None:
        self.codes: list[str] = []
        self.counts: list[int] = []
        self.offsets: list[int] = []
        self.size = 0
        self.items = 0
        order = text[0] if text != "" and text[0] in "@=<>!" else "@"
        self.native: bool = order == "@"
        self.big: bool = order in ">!"
        self.little_table: bool = not self.big  # '=' is '<' on this host, and shares '@''s messages
        self.parse(text[1:] if text != "" and text[0] in "@=<>!" else text)

    def parse(self, text: str) -> None:
        index = 0
        while index < len(text):
            c = text[index]
            index += 1
            if c == "\x00":
                raise error("embedded null character")
            if c in " \t\n\r\x0b\x0c":
                continue
            count = 1
            if "0" <= c and c <= "9":
                count = ord(c) - 48
                while index < len(text) and "0" <= text[index] and text[index] <= "9":
                    if count > (9223372036854775807 - (ord(text[index]) - 48)) // 10:
                        raise error("total struct size too long")
                    count = count * 10 + ord(text[index]) - 48
                    index += 1
                if index == len(text):
                    raise error("repeat count given without format specifier")
                c = text[index]
                index += 1
            self.add(c, count)

    def add(self, c: str, count: int) -> None:
        code = CODES.find(c)
        if c == "p" or (self.native and c in "nNP"):
            raise NotImplementedError(f"the struct format character '{c}' is not available yet")
        if code < 0:
            raise error("bad char in struct format")
        size = NATIVE_SIZES[code] if self.native else STANDARD_SIZES[code]
        if self.native and size > 1 and self.size % size:
            self.size += size - self.size % size
        if c == "x":
            self.size += count
            return
        if c == "s":
            self.codes.append(c)
            self.counts.append(count)
            self.offsets.append(self.size)
            self.size += count
            self.items += 1
            return
        for _ in range(count):
            self.codes.append(c)
            self.counts.append(size)
            self.offsets.append(self.size)
            self.size += size
            self.items += 1


def _format(text: str) -> _Format:
    found = _formats.get(text)
    if found is None:
        if len(_formats) >= 100:
            _formats.clear()
        found = _Format(text)
        _formats[text] = found
    return found


def calcsize(format: str) -> int:
    return _format(format).size


def pack(format: str, values: list[Any]) -> bytes:
    layout = _format(format)
    if len(values) != layout.items:
        raise error(f"pack expected {layout.items} items for packing (got {len(values)})")
    pieces: list[bytes] = []
    end = 0
    for index in range(layout.items):
        at = layout.offsets[index]
        if at > end:
            pieces.append(b"\x00" * (at - end))
        piece = _pack_one(layout, layout.codes[index], layout.counts[index], values[index])
        pieces.append(piece)
        end = at + len(piece)
    if layout.size > end:
        pieces.append(b"\x00" * (layout.size - end))
    return b"".join(pieces)


def _pack_one(layout: _Format, c: str, size: int, value: Any) -> bytes:
    order = "big" if layout.big else "little"
    if c == "s":
        if not isinstance(value, bytes):
            raise error("argument for 's' must be a bytes object")
        return value[:size] + b"\x00" * (size - len(value))
    if c == "c":
        if not isinstance(value, bytes) or len(value) != 1:
            raise error("char format requires a bytes object of length 1")
        return value
    if c == "?":
        return b"\x01" if _truth(value) else b"\x00"
    if c == "f" or c == "d" or c == "e":
        if isinstance(value, bool):
            x = 1.0 if value else 0.0
        elif isinstance(value, int):
            x = float(value)
        elif isinstance(value, float):
            x = value
        else:
            raise error("required argument is not a float")
        if c == "d":
            return float_bits(x).to_bytes(8, order, signed=True)
        if c == "e":
            return _half_bits(x).to_bytes(2, order)
        return _single_bits(x, layout.native).to_bytes(4, order)
    if isinstance(value, bool):
        n = 1 if value else 0
    elif isinstance(value, int):
        n = value
    else:
        raise error("required argument is not an integer")
    _check_range(layout, c, size, n)
    return n.to_bytes(size, order, signed=c in "bhilq")


def _truth(value: Any) -> bool:
    """CPython's truth value, for the types an Any holds here (an object's __bool__ is not called)."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value != 0
    if isinstance(value, float):
        return value != 0.0
    if isinstance(value, str) or isinstance(value, bytes) or isinstance(value, list) or isinstance(value, dict):
        return len(value) > 0
    raise NotImplementedError("struct.pack('?') of an object is not available yet")


def _check_range(layout: _Format, c: str, size: int, n: int) -> None:
    """CPython's messages, which depend on the byte order's table (see _struct.c's np_*, lp_*, bp_*)."""
    if c == "b" or c == "B" or c == "h" or c == "H" or c == "i" or c == "I" or c == "l" or c == "L":
        if size == 8:
            if c == "L" and n < 0:
                raise error("argument out of range")
            return
        signed = c in "bhil"
        low = -(1 << (size * 8 - 1)) if signed else 0
        high = (1 << (size * 8 - 1)) - 1 if signed else (1 << (size * 8)) - 1
        if low <= n and n <= high:
            return
        if c == "b":
            raise error("byte format requires -128 <= number <= 127")
        if c == "B" or (c == "H" and layout.little_table):
            raise error(f"{'ubyte' if c == 'B' else 'ushort'} format requires 0 <= number <= {high}")
        if c == "h" and layout.little_table:
            raise error("short format requires -32768 <= number <= 32767")
        if n < 0 and not signed:
            raise error("argument out of range")
        raise error(f"'{c}' format requires {low} <= number <= {high}")
    if c == "Q" and n < 0:
        raise error("int too large to convert" if layout.big else "argument out of range")


def _single_bits(x: float, native: bool) -> int:
    """The bits of ``x`` rounded to IEEE single precision (half to even), as C's (float) cast;
    beyond its range CPython's standard sizes raise OverflowError, the native one gives inf."""
    bits = float_bits(x)
    sign = 0x80000000 if bits < 0 else 0
    exponent = (bits >> 52) & 0x7FF
    mantissa = bits & 0xFFFFFFFFFFFFF
    if exponent == 0x7FF:
        return sign | 0x7F800000 | ((0x400000 | (mantissa >> 29)) if mantissa else 0)
    if exponent == 0:
        return sign  # zero, or a double subnormal: far below half the least single
    power = exponent - 1023
    significand = mantissa | (1 << 52)
    shift = 29 if power >= -126 else 29 + (-126 - power)
    if shift > 60:
        return sign
    kept = significand >> shift
    rest = significand & ((1 << shift) - 1)
    half = 1 << (shift - 1)
    if rest > half or (rest == half and kept & 1):
        kept += 1
    result = ((power + 127) << 23) + kept - (1 << 23) if power >= -126 else kept
    if result >= 0x7F800000:
        if not native:
            raise OverflowError("float too large to pack with f format")
        result = 0x7F800000
    return sign | result


def _single_value(bits: int) -> float:
    """The single's value as a double, as C's cast (which makes a signaling NaN quiet)."""
    sign = INT64_MIN if bits & 0x80000000 else 0
    exponent = (bits >> 23) & 0xFF
    mantissa = bits & 0x7FFFFF
    if exponent == 0xFF:
        return float_from_bits(sign | (0x7FF << 52) | (mantissa << 29) | ((1 << 51) if mantissa else 0))
    if exponent == 0:
        value = float(mantissa) * SINGLE_MIN_SUBNORMAL
        return -value if sign else value
    return float_from_bits(sign | ((exponent - 127 + 1023) << 52) | (mantissa << 29))


def _power_of_two(k: int) -> float:
    return float_from_bits((1023 + k) << 52)  # 2.0 ** k, for -1022 <= k <= 1023


def _half_bits(x: float) -> int:
    """CPython's PyFloat_Pack2: IEEE half precision, rounded half to even, step by step as its C."""
    bits = float_bits(x)
    sign = 0x8000 if bits < 0 else 0
    exponent = (bits >> 52) & 0x7FF
    mantissa = bits & 0xFFFFFFFFFFFFF
    if exponent == 0x7FF:
        return sign | 0x7C00 | (512 if mantissa else 0)  # a NaN: the quiet one of its sign
    power = exponent - 1023  # x = f * 2**power, f in [1, 2)
    if exponent == 0 or power < -25:
        return sign  # zero, or below half the least subnormal
    if power >= 16:
        raise OverflowError("float too large to pack with e format")
    f = float_from_bits((1023 << 52) | mantissa)
    e = 0
    if power < -14:
        f = f * _power_of_two(14 + power)
    else:
        e = power + 15
        f -= 1.0
    f *= 1024.0
    kept = int(f)
    if f - float(kept) > 0.5 or (f - float(kept) == 0.5 and kept % 2 == 1):
        kept += 1
        if kept == 1024:
            kept = 0
            e += 1
            if e == 31:
                raise OverflowError("float too large to pack with e format")
    return sign | (e << 10) | kept


def _half_value(bits: int) -> float:
    """CPython's PyFloat_Unpack2 (a NaN's payload is not kept)."""
    negative = bits & 0x8000 != 0
    e = (bits >> 10) & 0x1F
    f = bits & 0x3FF
    if e == 0x1F:
        return float_from_bits((INT64_MIN if negative else 0) | (0x7FF << 52) | ((1 << 51) if f else 0))
    x = float(f) / 1024.0
    if e == 0:
        e = -14
    else:
        x += 1.0
        e -= 15
    x *= _power_of_two(e)
    return -x if negative else x


class _Values:
    """What unpack read, by kind in format order; the code the compiler writes for an unpack
    call builds the tuple from them (``(v.ints[0], v.blobs[0], v.ints[1])``)."""

    def __init__(self) -> None:
        self.ints: list[int] = []
        self.floats: list[float] = []
        self.bools: list[bool] = []
        self.blobs: list[bytes] = []


def unpack(format: str, buffer: bytes) -> _Values:
    layout = _format(format)
    if len(buffer) != layout.size:
        raise error(f"unpack requires a buffer of {layout.size} bytes")
    return _read(layout, buffer, 0)


def unpack_from(format: str, buffer: bytes, offset: int) -> _Values:
    layout = _format(format)
    if offset < 0:
        if offset + layout.size > 0:
            raise error(f"not enough data to unpack {layout.size} bytes at offset {offset}")
        if offset + len(buffer) < 0:
            raise error(f"offset {offset} out of range for {len(buffer)}-byte buffer")
        offset += len(buffer)
    if len(buffer) - offset < layout.size:
        raise error(f"unpack_from requires a buffer of at least {layout.size + offset} bytes for unpacking "
                    f"{layout.size} bytes at offset {offset} (actual buffer size is {len(buffer)})")
    return _read(layout, buffer, offset)


def _read(layout: _Format, buffer: bytes, start: int) -> _Values:
    values = _Values()
    order = "big" if layout.big else "little"
    for index in range(layout.items):
        c = layout.codes[index]
        at = start + layout.offsets[index]
        size = layout.counts[index]
        piece = buffer[at:at + size]
        if c == "s" or c == "c":
            values.blobs.append(piece)
        elif c == "?":
            values.bools.append(piece != b"\x00")
        elif c == "d":
            values.floats.append(float_from_bits(int.from_bytes(piece, order, signed=True)))
        elif c == "f":
            values.floats.append(_single_value(int.from_bytes(piece, order)))
        elif c == "e":
            values.floats.append(_half_value(int.from_bytes(piece, order)))
        else:
            values.ints.append(int.from_bytes(piece, order, signed=c in "bhilq"))
    return values
