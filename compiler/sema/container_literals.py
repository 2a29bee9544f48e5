"""Type checking of list, dict and tuple displays (mixed into sema.check_expr.ExprChecker)."""

from __future__ import annotations

import ast as py_ast

from ..program import ANY, STR, DictType, ListType, OptionalType, TupleType, Type, VarTupleType, dict_of, list_of, tuple_of
from .class_keys import KEY_HELP, key_problem


class ContainerLiteralChecks:
    def check_List(self, node: py_ast.List, expected: Type | None) -> Type:
        if isinstance(expected, OptionalType):
            expected = expected.inner  # a list where 'list[T] | None' is expected
        if expected == ANY:
            expected = list_of(ANY)  # a literal an Any will hold: the one list type it can
        if not node.elts:
            if not isinstance(expected, ListType):
                raise self.fail(node, "the type of an empty list is not known here",
                                "annotate the variable: items: list[int] = []")
            return expected
        item = expected.item if isinstance(expected, ListType) else self.check(node.elts[0])
        for element in node.elts:
            self.use(element, item, what="a list element")
        return list_of(item)

    def check_Dict(self, node: py_ast.Dict, expected: Type | None) -> Type:
        if isinstance(expected, OptionalType):
            expected = expected.inner
        if expected == ANY:
            expected = dict_of(STR, ANY)
        if not node.keys:
            if isinstance(expected, DictType) and type(expected) is not DictType:  # defaultdict, Counter
                raise self.fail(node, f"a {{}} literal is a plain dict, not a {expected}",
                                f"make one with {expected.name.split('[')[0]}(...)")
            if not isinstance(expected, DictType):
                raise self.fail(node, "the type of an empty dict is not known here",
                                "annotate the variable: counts: dict[str, int] = {}")
            return expected
        if any(k is None for k in node.keys):
            raise self.fail(node, "'**' in dict literals is not supported", "copy the dict and update it: d.copy(), update()")
        key = expected.key if isinstance(expected, DictType) else self.check(node.keys[0])
        value = expected.value if isinstance(expected, DictType) else self.check(node.values[0])
        if key_problem(key):
            raise self.fail(node.keys[0], key_problem(key), KEY_HELP)
        for k, v in zip(node.keys, node.values):
            self.use(k, key, what="a key")
            self.use(v, value, what="a value")
        return dict_of(key, value)

    def check_Tuple(self, node: py_ast.Tuple, expected: Type | None) -> Type:
        if isinstance(expected, OptionalType) and isinstance(expected.inner, VarTupleType):
            expected = expected.inner  # stored as itself: a tuple[T, ...] | None is a pointer or None
        if isinstance(expected, VarTupleType):  # made as a list literal is (lower/containers.py)
            for element in node.elts:
                self.use(element, expected.item)
            return expected
        hints = expected.items if isinstance(expected, TupleType) and len(expected.items) == len(node.elts) else None
        items = []
        for index, element in enumerate(node.elts):
            items.append(self.use(element, hints[index]) if hints else self.check(element))
        if not items:
            raise self.fail(node, "the empty tuple is not supported")
        return tuple_of(tuple(items))
