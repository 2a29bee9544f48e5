"""Type checking of sets: ``set[T]`` literals, ``set(...)``, comprehensions, operators and methods,
and ``frozenset[T]`` (``frozenset(...)``, the methods that make new sets).

T is int, bool, str or bytes, a tuple of them, an Enum or IntEnum class, a frozen dataclass whose
objects key dicts by their fields (sema/class_keys.py record_key) or a class whose objects compare by
identity (compiler/runtime/sets.py, set_keys.py). CPython orders the last by address: whatever shows
the order of such a set is refused (``hidden_order``). A method's ``other`` arguments may be
sets, frozensets or lists of the same T; ``node.set_args`` records, per argument, whether it is
a set. An operator's result has its left operand's type (``frozenset | set`` is a frozenset).
"""
from __future__ import annotations

import ast as py_ast

from .class_keys import identity_keyed, repr_unknown
from .held_conversions import set_of_held
from .builtins import is_builtin_call
from .map_filter import is_map_or_filter
from .reversed_builtin import is_reversed
from ..program import (ANY, BOOL, BYTES, INT, NONE, STR, ClassType, DictType, ListType, OptionalType, SetType, TupleType,
                       Type, ViewType, list_of, set_of)

SET_ITEMS = (INT, BOOL, STR, BYTES)
OBJECT_SET_HELP = "use a dict[Obj, bool] (it keeps insertion order), or a set of an int or str field of the objects"
SET_OPERATORS = (py_ast.BitOr, py_ast.BitAnd, py_ast.Sub, py_ast.BitXor)
COMPARISONS = (py_ast.Eq, py_ast.NotEq, py_ast.Lt, py_ast.LtE, py_ast.Gt, py_ast.GtE)
# method -> (how many 'other' arguments: "one", "many" or "none"/"item", result: "set", "none", "bool", "item")
METHODS = {
    "add": ("item", "none"), "discard": ("item", "none"), "remove": ("item", "none"),
    "pop": ("none", "item"), "clear": ("none", "none"), "copy": ("none", "set"),
    "update": ("many", "none"), "intersection_update": ("many", "none"), "difference_update": ("many", "none"),
    "symmetric_difference_update": ("one", "none"),
    "union": ("many", "set"), "intersection": ("many", "set"), "difference": ("many", "set"),
    "symmetric_difference": ("one", "set"),
    "issubset": ("one", "bool"), "issuperset": ("one", "bool"), "isdisjoint": ("one", "bool"),
}
CHANGING = ("add", "discard", "remove", "pop", "clear", "update", "intersection_update", "difference_update",
            "symmetric_difference_update")
# Built-ins that consume a set as the list of its items (in iteration order).
CONSUMERS = ("list", "sorted", "min", "max")
NEVER_SETS = (py_ast.List, py_ast.ListComp, py_ast.Constant, py_ast.JoinedStr, py_ast.Dict, py_ast.Tuple)
ITEM_HELP = "a set holds int, bool, str or bytes items or tuples of them: convert them, or keep them in a list"
OBJECT_SET_PROBLEM = ("a set of {} objects is not supported: CPython iterates it in hash order, "
                      "which comes from addresses or randomized str hashes")
ORDER_HIDDEN_HELP = ("keep the objects in a list, or in a dict[{0}, bool] (insertion order), to go through them; "
                     "a set[{0}] serves `in`, len(), add/discard and the set algebra")
MAX_SHOWN_TUPLE = 12  # remove()'s KeyError shows a tuple of up to 12 items (lower/sets.py MAX_TUPLE_KINDS)
TUPLE_REMOVE_HELP = "test `item in s` first, then s.discard(item)"


class SetItems(py_ast.expr):
    """A set read as a new list of its items, in iteration order (``list(s)``, ``sorted(s)``)."""

    _fields = ("value",)


def set_item_type(ty: Type) -> bool:
    return ty in SET_ITEMS or (isinstance(ty, TupleType) and bool(ty.items) and all(t in SET_ITEMS for t in ty.items))


def identity_item(item: Type) -> bool:
    """An object compared by identity (its class and family define no __eq__/__hash__): CPython hashes
    its address, so a set of them serves membership and the algebra, never an order (lower/sets.py)."""
    return identity_keyed(item) and not getattr(item.info, "record_key", False) \
        and not getattr(item.info, "enum", False) and not getattr(item.info, "user_key", False)


def member_or_record(item: Type) -> bool:
    """An Enum member, a frozen dataclass object hashed and compared by its fields, or an object of
    a family that writes __hash__ (sema/user_hash.py)."""
    info = item.info if isinstance(item, ClassType) else None
    return info is not None and (getattr(info, "enum", False) or getattr(info, "user_key", False)
                                 or (info.dataclass and getattr(info, "record_key", False)))


def set_item_problem(item: Type) -> tuple[str, str] | None:
    """Why ``item`` cannot be a set item (message, help), or None."""
    if isinstance(item, ClassType) and getattr(item.info, "flag", False):  # hash(name), None for 0: not here
        return f"a set of Flag values ({item}) is not supported yet", "use a set of their .value ints"
    if member_or_record(item) or identity_item(item):
        return None
    problem = getattr(item.info, "key_problem", None) if isinstance(item, ClassType) else None
    if problem and "__hash__" in problem:  # sema/user_hash.py: unhashable, or hashed by address in part
        return problem, OBJECT_SET_HELP
    if isinstance(item, ClassType):
        return OBJECT_SET_PROBLEM.format(item), OBJECT_SET_HELP
    if not set_item_type(item):
        return f"set items must be int, bool, str, bytes or tuples of them, not {item}", ITEM_HELP
    return None


def hidden_order(ty: SetType, what: str) -> tuple[str, str] | None:
    """Why ``what`` (iterating, pop() ...) cannot show ``ty``'s order: its items are objects compared by
    identity, which CPython orders by address. Checked here and again where it is lowered (lower/sets.py)."""
    if not identity_item(ty.item):
        return None
    return (f"{what} a set of {ty.item} objects is not supported: CPython's order comes from their addresses",
            ORDER_HIDDEN_HELP.format(ty.item))


class SetChecks:
    def refuse_hidden_order(self, node: py_ast.AST, ty: SetType, what: str) -> None:
        problem = hidden_order(ty, what)
        if problem:
            raise self.fail(node, *problem)

    def set_type(self, node: py_ast.AST, item: Type, frozen: bool = False) -> Type:
        problem = set_item_problem(item)
        if problem:
            raise self.fail(node, *problem)
        return set_of(item, frozen)

    def check_Set(self, node: py_ast.Set, expected: Type | None) -> Type:
        if isinstance(expected, OptionalType):
            expected = expected.inner
        if any(isinstance(e, py_ast.Starred) for e in node.elts):
            raise self.fail(node, "'*' in set literals is not supported", "build the set, then update() it")
        item = expected.item if isinstance(expected, SetType) else self.check(node.elts[0])
        for element in node.elts:
            self.use(element, item, what="a set element")
        return self.set_type(node, item)

    def check_SetComp(self, node: py_ast.SetComp, expected: Type | None) -> Type:
        hint = list_of(expected.item) if isinstance(expected, SetType) else None
        return self.set_type(node, self.check_ListComp(node, hint).item)

    def check_SetItems(self, node: SetItems, expected: Type | None) -> Type:
        ty = getattr(node.value, "ty", None) or self.check(node.value)
        return list_of(ty.item)

    def set_consumer(self, node: py_ast.Call) -> None:
        """list(s), sorted(s), min(s), max(s): the set becomes the list of its items."""
        if len(node.args) != 1 or isinstance(node.args[0], py_ast.Starred):
            return
        arg = node.args[0]
        if isinstance(arg, NEVER_SETS) or (
                isinstance(arg, py_ast.Call) and isinstance(arg.func, py_ast.Name) and arg.func.id == "range") \
                or is_map_or_filter(self, arg) or is_reversed(self, arg) or is_builtin_call(self, arg, "zip"):
            return  # checked once, by the built-in itself (map/filter: sema/map_filter.py)
        ty = self.check(arg)
        if isinstance(ty, SetType):
            self.refuse_hidden_order(arg, ty, "taking the items of")
            node.args[0] = py_ast.copy_location(SetItems(value=arg), arg)

    # -- set(...) and frozenset(...) -------------------------------------------------------
    def builtin_frozenset(self, node: py_ast.Call, expected: Type | None) -> Type:
        return self.builtin_set(node, expected, "frozenset")

    def builtin_set(self, node: py_ast.Call, expected: Type | None, name: str = "set") -> Type:
        frozen = name == "frozenset"
        if isinstance(expected, OptionalType):
            expected = expected.inner
        if isinstance(expected, SetType) and expected.frozen != frozen:
            expected = None
        if node.keywords or len(node.args) > 1:
            raise self.fail(node, f"{name}() takes at most one argument", f"write {name}(items)")
        if not node.args:
            if not isinstance(expected, SetType):
                raise self.fail(node, f"the type of an empty {name} is not known here",
                                f"annotate the variable: seen: {name}[int] = {name}()")
            node.bound, node.set_source = [], None
            return expected
        arg = node.args[0]
        if not isinstance(arg, py_ast.Call) or not isinstance(arg.func, py_ast.Name) or arg.func.id != "range":
            ty = self.check(arg)
        else:
            ty = None
        if ty == ANY:
            arg = set_of_held(self, node, expected, name)  # sema/held_conversions.py
            ty = arg.ty
        elif ty is None or ty == STR:  # set(range(...)) / set(text): the items of list(...)
            arg = node.args[0] = py_ast.copy_location(
                py_ast.Call(func=py_ast.Name(id="list", ctx=py_ast.Load()), args=[arg], keywords=[]), arg)
            ty = self.check(arg)
        if isinstance(ty, (ListType, ViewType)):
            node.set_source, item = "list", ty.item
        elif isinstance(ty, DictType):
            node.set_source, item = "dict", ty.key
        elif isinstance(ty, SetType):
            node.set_source, item = "set", ty.item
        else:
            raise self.fail(arg, f"{name}() of {ty} is not supported", "pass a list, str, range, dict or set")
        if isinstance(expected, SetType) and expected.item != item:
            raise self.fail(arg, f"this makes a {name}[{item}], not {expected}", "convert the items first")
        node.bound = [arg]
        if frozen and ty == set_of(item, True):
            node.set_source = "same"  # frozenset(fs) is fs itself
        return self.set_type(arg, item, frozen)

    # -- operators --------------------------------------------------------------------------
    def set_binop(self, node: py_ast.BinOp, left: Type, right: Type) -> Type:
        if not isinstance(node.op, SET_OPERATORS):
            raise self.fail(node, f"unsupported operand types for this operator: {left} and {right}",
                            "sets take | & - ^ with a set of the same type")
        if not (isinstance(left, SetType) and isinstance(right, SetType) and left.item == right.item):
            raise self.fail(node, f"both operands must be sets of the same item type, not {left} and {right}",
                            "convert one operand with set(...)")
        return left

    def set_comparison(self, node, op, a: Type, b: Type) -> bool:
        """True when the comparison involves a set (and is valid); raises when it is not."""
        if isinstance(op, (py_ast.In, py_ast.NotIn)):
            if not isinstance(b, SetType):
                return False
            if a != b.item:
                raise self.fail(node, f"'in' is not supported between {a} and {b}",
                                f"test a {b.item} for membership")
            return True
        if not (isinstance(a, SetType) or isinstance(b, SetType)):
            return False
        if not (isinstance(a, SetType) and isinstance(b, SetType) and a.item == b.item) \
                or not isinstance(op, COMPARISONS):
            raise self.fail(node, f"cannot compare {a} with {b}", "compare sets of the same item type")
        return True

    # -- methods ----------------------------------------------------------------------------
    def set_method(self, node: py_ast.Call, func: py_ast.Attribute, base: SetType) -> Type:
        name = func.attr
        if name not in METHODS or (base.frozen and name in CHANGING):
            known = [m for m in METHODS if not (base.frozen and m in CHANGING)]
            raise self.fail(func, f"{base} has no method '{name}'" + ("" if base.frozen else " in this version"),
                            f"{'frozensets' if base.frozen else 'sets'} have " + " ".join(known))
        if node.keywords:
            raise self.fail(node, f"{name}() takes no keyword arguments", "pass the arguments by position")
        arity, result = METHODS[name]
        count = len(node.args)
        if (arity == "item" and count != 1) or (arity == "none" and count) or (arity == "one" and count != 1):
            expected = {"item": 1, "none": 0, "one": 1}[arity]
            raise self.fail(node, f"{name}() takes {expected} argument(s), {count} given",
                            "see the Sets section of docs/language.md")
        if any(isinstance(a, py_ast.Starred) for a in node.args):
            raise self.fail(node, "'*' arguments are not supported here", "pass the arguments one by one")
        if name == "remove" and ((isinstance(base.item, TupleType) and len(base.item.items) > MAX_SHOWN_TUPLE) or (
                isinstance(base.item, ClassType) and not getattr(base.item.info, "enum", False)
                and (not getattr(base.item.info, "user_key", False) or repr_unknown(base.item)))):
            raise self.fail(func, f"remove() on a set of {base.item} is not supported: its KeyError would show "
                            "the item's repr", TUPLE_REMOVE_HELP)
        if name == "pop":
            self.refuse_hidden_order(func, base, "pop() of")
        node.call = ("type-method", name)
        node.bound = list(node.args)
        if arity == "item":
            self.use(node.args[0], base.item, what=f"the argument of {name}()")
        else:
            node.set_args = [self.set_argument(arg, base, name) for arg in node.args]
        return {"set": base, "none": NONE, "bool": BOOL, "item": base.item}[result]

    def set_argument(self, arg: py_ast.expr, base: SetType, name: str) -> bool:
        """Check an 'other' argument: a set of the same type (True) or a list of its items (False)."""
        ty = self.check(arg, base)
        if isinstance(ty, SetType) and ty.item == base.item:
            return True
        if isinstance(ty, ListType) and ty.item == base.item:
            return False
        raise self.fail(arg, f"the argument of {name}() must be a set or list of {base.item}, not {ty}",
                        "convert it with set(...) or list(...)")
