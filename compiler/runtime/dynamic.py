"""Values of type ``Any``: what a value holds, and the checks where it meets a declared type.

An ``Any`` is a pointer: 0 for None, an object (str, bytes, list[Any], dict[str, Any], a class
instance) as it is, or a box whose header says which scalar it holds (``KIND_BOX | tag << 8``,
the tag being the type code below), so ``isinstance`` and the checks read it at run time.
"""
from abi.intrinsics import float_from_bits, load_i64, load_u32
from compiler.runtime.lists import data_equal
from compiler.runtime.memory import KIND_BOX, KIND_BYTES, KIND_DICT, KIND_LIST, KIND_STR

NONE_CODE = 0
INT_CODE = 1
FLOAT_CODE = 2
BOOL_CODE = 3
STR_CODE = 4
BYTES_CODE = 5
LIST_CODE = 6
DICT_CODE = 7
OBJECT_CODE = 8


def type_name(code: int) -> str:
    """For messages; a function, not a global list, so programs without Any build nothing at start."""
    names = ["None", "int", "float", "bool", "str", "bytes", "list", "dict", "object"]
    return names[code]


def type_code(value: int) -> int:
    if value == 0:
        return NONE_CODE
    word = load_u32(value + 4)
    kind = word & 255
    if kind == KIND_BOX:
        return word >> 8
    if kind == KIND_STR:
        return STR_CODE
    if kind == KIND_BYTES:
        return BYTES_CODE
    if kind == KIND_LIST:
        return LIST_CODE
    if kind == KIND_DICT:
        return DICT_CODE
    return OBJECT_CODE


def is_instance_of(value: int, code: int) -> bool:
    """isinstance(value, T) for a built-in T (bool is an int, as in CPython)."""
    found = type_code(value)
    return found == code or (code == INT_CODE and found == BOOL_CODE)


def is_object_of(value: int, first_id: int, last_id: int) -> bool:
    """isinstance(value, C): a class instance whose record id is C's or a subclass's."""
    if type_code(value) != OBJECT_CODE:
        return False
    record = load_u32(value + 4) >> 8
    return first_id <= record and record <= last_id


def checked(value: int, code: int, none_ok: bool) -> int:
    """``value`` where a declared type takes it; TypeError where it does not fit. A bool does not
    fit an int: CPython's int variable would still hold True, which prints as True, not 1."""
    if (value == 0 and none_ok) or type_code(value) == code:
        return value
    raise TypeError(f"expected {type_name(code)}, got {type_name(type_code(value))}")


def checked_scalar(value: int, code: int) -> int:
    """The int, float bits or bool held in a box, where a declared int, float or bool takes it."""
    return load_i64(checked(value, code, False) + 8)


def checked_object(value: int, first_id: int, last_id: int, name: str, none_ok: bool) -> int:
    if (value == 0 and none_ok) or is_object_of(value, first_id, last_id):
        return value
    raise TypeError(f"expected {name}, got {type_name(type_code(value))}")



def held_equal(a: int, b: int) -> bool:
    """``a == b`` of two values held as an Any (None, int, float, bool, str or bytes), as CPython
    compares them: numbers by value across int, float and bool (1 == 1.0 == True), text by
    content, anything else unequal."""
    code_a = type_code(a)
    code_b = type_code(b)
    if code_a == NONE_CODE or code_b == NONE_CODE:
        return code_a == code_b
    if is_number(code_a) and is_number(code_b):
        if code_a == FLOAT_CODE and code_b == FLOAT_CODE:
            return float_from_bits(load_i64(a + 8)) == float_from_bits(load_i64(b + 8))
        if code_a == FLOAT_CODE:
            return int_equals_float(load_i64(b + 8), float_from_bits(load_i64(a + 8)))
        if code_b == FLOAT_CODE:
            return int_equals_float(load_i64(a + 8), float_from_bits(load_i64(b + 8)))
        return load_i64(a + 8) == load_i64(b + 8)
    if code_a != code_b or (code_a != STR_CODE and code_a != BYTES_CODE):
        return False
    return data_equal(a, b)


def is_number(code: int) -> bool:
    return code == INT_CODE or code == FLOAT_CODE or code == BOOL_CODE


def int_equals_float(i: int, f: float) -> bool:
    """Exactly, as CPython: 2**53 + 1 is not 2.0**53, though float(2**53 + 1) is."""
    if f != f or f < -9.2233720368547758e18 or f >= 9.2233720368547758e18:
        return False
    t = int(f)
    return t == i and float(t) == f


def held_truth(value: int) -> bool:
    """``bool(value)`` of a value held as an Any: a number unless zero, text and containers unless
    empty (their length sits at offset 8), an object (without __bool__/__len__) always."""
    code = type_code(value)
    if code == NONE_CODE:
        return False
    if code == FLOAT_CODE:
        return float_from_bits(load_i64(value + 8)) != 0.0
    if code == INT_CODE or code == BOOL_CODE:
        return load_i64(value + 8) != 0
    if code == OBJECT_CODE:
        return True
    return load_u32(value + 8) != 0


def held_len(value: int, name: str) -> int:
    """len() of what an Any holds: str, bytes, a list or a dict; else TypeError with CPython's
    message (``name``: the name of the held value's type)."""
    code = type_code(value)
    if code == STR_CODE:
        return load_u32(value + 12)
    if code == BYTES_CODE or code == LIST_CODE or code == DICT_CODE:
        return load_u32(value + 8)
    raise TypeError("object of type '" + name + "' has no len()")
