"""What the pattern parser (re/_syntax.py) is made of: its constants and tree nodes, CPython's
Tokenizer, escapes, group-name checks, and the width of a subpattern (CPython's getwidth())."""
from re._errors import error


MAXREPEAT = 4294967295
FLAG_I = 2
FLAG_L = 4
FLAG_M = 8
FLAG_S = 16
FLAG_U = 32
FLAG_X = 64
FLAG_A = 256
# node kinds
LIT = 1
NOT_LIT = 2
ANY = 3
IN = 4
AT = 5
BRANCH = 6
REPEAT = 7
GROUP = 8
ASSERT = 9
GROUPREF = 10
ATOMIC = 11  # (?>...)
# AT kinds
AT_BEGINNING = 1
AT_BEGINNING_STRING = 2
AT_END = 3
AT_END_STRING = 4
AT_BOUNDARY = 5
AT_NON_BOUNDARY = 6
# set items (a set is a list of ints: [NEGATE] then items, as the compiled code keeps them)
S_LIT = 1
S_RANGE = 2
S_CAT = 3
S_NEGATE = 4
CAT_DIGIT = 1
CAT_NOT_DIGIT = 2
CAT_SPACE = 3
CAT_NOT_SPACE = 4
CAT_WORD = 5
CAT_NOT_WORD = 6
DIGITS = "0123456789"
OCTDIGITS = "01234567"
HEXDIGITS = "0123456789abcdefABCDEF"
ASCIILETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
ESCAPE_CODES = {"a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11, "\\": 92}
CATEGORY_CODES = {"d": CAT_DIGIT, "D": CAT_NOT_DIGIT, "s": CAT_SPACE, "S": CAT_NOT_SPACE,
                  "w": CAT_WORD, "W": CAT_NOT_WORD}
AT_CODES = {"A": AT_BEGINNING_STRING, "Z": AT_END_STRING, "b": AT_BOUNDARY, "B": AT_NON_BOUNDARY}
INLINE_FLAGS = {"i": FLAG_I, "L": FLAG_L, "m": FLAG_M, "s": FLAG_S, "x": FLAG_X, "a": FLAG_A, "u": FLAG_U}


class Node:
    def __init__(self, kind: int, value: int) -> None:
        self.kind = kind
        self.value = value  # LIT/NOT_LIT: code point; AT: kind; GROUP: group number (0: none)
        self.low = 0  # REPEAT: min
        self.high = 0  # REPEAT: max
        self.greedy = True
        self.possessive = False  # REPEAT: *+ ++ ?+ {m,n}+
        self.items: list[Node] = []  # GROUP and REPEAT: the body
        self.alternatives: list[list[Node]] = []  # BRANCH
        self.charset: list[int] = []  # IN
        self.add_flags = 0  # GROUP: flags scoped to it
        self.del_flags = 0
        self.negate = False  # ASSERT: (?! and (?<!; its value is 1 ahead, -1 behind


class Parsed:
    def __init__(self, items: list[Node], groups: int, names: dict[str, int], flags: int) -> None:
        self.items = items
        self.groups = groups  # capturing groups
        self.names = names
        self.flags = flags
        self.widths: dict[int, tuple[int, int]] = {}  # closed groups: their width
        self.lookbehind = -1  # inside a lookbehind: the groups before it + 1 (CPython's lookbehindgroups)


def unsupported(what: str) -> NotImplementedError:
    return NotImplementedError(what + " in a pattern is not supported by the compiled re yet")


class Tokens:
    """CPython's Tokenizer: ``next`` is the next character, or a backslash and the one after."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.index = 0
        self.next = ""  # "" at the end
        self.advance()

    def advance(self) -> None:
        index = self.index
        if index >= len(self.text):
            self.next = ""
            return
        c = self.text[index]
        if c == "\\":
            index += 1
            if index >= len(self.text):
                raise error("bad escape (end of pattern)", self.text, len(self.text) - 1)
            c += self.text[index]
        self.index = index + 1
        self.next = c

    def match(self, c: str) -> bool:
        if c == self.next:
            self.advance()
            return True
        return False

    def get(self) -> str:
        this = self.next
        self.advance()
        return this

    def getwhile(self, n: int, charset: str) -> str:
        result = ""
        for _ in range(n):
            c = self.next
            if c == "" or c not in charset:
                break
            result += c
            self.advance()
        return result

    def getuntil(self, terminator: str, name: str) -> str:
        result = ""
        while True:
            c = self.next
            self.advance()
            if c == "":
                if result == "":
                    raise self.error("missing " + name, 0)
                raise self.error("missing " + terminator + ", unterminated name", len(result))
            if c == terminator:
                if result == "":
                    raise self.error("missing " + name, 1)
                return result
            result += c

    def tell(self) -> int:
        return self.index - len(self.next)

    def seek(self, index: int) -> None:
        self.index = index
        self.advance()

    def error(self, msg: str, offset: int) -> error:
        return error(msg, self.text, self.tell() - offset)


def quoted(text: str) -> str:
    """repr() of a str, for the messages that show one (ASCII printable text only)."""
    for c in text:
        if ord(c) < 32 or ord(c) > 126:
            raise unsupported("a group name outside printable ASCII")
    if "'" in text and "\"" not in text:
        return "\"" + text.replace("\\", "\\\\") + "\""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def is_identifier(name: str) -> bool:
    if name == "" or name[0] in DIGITS:
        return False
    for c in name:
        if ord(c) > 127:
            raise unsupported("a group name outside ASCII")
        if not (c in ASCIILETTERS or c in DIGITS or c == "_"):
            return False
    return True


def is_alpha(char: str) -> bool:
    if ord(char[0]) > 127:
        raise unsupported("a non-ASCII character after '(?'")
    return len(char) == 1 and char in ASCIILETTERS


def check_group_name(source: Tokens, name: str, offset: int) -> None:
    if not is_identifier(name):
        raise source.error("bad character in group name " + quoted(name), len(name) + offset)


def hex_value(digits: str) -> int:
    return int(digits, 16)


def numeric_escape(source: Tokens, escape: str) -> int:
    """\\x, \\u, \\U escapes (both inside and outside sets); -1 if ``escape`` is none of them."""
    c = escape[1]
    width = 2 if c == "x" else 4 if c == "u" else 8 if c == "U" else 0
    if width == 0:
        return -1
    escape += source.getwhile(width, HEXDIGITS)
    if len(escape) != width + 2:
        raise source.error("incomplete escape " + escape, len(escape))
    code = hex_value(escape[2:])
    if code > 0x10FFFF:
        raise source.error("bad escape " + escape, len(escape))
    return code


def class_escape(source: Tokens, escape: str, items: list[int]) -> int:
    """An escape inside a set: appends a category and returns -1, or returns its code point."""
    c = escape[1]
    if c in ESCAPE_CODES:
        return ESCAPE_CODES[c]
    if c in CATEGORY_CODES:
        items.append(S_CAT)
        items.append(CATEGORY_CODES[c])
        return -1
    code = numeric_escape(source, escape)
    if code >= 0:
        return code
    if c == "N":
        raise unsupported("\\N{...}")
    if c in OCTDIGITS:
        escape += source.getwhile(2, OCTDIGITS)
        code = int(escape[1:], 8)
        if code > 0o377:
            raise source.error("octal escape value " + escape + " outside of range 0-0o377", len(escape))
        return code
    if c in DIGITS or c in ASCIILETTERS:
        raise source.error("bad escape " + escape, len(escape))
    return ord(c)


def escape_node(source: Tokens, escape: str, state: Parsed) -> Node:
    c = escape[1]
    if c in CATEGORY_CODES:
        node = Node(IN, 0)
        node.charset = [S_CAT, CATEGORY_CODES[c]]
        return node
    if c in AT_CODES:
        return Node(AT, AT_CODES[c])
    if c in ESCAPE_CODES:
        return Node(LIT, ESCAPE_CODES[c])
    code = numeric_escape(source, escape)
    if code >= 0:
        return Node(LIT, code)
    if c == "N":
        raise unsupported("\\N{...}")
    if c == "0":
        escape += source.getwhile(2, OCTDIGITS)
        return Node(LIT, int(escape[1:], 8))
    if c in DIGITS:
        if source.next != "" and source.next in DIGITS:
            escape += source.get()
            if escape[1] in OCTDIGITS and escape[2] in OCTDIGITS and source.next != "" \
                    and source.next in OCTDIGITS:
                escape += source.get()
                code = int(escape[1:], 8)
                if code > 0o377:
                    raise source.error("octal escape value " + escape + " outside of range 0-0o377",
                                       len(escape))
                return Node(LIT, code)
        group = int(escape[1:])
        if group < state.groups + 1:
            if group not in state.widths:
                raise source.error("cannot refer to an open group", len(escape))
            check_lookbehind_group(source, state, group)
            return Node(GROUPREF, group)
        raise source.error("invalid group reference " + str(group), len(escape) - 1)
    if c in ASCIILETTERS:
        raise source.error("bad escape " + escape, len(escape))
    return Node(LIT, ord(c))


def check_lookbehind_group(source: Tokens, state: Parsed, group: int) -> None:
    if state.lookbehind >= 0 and group >= state.lookbehind:
        raise source.error("cannot refer to group defined in the same lookbehind subpattern", 0)


def capped_product(a: int, b: int, cap: int) -> int:
    if a == 0 or b == 0:
        return 0
    return cap if a > cap // b else min(a * b, cap)


def width(items: list[Node], state: Parsed) -> tuple[int, int]:
    """CPython's SubPattern.getwidth(): the fewest and most characters ``items`` can match."""
    low = 0
    high = 0
    for item in items:
        kind = item.kind
        if kind == LIT or kind == NOT_LIT or kind == ANY or kind == IN:
            low += 1
            high += 1
        elif kind == GROUP or kind == ATOMIC:
            inner = width(item.items, state)
            low += inner[0]
            high += inner[1]
        elif kind == BRANCH:
            least = MAXREPEAT
            most = 0
            for alternative in item.alternatives:
                inner = width(alternative, state)
                least = min(least, inner[0])
                most = max(most, inner[1])
            low += least
            high += most
        elif kind == REPEAT:
            inner = width(item.items, state)
            low += capped_product(inner[0], item.low, MAXREPEAT - 1)
            high += capped_product(inner[1], item.high, MAXREPEAT)
        elif kind == GROUPREF:
            low += state.widths[item.value][0]
            high += state.widths[item.value][1]
        low = min(low, MAXREPEAT - 1)
        high = min(high, MAXREPEAT)
    return (low, high)
