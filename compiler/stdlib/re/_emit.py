"""Parsed pattern -> the matcher's code (a list[int]), as CPython 3.11's re._compiler lays it out:
single-character repeats become REPEAT_ONE/MIN_REPEAT_ONE, other repeats REPEAT ... MAX_UNTIL
(MIN_UNTIL), groups MARK pairs. Jump targets are absolute indices into the code."""
from re._sets import in_set, in_set_ignore
from re._errors import error
from re._tokens import (ANY, ASSERT, AT, ATOMIC, AT_BEGINNING, AT_END, BRANCH, FLAG_A, FLAG_I, FLAG_M, FLAG_S,
                        GROUP, GROUPREF, IN, LIT, NOT_LIT, Node, Parsed, REPEAT, S_LIT, S_NEGATE, S_RANGE,
                        unsupported, width)

OP_FAILURE = 0
OP_SUCCESS = 1
OP_ANY = 2
OP_ANY_ALL = 3
OP_AT = 4
OP_BRANCH = 5
OP_IN = 6
OP_IN_IGNORE = 7
OP_JUMP = 8
OP_LITERAL = 9
OP_NOT_LITERAL = 10
OP_LITERAL_IGNORE = 11
OP_NOT_LITERAL_IGNORE = 12
OP_MARK = 13
OP_MAX_UNTIL = 14
OP_MIN_UNTIL = 15
OP_REPEAT = 16
OP_REPEAT_ONE = 17
OP_MIN_REPEAT_ONE = 18
OP_ASSERT = 19
OP_ASSERT_NOT = 20
OP_GROUPREF = 21
OP_GROUPREF_IGNORE = 22
OP_ATOMIC_GROUP = 23
OP_POSSESSIVE_REPEAT = 24
OP_POSSESSIVE_REPEAT_ONE = 25
# AT codes beyond the parser's: the MULTILINE forms
AT_BEGINNING_LINE = 7
AT_END_LINE = 8


def emit_program(parsed: Parsed) -> list[int]:
    code: list[int] = []
    emit_seq(code, parsed.items, parsed.flags, parsed)
    code.append(OP_SUCCESS)
    return code


def lower_ascii(c: int) -> int:
    return c + 32 if 65 <= c and c <= 90 else c


def check_caseless(c: int, flags: int) -> None:
    if flags & FLAG_I and not flags & FLAG_A and c > 127:
        raise unsupported("a non-ASCII character with IGNORECASE (without ASCII)")


def emit_seq(code: list[int], items: list[Node], flags: int, parsed: Parsed) -> None:
    for item in items:
        emit_item(code, item, flags, parsed)


def emit_item(code: list[int], item: Node, flags: int, parsed: Parsed) -> None:
    kind = item.kind
    if kind == LIT or kind == NOT_LIT:
        check_caseless(item.value, flags)
        if flags & FLAG_I:
            code.append(OP_LITERAL_IGNORE if kind == LIT else OP_NOT_LITERAL_IGNORE)
            code.append(lower_ascii(item.value))
        else:
            code.append(OP_LITERAL if kind == LIT else OP_NOT_LITERAL)
            code.append(item.value)
    elif kind == ANY:
        code.append(OP_ANY_ALL if flags & FLAG_S else OP_ANY)
    elif kind == IN:
        emit_set(code, item.charset, flags)
    elif kind == AT:
        code.append(OP_AT)
        at = item.value
        if flags & FLAG_M and at == AT_BEGINNING:
            at = AT_BEGINNING_LINE
        elif flags & FLAG_M and at == AT_END:
            at = AT_END_LINE
        code.append(at)
    elif kind == BRANCH:
        emit_branch(code, item.alternatives, flags, parsed)
    elif kind == REPEAT:
        emit_repeat(code, item, flags, parsed)
    elif kind == GROUP:
        inner = (flags | item.add_flags) & ~item.del_flags
        if item.value > 0:
            code += [OP_MARK, 2 * item.value - 2]
        emit_seq(code, item.items, inner, parsed)
        if item.value > 0:
            code += [OP_MARK, 2 * item.value - 1]
    elif kind == GROUPREF:
        code += [OP_GROUPREF_IGNORE if flags & FLAG_I else OP_GROUPREF, 2 * item.value - 2]
    elif kind == ASSERT:
        emit_assert(code, item, flags, parsed)
    elif kind == ATOMIC:
        start = len(code)
        code += [OP_ATOMIC_GROUP, 0]  # [ATOMIC_GROUP, tail, body..., SUCCESS]
        emit_seq(code, item.items, flags, parsed)
        code.append(OP_SUCCESS)
        code[start + 1] = len(code)


def emit_set(code: list[int], charset: list[int], flags: int) -> None:
    code.append(OP_IN_IGNORE if flags & FLAG_I else OP_IN)
    index = 0
    while index < len(charset):
        kind = charset[index]
        if kind == S_LIT:
            check_caseless(charset[index + 1], flags)
        elif kind == S_RANGE:
            check_caseless(charset[index + 2], flags)
        index += 3 if kind == S_RANGE else 1 if kind == S_NEGATE else 2
    items = charset + [OP_FAILURE]
    skip = len(code)
    code.append(0)
    code += ascii_bitmap(items, flags)
    code += items
    code[skip] = len(code)


def ascii_bitmap(items: list[int], flags: int) -> list[int]:
    """Four 32-bit words: which of the 128 ASCII characters the set takes, worked out once here so
    that the matcher tests an ASCII character with one load."""
    words = [0, 0, 0, 0]
    ascii = flags & FLAG_A != 0
    for ch in range(128):
        if (in_set_ignore(items, 0, ch, ascii) if flags & FLAG_I else in_set(items, 0, ch, ascii)):
            words[ch >> 5] |= 1 << (ch & 31)
    return words


def emit_branch(code: list[int], alternatives: list[list[Node]], flags: int, parsed: Parsed) -> None:
    """BRANCH, then per alternative: [next alternative's index, code..., JUMP end], then 0."""
    code.append(OP_BRANCH)
    jumps: list[int] = []
    for alternative in alternatives:
        header = len(code)
        code.append(0)
        emit_seq(code, alternative, flags, parsed)
        code.append(OP_JUMP)
        jumps.append(len(code))
        code.append(0)
        code[header] = len(code)
    code.append(0)
    for jump in jumps:
        code[jump] = len(code)


def emit_assert(code: list[int], item: Node, flags: int, parsed: Parsed) -> None:
    """[ASSERT(_NOT), skip, how far behind, body..., SUCCESS]."""
    back = 0
    if item.value < 0:
        lo_hi = width(item.items, parsed)
        if lo_hi[0] != lo_hi[1]:
            raise error("look-behind requires fixed-width pattern")
        back = lo_hi[0]
    start = len(code)
    code += [OP_ASSERT_NOT if item.negate else OP_ASSERT, 0, back]
    emit_seq(code, item.items, flags, parsed)
    code.append(OP_SUCCESS)
    code[start + 1] = len(code)


def is_simple(items: list[Node]) -> bool:
    if len(items) != 1:
        return False
    if items[0].kind == GROUP and items[0].value == 0:
        return is_simple(items[0].items)
    kind = items[0].kind
    return kind == LIT or kind == NOT_LIT or kind == ANY or kind == IN


def emit_repeat(code: list[int], item: Node, flags: int, parsed: Parsed) -> None:
    """[REPEAT_ONE, tail, min, max, item, SUCCESS] or [REPEAT, until, min, max, body..., UNTIL]."""
    start = len(code)
    if item.possessive:  # [POSSESSIVE_REPEAT(_ONE), tail, min, max, body..., SUCCESS]
        code += [OP_POSSESSIVE_REPEAT_ONE if is_simple(item.items) else OP_POSSESSIVE_REPEAT, 0, item.low, item.high]
        emit_seq(code, item.items, flags, parsed)
        code.append(OP_SUCCESS)
        code[start + 1] = len(code)
        return
    if is_simple(item.items):
        code.append(OP_REPEAT_ONE if item.greedy else OP_MIN_REPEAT_ONE)
        code += [0, item.low, item.high]
        emit_seq(code, item.items, flags, parsed)
        code.append(OP_SUCCESS)
        code[start + 1] = len(code)
        return
    code.append(OP_REPEAT)
    code += [0, item.low, item.high]
    emit_seq(code, item.items, flags, parsed)
    code[start + 1] = len(code)
    code.append(OP_MAX_UNTIL if item.greedy else OP_MIN_UNTIL)
