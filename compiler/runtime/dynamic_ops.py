"""Operations on what an ``Any`` holds beyond held_items.py and held_arith.py: item assignment and
deletion, slicing, unary ``- + ~`` and ``** << >> & | ^``, as CPython does them (ints checked as
everywhere: OverflowError beyond int64). The compiled code passes each operand as an Any and the
names of the held types for CPython's messages (checked in compiler/sema/dynamic_ops.py)."""
from abi.intrinsics import float_from_bits, load_i64, store_i64, unreachable
from compiler.runtime.dict_table import KEY_STR
from compiler.runtime.dicts import dict_copy, dict_delete, dict_new, dict_set, dict_update
from compiler.runtime.dynamic import (BOOL_CODE, BYTES_CODE, DICT_CODE, FLOAT_CODE, INT_CODE, LIST_CODE,
                                      STR_CODE, held_len, type_code, type_name)
from compiler.runtime.held_arith import IN_PLACE, boxed_float
from compiler.runtime.held_items import boxed_int, held_at, held_iter_size, held_next, is_index, scalar_repr
from compiler.runtime.list_slices import list_del_slice
from compiler.runtime.lists import list_delete, list_set, list_slice
from compiler.runtime.memory import KIND_BOX, alloc
from compiler.runtime.reprs import key_error_shown, type_error
from compiler.runtime.str_items import bytes_slice, str_slice

NEG = 0
POS = 1
INVERT = 2
POW = 0
LSHIFT = 1
RSHIFT = 2
AND = 3
OR = 4
XOR = 5


def held_set_item(value: int, key: int, item: int, name: str, key_name: str) -> None:
    """``value[key] = item``: a dict by a str key, a list by an int (or bool) index."""
    code = type_code(value)
    key_code = type_code(key)
    if code == DICT_CODE:
        if key_code == STR_CODE:
            dict_set(value, key, item)
            return
        unhashable(key_code, key_name)
        # A dict an Any holds keeps str keys (as a JSON object does): stricter than CPython.
        type_error("a dict held as an Any takes only str keys here, not " + key_name)
    if code == LIST_CODE:
        if not is_index(key_code):
            type_error("list indices must be integers or slices, not " + key_name)
        list_set(value, load_i64(key + 8), item)
        return
    type_error("'" + name + "' object does not support item assignment")


def held_del_item(value: int, key: int, name: str, key_name: str) -> None:
    """``del value[key]``: KeyError / IndexError / TypeError with CPython's messages."""
    code = type_code(value)
    key_code = type_code(key)
    if code == DICT_CODE:
        if key_code == STR_CODE:
            dict_delete(value, key)
            return
        unhashable(key_code, key_name)
        key_error_shown(scalar_repr(key, key_code, key_name))  # never a key of a dict[str, Any]
    if code == LIST_CODE:
        if not is_index(key_code):
            type_error("list indices must be integers or slices, not " + key_name)
        list_delete(value, load_i64(key + 8))
        return
    if (code == STR_CODE or code == BYTES_CODE) and is_index(key_code):
        type_error("'" + name + "' object doesn't support item deletion")  # CPython's sequence message
    refuse_deletion(name)


def refuse_deletion(name: str) -> None:
    type_error("'" + name + "' object does not support item deletion")


def unhashable(key_code: int, key_name: str) -> None:
    if key_code == LIST_CODE or key_code == DICT_CODE:
        type_error("unhashable type: '" + key_name + "'")


def held_slice(value: int, start: int, stop: int, step: int, flags: int, name: str) -> int:
    """``value[start:stop:step]`` (flags as list_slice takes them) of a list, str or bytes."""
    code = type_code(value)
    if code == LIST_CODE:
        return list_slice(value, start, stop, step, flags)
    if code == STR_CODE:
        return str_slice(value, start, stop, step, flags)
    if code == BYTES_CODE:
        return bytes_slice(value, start, stop, step, flags)
    if code == DICT_CODE:
        type_error("unhashable type: 'slice'")
    type_error("'" + name + "' object is not subscriptable")
    return 0


def held_del_slice(value: int, start: int, stop: int, step: int, flags: int, name: str) -> None:
    code = type_code(value)
    if code == LIST_CODE:
        list_del_slice(value, start, stop, step, flags)
        return
    if code == DICT_CODE:
        type_error("unhashable type: 'slice'")
    refuse_deletion(name)


def held_unary(value: int, op: int, name: str) -> int:
    """``-x``, ``+x``, ``~x``: ints and bools give an int, floats a float (no ``~``)."""
    code = type_code(value)
    if is_index(code):
        x = load_i64(value + 8)
        if op == NEG:
            return boxed_int(-x)
        if op == POS:
            return boxed_int(x)
        return boxed_int(~x)
    if code == FLOAT_CODE and op != INVERT:
        f = float_from_bits(load_i64(value + 8))
        if op == NEG:
            return boxed_float(-f)
        return value
    symbols = ["-", "+", "~"]
    type_error("bad operand type for unary " + symbols[op] + ": '" + name + "'")
    return 0


def held_bits(a: int, b: int, op: int, name_a: str, name_b: str) -> int:
    """``** << >> & | ^`` of two Anys (``op= `` adds IN_PLACE: only CPython's message differs)."""
    in_place = op >= IN_PLACE
    if in_place:
        op -= IN_PLACE
    code_a = type_code(a)
    code_b = type_code(b)
    if is_index(code_a) and is_index(code_b):
        x = load_i64(a + 8)
        y = load_i64(b + 8)
        if op >= AND and code_a == BOOL_CODE and code_b == BOOL_CODE:
            return boxed_bool(int_bits(x, y, op) != 0)
        return boxed_int(int_bits(x, y, op))
    if op == OR and code_a == DICT_CODE and code_b == DICT_CODE:
        if in_place:
            dict_update(a, b)  # dict.__ior__: aliases see it
            return a
        merged = dict_copy(a)
        dict_update(merged, b)
        return merged
    if op == POW and (code_a == FLOAT_CODE or code_b == FLOAT_CODE) and number(code_a) and number(code_b):
        unreachable()  # C's pow() rounding, as int ** negative int elsewhere: a trap (docs/language.md)
    symbols = ["**", "<<", ">>", "&", "|", "^"]
    symbol = symbols[op] + "=" if in_place else symbols[op]
    if op == POW and not in_place:
        symbol = "** or pow()"
    type_error("unsupported operand type(s) for " + symbol + ": '" + name_a + "' and '" + name_b + "'")
    return 0


def number(code: int) -> bool:
    return code == INT_CODE or code == BOOL_CODE or code == FLOAT_CODE


def int_bits(x: int, y: int, op: int) -> int:
    if op == POW:
        return int_power(x, y)
    if op == LSHIFT:
        return x << y
    if op == RSHIFT:
        return x >> y
    if op == AND:
        return x & y
    if op == OR:
        return x | y
    return x ^ y


def int_power(x: int, y: int) -> int:
    """Square-and-multiply with checked products, squaring only while bits remain (an overflow
    there means the result overflows too). A negative exponent: CPython's float, a trap here."""
    if y < 0:
        if x == 0:
            raise ZeroDivisionError("0.0 cannot be raised to a negative power")
        unreachable()
    result = 1
    while y > 0:
        if y & 1 != 0:
            result = result * x
        y = y >> 1
        if y > 0:
            x = x * x
    return result


def boxed_bool(value: bool) -> int:
    box = alloc(8, KIND_BOX | BOOL_CODE << 8)
    store_i64(box + 8, 1 if value else 0)
    return box


def held_dict_source(value: int, name: str) -> int:
    """What ``dict(x)`` of an Any copies: a dict held as it is, else a new dict built from the
    pairs ``x`` yields (each a list, str or dict of two items), as CPython builds it, with its
    TypeError/ValueError for anything else; keys stay str (a dict an Any holds)."""
    if type_code(value) == DICT_CODE:
        return value
    size = held_iter_size(value, name)
    built = dict_new(KEY_STR, True)
    position = held_next(value, -1, size)
    index = 0
    while position != -1:
        pair = held_at(value, position)
        pair_code = type_code(pair)
        if pair_code != LIST_CODE and pair_code != STR_CODE and pair_code != DICT_CODE and pair_code != BYTES_CODE:
            type_error("cannot convert dictionary update sequence element #" + str(index) + " to a sequence")
        length = held_len(pair, name)
        if length != 2:
            raise ValueError("dictionary update sequence element #" + str(index) + " has length "
                             + str(length) + "; 2 is required")
        first = held_next(pair, -1, length)
        key = held_at(pair, first)
        key_code = type_code(key)
        if key_code != STR_CODE:
            unhashable(key_code, type_name(key_code))
            type_error("a dict held as an Any takes only str keys here, not " + type_name(key_code))
        dict_set(built, key, held_at(pair, held_next(pair, first, length)))
        position = held_next(value, position, size)
        index += 1
    return built
