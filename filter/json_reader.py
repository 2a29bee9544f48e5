"""The rate limiter's strict JSON reader for its configuration (RFC 8259), in the subset.

Not `json.loads` (compiler/stdlib/json.py, the one a filter author imports): this one refuses
duplicate keys, where json.loads keeps the last, and reports errors as values, not exceptions.

``parse_json(text)`` returns a ``JsonValue`` tree, or raises nothing: a syntax
error comes back as a value with ``kind == JSON_ERROR`` and a message saying
what and where, so a filter can log it and refuse the configuration. Numbers
are integers when written without fraction or exponent (and fit int64);
others are kept as ``JSON_FLOAT``. Duplicate object keys are an error (a
configuration that says two things is refused, not half-read). Nesting is
limited to ``MAX_DEPTH``.
"""

JSON_ERROR = 0
JSON_NULL = 1
JSON_BOOL = 2
JSON_INT = 3
JSON_FLOAT = 4
JSON_STRING = 5
JSON_ARRAY = 6
JSON_OBJECT = 7
MAX_DEPTH = 32
KIND_NAMES = ["error", "null", "boolean", "integer", "number", "string", "array", "object"]
INT_LIMIT = 9223372036854775807


class JsonValue:
    def __init__(self, kind: int) -> None:
        self.kind = kind
        self.boolean = False
        self.integer = 0
        self.text = ""  # string value, or the error message
        self.items: list[JsonValue] = []
        self.members: dict[str, JsonValue] = {}

    def kind_name(self) -> str:
        return KIND_NAMES[self.kind]


def json_error(message: str, pos: int) -> JsonValue:
    value = JsonValue(JSON_ERROR)
    value.text = f"{message} at offset {pos}"
    return value


class JsonReader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.error: JsonValue | None = None

    def fail(self, message: str) -> JsonValue:
        if self.error is None:
            self.error = json_error(message, self.pos)
        return JsonValue(JSON_ERROR)

    def skip_space(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in " \t\r\n":
            self.pos += 1

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def expect_word(self, word: str) -> bool:
        if self.text[self.pos:self.pos + len(word)] == word:
            self.pos += len(word)
            return True
        return False

    def value(self, depth: int) -> JsonValue:
        if depth > MAX_DEPTH:
            return self.fail("nesting too deep")
        self.skip_space()
        c = self.peek()
        if c == "{":
            return self.object(depth)
        if c == "[":
            return self.array(depth)
        if c == "\"":
            result = JsonValue(JSON_STRING)
            result.text = self.string()
            return result
        if c == "-" or ("0" <= c and c <= "9"):
            return self.number()
        if self.expect_word("true"):
            result = JsonValue(JSON_BOOL)
            result.boolean = True
            return result
        if self.expect_word("false"):
            return JsonValue(JSON_BOOL)
        if self.expect_word("null"):
            return JsonValue(JSON_NULL)
        if c == "":
            return self.fail("unexpected end of input")
        return self.fail(f"unexpected character '{c}'")

    def object(self, depth: int) -> JsonValue:
        result = JsonValue(JSON_OBJECT)
        self.pos += 1
        self.skip_space()
        if self.peek() == "}":
            self.pos += 1
            return result
        while self.error is None:
            self.skip_space()
            if self.peek() != "\"":
                return self.fail("expected a string key")
            key = self.string()
            if key in result.members:
                return self.fail(f"duplicate key '{key}'")
            self.skip_space()
            if self.peek() != ":":
                return self.fail("expected ':'")
            self.pos += 1
            result.members[key] = self.value(depth + 1)
            self.skip_space()
            c = self.peek()
            self.pos += 1
            if c == "}":
                return result
            if c != ",":
                self.pos -= 1
                return self.fail("expected ',' or '}'")
        return result

    def array(self, depth: int) -> JsonValue:
        result = JsonValue(JSON_ARRAY)
        self.pos += 1
        self.skip_space()
        if self.peek() == "]":
            self.pos += 1
            return result
        while self.error is None:
            result.items.append(self.value(depth + 1))
            self.skip_space()
            c = self.peek()
            self.pos += 1
            if c == "]":
                return result
            if c != ",":
                self.pos -= 1
                return self.fail("expected ',' or ']'")
        return result

    def number(self) -> JsonValue:
        start = self.pos
        if self.peek() == "-":
            self.pos += 1
        first = self.pos
        digits = self.digits()
        if digits == 0:
            return self.fail("expected a digit")
        if digits > 1 and self.text[first] == "0":
            return self.fail("leading zeros are not allowed")
        is_float = False
        if self.peek() == ".":
            self.pos += 1
            is_float = True
            if self.digits() == 0:
                return self.fail("expected a digit after '.'")
        if self.peek() == "e" or self.peek() == "E":
            self.pos += 1
            is_float = True
            if self.peek() == "+" or self.peek() == "-":
                self.pos += 1
            if self.digits() == 0:
                return self.fail("expected a digit in the exponent")
        if is_float:
            return JsonValue(JSON_FLOAT)
        if digits > 18:
            return JsonValue(JSON_FLOAT)  # beyond what we read as an integer: out of any range
        magnitude = 0
        for i in range(first, self.pos):
            magnitude = magnitude * 10 + ord(self.text[i]) - 48
        result = JsonValue(JSON_INT)
        result.integer = -magnitude if first > start else magnitude
        return result

    def digits(self) -> int:
        count = 0
        while self.pos < len(self.text) and "0" <= self.text[self.pos] and self.text[self.pos] <= "9":
            self.pos += 1
            count += 1
        return count

    def string(self) -> str:
        self.pos += 1  # the opening quote
        parts: list[str] = []
        run = self.pos
        while self.pos < len(self.text):
            c = self.text[self.pos]
            if c == "\"":
                parts.append(self.text[run:self.pos])
                self.pos += 1
                return "".join(parts)
            if c == "\\":
                parts.append(self.text[run:self.pos])
                parts.append(self.escape())
                run = self.pos
            elif ord(c) < 32:
                self.fail("control character in string")
                return ""
            else:
                self.pos += 1
        self.fail("unterminated string")
        return ""

    def escape(self) -> str:
        self.pos += 1
        c = self.peek()
        self.pos += 1
        if c == "n":
            return "\n"
        if c == "t":
            return "\t"
        if c == "r":
            return "\r"
        if c == "b":
            return "\b"
        if c == "f":
            return "\f"
        if c == "\"" or c == "\\" or c == "/":
            return c
        if c == "u":
            return self.unicode_escape()
        self.pos -= 1
        self.fail("invalid escape")
        return ""

    def unicode_escape(self) -> str:
        code = self.hex4()
        if 0xD800 <= code and code < 0xDC00 and self.text[self.pos:self.pos + 2] == "\\u":
            self.pos += 2
            low = self.hex4()
            if 0xDC00 <= low and low < 0xE000:
                return chr(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
            self.fail("invalid surrogate pair")
            return ""
        if 0xD800 <= code and code < 0xE000:
            self.fail("lone surrogate")
            return ""
        return chr(code)

    def hex4(self) -> int:
        code = 0
        for _ in range(4):
            c = self.peek()
            index = "0123456789abcdef0123456789ABCDEF".find(c) if len(c) == 1 else -1
            if index < 0:
                self.fail("invalid \\u escape")
                return 0
            code = code * 16 + index % 16
            self.pos += 1
        return code


def parse_json(text: str) -> JsonValue:
    """The JSON value of ``text``, or a JSON_ERROR value whose ``text`` says what is wrong."""
    reader = JsonReader(text)
    result = reader.value(0)
    reader.skip_space()
    if reader.error is None and reader.pos != len(text):
        reader.fail("unexpected data after the value")
    error = reader.error
    if error is not None:
        return error
    return result
