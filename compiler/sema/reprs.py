"""``repr(x)`` of a typed value, as the str expression whose value is CPython's text.

Problem: CPython's ``repr`` (and ``str`` of a container, and f-string ``{x!r}`` / ``{xs}``) walks
the value: a list shows each item's repr between ``[`` and ``]``, a dict ``key: value`` pairs, a
tuple its items with a trailing comma when it has one, a set ``{...}`` or ``set()``.
Accepts: an expression and its checked type. Guarantees: an expression (not yet checked) of the
same text as CPython's, built from reprs the compiler already has (``f"{v!r}"`` of a scalar,
``x.__repr__()`` of an object whose class defines it, ``str()`` of an Any), so no new runtime code;
the value is evaluated once (a name is read again; anything else is bound by a one-item
comprehension). Types whose text CPython makes from an address (an object without ``__repr__``)
or that contain themselves are refused, located, by ``ReprChecks.repr_of``.
"""
from __future__ import annotations

import ast as py_ast

from .type_values import refuse_type_value_use
from ..program import (ANY, BOOL, BYTEARRAY, BYTES, MEMORYVIEW, FLOAT, INT, NONE, STR, ClassType, CounterType, DefaultDictType, DequeType, DictType,
                       ListType, OptionalType, OrderedDictType, SetType, TupleType, Type, UnionType, VarTupleType,
                       ViewType, tuple_of, view_of)
from .classes import inherited_method
from .collections_types import factory_name
from .exceptions import is_exception

SCALARS = (INT, BOOL, STR, FLOAT, BYTES, NONE)  # what f"{x!r}" converts itself
CONTAINERS = (ListType, DictType, TupleType, SetType, ViewType, VarTupleType)


class Unshowable(Exception):
    """A type whose repr is not CPython's here; ``args[0]`` says why."""


def shown_by_repr(ty: Type) -> bool:
    """str(x) of these is repr(x) in CPython: a container (it shows its items' reprs), and an object
    whose class defines __repr__ while neither it, a base nor a subclass defines __str__ (a base's
    __str__ is what str() runs, even below a __repr__ written lower down)."""
    if isinstance(ty, ClassType):  # (a dataclass whose generated repr is refused: to say why)
        return not getattr(ty.info, "str_in_subtree", True) and inherited_method(ty.info, "__str__") is None and (
            inherited_method(ty.info, "__repr__") is not None or getattr(ty.info, "repr_refusal", None) is not None)
    return isinstance(ty, CONTAINERS) or ty == BYTEARRAY


def defines_str(ty: Type) -> bool:
    """An object whose class defines __str__ (str() calls it, on the object's own class)."""
    return isinstance(ty, ClassType) and inherited_method(ty.info, "__str__") is not None


class ReprChecks:
    def builtin_repr(self, node: py_ast.Call, expected: Type | None) -> Type:
        value = self.one_argument(node, "repr")
        text = self.args_text(value)  # repr(e.args): sema/exception_args.py
        if text is not None:
            node.call = ("rewritten", text)
            return STR
        replacement = self.repr_of(value, self.check(value))
        self.check(replacement)
        node.call = ("rewritten", replacement)
        return STR

    def repr_of(self, value: py_ast.expr, ty: Type) -> py_ast.expr:
        """The checked-to-be expression of repr(value), or a located compile error."""
        if is_exception(ty):
            return self.exception_text(value, "__repr__")
        if getattr(value, "synthetic", False):  # a piece of a repr built here, not narrowed as expected
            raise self.fail(value, f"repr() of {ty} is not supported here", "format the parts you need")
        try:
            return _Builder(self).text(value, ty)
        except Unshowable as why:
            refuse_type_value_use(self, value, ty, "repr()")  # sema/type_values.py
            raise self.fail(value, f"repr() of {ty} is not supported: {why.args[0]}",
                            "define __repr__ on the class, or format the parts you need") from None


class _Builder:
    def __init__(self, checker):
        self.checker = checker
        self.depth = 0
        self.classes: list[object] = []  # the classes being shown, outermost first

    def text(self, value: py_ast.expr, ty: Type) -> py_ast.expr:
        if ty in SCALARS:
            return _repr_piece(value)
        if ty == ANY:
            self.checker.held_text_allowed(value, ANY)
            return self.bound(value, lambda v: _if(_call("isinstance", v(), _name("str", value)),
                                                   _repr_piece(v()), _call("str", v())))
        if isinstance(ty, ClassType):
            return self.object_text(value, ty)
        if ty == MEMORYVIEW:
            raise Unshowable("CPython shows the view's address")
        if ty == BYTEARRAY:  # bytearray(b'...'), CPython's quoting (sema/bytearrays.py)
            call = py_ast.Call(func=_at(py_ast.Attribute(value=value, attr="__repr__", ctx=py_ast.Load()), value),
                               args=[], keywords=[])
            return _at(call, value)
        if isinstance(ty, OptionalType):
            return self.bound(value, lambda v: _if(_is_none(v()), _const("None", value), self.text(v(), ty.inner)))
        if isinstance(ty, UnionType):
            return self.bound(value, lambda v: self.union_text(v, ty.members))
        if isinstance(ty, DequeType):  # deque([1, 2]), deque([1], maxlen=3)
            return self.bound(value, lambda v: _concat(_const("deque([", value), self.joined(v(), ty.item),
                                                       self.deque_tail(v, value)))
        if isinstance(ty, (ListType, ViewType)):
            return _concat(_const("[", value), self.joined(value, ty.item), _const("]", value))
        if isinstance(ty, SetType):
            return self.set_text(value, ty)
        if isinstance(ty, CounterType):  # Counter({'a': 2, 'b': 1}) by count, as most_common(); Counter()
            return self.bound(value, lambda v: _if(v(), _concat(
                _const("Counter({", value), self.dict_items(v(), ty, _call_method(v(), "most_common")),
                _const("})", value)), _const("Counter()", value)))
        if isinstance(ty, OrderedDictType):  # CPython 3.11: OrderedDict([('a', 1)]); OrderedDict()
            pairs = view_of("items", tuple_of((ty.key, ty.value)))
            return self.bound(value, lambda v: _if(v(), _concat(
                _const("OrderedDict(", value), self.text(_call_method(v(), "items"), pairs), _const(")", value)),
                _const("OrderedDict()", value)))
        if isinstance(ty, DefaultDictType):  # defaultdict(<class 'list'>, {...})
            return _concat(_const(f"defaultdict(<class '{factory_name(ty.value)}'>, {{", value),
                           self.dict_items(value, ty), _const("})", value))
        if isinstance(ty, DictType):
            return _concat(_const("{", value), self.dict_items(value, ty), _const("}", value))
        if isinstance(ty, TupleType):
            return self.bound(value, lambda v: self.tuple_text(v, ty.items))
        if isinstance(ty, VarTupleType):
            return self.bound(value, lambda v: self.var_tuple_text(v, ty.item))
        raise Unshowable(f"{ty} has no repr here")

    def object_text(self, value: py_ast.expr, ty: ClassType) -> py_ast.expr:
        refused = getattr(ty.info, "repr_refused_below", None)  # sema/dataclass_repr.py
        if refused is not None:
            raise Unshowable(refused)
        if getattr(ty.info, "enum", False):  # <Color.RED: 1>, made with the member (sema/enums.py)
            from .enums import SHOWN
            return _at(py_ast.Attribute(value=value, attr=SHOWN, ctx=py_ast.Load()), value)
        if inherited_method(ty.info, "__repr__") is not None:
            call = py_ast.Call(func=_at(py_ast.Attribute(value=value, attr="__repr__", ctx=py_ast.Load()), value),
                               args=[], keywords=[])
            return _at(call, value)
        raise Unshowable("CPython shows the object's address (the class defines no __repr__)")

    def union_text(self, v, members: tuple[Type, ...]) -> py_ast.expr:
        # None first, a bool before an int (a bool is an int too); each test narrows what is left,
        # so the last member needs none
        ordered = sorted(members, key=lambda m: (m != NONE, m != BOOL))
        text = self.text(v(), ordered[-1])
        for member in reversed(ordered[:-1]):
            shown = _const("None", v()) if member == NONE else self.text(v(), member)
            text = _if(_member_test(v(), member), shown, text)
        return text

    def deque_tail(self, v, where: py_ast.expr) -> py_ast.expr:
        def maxlen() -> py_ast.expr:
            return _at(py_ast.Attribute(value=v(), attr="maxlen", ctx=py_ast.Load()), where)
        return _if(_is_none(maxlen()), _const("])", where),
                   _concat(_const("], maxlen=", where), _call("str", maxlen()), _const(")", where)))

    def joined(self, value: py_ast.expr, item: Type) -> py_ast.expr:
        """``", ".join([repr(i) for i in value])``."""
        if item == NONE:  # no variable can hold a None item: ["None"] * len(value)
            nones = _at(py_ast.List(elts=[_const("None", value)], ctx=py_ast.Load()), value)
            items = _at(py_ast.BinOp(left=nones, op=py_ast.Mult(), right=_call("len", value)), value)
            return _call_method(_const(", ", value), "join", items)
        self.depth += 1
        name = f"__repr_item{self.depth}"
        items = _comprehension(self.text(_name(name, value), item), name, value)
        self.depth -= 1
        return _call_method(_const(", ", value), "join", items)

    def set_text(self, value: py_ast.expr, ty: SetType) -> py_ast.expr:
        def shown(v):
            inner = _concat(_const("{", value), self.joined(v(), ty.item), _const("}", value))
            if ty.frozen:
                return _if(v(), _concat(_const("frozenset(", value), inner, _const(")", value)),
                           _const("frozenset()", value))
            return _if(v(), inner, _const("set()", value))
        return self.bound(value, shown)

    def dict_items(self, value: py_ast.expr, ty: DictType, pairs: py_ast.expr | None = None) -> py_ast.expr:
        if ty.value == NONE and pairs is None:  # no variable can hold a None value: the keys only
            self.depth += 1
            key = f"__repr_key{self.depth}"
            shown = _concat(self.text(_name(key, value), ty.key), _const(": None", value))
            items = _comprehension(shown, key, value)
            self.depth -= 1
            return _call_method(_const(", ", value), "join", items)
        self.depth += 1
        key, item = f"__repr_key{self.depth}", f"__repr_value{self.depth}"
        pair = _concat(self.text(_name(key, value), ty.key), _const(": ", value), self.text(_name(item, value), ty.value))
        items = pairs or _call_method(value, "items")
        target = _at(py_ast.Tuple(elts=[_store(key, value), _store(item, value)], ctx=py_ast.Store()), value)
        comp = _at(py_ast.ListComp(elt=pair, generators=[
            py_ast.comprehension(target=target, iter=items, ifs=[], is_async=0)]), value)
        self.depth -= 1
        return _call_method(_const(", ", value), "join", comp)

    def tuple_text(self, v, items: tuple[Type, ...]) -> py_ast.expr:
        where = v()
        if not items:
            return _const("()", where)
        parts: list[py_ast.expr] = [_const("(", where)]
        for index, item in enumerate(items):
            element = _at(py_ast.Subscript(value=v(), slice=_const(index, where), ctx=py_ast.Load()), where)
            parts += [_const(", ", where)] * bool(index) + [self.text(element, item)]
        parts.append(_const(",)" if len(items) == 1 else ")", where))
        return _concat(*parts)

    def var_tuple_text(self, v, item: Type) -> py_ast.expr:
        """``(1, 2)``, ``(1,)`` or ``()``: a trailing comma only for one item."""
        where = v()
        single = _at(py_ast.Compare(left=_call("len", v()), ops=[py_ast.Eq()], comparators=[_const(1, where)]), where)
        return _concat(_const("(", where), self.joined(v(), item), _if(single, _const(",)", where), _const(")", where)))

    def bound(self, value: py_ast.expr, make) -> py_ast.expr:
        """``make(v)`` where ``v()`` reads the value again: a name as it is, else the item of a
        one-item comprehension (``"".join([... for b in [value]])``), evaluated once."""
        if isinstance(value, py_ast.Name):
            return make(lambda: _name(value.id, value))
        self.depth += 1
        name = f"__repr_bound{self.depth}"
        shown = make(lambda: _name(name, value))
        self.depth -= 1
        one = _at(py_ast.List(elts=[value], ctx=py_ast.Load()), value)
        return _call_method(_const("", value), "join", _comprehension(shown, name, one))


def _member_test(v: py_ast.expr, member: Type) -> py_ast.expr:
    if member == NONE:
        return _is_none(v)
    if isinstance(member, ClassType):
        return _call("isinstance", v, _name(member.info.name, v))
    names = {INT: "int", BOOL: "bool", STR: "str", FLOAT: "float", BYTES: "bytes"}
    kind = names.get(member) or ("list" if isinstance(member, ListType) else "dict" if isinstance(member, DictType)
                                 else None)
    if kind is None:
        raise Unshowable(f"a union holding {member} is not told apart here")
    return _call("isinstance", v, _name(kind, v))


def _repr_piece(value: py_ast.expr) -> py_ast.expr:
    piece = _at(py_ast.FormattedValue(value=value, conversion=ord("r"), format_spec=None), value)
    return _at(py_ast.JoinedStr(values=[piece]), value)


def _comprehension(elt: py_ast.expr, name: str, iterable: py_ast.expr) -> py_ast.expr:
    generator = py_ast.comprehension(target=_store(name, iterable), iter=iterable, ifs=[], is_async=0)
    return _at(py_ast.ListComp(elt=elt, generators=[generator]), iterable)


def _concat(*parts: py_ast.expr) -> py_ast.expr:
    text = parts[0]
    for part in parts[1:]:
        text = _at(py_ast.BinOp(left=text, op=py_ast.Add(), right=part), part)
    return text


def _if(test: py_ast.expr, body: py_ast.expr, orelse: py_ast.expr) -> py_ast.expr:
    return _at(py_ast.IfExp(test=test, body=body, orelse=orelse), test)


def _is_none(v: py_ast.expr) -> py_ast.expr:
    return _at(py_ast.Compare(left=v, ops=[py_ast.Is()], comparators=[_const(None, v)]), v)


def _call(func: str, *args: py_ast.expr) -> py_ast.expr:
    return _at(py_ast.Call(func=_name(func, args[0]), args=list(args), keywords=[]), args[0])


def _call_method(value: py_ast.expr, method: str, *args: py_ast.expr) -> py_ast.expr:
    func = _at(py_ast.Attribute(value=value, attr=method, ctx=py_ast.Load()), value)
    return _at(py_ast.Call(func=func, args=list(args), keywords=[]), value)


def _name(name: str, where: py_ast.AST) -> py_ast.Name:
    return _at(py_ast.Name(id=name, ctx=py_ast.Load()), where)


def _store(name: str, where: py_ast.AST) -> py_ast.Name:
    return _at(py_ast.Name(id=name, ctx=py_ast.Store()), where)


def _const(value: object, where: py_ast.AST) -> py_ast.Constant:
    return _at(py_ast.Constant(value=value), where)


def _at(node, where: py_ast.AST):
    node = py_ast.copy_location(node, where)
    node.synthetic = True
    return node
