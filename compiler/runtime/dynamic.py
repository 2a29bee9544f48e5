"""Values of type ``Any``: what a value holds, and the checks where it meets a declared type.

An ``Any`` is a pointer: 0 for None, an object (str, bytes, list[Any], dict[str, Any], a class
instance) as it is, or a box whose header says which scalar it holds (``KIND_BOX | tag << 8``,
the tag being the type code below), so ``isinstance`` and the checks read it at run time.
"""
from abi.intrinsics import float_from_bits, load_i64, load_u32
from compiler.runtime.list_cmp import data_equal
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


# A type value (``t: type``, sema/type_values.py) is an i64: the type code of a built-in type
# (TUPLE_CODE for tuple, which no Any holds), or for a class OBJECT_CODE | id << 8 | last << 32,
# the id range of the class and its subclasses.
TUPLE_CODE = 9


def type_holds(t: int, code: int, record: int) -> bool:
    """isinstance(x, t) for an x of type code ``code`` (an object's record id: ``record``)."""
    want = t & 255
    if want == OBJECT_CODE:
        return code == OBJECT_CODE and (t >> 8) & 16777215 <= record and record <= t >> 32
    return code == want or (want == INT_CODE and code == BOOL_CODE)


def types_hold(types: int, code: int, record: int) -> bool:
    """isinstance(x, types) with ``types`` a tuple[type, ...] (the list layout)."""
    items = load_u32(types + 16)
    for i in range(load_u32(types + 8)):
        if type_holds(load_i64(items + 8 + 8 * i), code, record):
            return True
    return False


def held_record(value: int) -> int:
    """The record id of the object an Any holds (0 for anything else)."""
    if type_code(value) != OBJECT_CODE:
        return 0
    return load_u32(value + 4) >> 8


def held_is_type(value: int, t: int) -> bool:
    return type_holds(t, type_code(value), held_record(value))


def held_is_types(value: int, types: int) -> bool:
    return types_hold(types, type_code(value), held_record(value))


def held_is_exactly(value: int, t: int) -> bool:
    return code_is_exactly(t, type_code(value), held_record(value))


def code_is_exactly(t: int, code: int, record: int) -> bool:
    """``type(x) is t``: the same built-in type (a bool is not an int) or the class itself."""
    if code == OBJECT_CODE:
        return t & 255 == OBJECT_CODE and (t >> 8) & 16777215 == record
    return code == t
