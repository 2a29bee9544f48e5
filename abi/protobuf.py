"""The protobuf wire format, in the subset: a writer and a reader that never trap.

Integers are the subset's int64. A varint field carries 64 bits: values at or
above 2**63 read back as negative (two's complement, as Go's int64(uint64)
does), and negative values are written as ten bytes, as protobuf writes
int32/int64. ``as_uint32``/``as_int32`` take a field's 32-bit view.

``ProtoReader`` walks one message: ``next_field()`` reads a tag and leaves the
field number and wire type in ``field``/``wire_type``; the caller then reads
the value with the matching ``read_*`` or calls ``skip()`` for a field it does
not know (groups included). Malformed input (a truncated varint or length,
a varint longer than ten bytes, a length past the end, field number 0 or
beyond 2**29 - 1, wire types 6 and 7, an unmatched end of group, invalid
UTF-8 in a string) sets ``error``; every later read returns a neutral value,
so decoding code checks ``error`` once at the end. Nothing here raises on
input bytes.
"""

WIRE_VARINT = 0
WIRE_FIXED64 = 1
WIRE_LEN = 2
WIRE_START_GROUP = 3
WIRE_END_GROUP = 4
WIRE_FIXED32 = 5
MAX_FIELD_NUMBER = 536870911  # 2**29 - 1
MAX_GROUP_DEPTH = 100          # as protobuf's default recursion limit
INT64_SIGN = -9223372036854775807 - 1


def as_uint32(value: int) -> int:
    """The low 32 bits of a varint, unsigned (a uint32 field)."""
    return value & 0xFFFFFFFF


def as_int32(value: int) -> int:
    """The low 32 bits of a varint, signed (an int32 or enum field)."""
    low = value & 0xFFFFFFFF
    if low >= 0x80000000:
        return low - 0x100000000
    return low


# -- writing ---------------------------------------------------------------------------
SINGLE_BYTES = [bytes([i]) for i in range(128)]  # made once: most tags and lengths are one byte


def varint_bytes(value: int) -> bytes:
    """``value`` as a varint; a negative value as its 64-bit two's complement (ten bytes)."""
    if 0 <= value < 128:
        return SINGLE_BYTES[value]
    out: list[int] = []
    if value < 0:
        for i in range(9):
            out.append((value & 0x7F) | 0x80)
            value = value >> 7  # arithmetic: the low bits stay the two's complement
        out.append(value & 0x01)
        return bytes(out)
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value = value >> 7
    out.append(value)
    return bytes(out)


def tag_bytes(field: int, wire_type: int) -> bytes:
    return varint_bytes(field * 8 + wire_type)


class ProtoWriter:
    """Appends fields in the order written (write them by field number for canonical output).
    Concatenation, not a list of parts: the messages are small and each list costs an
    allocation more than it saves."""

    def __init__(self) -> None:
        self.data = b""

    def varint(self, field: int, value: int) -> None:
        """An int32/int64/uint32/uint64/enum/bool field; proto3 omits zero, so does this."""
        if value != 0:
            self.data = self.data + tag_bytes(field, WIRE_VARINT) + varint_bytes(value)

    def length_delimited(self, field: int, data: bytes) -> None:
        """A bytes field or an embedded message, written even when empty."""
        self.data = self.data + tag_bytes(field, WIRE_LEN) + varint_bytes(len(data)) + data

    def string(self, field: int, text: str) -> None:
        """A string field; proto3 omits the empty string."""
        if text != "":
            self.length_delimited(field, text.encode())

    def message(self, field: int, inner: "ProtoWriter") -> None:
        self.length_delimited(field, inner.finish())

    def finish(self) -> bytes:
        return self.data


# -- reading ---------------------------------------------------------------------------
class ProtoReader:
    """Reads the fields of one message in ``data[start:end]``."""

    def __init__(self, data: bytes, start: int, end: int) -> None:
        self.data = data
        self.pos = start
        self.end = end
        self.error = False
        self.field = 0
        self.wire_type = 0

    def fail(self) -> bool:
        self.error = True
        self.pos = self.end
        return False

    def raw_varint(self) -> int:
        """A varint of up to ten bytes, modulo 2**64 as int64 (bits past 64 dropped, as upb)."""
        result = 0
        shift = 0
        while shift < 70:
            if self.pos >= self.end:
                self.fail()
                return 0
            byte = self.data[self.pos]
            self.pos += 1
            if shift < 63:
                result = result | ((byte & 0x7F) << shift)
            elif byte & 0x01:
                result = result | INT64_SIGN
            if byte < 0x80:
                return result
            shift += 7
        self.fail()
        return 0

    def next_field(self) -> bool:
        """Read the next tag: False at the end of the message or on malformed input."""
        if self.error or self.pos >= self.end:
            return False
        tag = self.raw_varint()
        if self.error:
            return False
        if tag < 0 or tag > 0xFFFFFFFF:
            return self.fail()
        self.field = tag >> 3
        self.wire_type = tag & 7
        if self.field == 0 or self.field > MAX_FIELD_NUMBER or self.wire_type > WIRE_FIXED32:
            return self.fail()
        if self.wire_type == WIRE_END_GROUP:
            return self.fail()  # an end of group nobody opened
        return True

    def read_varint(self) -> int:
        if self.wire_type != WIRE_VARINT:
            self.fail()
            return 0
        return self.raw_varint()

    def read_fixed(self, size: int) -> int:
        """``size`` little-endian bytes (4 or 8) as int64 (a fixed64 above 2**63 reads negative)."""
        if self.end - self.pos < size:
            self.fail()
            return 0
        result = 0
        for i in range(size - 1, -1, -1):
            byte = self.data[self.pos + i]
            if i == 7 and byte >= 0x80:
                result = result | ((byte - 0x100) << 56)  # the sign bit: stay within int64
            else:
                result = result | (byte << (8 * i))
        self.pos += size
        return result

    def length(self) -> int:
        """The length of a length-delimited field, checked against what remains."""
        if self.wire_type != WIRE_LEN:
            self.fail()
            return 0
        size = self.raw_varint()
        if self.error:
            return 0
        if size < 0 or size > self.end - self.pos:
            self.fail()
            return 0
        return size

    def read_bytes(self) -> bytes:
        size = self.length()
        if self.error:
            return b""
        value = self.data[self.pos:self.pos + size]
        self.pos += size
        return value

    def read_string(self) -> bytes:
        """A string field's bytes, checked to be UTF-8 (proto3 requires it)."""
        value = self.read_bytes()
        if not valid_utf8(value):
            self.fail()
            return b""
        return value

    def sub_reader(self) -> "ProtoReader":
        """A reader over an embedded message; this reader moves past it."""
        size = self.length()
        if self.error:
            return ProtoReader(self.data, self.pos, self.pos)
        inner = ProtoReader(self.data, self.pos, self.pos + size)
        self.pos += size
        return inner

    def skip(self) -> None:
        """Skip the value of the current field (an unknown or unexpected one)."""
        if self.wire_type == WIRE_VARINT:
            self.raw_varint()
        elif self.wire_type == WIRE_FIXED64:
            self.read_fixed(8)
        elif self.wire_type == WIRE_FIXED32:
            self.read_fixed(4)
        elif self.wire_type == WIRE_LEN:
            self.read_bytes()
        else:
            self.skip_group(self.field)

    def skip_group(self, field: int) -> None:
        """Skip up to the end-of-group tag matching ``field``; groups nest up to MAX_GROUP_DEPTH."""
        open_fields: list[int] = [field]
        while len(open_fields) > 0 and not self.error:
            if len(open_fields) > MAX_GROUP_DEPTH or self.pos >= self.end:
                self.fail()
                return
            tag = self.raw_varint()
            if self.error or tag < 0 or tag > 0xFFFFFFFF:
                self.fail()
                return
            number = tag >> 3
            wire_type = tag & 7
            if number == 0 or number > MAX_FIELD_NUMBER or wire_type > WIRE_FIXED32:
                self.fail()
                return
            if wire_type == WIRE_END_GROUP:
                if number != open_fields[len(open_fields) - 1]:
                    self.fail()
                    return
                open_fields.pop()
            elif wire_type == WIRE_START_GROUP:
                open_fields.append(number)
            else:
                self.wire_type = wire_type
                self.skip()


def valid_utf8(data: bytes) -> bool:
    """Well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF)."""
    i = 0
    n = len(data)
    while i < n:
        lead = data[i]
        if lead < 0x80:
            i += 1
            continue
        if 0xC2 <= lead <= 0xDF:
            count, low, high = 1, 0x80, 0xBF
        elif 0xE0 <= lead <= 0xEF:
            count = 2
            low = 0xA0 if lead == 0xE0 else 0x80
            high = 0x9F if lead == 0xED else 0xBF
        elif 0xF0 <= lead <= 0xF4:
            count = 3
            low = 0x90 if lead == 0xF0 else 0x80
            high = 0x8F if lead == 0xF4 else 0xBF
        else:
            return False
        if i + count >= n:
            return False
        if not low <= data[i + 1] <= high:
            return False
        for k in range(2, count + 1):
            if not 0x80 <= data[i + k] <= 0xBF:
                return False
        i += count + 1
    return True
