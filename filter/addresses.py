"""Client addresses: IPv4/IPv6 text to 16 bytes, CIDR ranges, and x-forwarded-for.

Every address is kept as 16 bytes (IPv4 as the IPv4-mapped IPv6 address
``::ffff:a.b.c.d``), so one table and one CIDR test serve both families. The
parsers accept exactly the usual textual forms and return None for anything
else; no input can make them fail.
"""
from abi.sdk import strip_port, wire_to_text

V4_MAPPED_PREFIX = b"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff"
HEX_DIGITS = "0123456789abcdef"
HEX_INPUT = "0123456789abcdef0123456789ABCDEF"


def decimal(text: str) -> int:
    """The value of a string of ASCII digits (checked by the caller), at most a few digits."""
    value = 0
    for c in text:
        value = value * 10 + ord(c) - 48
    return value


def is_ascii_digits(text: str) -> bool:
    """Only 0-9 (str.isdigit also accepts other scripts' digits)."""
    for c in text:
        if c < "0" or c > "9":
            return False
    return len(text) > 0


def parse_hex_group(group: str) -> int:
    """A 1-4 digit hex group's value, or -1."""
    if len(group) == 0 or len(group) > 4:
        return -1
    value = 0
    for c in group:
        index = HEX_INPUT.find(c)
        if index < 0:
            return -1
        value = value * 16 + index % 16
    return value


def parse_ipv6(text: str) -> bytes | None:
    """The 16 bytes of an IPv6 address (with '::' and an optional trailing IPv4 part), or None."""
    halves = text.split("::")
    if len(halves) > 2:
        return None
    head = groups_of(halves[0], len(halves) == 1)  # before "::", a dotted part is not the last
    tail = groups_of(halves[1] if len(halves) == 2 else "", True)
    if head is None or tail is None:
        return None
    total = len(head) + len(tail)
    if (len(halves) == 2 and total > 7) or (len(halves) == 1 and total != 8):
        return None
    words = head + [0] * (8 - total) + tail
    out: list[int] = []
    for word in words:
        out.append(word >> 8)
        out.append(word & 255)
    return bytes(out)


def groups_of(part: str, ends_address: bool) -> list[int] | None:
    """The 16-bit words of a colon-separated run; a final dotted IPv4 counts as two, where the
    run ends the address (as ipaddress: "1.2.3.4::5" is no address)."""
    words: list[int] = []
    if len(part) == 0:
        return words
    groups = part.split(":")
    for i, group in enumerate(groups):
        if ends_address and i == len(groups) - 1 and "." in group:
            mapped = parse_ipv4(group.encode())
            if mapped is None:
                return None
            words.append(mapped[12] * 256 + mapped[13])
            words.append(mapped[14] * 256 + mapped[15])
        else:
            value = parse_hex_group(group)
            if value < 0:
                return None
            words.append(value)
    return words


def parse_ip(text: str) -> bytes | None:
    """16 bytes for an IPv4 or IPv6 address in text (IPv6 may carry brackets), or None."""
    if len(text) == 0 or len(text) > 64:
        return None
    if text.startswith("[") and text.endswith("]"):
        text = text[1:len(text) - 1]
    if ":" in text:
        return parse_ipv6(text)
    return parse_ipv4(text.encode())


def parse_address(data: bytes) -> bytes | None:
    """16 bytes for Envoy's source.address property as it comes from the host ("1.2.3.4:80",
    "[2001:db8::1]:443", or without port), or None; the same answer as
    ``parse_address_text(data)``. Every request goes through here, so an
    IPv4 address (with at most one colon, before the port) is read from the bytes in one
    pass; anything else (brackets, several colons: IPv6; any malformed part) is handed to
    that text path at the first byte that does not fit, so both answers agree by construction."""
    value = 0
    octet = 0
    digits = 0
    dots = 0
    in_port = False
    for byte in data:  # digits first: most bytes are
        if in_port:
            if byte == 58:  # a second ":": IPv6
                return parse_address_text(data)
        elif 48 <= byte and byte <= 57:
            # the mask changes nothing while valid (an octet is checked where it ends: at most 3
            # digits, below 1000) and keeps a long run's value small
            octet = (octet * 10 + byte - 48) & 0xFFF
            digits += 1
        elif byte == 46 and dots < 3 and is_octet(octet, digits):
            value = (value * 256 + octet) & 0xFFFFFF  # 3 octets at most: the mask changes nothing
            octet = 0
            digits = 0
            dots += 1
        elif byte == 58 and dots == 3 and is_octet(octet, digits):
            in_port = True  # the address is complete: the port's bytes are only looked at for ":"
        else:
            return parse_address_text(data)
    if not in_port and (dots != 3 or not is_octet(octet, digits)):
        return parse_address_text(data)
    return ipv4_mapped(value * 256 + octet)


def parse_address_text(data: bytes) -> bytes | None:
    """The general path of parse_address: the address as text, port stripped."""
    return parse_ip(strip_port(wire_to_text(data)))


def is_octet(octet: int, digits: int) -> bool:
    """Were ``digits`` ASCII digits of value ``octet`` a dotted quad's part: 1 to 3 digits, at most
    255, no leading zero (2 digits: at least 10, 3 digits: at least 100)?"""
    if digits == 1:
        return True
    if digits == 2:
        return octet >= 10
    return digits == 3 and 100 <= octet and octet <= 255


def ipv4_mapped(value: int) -> bytes:
    return V4_MAPPED_PREFIX + bytes([value >> 24, (value >> 16) & 255, (value >> 8) & 255, value & 255])


def parse_ipv4(data: bytes) -> bytes | None:
    """A dotted quad (ASCII bytes, no leading zeros, as inet_pton) as 16 bytes, or None."""
    value = 0
    octet = 0
    digits = 0
    dots = 0
    for byte in data:
        if byte == 46:
            if digits == 0 or dots == 3:  # a 4th dot: invalid, and value must not grow past int64
                return None
            # the masks change nothing (at most 3 dots, octets below 2560 before they are refused),
            # but they let the compiler prove that no product leaves int64: no checks per byte
            value = (value * 256 + octet) & 0xFFFFFFFF
            octet = 0
            digits = 0
            dots += 1
        elif 48 <= byte and byte <= 57:
            if digits == 1 and octet == 0:
                return None
            octet = (octet * 10 + byte - 48) & 0xFFF
            digits += 1
            if octet > 255:
                return None
        else:
            return None
    if dots != 3 or digits == 0:
        return None
    return ipv4_mapped(value * 256 + octet)


def format_ip(ip: bytes) -> str:
    """Text of a 16-byte address: dotted quad for IPv4-mapped, else full hex groups."""
    if is_ipv4(ip):
        return f"{ip[12]}.{ip[13]}.{ip[14]}.{ip[15]}"
    groups: list[str] = []
    for i in range(0, 16, 2):
        word = ip[i] * 256 + ip[i + 1]
        groups.append(HEX_DIGITS[word >> 12] + HEX_DIGITS[(word >> 8) & 15]
                      + HEX_DIGITS[(word >> 4) & 15] + HEX_DIGITS[word & 15])
    return ":".join(groups)


def is_ipv4(ip: bytes) -> bool:
    return ip[:12] == V4_MAPPED_PREFIX


class Cidr:
    """An address range: the first ``prefix_bits`` bits of ``network`` (16-byte form). It only
    holds addresses of its own family: "::/0" is every IPv6 client, not the IPv4 ones too."""

    def __init__(self, network: bytes, prefix_bits: int, ipv4: bool) -> None:
        self.network = network
        self.prefix_bits = prefix_bits
        self.ipv4 = ipv4

    def contains(self, ip: bytes) -> bool:
        if is_ipv4(ip) != self.ipv4:
            return False
        full = self.prefix_bits // 8
        if ip[:full] != self.network[:full]:
            return False
        rest = self.prefix_bits % 8
        if rest == 0:
            return True
        mask = (0xFF << (8 - rest)) & 0xFF
        return (ip[full] & mask) == (self.network[full] & mask)


def parse_cidr(text: str) -> Cidr | None:
    """"10.0.0.0/8", "2001:db8::/32" or a bare address (a /32 or /128); None if malformed,
    including host bits set beyond the prefix (a likely typo)."""
    slash = text.find("/")
    address = text if slash < 0 else text[:slash]
    ip = parse_ip(address)
    if ip is None:
        return None
    is_v4 = ":" not in address
    limit = 32 if is_v4 else 128
    bits = limit
    if slash >= 0:
        digits = text[slash + 1:]
        if len(digits) == 0 or len(digits) > 3 or not is_ascii_digits(digits):
            return None
        bits = decimal(digits)
        if bits > limit or (len(digits) > 1 and digits[0] == "0"):
            return None
    prefix_bits = bits + 96 if is_v4 else bits
    cidr = Cidr(ip, prefix_bits, is_v4)
    if not cidr.contains(ip) or has_host_bits(ip, prefix_bits):
        return None
    return cidr


def has_host_bits(ip: bytes, prefix_bits: int) -> bool:
    for bit in range(prefix_bits, 128):
        if ip[bit // 8] & (0x80 >> (bit % 8)):
            return True
    return False


def forwarded_client(header: str, trusted_hops: int) -> bytes | None:
    """The client of an x-forwarded-for chain behind ``trusted_hops`` proxies we trust: the
    entry that many places from the right (the rightmost is what the nearest proxy saw).
    Entries to the left of it are client-controlled and ignored. None when the chain is
    shorter or that entry is not an IP address."""
    entries = header.split(",")
    if trusted_hops < 1 or len(entries) < trusted_hops:
        return None
    return parse_ip(entries[len(entries) - trusted_hops].strip(" \t"))
