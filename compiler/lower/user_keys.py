"""Dicts and sets keyed by objects of a class family that writes __hash__ (sema/user_hash.py).

The runtime's tables (runtime/user_keys.py, runtime/set_table.py) call three functions whose bodies are
written here, when the lowering first reaches them: ``user_hash(key)`` switches on the key's class
and calls the ``__hash__`` that class resolves; ``user_equal(stored, key)`` calls the comparison
function of the key's family (lower/classes.py comparison_function: the written ``__eq__``,
reflected when ``key`` is of a proper subclass, as CPython's rich comparison chooses);
``user_repr(key)`` its ``__repr__`` (a missing key's KeyError). Direct calls, so
passes/exceptions.py carries an exception they raise out of the dict operation.

``dict_symbol`` routes a dict operation on such keys to runtime/user_keys.py; the operations
that module lacks are a located compile error. Displays are built as CPython compiles them.
"""
from __future__ import annotations

from .. import ir
from ..diagnostics import CompileError, Diagnostic
from ..program import ClassType, DictType, TupleType, Type, ViewType
from ..sema.classes import inherited_method

USER_KEYS = "compiler.runtime.user_keys"
HOOKS = (f"{USER_KEYS}.user_hash", f"{USER_KEYS}.user_equal", f"{USER_KEYS}.user_repr")
ROUTED = {"dict_set": "user_dict_set", "dict_setdefault": "user_dict_setdefault", "dict_find": "user_dict_find",
          "dict_get_or": "user_dict_get_or", "dict_pop_or": "user_dict_pop_or", "dict_get": "user_dict_get",
          "dict_pop": "user_dict_pop", "dict_delete": "user_dict_delete", "dict_copy": "user_dict_copy",
          "dict_update": "user_dict_update", "dict_of": "user_dict_of", "counter_add_list": "user_counter_add_list",
          "dict_eq": "user_dict_eq", "dict_popitem": "user_dict_popitem", "counter_delete": "user_counter_delete",
          "counter_add_counts": "user_counter_add_counts"}
SHARED = ("dict_len", "dict_next", "dict_entry_key", "dict_entry_value", "dict_keys_list", "dict_values_list",
          "dict_items_list", "dict_clear")
REFUSED_HELP = ("use get/pop/setdefault/del/in/copy/update, or key the dict by an int or str field of the objects")


def user_keyed(ty: Type) -> bool:
    return isinstance(ty, ClassType) and ty.info is not None and getattr(ty.info, "user_key", False)


def dict_symbol(lowerer, ty: Type, name: str, node=None) -> str:
    """The runtime function for dict operation ``name`` on a dict of type ``ty``."""
    if not (isinstance(ty, DictType) and user_keyed(ty.key)) or name in SHARED:
        return f"compiler.runtime.dicts.{name}"
    if name in ROUTED:
        return f"{USER_KEYS}.{ROUTED[name]}"
    where = lowerer.source.module.loc(node) if node is not None else lowerer.source.module.loc(lowerer.source.node)
    what = name.removeprefix("dict_").replace("_", " ")
    raise CompileError([Diagnostic(where, f"{what}() of a {ty} is not supported yet: its keys' class writes "
                                   "__hash__, and CPython's table is only mirrored for the other operations",
                                   REFUSED_HELP)])


def write_hook(fn: ir.Function, classes) -> None:
    """Give the runtime's ``user_hash``, ``user_equal`` or ``user_repr`` stub its body: a switch over
    this program's classes whose objects key by a written __hash__."""
    keyed = [c for c in classes.program.classes.values() if getattr(c, "user_key", False)]
    first = fn.params[0][0]
    body: list = [("local.get", first), ("i32.wrap_i64",), ("i32.load", 4), ("i32.const", 8), ("i32.shr_u",),
                  ("local.set", "class_id")]
    for cls in keyed:
        body += [("local.get", "class_id"), ("i32.const", cls.class_id), ("i32.eq",), ("if", "L", None)]
        if fn.symbol != HOOKS[1]:
            method = inherited_method(cls, "__hash__" if fn.symbol == HOOKS[0] else "__repr__")
            body += [("local.get", first), ("i32.wrap_i64",)]
            body += [("call", method.qualname)] if method is not None else [("unreachable",)]
        else:
            body += [("local.get", first), ("i32.wrap_i64",), ("local.get", fn.params[1][0]), ("i32.wrap_i64",)]
            root = cls
            while root.base is not None:
                root = root.base
            body += [("call", classes.comparison_function(root, "__eq__"))] if root.eq_in_subtree else [("i32.eq",)]
        body += [("return",), ("end",)]
    body.append(("unreachable",))
    fn.body = body
    fn.locals = [("class_id", "i32")]


def refuse_view_lookup(lowerer, ty: Type) -> None:
    """``x in d.items()`` of such keys: CPython looks the key up in the dict; the snapshot list here
    would call __eq__ item by item (sema/user_hash.py refuses it first; ``in d.keys()`` is ``in d``)."""
    item = ty.item.items[0] if isinstance(ty, ViewType) and isinstance(ty.item, TupleType) and ty.item.items \
        else getattr(ty, "item", None)
    if not (isinstance(ty, ViewType) and user_keyed(item)):
        return
    raise CompileError([Diagnostic(lowerer.source.module.loc(lowerer.source.node),
                                   f"`in` on a view of a dict keyed by {item} objects is not supported",
                                   "test `key in d` on the dict itself")])



MAX_BUILD_MAP = 15  # CPython's BUILD_MAP n (all items evaluated first, a presized dict); then BUILD_MAP 0
MAX_DISPLAY = 17    # and a MAP_ADD per item; longer displays are built in chunks merged by DICT_UPDATE
MAX_BUILD_SET = 30  # BUILD_SET n (all items evaluated first); longer: BUILD_SET 0 and a SET_ADD per item


def lower_dict_display(lowerer, node) -> None:
    """A dict display keyed by such objects, as CPython 3.11 compiles it (the order of the item
    expressions and the hash calls shows)."""
    ty = node.ty
    count = len(node.keys)
    if count > MAX_DISPLAY or any(k is None for k in node.keys):
        raise CompileError([Diagnostic(lowerer.source.module.loc(node),
                                       f"a dict display of more than {MAX_DISPLAY} items or with ** keyed by objects "
                                       "with __hash__ is not supported", "add the items with d[k] = v")])
    items = []
    if count <= MAX_BUILD_MAP:
        for key, value in zip(node.keys, node.values):
            lowerer.slot(key, ty.key)
            items.append(lowerer.stash("i64"))
            lowerer.slot(value, ty.value)
            items.append(lowerer.stash("i64"))
    lowerer.new_dict(ty, count if count <= MAX_BUILD_MAP else 0)
    d = lowerer.stash("i32")
    for index, (key, value) in enumerate(zip(node.keys, node.values)):
        lowerer.emit("local.get", d)
        lowerer.emit("i64.extend_i32_u")
        if items:
            lowerer.emit("local.get", items[2 * index])
            lowerer.emit("local.get", items[2 * index + 1])
        else:
            lowerer.slot(key, ty.key)
            lowerer.slot(value, ty.value)
        lowerer.emit("call", f"{USER_KEYS}.user_dict_set")
    lowerer.emit("local.get", d)


def set_items_first(node) -> bool:
    """A set display of such objects up to 30 items: CPython evaluates them all, then adds each."""
    return len(node.elts) <= MAX_BUILD_SET
