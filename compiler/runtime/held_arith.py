"""``+ - * / // %`` on what an ``Any`` holds, as CPython computes them (checked int64 arithmetic,
as everywhere in the compiled code: OverflowError beyond it). The compiled code passes both
operands as Anys, the operator's number and the names of the held types for the messages."""
from abi.intrinsics import float_bits, float_from_bits, load_i64, store_i64
from compiler.runtime.dynamic import BYTES_CODE, FLOAT_CODE, LIST_CODE, STR_CODE, is_number, type_code
from compiler.runtime.held_items import boxed_int, held_at, held_iter_size, held_next, is_index
from compiler.runtime.lists import list_append, list_concat, list_copy, list_irepeat, list_repeat
from compiler.runtime.memory import KIND_BOX, alloc
from compiler.runtime.reprs import type_error
from compiler.runtime.strings import bytes_concat, bytes_repeat, str_concat, str_repeat

ADD = 0
SUB = 1
MUL = 2
DIV = 3
FLOORDIV = 4
MOD = 5
IN_PLACE = 8  # added for op=: a list changes in place for += and *= (aliases see it); "+=" in messages


def boxed_float(value: float) -> int:
    box = alloc(8, KIND_BOX | FLOAT_CODE << 8)
    store_i64(box + 8, float_bits(value))
    return box


def as_float(value: int, code: int) -> float:
    if code == FLOAT_CODE:
        return float_from_bits(load_i64(value + 8))
    return float(load_i64(value + 8))


def held_arith(a: int, b: int, op: int, name_a: str, name_b: str) -> int:
    code_a = type_code(a)
    code_b = type_code(b)
    in_place = op >= IN_PLACE
    if in_place:
        op -= IN_PLACE
        if code_a == LIST_CODE and op == ADD:
            extend_held(a, b, name_b)  # list.__iadd__ takes any iterable
            return a
        if code_a == LIST_CODE and op == MUL and is_index(code_b):
            return list_irepeat(a, load_i64(b + 8))
    if is_number(code_a) and is_number(code_b):
        if code_a == FLOAT_CODE or code_b == FLOAT_CODE:
            return boxed_float(float_arith(as_float(a, code_a), as_float(b, code_b), op))
        return int_arith(load_i64(a + 8), load_i64(b + 8), op)
    if op == ADD and code_a == code_b and (code_a == STR_CODE or code_a == BYTES_CODE or code_a == LIST_CODE):
        return concatenated(a, b, code_a)
    if op == MUL and is_sequence(code_a) and is_index(code_b):
        return repeated(a, load_i64(b + 8), code_a)
    if op == MUL and is_index(code_a) and is_sequence(code_b):
        return repeated(b, load_i64(a + 8), code_b)
    refuse(code_a, code_b, op, name_a, name_b, in_place)
    return 0


def extend_held(lst: int, items: int, name: str) -> None:
    """``lst += items`` for what an Any holds: a list's items, a str's characters, a bytes' ints, a
    dict's keys (a snapshot first when ``items`` is ``lst``, which CPython reads at its start)."""
    if items == lst:
        items = list_copy(lst)
    size = held_iter_size(items, name)
    position = held_next(items, -1, size)
    while position >= 0:
        list_append(lst, held_at(items, position))
        position = held_next(items, position, size)


def is_sequence(code: int) -> bool:
    return code == STR_CODE or code == BYTES_CODE or code == LIST_CODE


def int_arith(x: int, y: int, op: int) -> int:
    if op == DIV:
        return boxed_float(x / y)
    if op == ADD:
        return boxed_int(x + y)
    if op == SUB:
        return boxed_int(x - y)
    if op == MUL:
        return boxed_int(x * y)
    if op == FLOORDIV:
        return boxed_int(x // y)
    return boxed_int(x % y)


def float_arith(x: float, y: float, op: int) -> float:
    if op == ADD:
        return x + y
    if op == SUB:
        return x - y
    if op == MUL:
        return x * y
    if op == DIV:
        return x / y
    if op == FLOORDIV:
        return x // y
    return x % y


def concatenated(a: int, b: int, code: int) -> int:
    if code == STR_CODE:
        return str_concat(a, b)
    if code == BYTES_CODE:
        return bytes_concat(a, b)
    return list_concat(a, b)


def repeated(sequence: int, count: int, code: int) -> int:
    if code == STR_CODE:
        return str_repeat(sequence, count)
    if code == BYTES_CODE:
        return bytes_repeat(sequence, count)
    return list_repeat(sequence, count)


def refuse(code_a: int, code_b: int, op: int, name_a: str, name_b: str, in_place: bool) -> None:
    """CPython's TypeError for this pair of operand types."""
    if op == ADD and code_a == STR_CODE:
        type_error("can only concatenate str (not \"" + name_b + "\") to str")
    if op == ADD and code_a == LIST_CODE:
        type_error("can only concatenate list (not \"" + name_b + "\") to list")
    if op == ADD and code_a == BYTES_CODE:
        type_error("can't concat " + name_b + " to bytes")
    if op == MUL and is_sequence(code_a):
        type_error("can't multiply sequence by non-int of type '" + name_b + "'")
    if op == MUL and is_sequence(code_b):
        type_error("can't multiply sequence by non-int of type '" + name_a + "'")
    symbols = ["+", "-", "*", "/", "//", "%"]
    symbol = symbols[op] + "=" if in_place else symbols[op]
    type_error("unsupported operand type(s) for " + symbol + ": '" + name_a + "' and '" + name_b + "'")
