"""Item access, membership and iteration of what an ``Any`` holds, as CPython does them.

The compiled code passes the Any itself, the key as an Any (``held_item``) or an int
(``held_index``), and the names of the held types for CPython's messages (the compiler reads
them from its type-name table, so a class instance is named by its class).
"""
from abi.intrinsics import bytes_at, float_from_bits, load_i64, load_u8, load_u32, store_i64
from compiler.runtime.dict_table import ENTRY_VALUE, entry_address
from compiler.runtime.dicts import dict_entry_key, dict_find, dict_get, dict_get_or, dict_len, dict_next
from compiler.runtime.dynamic import (BOOL_CODE, BYTES_CODE, DICT_CODE, FLOAT_CODE, INT_CODE, LIST_CODE,
                                      NONE_CODE, OBJECT_CODE, STR_CODE, held_equal, is_number, type_code)
from compiler.runtime.exceptions import dict_changed_error
from compiler.runtime.float_arith import compare_int_float
from compiler.runtime.floats import float_repr
from compiler.runtime.list_cmp import data_compare
from compiler.runtime.lists import list_get
from compiler.runtime.memory import KIND_BOX, alloc
from compiler.runtime.reprs import bytes_repr, key_error_shown, str_repr, type_error
from compiler.runtime.float_parse import parse_float, parse_float_bytes
from compiler.runtime.str_find import bytes_contains_byte, str_contains
from compiler.runtime.str_fmt import int_from_bytes_text, int_from_str
from compiler.runtime.str_items import bytes_getitem, str_getitem
from compiler.runtime.strings import cp_len


def boxed_int(value: int) -> int:
    box = alloc(8, KIND_BOX | INT_CODE << 8)
    store_i64(box + 8, value)
    return box


def is_index(code: int) -> bool:
    return code == INT_CODE or code == BOOL_CODE


def held_item(value: int, key: int, name: str, key_name: str) -> int:
    """``value[key]``: a dict by key, a list, str or bytes by an int (or bool) index."""
    code = type_code(value)
    if code == DICT_CODE:
        return dict_item(value, key, key_name)
    key_code = type_code(key)
    if is_index(key_code) and (code == LIST_CODE or code == STR_CODE or code == BYTES_CODE):
        return held_index(value, load_i64(key + 8), name)
    if code == LIST_CODE:
        type_error("list indices must be integers or slices, not " + key_name)
    if code == STR_CODE:
        type_error("string indices must be integers, not '" + key_name + "'")
    if code == BYTES_CODE:
        type_error("byte indices must be integers or slices, not " + key_name)
    type_error("'" + name + "' object is not subscriptable")
    return 0


def held_index(value: int, index: int, name: str) -> int:
    """``value[index]`` with an int index: IndexError as CPython's for each sequence."""
    code = type_code(value)
    if code == LIST_CODE:
        return list_get(value, index)
    if code == STR_CODE:
        return str_getitem(value, index)
    if code == BYTES_CODE:
        return boxed_int(bytes_getitem(value, index))
    if code == DICT_CODE:
        return dict_item(value, boxed_int(index), "int")
    type_error("'" + name + "' object is not subscriptable")
    return 0


def dict_item(d: int, key: int, key_name: str) -> int:
    """A dict[str, Any] holds only str keys: any other hashable key is missing (KeyError shows its
    repr), a list or dict key is unhashable."""
    code = type_code(key)
    if code == STR_CODE:
        return dict_get(d, key)
    if code == LIST_CODE or code == DICT_CODE:
        type_error("unhashable type: '" + key_name + "'")
    key_error_shown(scalar_repr(key, code, key_name))
    return 0


def scalar_repr(value: int, code: int, name: str) -> str:
    """What a missing key shows: repr() of None, a number or bytes. An object's repr would show
    its address in CPython; its class name stands in."""
    if code == NONE_CODE:
        return "None"
    if code == BOOL_CODE:
        if load_i64(value + 8) != 0:
            return "True"
        return "False"
    if code == INT_CODE:
        return str(load_i64(value + 8))
    if code == FLOAT_CODE:
        return float_repr(float_from_bits(load_i64(value + 8)))
    if code == BYTES_CODE:
        return bytes_repr(bytes_at(value + 16, load_u32(value + 8)))
    return "<" + name + " object>"


def held_contains(container: int, key: int, name: str, key_name: str) -> bool:
    """``key in container``, by CPython's rules for each container."""
    code = type_code(container)
    key_code = type_code(key)
    if code == DICT_CODE:
        if key_code == LIST_CODE or key_code == DICT_CODE:
            type_error("unhashable type: '" + key_name + "'")
        return key_code == STR_CODE and dict_find(container, key) >= 0
    if code == LIST_CODE:
        n = load_u32(container + 8)
        for i in range(n):
            item = list_get(container, i)
            if item == key or held_same(item, key):
                return True
        return False
    if code == STR_CODE:
        if key_code != STR_CODE:
            type_error("'in <string>' requires string as left operand, not " + key_name)
        return str_contains(container, key)
    if code == BYTES_CODE:
        if is_index(key_code):
            return bytes_contains_byte(container, load_i64(key + 8))
        if key_code != BYTES_CODE:
            type_error("a bytes-like object is required, not '" + key_name + "'")
        return str_contains(container, key)
    type_error("argument of type '" + name + "' is not iterable")
    return False


def held_same(a: int, b: int) -> bool:
    """``a == b`` of two Anys: scalars and text as ``held_equal``, lists and dicts by content,
    objects by identity (the compiler refuses this where a class defines __eq__)."""
    code_a = type_code(a)
    code_b = type_code(b)
    if code_a == LIST_CODE and code_b == LIST_CODE:
        return lists_same(a, b)
    if code_a == DICT_CODE and code_b == DICT_CODE:
        return dicts_same(a, b)
    if code_a == OBJECT_CODE or code_b == OBJECT_CODE:
        return a == b
    return held_equal(a, b)


def lists_same(a: int, b: int) -> bool:
    n = load_u32(a + 8)
    if load_u32(b + 8) != n:
        return False
    for i in range(n):
        x = list_get(a, i)
        y = list_get(b, i)
        if x != y and not held_same(x, y):  # CPython compares items by identity first
            return False
    return True


def dicts_same(a: int, b: int) -> bool:
    if dict_len(a) != dict_len(b):
        return False
    entry = dict_next(a, -1)
    while entry >= 0:
        found = dict_find(b, dict_entry_key(a, entry))
        if found < 0:
            return False
        x = load_i64(entry_address(a, entry) + ENTRY_VALUE)
        y = load_i64(entry_address(b, found) + ENTRY_VALUE)
        if x != y and not held_same(x, y):
            return False
        entry = dict_next(a, entry)
    return True


# -- iteration: a position per held kind (index, or dict entry), -1 at the end ----------------
def held_iter_size(value: int, name: str) -> int:
    """The size a dict has when a loop over it starts; TypeError for what is not iterable."""
    code = type_code(value)
    if code == DICT_CODE:
        return dict_len(value)
    if code == LIST_CODE or code == STR_CODE or code == BYTES_CODE:
        return 0
    type_error("'" + name + "' object is not iterable")
    return 0


def held_next(value: int, position: int, size: int) -> int:
    """The position after ``position`` (start from -1), or -1 at the end; lengths are read each
    step, as CPython's iterators do, and a dict that changed size raises RuntimeError."""
    code = type_code(value)
    if code == DICT_CODE:
        if dict_len(value) != size:
            dict_changed_error()
        return dict_next(value, position)
    position += 1
    n = load_u32(value + 8)
    if code == STR_CODE:
        n = cp_len(value)
    if position < n:
        return position
    return -1


def held_at(value: int, position: int) -> int:
    code = type_code(value)
    if code == DICT_CODE:
        return dict_entry_key(value, position)
    if code == LIST_CODE:
        return list_get(value, position)
    if code == STR_CODE:
        return str_getitem(value, position)
    return boxed_int(load_u8(value + 16 + position))


# -- str() of what an Any holds ---------------------------------------------------------------
def held_text(value: int, name: str) -> str:
    """str(value) of anything but a str (which the compiled code takes as it is): repr()'s text."""
    active: list[int] = []
    return held_repr(value, name, active)


def held_repr(value: int, name: str, active: list[int]) -> str:
    """repr(value); a list or dict already being shown inside itself is ``[...]``/``{...}``, as in
    CPython. An object's repr in CPython shows its address: its class name stands in (``name``
    for the outermost value, which the compiler knows; ``object`` inside containers)."""
    code = type_code(value)
    if code == STR_CODE:
        return str_repr(bytes_at(value + 16, load_u32(value + 8)).decode())
    if code == OBJECT_CODE:
        return "<" + name + " object>"
    if code != LIST_CODE and code != DICT_CODE:
        return scalar_repr(value, code, name)
    if value in active:
        if code == LIST_CODE:
            return "[...]"
        return "{...}"
    active.append(value)
    parts: list[str] = []
    if code == LIST_CODE:
        for i in range(load_u32(value + 8)):
            parts.append(held_repr(list_get(value, i), "object", active))
    else:
        entry = dict_next(value, -1)
        while entry >= 0:
            key = held_repr(dict_entry_key(value, entry), "str", active)
            item = load_i64(entry_address(value, entry) + ENTRY_VALUE)
            parts.append(key + ": " + held_repr(item, "object", active))
            entry = dict_next(value, entry)
    active.pop()
    if code == LIST_CODE:
        return "[" + ", ".join(parts) + "]"
    return "{" + ", ".join(parts) + "}"


# -- <, <=, >, >= of what two Anys hold ----------------------------------------------------------
def held_order(a: int, b: int, op: int, name_a: str, name_b: str) -> bool:
    """``a < b`` (op 0), ``<=`` (1), ``>`` (2), ``>=`` (3) as CPython orders numbers (exactly,
    across int, bool and float), str, bytes and lists (at the first unequal item); TypeError else."""
    code_a = type_code(a)
    code_b = type_code(b)
    if code_a == LIST_CODE and code_b == LIST_CODE:
        return lists_order(a, b, op)
    return op_truth(held_compare(a, b, code_a, code_b, op, name_a, name_b), op)


def lists_order(a: int, b: int, op: int) -> bool:
    n_a = load_u32(a + 8)
    n_b = load_u32(b + 8)
    i = 0
    while i < n_a and i < n_b:
        x = list_get(a, i)
        y = list_get(b, i)
        if x != y and not held_same(x, y):
            return held_order(x, y, op, "object", "object")
        i += 1
    c = 0
    if n_a < n_b:
        c = -1
    elif n_a > n_b:
        c = 1
    return op_truth(c, op)


def op_truth(c: int, op: int) -> bool:
    """The truth of the comparison whose outcome is ``c`` (-1, 0, 1; 2 when a nan took part)."""
    if c == 2:
        return False
    if op == 0:
        return c < 0
    if op == 1:
        return c <= 0
    if op == 2:
        return c > 0
    return c >= 0


def held_compare(a: int, b: int, code_a: int, code_b: int, op: int, name_a: str, name_b: str) -> int:
    if is_number(code_a) and is_number(code_b):
        if code_a == FLOAT_CODE and code_b == FLOAT_CODE:
            return float_compare(float_from_bits(load_i64(a + 8)), float_from_bits(load_i64(b + 8)))
        if code_b == FLOAT_CODE:
            return compare_int_float(load_i64(a + 8), float_from_bits(load_i64(b + 8)))
        if code_a == FLOAT_CODE:
            c = compare_int_float(load_i64(b + 8), float_from_bits(load_i64(a + 8)))
            if c == 2:
                return 2
            return -c
        x = load_i64(a + 8)
        y = load_i64(b + 8)
        if x < y:
            return -1
        if x > y:
            return 1
        return 0
    if code_a == code_b and (code_a == STR_CODE or code_a == BYTES_CODE):
        return data_compare(a, b)
    symbols = ["<", "<=", ">", ">="]
    type_error("'" + symbols[op] + "' not supported between instances of '" + held_name(code_a, name_a)
               + "' and '" + held_name(code_b, name_b) + "'")
    return 0


def held_name(code: int, object_name: str) -> str:
    """type(x).__name__ by type code; an object's name comes from the compiled code (``object``
    for one nested in a list, which it cannot see)."""
    if code == OBJECT_CODE:
        return object_name
    names = ["NoneType", "int", "float", "bool", "str", "bytes", "list", "dict"]
    return names[code]


def float_compare(x: float, y: float) -> int:
    if x != x or y != y:
        return 2
    if x < y:
        return -1
    if x > y:
        return 1
    return 0


# -- int() and float() of what an Any holds --------------------------------------------------------
def held_int(value: int, name: str) -> int:
    """int(value): a number (a float truncated, with CPython's errors for nan and inf) or text
    parsed in base 10; TypeError with CPython's message otherwise."""
    code = type_code(value)
    if code == INT_CODE or code == BOOL_CODE:
        return load_i64(value + 8)
    if code == FLOAT_CODE:
        return int(float_from_bits(load_i64(value + 8)))
    if code == STR_CODE:
        return int_from_str(value, 10)
    if code == BYTES_CODE:
        return int_from_bytes_text(value, 10)
    type_error("int() argument must be a string, a bytes-like object or a real number, not '" + name + "'")
    return 0


def held_float(value: int, name: str) -> float:
    code = type_code(value)
    if code == INT_CODE or code == BOOL_CODE:
        return float(load_i64(value + 8))
    if code == FLOAT_CODE:
        return float_from_bits(load_i64(value + 8))
    if code == STR_CODE:
        return parse_float(bytes_at(value + 16, load_u32(value + 8)).decode())
    if code == BYTES_CODE:
        return parse_float_bytes(bytes_at(value + 16, load_u32(value + 8)))
    type_error("float() argument must be a string or a real number, not '" + name + "'")
    return 0.0


def held_view_method(value: int, name: str, method: str) -> None:
    """A dict method looked up on an Any (``get``, ``items``, ...), before any argument is
    evaluated, as CPython does: AttributeError unless it holds a dict."""
    if type_code(value) != DICT_CODE:
        attribute_error("'" + name + "' object has no attribute '" + method + "'")


def held_get(value: int, key: int, default: int, key_name: str) -> int:
    """``value.get(key, default)`` of a dict: its item or the default (a key that is not a str is
    never in a dict[str, Any])."""
    code = type_code(key)
    if code == LIST_CODE or code == DICT_CODE:
        type_error("unhashable type: '" + key_name + "'")
    if code != STR_CODE:
        return default
    return dict_get_or(value, key, default)


def attribute_error(message: str) -> None:
    raise AttributeError(message)
