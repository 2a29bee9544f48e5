"""json.loads, as CPython 3.11's decoder (its C scanner) reads a str: the same values, and the
same JSONDecodeError (message, pos, lineno, colno) for invalid input; json.dumps, with its
encoder in compiler/stdlib/json_dumps.py.

Values come back as ``Any``: dict[str, Any], list[Any], str, int, float, bool or None.
Differences, each an error where CPython returns a value (never a different value): an integer
beyond 64 bits raises OverflowError, and a \\ud800-\\udfff escape that is not half of a pair
raises ValueError (a str here cannot hold a lone surrogate).

The scanner reads the text's UTF-8 bytes (a str is stored as UTF-8, so encoding is a copy): a
byte is a cheap load where a character would be a new 1-character str, and all JSON syntax is
ASCII. Only string contents and numbers are decoded, and a byte offset becomes a character
offset only for an error's ``pos``.
"""
from typing import Any

from abi.intrinsics import data_ptr, load_u8, wrap_add
from compiler.stdlib.json_bytes import decode_document
from compiler.stdlib.json_dumps import _Encoder

QUOTE = 34
BACKSLASH = 92


class JSONDecodeError(ValueError):
    def __init__(self, msg: str, doc: str, pos: int) -> None:
        lineno: int = 1
        last_newline = -1
        for index in range(pos):
            if doc[index] == "\n":
                lineno += 1
                last_newline = index
        colno: int = pos - last_newline
        super().__init__(f"{msg}: line {lineno} column {colno} (char {pos})")
        self.msg: str = msg
        self.doc: str = doc
        self.pos: int = pos
        self.lineno: int = lineno
        self.colno: int = colno


class _NoValue(Exception):
    """No JSON value starts at byte ``pos`` (CPython's StopIteration(idx) inside its scanner)."""

    def __init__(self, pos: int) -> None:
        super().__init__()
        self.pos: int = pos


def loads(s: str | bytes) -> Any:
    """Of bytes, as CPython: decoded first (compiler/stdlib/json_bytes.py)."""
    lone = False
    if isinstance(s, bytes):
        text, lone = decode_document(s)
    else:
        text = s
        if text.startswith("\ufeff"):
            raise JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
    scanner = _Scanner(text)
    try:
        value = scanner.value(scanner.skip(0))
    except _NoValue as missing:
        raise scanner.error("Expecting value", missing.pos) from None
    end = scanner.skip(scanner.end)
    if end != scanner.size:
        raise scanner.error("Extra data", end)
    if scanner.lone_surrogate or lone:
        raise ValueError("a lone surrogate escape (\\ud800-\\udfff) is not supported in a str here")
    return value


class _Scanner:
    """Positions are byte offsets into ``data``, the UTF-8 of ``text``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.data: bytes = text.encode()
        self.base: int = data_ptr(self.data)
        self.size: int = len(self.data)
        self.ascii: bool = self.size == len(text)
        self.end = 0
        self.lone_surrogate = False

    def byte(self, pos: int) -> int:
        """The byte at ``pos``, or -1 past the end."""
        return load_u8(wrap_add(self.base, pos)) if pos < self.size else -1

    def error(self, msg: str, pos: int) -> JSONDecodeError:
        """The error at byte ``pos``, reported at its character index as CPython does."""
        index = pos
        if not self.ascii:
            index = 0
            for i in range(pos):
                if load_u8(wrap_add(self.base, i)) & 0xC0 != 0x80:  # not a continuation byte
                    index += 1
        return JSONDecodeError(msg, self.text, index)

    def span(self, start: int, stop: int) -> str:
        """The text of bytes ``start:stop`` (character boundaries)."""
        if self.ascii:
            return self.text[start:stop]
        return self.data[start:stop].decode()

    def skip(self, pos: int) -> int:
        size = self.size
        base = self.base
        while pos < size:
            c = load_u8(wrap_add(base, pos))
            if c != 32 and c != 10 and c != 13 and c != 9:
                return pos
            pos += 1
        return pos

    def value(self, pos: int) -> Any:
        """The value starting at ``pos``; ``self.end`` is set to just after it."""
        c = self.byte(pos)
        if c == QUOTE:
            return self.string(pos + 1)
        if c == 123:  # {
            return self.object(pos + 1)
        if c == 91:  # [
            return self.array(pos + 1)
        self.end = pos
        constant = self.constant(c, pos)
        if self.end != pos:
            return constant
        if c == 45 or (48 <= c and c <= 57):  # - or a digit
            return self.number(pos)
        raise _NoValue(pos)

    def constant(self, c: int, pos: int) -> Any:
        """The constant (null, true, false, NaN, Infinity, -Infinity) whose first byte ``c`` is
        at ``pos``, ``self.end`` set after it; without one, None (``self.end`` left alone)."""
        if c == 110 and self.has(pos, b"null"):
            self.end = pos + 4
            return None
        if c == 116 and self.has(pos, b"true"):
            self.end = pos + 4
            return True
        if c == 102 and self.has(pos, b"false"):
            self.end = pos + 5
            return False
        if c == 78 and self.has(pos, b"NaN"):
            self.end = pos + 3
            return _NAN
        if c == 73 and self.has(pos, b"Infinity"):
            self.end = pos + 8
            return float("inf")
        if c == 45 and self.has(pos, b"-Infinity"):
            self.end = pos + 9
            return float("-inf")
        return None

    def has(self, pos: int, word: bytes) -> bool:
        """Whether ``word`` is at ``pos``."""
        if pos + len(word) > self.size:
            return False
        for i in range(len(word)):
            if load_u8(wrap_add(self.base, pos + i)) != word[i]:
                return False
        return True

    def number(self, pos: int) -> Any:
        start = pos
        if self.byte(pos) == 45:  # -
            pos += 1
        c = self.byte(pos)
        if c == 48:  # 0
            pos += 1
        elif 49 <= c and c <= 57:
            pos = self.digits(pos)
        else:
            raise _NoValue(start)
        integer_end = pos
        if self.byte(pos) == 46 and self.is_digit(pos + 1):  # .
            pos = self.digits(pos + 1)
        c = self.byte(pos)
        if c == 101 or c == 69:  # e E
            exponent = pos + 1
            sign = self.byte(exponent)
            if sign == 43 or sign == 45:
                exponent += 1
            if self.is_digit(exponent):
                pos = self.digits(exponent)
        self.end = pos
        if pos == integer_end:
            return int(self.span(start, pos))
        return float(self.span(start, pos))

    def is_digit(self, pos: int) -> bool:
        c = self.byte(pos)
        return 48 <= c and c <= 57

    def digits(self, pos: int) -> int:
        while self.is_digit(pos):
            pos += 1
        return pos

    def string(self, pos: int) -> str:
        """The string whose first byte is at ``pos`` (just after its quote)."""
        size = self.size
        base = self.base
        start = pos
        while pos < size:  # most strings have no escape: their text is one span
            c = load_u8(wrap_add(base, pos))
            if c == QUOTE:
                self.end = pos + 1
                return self.span(start, pos)
            if c == BACKSLASH or c < 32:
                break
            pos += 1
        return self.escaped_string(start - 1, start, pos)

    def escaped_string(self, begin: int, run: int, pos: int) -> str:
        """The rest of the string whose quote is at ``begin``, from ``pos`` on; its text from
        ``run`` to ``pos`` has no escape."""
        parts: list[str] = []
        size = self.size
        base = self.base
        while True:
            if pos >= size:
                raise self.error("Unterminated string starting at", begin)
            c = load_u8(wrap_add(base, pos))
            if c == QUOTE:
                self.end = pos + 1
                parts.append(self.span(run, pos))
                return "".join(parts)
            if c == BACKSLASH:
                parts.append(self.span(run, pos))
                pos = self.escape(pos, begin, parts)
                run = pos
            elif c < 32:
                raise self.error("Invalid control character at", pos)
            else:
                pos += 1

    def escape(self, pos: int, begin: int, parts: list[str]) -> int:
        """The escape whose backslash is at ``pos``, appended to ``parts``; returns where it ends."""
        c = self.byte(pos + 1)
        if c == -1:
            raise self.error("Unterminated string starting at", begin)
        if c != 117:  # u
            escaped = _escaped(c)
            if escaped == "":
                raise self.error("Invalid \\escape", pos)
            parts.append(escaped)
            return pos + 2
        code = self.hex4(pos + 2, pos + 1)
        end = pos + 6
        if 0xD800 <= code and code <= 0xDBFF and self.byte(end) == BACKSLASH and self.byte(end + 1) == 117:
            low = self.hex4(end + 2, end + 1)
            if 0xDC00 <= low and low <= 0xDFFF:
                code = 0x10000 + ((code - 0xD800) << 10 | (low - 0xDC00))
                end += 6
        if 0xD800 <= code and code <= 0xDFFF:
            self.lone_surrogate = True  # raised once the document has parsed, as CPython would have
            code = 0xFFFD
        parts.append(chr(code))
        return end

    def hex4(self, pos: int, error_pos: int) -> int:
        """The 4 hex digits at ``pos``; as CPython, a character must follow them."""
        if pos + 4 >= self.size:
            raise self.error("Invalid \\uXXXX escape", error_pos)
        code = 0
        for index in range(pos, pos + 4):
            digit = _hex_digit(load_u8(wrap_add(self.base, index)))
            if digit < 0:
                raise self.error("Invalid \\uXXXX escape", error_pos)
            code = code * 16 + digit
        return code

    def object(self, pos: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        pos = self.skip(pos)
        if self.byte(pos) == 125:  # }
            self.end = pos + 1
            return result
        while True:
            if self.byte(pos) != QUOTE:
                raise self.error("Expecting property name enclosed in double quotes", pos)
            key = self.string(pos + 1)
            pos = self.skip(self.end)
            if self.byte(pos) != 58:  # :
                raise self.error("Expecting ':' delimiter", pos)
            pos = self.skip(pos + 1)
            result[key] = self.member(pos)
            pos = self.skip(self.end)
            c = self.byte(pos)
            if c == 125:
                self.end = pos + 1
                return result
            if c != 44:  # ,
                raise self.error("Expecting ',' delimiter", pos)
            pos = self.skip(pos + 1)

    def array(self, pos: int) -> list[Any]:
        result: list[Any] = []
        pos = self.skip(pos)
        if self.byte(pos) == 93:  # ]
            self.end = pos + 1
            return result
        while True:
            result.append(self.member(pos))
            pos = self.skip(self.end)
            c = self.byte(pos)
            if c == 93:
                self.end = pos + 1
                return result
            if c != 44:
                raise self.error("Expecting ',' delimiter", pos)
            pos = self.skip(pos + 1)

    def member(self, pos: int) -> Any:
        try:
            return self.value(pos)
        except _NoValue as missing:
            raise self.error("Expecting value", missing.pos) from None


def _escaped(c: int) -> str:
    """What the escape ``\\c`` stands for, "" if it is none."""
    if c == QUOTE:
        return "\""
    if c == BACKSLASH:
        return "\\"
    if c == 47:
        return "/"
    if c == 98:
        return "\b"
    if c == 102:
        return "\f"
    if c == 110:
        return "\n"
    if c == 114:
        return "\r"
    if c == 116:
        return "\t"
    return ""


def _hex_digit(c: int) -> int:
    if 48 <= c and c <= 57:
        return c - 48
    if 97 <= c and c <= 102:
        return c - 87
    if 65 <= c and c <= 70:
        return c - 55
    return -1


# CPython's decoder returns one NaN object for every NaN it reads, so two parsed documents with a
# NaN compare equal (identity first); a global keeps that one box here.
_NAN: Any = float("nan")


def dumps(obj: Any, skipkeys: bool = False, ensure_ascii: bool = True, allow_nan: bool = True,
          indent: int | str | None = None, separators: tuple[str, str] | None = None,
          sort_keys: bool = False) -> str:
    """``skipkeys`` changes nothing: every key of a dict[str, Any] is a str."""
    encoder = _Encoder(ensure_ascii, allow_nan, sort_keys)
    if indent is not None:
        encoder.indent = indent if isinstance(indent, str) else " " * indent
        encoder.indented = True
        encoder.item_separator = ","
    if separators is not None:
        encoder.item_separator, encoder.key_separator = separators
    encoder.encode(obj, 0)
    return "".join(encoder.parts)
