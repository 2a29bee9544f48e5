"""``s.translate(table)`` and ``str.maketrans(x, y[, z])`` (mixed into sema.check_calls.CallChecker),
as calls of compiler/runtime/text_translate.py: the table is a ``dict[int, V]`` whose value type V
(str, int, or either with None) picks the function. ``str.maketrans(d)`` of one dict: its
str keys (one character each, else CPython's ValueError) or int keys, by the same value types."""
from __future__ import annotations

import ast as py_ast

from ..program import INT, STR, DictType, Type, dict_of, optional_of

RUNTIME = "compiler.runtime.text_translate"
BY_VALUE = {STR: "translate_to_str", INT: "translate_to_code", optional_of(STR): "translate_to_optional_str",
            optional_of(INT): "translate_to_optional_code"}
TABLE_HELP = "a table maps code points to a str, a code point or None: {ord('a'): 'b'}, or str.maketrans('a', 'b')"


class TranslateChecks:
    def translate_call(self, node: py_ast.Call, receiver: py_ast.expr) -> Type:
        if len(node.args) != 1 or node.keywords or isinstance(node.args[0], py_ast.Starred):
            raise self.fail(node, "translate() takes exactly one argument (the table)", TABLE_HELP)
        table = self.check(node.args[0])
        function = BY_VALUE.get(table.value) if isinstance(table, DictType) and table.key == INT else None
        if function is None:
            raise self.fail(node.args[0], f"a translate() table of type {table} is not supported", TABLE_HELP)
        return self.runtime_call(node, "translate", f"{RUNTIME}.{function}", [receiver, node.args[0]])

    def maketrans_call(self, node: py_ast.Call) -> Type:
        if node.keywords or not 1 <= len(node.args) <= 3 or any(isinstance(a, py_ast.Starred) for a in node.args):
            raise self.fail(node, "str.maketrans() takes a dict, or two or three str, positionally",
                            "pass two str of equal length (and a third of characters to delete), or a dict: "
                            "str.maketrans({'a': 'b'})")
        if len(node.args) == 1:
            return self.maketrans_of_dict(node)
        function = "maketrans_pairs" if len(node.args) == 2 else "maketrans_deleting"
        return self.runtime_call(node, "maketrans", f"{RUNTIME}.{function}", list(node.args))

    def maketrans_of_dict(self, node: py_ast.Call) -> Type:
        table = self.check(node.args[0], literal_table(node.args[0]))
        keys = {STR: "str", INT: "code"}.get(table.key) if isinstance(table, DictType) else None
        values = BY_VALUE.get(table.value) if isinstance(table, DictType) else None
        if keys is None or values is None:
            raise self.fail(node.args[0], f"str.maketrans() of a {table} is not supported",
                            "map str of one character (or code points) to a str, a code point or None: "
                            "str.maketrans({'a': 'b', 'c': None})")
        function = f"maketrans_{keys}_to_{values.removeprefix('translate_to_')}"
        return self.runtime_call(node, "maketrans", f"{RUNTIME}.{function}", list(node.args))


def literal_table(arg: py_ast.expr) -> Type | None:
    """The type a dict display of constants with a None value has as a table: {"a": "b", "c": None}
    is a dict[str, str | None] (a display alone would be typed by its first value)."""
    if not isinstance(arg, py_ast.Dict) or not all(isinstance(e, py_ast.Constant) for e in arg.keys + arg.values):
        return None
    if not any(v.value is None for v in arg.values):
        return None
    kinds = {type(e.value) for e in arg.keys}
    values = {type(v.value) for v in arg.values if v.value is not None}
    if len(kinds) != 1 or len(values) > 1 or not kinds <= {str, int} or not values <= {str, int}:
        return None
    return dict_of(STR if str in kinds else INT, optional_of(INT if int in values else STR))
