"""json.loads, as CPython 3.11's decoder (its C scanner) reads a str: the same values, and the
same JSONDecodeError (message, pos, lineno, colno) for invalid input; json.dumps, as its encoders
write them (the C one without ``indent``, the Python one with it: their messages differ).

Values come back as ``Any``: dict[str, Any], list[Any], str, int, float, bool or None.
Differences, each an error where CPython returns a value (never a different value): an integer
beyond 64 bits raises OverflowError, and a \\ud800-\\udfff escape that is not half of a pair
raises ValueError (a str here cannot hold a lone surrogate).
"""
from typing import Any

from compiler.stdlib.json_bytes import decode_document

WHITESPACE = " \t\n\r"
ESCAPES = {"\"": "\"", "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


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
    """No JSON value starts at ``pos`` (CPython's StopIteration(idx) inside its scanner)."""

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
        raise JSONDecodeError("Expecting value", text, missing.pos) from None
    end = scanner.skip(scanner.end)
    if end != len(text):
        raise JSONDecodeError("Extra data", text, end)
    if scanner.lone_surrogate or lone:
        raise ValueError("a lone surrogate escape (\\ud800-\\udfff) is not supported in a str here")
    return value


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.end = 0
        self.lone_surrogate = False

    def skip(self, pos: int) -> int:
        while pos < len(self.text) and self.text[pos] in WHITESPACE:
            pos += 1
        return pos

    def at(self, pos: int) -> str:
        return self.text[pos] if pos < len(self.text) else ""

    def value(self, pos: int) -> Any:
        """The value starting at ``pos``; ``self.end`` is set to just after it."""
        c = self.at(pos)
        if c == "\"":
            return self.string(pos + 1)
        if c == "{":
            return self.object(pos + 1)
        if c == "[":
            return self.array(pos + 1)
        for word in ["null", "true", "false", "NaN", "Infinity", "-Infinity"]:
            if self.text[pos:pos + len(word)] == word:
                self.end = pos + len(word)
                return _constant(word)
        if c == "-" or ("0" <= c and c <= "9"):
            return self.number(pos)
        raise _NoValue(pos)

    def number(self, pos: int) -> Any:
        start = pos
        if self.at(pos) == "-":
            pos += 1
        if self.at(pos) == "0":
            pos += 1
        elif "1" <= self.at(pos) and self.at(pos) <= "9":
            pos = self.digits(pos)
        else:
            raise _NoValue(start)
        integer_end = pos
        if self.at(pos) == "." and self.is_digit(pos + 1):
            pos = self.digits(pos + 1)
        if self.at(pos) in ["e", "E"]:
            exponent = pos + 1
            if self.at(exponent) in ["+", "-"]:
                exponent += 1
            if self.is_digit(exponent):
                pos = self.digits(exponent)
        self.end = pos
        if pos == integer_end:
            return int(self.text[start:pos])
        return float(self.text[start:pos])

    def is_digit(self, pos: int) -> bool:
        c = self.at(pos)
        return c != "" and "0" <= c and c <= "9"

    def digits(self, pos: int) -> int:
        while self.is_digit(pos):
            pos += 1
        return pos

    def string(self, pos: int) -> str:
        begin = pos - 1
        parts: list[str] = []
        run = pos
        while True:
            c = self.at(pos)
            if c == "":
                raise JSONDecodeError("Unterminated string starting at", self.text, begin)
            if c == "\"":
                parts.append(self.text[run:pos])
                self.end = pos + 1
                return "".join(parts)
            if c == "\\":
                parts.append(self.text[run:pos])
                pos = self.escape(pos, begin, parts)
                run = pos
            elif ord(c) < 32:
                raise JSONDecodeError("Invalid control character at", self.text, pos)
            else:
                pos += 1

    def escape(self, pos: int, begin: int, parts: list[str]) -> int:
        """The escape whose backslash is at ``pos``, appended to ``parts``; returns where it ends."""
        c = self.at(pos + 1)
        if c == "":
            raise JSONDecodeError("Unterminated string starting at", self.text, begin)
        if c != "u":
            if c not in ESCAPES:
                raise JSONDecodeError("Invalid \\escape", self.text, pos)
            parts.append(ESCAPES[c])
            return pos + 2
        code = self.hex4(pos + 2, pos + 1)
        end = pos + 6
        if 0xD800 <= code and code <= 0xDBFF and self.text[end:end + 2] == "\\u":
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
        if pos + 4 > len(self.text):
            raise JSONDecodeError("Invalid \\uXXXX escape", self.text, error_pos)
        code = 0
        for index in range(pos, pos + 4):
            code = code * 16 + _hex_digit(self.text[index], self.text, error_pos)
        return code

    def object(self, pos: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        pos = self.skip(pos)
        if self.at(pos) == "}":
            self.end = pos + 1
            return result
        while True:
            if self.at(pos) != "\"":
                raise JSONDecodeError("Expecting property name enclosed in double quotes", self.text, pos)
            key = self.string(pos + 1)
            pos = self.skip(self.end)
            if self.at(pos) != ":":
                raise JSONDecodeError("Expecting ':' delimiter", self.text, pos)
            pos = self.skip(pos + 1)
            result[key] = self.member(pos)
            pos = self.skip(self.end)
            if self.at(pos) == "}":
                self.end = pos + 1
                return result
            if self.at(pos) != ",":
                raise JSONDecodeError("Expecting ',' delimiter", self.text, pos)
            pos = self.skip(pos + 1)

    def array(self, pos: int) -> list[Any]:
        result: list[Any] = []
        pos = self.skip(pos)
        if self.at(pos) == "]":
            self.end = pos + 1
            return result
        while True:
            result.append(self.member(pos))
            pos = self.skip(self.end)
            if self.at(pos) == "]":
                self.end = pos + 1
                return result
            if self.at(pos) != ",":
                raise JSONDecodeError("Expecting ',' delimiter", self.text, pos)
            pos = self.skip(pos + 1)

    def member(self, pos: int) -> Any:
        try:
            return self.value(pos)
        except _NoValue as missing:
            raise JSONDecodeError("Expecting value", self.text, missing.pos) from None


def _hex_digit(c: str, text: str, error_pos: int) -> int:
    if "0" <= c and c <= "9":
        return ord(c) - 48
    if "a" <= c and c <= "f":
        return ord(c) - 87
    if "A" <= c and c <= "F":
        return ord(c) - 55
    raise JSONDecodeError("Invalid \\uXXXX escape", text, error_pos)


# CPython's decoder returns one NaN object for every NaN it reads, so two parsed documents with a
# NaN compare equal (identity first); a global keeps that one box here.
_NAN: Any = float("nan")


def _constant(word: str) -> Any:
    if word == "null":
        return None
    if word == "true":
        return True
    if word == "false":
        return False
    if word == "NaN":
        return _NAN
    return float("inf") if word == "Infinity" else float("-inf")


class _Mark:
    """Put into a list or dict while it is being encoded: meeting it again is a cycle (CPython
    keeps the ids of the containers on the stack; the subset has no ids)."""


_MARK_KEY = "\x00json.dumps"


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


class _Encoder:
    def __init__(self, ensure_ascii: bool, allow_nan: bool, sort_keys: bool) -> None:
        self.parts: list[str] = []
        self.mark = _Mark()  # made here, not at start-up: a program using loads only pays nothing
        self.ensure_ascii = ensure_ascii
        self.allow_nan = allow_nan
        self.sort_keys = sort_keys
        self.indented = False
        self.indent = ""
        self.item_separator = ", "
        self.key_separator = ": "

    def encode(self, o: Any, level: int) -> None:
        if o is None:
            self.parts.append("null")
        elif isinstance(o, str):
            self.string(o)
        elif isinstance(o, bool):
            self.parts.append("true" if o else "false")
        elif isinstance(o, int):
            self.parts.append(str(o))
        elif isinstance(o, float):
            self.parts.append(self.number(o))
        elif isinstance(o, list):
            self.array(o, level)
        elif isinstance(o, dict):
            self.object(o, level)
        else:
            raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")

    def number(self, x: float) -> str:
        if x == x and x != float("inf") and x != float("-inf"):
            return str(x)
        if not self.allow_nan:
            message = "Out of range float values are not JSON compliant"
            raise ValueError(message + ": " + str(x) if self.indented else message)
        if x != x:
            return "NaN"
        return "Infinity" if x > 0 else "-Infinity"

    def newline(self, level: int) -> None:
        if self.indented:
            self.parts.append("\n" + self.indent * level)

    def array(self, items: list[Any], level: int) -> None:
        count = len(items)
        if count == 0:
            self.parts.append("[]")
            return
        if isinstance(items[count - 1], _Mark):
            raise ValueError("Circular reference detected")
        items.append(self.mark)
        try:
            self.parts.append("[")
            self.newline(level + 1)
            for index in range(count):
                if index:
                    self.parts.append(self.item_separator)
                    self.newline(level + 1)
                self.encode(items[index], level + 1)
            self.newline(level)
            self.parts.append("]")
        finally:
            items.pop()

    def object(self, members: dict[str, Any], level: int) -> None:
        if len(members) == 0:
            self.parts.append("{}")
            return
        had = _MARK_KEY in members
        if had and isinstance(members[_MARK_KEY], _Mark):
            raise ValueError("Circular reference detected")
        old: Any = members[_MARK_KEY] if had else None
        keys = [key for key in members if key != _MARK_KEY or had]
        members[_MARK_KEY] = self.mark
        try:
            self.parts.append("{")
            self.newline(level + 1)
            for index, key in enumerate(sorted(keys) if self.sort_keys else keys):
                if index:
                    self.parts.append(self.item_separator)
                    self.newline(level + 1)
                self.string(key)
                self.parts.append(self.key_separator)
                self.encode(old if key == _MARK_KEY else members[key], level + 1)
            self.newline(level)
            self.parts.append("}")
        finally:
            if had:
                members[_MARK_KEY] = old
            else:
                del members[_MARK_KEY]

    def string(self, s: str) -> None:
        """``s`` quoted, escaped as CPython's encoders escape. Works on the UTF-8 bytes: a loop over
        bytes costs a sixth of one over a str's characters here."""
        data = s.encode()
        ascii_only = self.ensure_ascii
        for byte in data:
            if byte < 32 or byte == 34 or byte == 92 or (ascii_only and byte > 126):
                self.escaped(data)
                return
        self.parts.append("\"")
        self.parts.append(s)
        self.parts.append("\"")

    def escaped(self, data: bytes) -> None:
        parts = self.parts
        parts.append("\"")
        ascii_only = self.ensure_ascii
        run = 0
        index = 0
        while index < len(data):
            byte = data[index]
            if byte < 32 or byte == 34 or byte == 92 or (ascii_only and byte > 126):
                parts.append(data[run:index].decode())
                size = 1 if byte < 128 else (2 if byte < 0xE0 else (3 if byte < 0xF0 else 4))
                parts.append(_escape(ord(data[index:index + size].decode())))
                index += size
                run = index
            else:
                index += 1
        parts.append(data[run:].decode())
        parts.append("\"")


def _escape(code: int) -> str:
    if code == 34:
        return "\\\""
    if code == 92:
        return "\\\\"
    if code == 10:
        return "\\n"
    if code == 13:
        return "\\r"
    if code == 9:
        return "\\t"
    if code == 8:
        return "\\b"
    if code == 12:
        return "\\f"
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 | (code >> 10):04x}\\u{0xDC00 | (code & 0x3FF):04x}"
