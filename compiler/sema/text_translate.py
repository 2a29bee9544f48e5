"""``s.translate(table)`` and ``str.maketrans(x, y[, z])`` (mixed into sema.check_calls.CallChecker),
as calls of compiler/runtime/text_translate.py: the table is a ``dict[int, V]`` whose value type V
(str, int, or either with None) picks the function. ``str.maketrans(d)`` of one dict is not
available yet."""
from __future__ import annotations

import ast as py_ast

from ..program import INT, STR, DictType, Type, optional_of

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
        if node.keywords or not 2 <= len(node.args) <= 3 or any(isinstance(a, py_ast.Starred) for a in node.args):
            raise self.fail(node, "str.maketrans() of one dict is not available yet",
                            "pass two str of equal length (and a third of characters to delete), or write the "
                            "table: {ord('a'): 'b'}")
        function = "maketrans_pairs" if len(node.args) == 2 else "maketrans_deleting"
        return self.runtime_call(node, "maketrans", f"{RUNTIME}.{function}", list(node.args))
