"""The method lookup of a method called on an ``Any`` (compiler/lower/held_methods.py)."""
from abi.intrinsics import load_u32
from compiler.runtime.dicts import dict_pop, dict_pop_or
from compiler.runtime.dynamic import DICT_CODE, LIST_CODE, STR_CODE, type_code
from compiler.runtime.held_items import attribute_error, held_repr, held_same, scalar_repr
from compiler.runtime.lists import list_get, remove_range
from compiler.runtime.reprs import key_error_shown, type_error, value_error


def held_method_kind(value: int, name: str, method: str, kinds: int) -> int:
    """The type code of what ``value`` holds if bit ``code`` of ``kinds`` says that type has the
    method, else CPython's AttributeError (raised before the arguments are evaluated)."""
    code = type_code(value)
    if (kinds >> code) & 1 == 0:
        attribute_error("'" + name + "' object has no attribute '" + method + "'")
    return code


def held_list_find(lst: int, value: int) -> int:
    """The first position of an item equal to ``value`` (identical first, as CPython), or -1."""
    for i in range(load_u32(lst + 8)):
        item = list_get(lst, i)
        if item == value or held_same(item, value):
            return i
    return -1


def held_list_index(lst: int, value: int, name: str) -> int:
    """``lst.index(value)`` of a list an Any holds; CPython's ValueError shows the value's repr."""
    index = held_list_find(lst, value)
    if index < 0:
        active: list[int] = []
        value_error(held_repr(value, name, active) + " is not in list")
    return index


def held_list_count(lst: int, value: int) -> int:
    count = 0
    for i in range(load_u32(lst + 8)):
        item = list_get(lst, i)
        if item == value or held_same(item, value):
            count += 1
    return count


def held_list_remove(lst: int, value: int) -> None:
    index = held_list_find(lst, value)
    if index < 0:
        value_error("list.remove(x): x not in list")
    remove_range(lst, index, index + 1)


def held_dict_pop(d: int, key: int, default: int, has_default: bool, key_name: str) -> int:
    """``d.pop(key[, default])`` of a dict an Any holds: it has only str keys, so any other hashable
    key is missing (KeyError shows its repr) and a list or dict key is unhashable."""
    code = type_code(key)
    if code == STR_CODE:
        if has_default:
            return dict_pop_or(d, key, default)
        return dict_pop(d, key)
    if code == LIST_CODE or code == DICT_CODE:
        type_error("unhashable type: '" + key_name + "'")
    if not has_default:
        key_error_shown(scalar_repr(key, code, key_name))
    return default
