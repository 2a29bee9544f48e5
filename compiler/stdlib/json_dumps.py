"""What json.dumps (compiler/stdlib/json.py) writes, as CPython 3.11's encoders write it: the C
one without ``indent``, the Python one with it (their messages differ)."""
from typing import Any


class _Mark:
    """Put into a list or dict while it is being encoded: meeting it again is a cycle (CPython
    keeps the ids of the containers on the stack; the subset has no ids)."""


_MARK_KEY = "\x00json.dumps"


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
