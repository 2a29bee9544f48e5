"""Character tests of the matcher: sets, categories (\\d \\s \\w) and case folding, as CPython's
str patterns have them: Unicode \\w (str.isalnum() or "_") and \\d (str.isdecimal()) from tables
generated from CPython (re/_unicode.py), \\s from str.isspace; ASCII-only with the ASCII flag."""
from re._unicode import DIGIT_RUNS, WORD_RUNS
from re._tokens import (CAT_DIGIT, CAT_NOT_DIGIT, CAT_NOT_SPACE, CAT_SPACE, CAT_WORD, S_CAT, S_LIT,
                        S_NEGATE, S_RANGE)


def in_runs(runs: bytes, ch: int) -> bool:
    """Whether ``ch`` is in one of the (first, last) runs, sorted by first."""
    lo = 0
    hi = len(runs) // 6
    while lo < hi:
        mid = (lo + hi) // 2
        at = mid * 6
        if runs[at] | runs[at + 1] << 8 | runs[at + 2] << 16 <= ch:
            lo = mid + 1
        else:
            hi = mid
    if lo == 0:
        return False
    at = lo * 6 - 3
    return ch <= runs[at] | runs[at + 1] << 8 | runs[at + 2] << 16


def is_word(ch: int, ascii: bool) -> bool:
    if ch < 128:
        return (97 <= ch and ch <= 122) or (65 <= ch and ch <= 90) or (48 <= ch and ch <= 57) or ch == 95
    return not ascii and in_runs(WORD_RUNS, ch)


def is_digit(ch: int, ascii: bool) -> bool:
    if ch < 128:
        return 48 <= ch and ch <= 57
    return not ascii and in_runs(DIGIT_RUNS, ch)


def is_space(ch: int, ascii: bool) -> bool:
    if ch < 128:
        return ch == 32 or (9 <= ch and ch <= 13) or (not ascii and 28 <= ch and ch <= 31)
    return not ascii and chr(ch).isspace()


def category(cat: int, ch: int, ascii: bool) -> bool:
    if cat == CAT_DIGIT:
        return is_digit(ch, ascii)
    if cat == CAT_NOT_DIGIT:
        return not is_digit(ch, ascii)
    if cat == CAT_SPACE:
        return is_space(ch, ascii)
    if cat == CAT_NOT_SPACE:
        return not is_space(ch, ascii)
    if cat == CAT_WORD:
        return is_word(ch, ascii)
    return not is_word(ch, ascii)


def fold(ch: int, ascii: bool) -> int:
    """The ASCII character ``ch`` matches caselessly, lowered (CPython: U+0130 and U+0131 match i,
    U+017F s, U+212A k), or ``ch`` itself."""
    if 65 <= ch and ch <= 90:
        return ch + 32
    if ch < 128 or ascii:
        return ch
    if ch == 0x130 or ch == 0x131:
        return 105
    if ch == 0x17F:
        return 115
    if ch == 0x212A:
        return 107
    return ch


def members(code: list[int], pc: int, ch: int, ascii: bool) -> bool:
    """Whether ``ch`` is one of the set's items (its NEGATE aside)."""
    while True:
        kind = code[pc]
        if kind == 0:
            return False
        if kind == S_LIT:
            if ch == code[pc + 1]:
                return True
            pc += 2
        elif kind == S_RANGE:
            if code[pc + 1] <= ch and ch <= code[pc + 2]:
                return True
            pc += 3
        elif kind == S_CAT:
            if category(code[pc + 1], ch, ascii):
                return True
            pc += 2
        else:
            pc += 1


def in_set(code: list[int], pc: int, ch: int, ascii: bool) -> bool:
    negate = code[pc] == S_NEGATE
    return members(code, pc, ch, ascii) != negate


def in_set_ignore(code: list[int], pc: int, ch: int, ascii: bool) -> bool:
    negate = code[pc] == S_NEGATE
    low = fold(ch, ascii)
    found = members(code, pc, ch, ascii) or (low != ch and members(code, pc, low, ascii))
    if not found and 97 <= low and low <= 122:
        found = members(code, pc, low - 32, ascii)
    return found != negate
