"""urllib.parse's quoting (quote, quote_plus, unquote, unquote_plus, urlencode), as CPython 3.11's:
UTF-8 only, and ``errors="replace"`` when decoding (see urllib/parse.py, which exports these)."""

HEX_BYTES = b"0123456789ABCDEF"
# "1" for each ASCII code quote() never escapes: letters, digits and _.-~ (CPython's _ALWAYS_SAFE)
ALWAYS_SAFE_BYTES = b"0000000000000000000000000000000000000000000001101111111111000000" \
    b"0111111111111111111111111110000101111111111111111111111111100010"


def quote(string: str, safe: str = "/") -> str:
    if not string:
        return string
    out: list[int] = []
    for b in string.encode():
        if b < 128 and (ALWAYS_SAFE_BYTES[b] == 49 or (safe and chr(b) in safe)):
            out.append(b)
        else:
            out.append(37)
            out.append(HEX_BYTES[b // 16])
            out.append(HEX_BYTES[b % 16])
    return bytes(out).decode()


def quote_plus(string: str, safe: str = "") -> str:
    if " " not in string:
        return quote(string, safe)
    return quote(string, safe + " ").replace(" ", "+")


def unquote(string: str) -> str:
    """%XX escapes decoded as UTF-8, each maximal invalid sequence as one U+FFFD (CPython's
    errors="replace"), within each run of ASCII text on its own, as CPython decodes them."""
    if "%" not in string:
        return string
    data = string.encode()
    out: list[int] = []
    i = 0
    n = len(data)
    while i < n:
        start = i
        ascii = data[i] < 128  # a UTF-8 byte >= 128 belongs to a non-ASCII character
        while i < n and (data[i] < 128) == ascii:
            i += 1
        if ascii:
            _append_replaced(out, _unquote_to_bytes(data[start:i]))
        else:
            for k in range(start, i):
                out.append(data[k])
    return bytes(out).decode()


def unquote_plus(string: str) -> str:
    return unquote(string.replace("+", " "))


def _unquote_to_bytes(data: bytes) -> bytes:
    if b"%" not in data:
        return data
    out: list[int] = []
    i = 0
    while i < len(data):
        b = data[i]
        if b == 37 and i + 2 < len(data) and _hex_value(data[i + 1]) >= 0 and _hex_value(data[i + 2]) >= 0:
            out.append(_hex_value(data[i + 1]) * 16 + _hex_value(data[i + 2]))
            i += 3
        else:
            out.append(b)
            i += 1
    return bytes(out)


def _hex_value(b: int) -> int:
    if 48 <= b <= 57:
        return b - 48
    if 65 <= b <= 70:
        return b - 55
    if 97 <= b <= 102:
        return b - 87
    return -1


def _append_replaced(out: list[int], data: bytes) -> None:
    i = 0
    while i < len(data):
        length = _sequence(data, i)
        if length > 0:
            for k in range(i, i + length):
                out.append(data[k])
            i += length
        else:
            out.append(0xEF)  # U+FFFD
            out.append(0xBF)
            out.append(0xBD)
            i -= length


def _sequence(data: bytes, i: int) -> int:
    """The length of the valid UTF-8 sequence at i, or minus the length of its invalid start."""
    b = data[i]
    if b < 0x80:
        return 1
    if b < 0xC2 or b > 0xF4:
        return -1
    need = 1 if b < 0xE0 else (2 if b < 0xF0 else 3)
    low = 0xA0 if b == 0xE0 else (0x90 if b == 0xF0 else 0x80)
    high = 0x9F if b == 0xED else (0x8F if b == 0xF4 else 0xBF)
    for k in range(1, need + 1):
        if i + k >= len(data):
            return -k
        c = data[i + k]
        if c < (low if k == 1 else 0x80) or c > (high if k == 1 else 0xBF):
            return -k
    return need + 1


def urlencode(query: dict[str, str] | list[tuple[str, str]], doseq: bool = False, safe: str = "") -> str:
    """Of a dict[str, str] or a list of (name, value) pairs, in their order: with str values,
    ``doseq`` changes nothing (as in CPython)."""
    parts: list[str] = []
    if isinstance(query, dict):
        for k, v in query.items():
            parts.append(quote_plus(k, safe) + "=" + quote_plus(v, safe))
    else:
        for k, v in query:
            parts.append(quote_plus(k, safe) + "=" + quote_plus(v, safe))
    return "&".join(parts)
