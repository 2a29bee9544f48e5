"""ipaddress: the text of IPv4 and IPv6 addresses and netmasks as CPython 3.11 reads and writes it,
with its exceptions and their messages (compiler/stdlib/ipaddress.py is the public module).

An IPv4 address is an int. An IPv6 address is 128 bits, beyond the subset's int64: it is read as
its eight 16-bit hextets, and the classes keep it as two int64 halves holding the bit patterns of
its upper and lower 64 bits (a half whose top bit is set is negative).
"""

DIGITS = "0123456789"
HEX_DIGITS = "0123456789abcdefABCDEF"


class AddressValueError(ValueError):
    """A Value Error related to the address."""


class NetmaskValueError(ValueError):
    """A Value Error related to the netmask."""


def _ipv4_int(text: str) -> int:
    """The address as an int, or -1 where CPython's IPv4Address(text) raises AddressValueError:
    four dot-separated octets of 1-3 ASCII digits, no leading zero, at most 255. One pass over the
    bytes (every request may come here)."""
    value = 0
    octet = 0
    digits = 0
    dots = 0
    for byte in text.encode():
        if 48 <= byte and byte <= 57:
            if digits == 1 and octet == 0:  # a leading zero
                return -1
            octet = (octet * 10 + byte - 48) & 0xFFF  # the mask changes nothing below 2560: no checks
            if octet > 255:
                return -1
            digits += 1
        elif byte == 46 and digits > 0 and dots < 3:  # "."
            value = (value * 256 + octet) & 0xFFFFFF
            octet = 0
            digits = 0
            dots += 1
        else:
            return -1
    if dots != 3 or digits == 0:
        return -1
    return value * 256 + octet


def _ipv6_hextets(text: str) -> list[int]:
    """The eight hextets, or [] where CPython's IPv6Address(text) raises AddressValueError (a
    scope id after '%' is accepted and not kept)."""
    if "/" in text:
        return []
    percent = text.find("%")
    if percent >= 0:
        scope = text[percent + 1:]
        if scope == "" or "%" in scope:
            return []
        text = text[:percent]
    try:
        return ipv6_from_text(text)
    except AddressValueError:
        return []


# What ipv6_fast read: the two halves (see the module's docstring).
FAST_HI = 0
FAST_LO = 0


def ipv6_fast(text: str) -> bool:
    """Whether ``text`` is hex digits and colons that CPython's IPv6Address reads, its halves then
    in FAST_HI and FAST_LO; False for anything else, which the exact parser then reads or refuses
    with CPython's message (a dotted IPv4 tail, a scope id, '/'). One pass over the bytes: the
    rules of ipv6_from_text, part by part."""
    global FAST_HI, FAST_LO
    hextets: list[int] = []
    skip = -1  # where '::' stands in hextets
    lead = False
    parts = 0
    value = 0
    digits = 0
    for byte in text.encode():
        if byte == 58:  # ":" ends a part
            if digits > 0:
                hextets.append(value)
            elif parts == 0:
                lead = True
            elif skip >= 0:
                return False
            else:
                skip = len(hextets)
            parts += 1
            value = 0
            digits = 0
        else:
            nibble = _nibble(byte)
            if nibble < 0 or digits == 4:
                return False
            value = value * 16 + nibble
            digits += 1
    parts += 1
    if digits > 0:
        hextets.append(value)
    found = len(hextets)
    if parts < 3 or parts > 9:
        return False
    if skip < 0:
        if found != 8 or parts != 8:  # an empty first or last part, or not 8 parts
            return False
    elif (lead and skip != 0) or (digits == 0 and skip != found) or found > 7:
        return False  # '::' must start a leading ':', end a trailing one, and stand for a zero
    zeros = 8 - found
    hi = 0
    lo = 0
    for i in range(8):
        h = 0 if skip <= i < skip + zeros else hextets[i if i < skip or skip < 0 else i - zeros]
        if i < 4:
            hi = (hi << 16) | h if i > 0 or h < 0x8000 else h - 0x10000
        else:
            lo = (lo << 16) | h if i > 4 or h < 0x8000 else h - 0x10000
    FAST_HI = hi
    FAST_LO = lo
    return True


def _nibble(byte: int) -> int:
    if 48 <= byte and byte <= 57:
        return byte - 48
    if 97 <= byte and byte <= 102:
        return byte - 87
    if 65 <= byte and byte <= 70:
        return byte - 55
    return -1


def ipv4_from_text(text: str) -> int:
    """CPython's IPv4Address(text)._ip, or its AddressValueError."""
    value = _ipv4_int(text)
    if value >= 0:
        return value
    if "/" in text:
        raise AddressValueError(f"Unexpected '/' in {text!r}")
    if text == "":
        raise AddressValueError("Address cannot be empty")
    octets = text.split(".")
    if len(octets) != 4:
        raise AddressValueError(f"Expected 4 octets in {text!r}")
    for octet in octets:
        problem = _octet_problem(octet)
        if problem != "":
            raise AddressValueError(f"{problem} in {text!r}")
    raise AddressValueError(f"Expected 4 octets in {text!r}")  # not reached: _ipv4_int took it


def _octet_problem(octet: str) -> str:
    """CPython's _parse_octet's ValueError message, or "" for a valid octet."""
    if octet == "":
        return "Empty octet not permitted"
    if not (octet.isascii() and octet.isdigit()):
        return f"Only decimal digits permitted in {octet!r}"
    if len(octet) > 3:
        return f"At most 3 characters permitted in {octet!r}"
    if octet != "0" and octet[0] == "0":
        return f"Leading zeros are not permitted in {octet!r}"
    if int(octet) > 255:
        return f"Octet {int(octet)} (> 255) not permitted"
    return ""


def ipv4_text(value: int) -> str:
    return f"{value >> 24}.{(value >> 16) & 255}.{(value >> 8) & 255}.{value & 255}"


def ipv6_from_text(ip_str: str) -> list[int]:
    """CPython's IPv6 _ip_int_from_string (no scope id here) as eight hextets, or its
    AddressValueError."""
    if ip_str == "":
        raise AddressValueError("Address cannot be empty")
    parts = ip_str.split(":")
    if len(parts) < 3:
        raise AddressValueError(f"At least 3 parts expected in {ip_str!r}")
    if "." in parts[-1]:
        try:
            v4 = ipv4_from_text(parts.pop())
        except AddressValueError as exc:
            raise AddressValueError(f"{exc} in {ip_str!r}") from None
        parts.append(f"{v4 >> 16:x}")
        parts.append(f"{v4 & 0xFFFF:x}")
    if len(parts) > 9:
        raise AddressValueError(f"At most 8 colons permitted in {ip_str!r}")
    skip = -1
    for i in range(1, len(parts) - 1):
        if parts[i] == "":
            if skip >= 0:
                raise AddressValueError(f"At most one '::' permitted in {ip_str!r}")
            skip = i
    if skip >= 0:
        high = skip
        low = len(parts) - skip - 1
        if parts[0] == "":
            high -= 1
            if high:
                raise AddressValueError(f"Leading ':' only permitted as part of '::' in {ip_str!r}")
        if parts[-1] == "":
            low -= 1
            if low:
                raise AddressValueError(f"Trailing ':' only permitted as part of '::' in {ip_str!r}")
        if 8 - (high + low) < 1:
            raise AddressValueError(f"Expected at most 7 other parts with '::' in {ip_str!r}")
    else:
        if len(parts) != 8:
            raise AddressValueError(f"Exactly 8 parts expected without '::' in {ip_str!r}")
        if parts[0] == "":
            raise AddressValueError(f"Leading ':' only permitted as part of '::' in {ip_str!r}")
        if parts[-1] == "":
            raise AddressValueError(f"Trailing ':' only permitted as part of '::' in {ip_str!r}")
        high = 8
        low = 0
    out: list[int] = []
    for i in range(high):
        out.append(_hextet(parts[i], ip_str))
    for i in range(8 - high - low):
        out.append(0)
    for i in range(len(parts) - low, len(parts)):
        out.append(_hextet(parts[i], ip_str))
    return out


def _hextet(part: str, ip_str: str) -> int:
    for c in part:
        if c not in HEX_DIGITS:
            raise AddressValueError(f"Only hex digits permitted in {part!r} in {ip_str!r}")
    if len(part) > 4:
        raise AddressValueError(f"At most 4 characters permitted in {part!r} in {ip_str!r}")
    if part == "":  # int("", 16), which CPython's parser reaches for no text it accepts otherwise
        raise AddressValueError(f"invalid literal for int() with base 16: '' in {ip_str!r}")
    return int(part, 16)


def hextets_of(hi: int, lo: int) -> list[int]:
    return [(hi >> 48) & 0xFFFF, (hi >> 32) & 0xFFFF, (hi >> 16) & 0xFFFF, hi & 0xFFFF,
            (lo >> 48) & 0xFFFF, (lo >> 32) & 0xFFFF, (lo >> 16) & 0xFFFF, lo & 0xFFFF]


def half_of(hextets: list[int], at: int) -> int:
    """Four hextets from ``at`` as one int64 bit pattern (the top one's high bit is the sign)."""
    top = hextets[at]
    if top >= 0x8000:
        top -= 0x10000
    return (top << 48) | (hextets[at + 1] << 32) | (hextets[at + 2] << 16) | hextets[at + 3]


def ipv6_text(hi: int, lo: int) -> str:
    """CPython's compressed text: the longest run of two or more zero hextets (the first of
    equal runs) becomes '::'."""
    hextets = hextets_of(hi, lo)
    best_start = -1
    best_len = 0
    start = -1
    length = 0
    for i in range(8):
        if hextets[i] == 0:
            length += 1
            if start == -1:
                start = i
            if length > best_len:
                best_len = length
                best_start = start
        else:
            length = 0
            start = -1
    if best_len > 1:
        return _joined(hextets, 0, best_start) + "::" + _joined(hextets, best_start + best_len, 8)
    return _joined(hextets, 0, 8)


def _joined(hextets: list[int], start: int, end: int) -> str:
    return ":".join([f"{hextets[i]:x}" for i in range(start, end)])


def ipv6_exploded(hi: int, lo: int) -> str:
    return ":".join([f"{h:04x}" for h in hextets_of(hi, lo)])


def ipv4_prefix(arg: str) -> int:
    """CPython's IPv4 _make_netmask of the text after '/': a prefix length, or a netmask or
    hostmask in dotted form; NetmaskValueError otherwise."""
    prefix = _prefix_digits(arg, 32)
    if prefix >= 0:
        return prefix
    value = _ipv4_int(arg)
    if value >= 0:
        prefix = _prefix_of_mask(value)
        if prefix < 0:
            prefix = _prefix_of_mask(value ^ 0xFFFFFFFF)
        if prefix >= 0:
            return prefix
    raise NetmaskValueError(f"{arg!r} is not a valid netmask")


def ipv6_prefix(arg: str) -> int:
    prefix = _prefix_digits(arg, 128)
    if prefix < 0:
        raise NetmaskValueError(f"{arg!r} is not a valid netmask")
    return prefix


def _prefix_digits(arg: str, most: int) -> int:
    """The prefix length ASCII digits spell (leading zeros allowed, as CPython's int()), or -1."""
    if not (arg.isascii() and arg.isdigit()) or len(arg) > 4300:  # int()'s limit: sys.get_int_max_str_digits()
        return -1
    digits = arg.lstrip("0")
    if len(digits) > 3:
        return -1
    value = int(digits) if digits != "" else 0
    return value if value <= most else -1


def _prefix_of_mask(value: int) -> int:
    """The prefix length of a 32-bit netmask (ones then zeros), or -1."""
    zeros = 0
    while zeros < 32 and (value >> zeros) & 1 == 0:
        zeros += 1
    prefix = 32 - zeros
    return prefix if value >> zeros == (1 << prefix) - 1 else -1
