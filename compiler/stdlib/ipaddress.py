"""ipaddress: CPython 3.11's parsing of IPv4 and IPv6 address text, for urllib.parse's bracketed
hosts. Nothing public yet (ip_address and ip_network return objects of two classes, which needs
more than the subset's single static type per value).

An IPv6 address is 128 bits, beyond the subset's int64: it is kept as its eight 16-bit hextets.
"""

DIGITS = "0123456789"
HEX_DIGITS = "0123456789abcdefABCDEF"


def _ipv4_int(text: str) -> int:
    """The address as an int, or -1 where CPython's IPv4Address(text) raises AddressValueError."""
    if "/" in text:
        return -1
    octets = text.split(".")
    if len(octets) != 4:
        return -1
    value = 0
    for octet in octets:
        if octet == "" or len(octet) > 3 or (octet != "0" and octet[0] == "0"):
            return -1
        for c in octet:
            if c not in DIGITS:
                return -1
        number = int(octet)
        if number > 255:
            return -1
        value = value * 256 + number
    return value


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
    if text == "":
        return []
    parts = text.split(":")
    if len(parts) < 3:
        return []
    if "." in parts[-1]:
        v4 = _ipv4_int(parts.pop())
        if v4 < 0:
            return []
        parts.append(_hex(v4 // 65536))
        parts.append(_hex(v4 % 65536))
    if len(parts) > 9:
        return []
    return _hextets(parts)


def _hextets(parts: list[str]) -> list[int]:
    skip = -1
    for i in range(1, len(parts) - 1):
        if parts[i] == "":
            if skip >= 0:
                return []
            skip = i
    if skip >= 0:
        high = skip
        low = len(parts) - skip - 1
        if parts[0] == "":
            high -= 1
            if high:
                return []
        if parts[-1] == "":
            low -= 1
            if low:
                return []
        if 8 - (high + low) < 1:
            return []
    else:
        if len(parts) != 8 or parts[0] == "" or parts[-1] == "":
            return []
        high = 8
        low = 0
    out: list[int] = []
    for i in range(high):
        out.append(_hextet(parts[i]))
    for i in range(8 - high - low):
        out.append(0)
    for i in range(len(parts) - low, len(parts)):
        out.append(_hextet(parts[i]))
    for hextet in out:
        if hextet < 0:
            return []
    return out


def _hextet(part: str) -> int:
    if part == "" or len(part) > 4:
        return -1
    for c in part:
        if c not in HEX_DIGITS:
            return -1
    return int(part, 16)


def _hex(n: int) -> str:
    return f"{n:x}"
