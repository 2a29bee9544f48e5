"""Types of the built-in functions and of the compiler's intrinsics."""
from __future__ import annotations

import ast as py_ast

from ..program import BOOL, BYTES, FLOAT, INT, NONE, RAISE_INTRINSICS, STR, Type

# Intrinsics with a fixed signature: name -> (parameter types, result type).
INTRINSICS: dict[str, tuple[tuple[Type, ...], Type]] = {
    "abi.intrinsics.load_u8": ((INT,), INT),
    "abi.intrinsics.load_u32": ((INT,), INT),
    "abi.intrinsics.load_i64": ((INT,), INT),
    "abi.intrinsics.store_u8": ((INT, INT), NONE),
    "abi.intrinsics.store_u32": ((INT, INT), NONE),
    "abi.intrinsics.store_i64": ((INT, INT), NONE),
    "abi.intrinsics.memory_size": ((), INT),
    "abi.intrinsics.memory_grow": ((INT,), INT),
    "abi.intrinsics.memory_fill": ((INT, INT, INT), NONE),
    "abi.intrinsics.memory_copy": ((INT, INT, INT), NONE),
    "abi.intrinsics.heap_base": ((), INT),
    "abi.intrinsics.record_table": ((), INT),
    "abi.intrinsics.data_ptr": ((BYTES,), INT),
    "abi.intrinsics.text_ptr": ((STR,), INT),
    "abi.intrinsics.text_size": ((STR,), INT),
    "abi.intrinsics.bytes_at": ((INT, INT), BYTES),
    "abi.intrinsics.unreachable": ((), NONE),
    "abi.intrinsics.float_bits": ((FLOAT,), INT),
    "abi.intrinsics.float_from_bits": ((INT,), FLOAT),
    "abi.intrinsics.wrap_add": ((INT, INT), INT),
    "abi.intrinsics.wrap_sub": ((INT, INT), INT),
    "abi.intrinsics.wrap_mul": ((INT, INT), INT),
    "abi.intrinsics.shr_u": ((INT, INT), INT),
    "abi.intrinsics.div_u": ((INT, INT), INT),
    "abi.intrinsics.rem_u": ((INT, INT), INT),
    "abi.intrinsics.lt_u": ((INT, INT), BOOL),
    "abi.intrinsics.call_less": ((INT, INT, INT), BOOL),
    "abi.intrinsics.ctz": ((INT,), INT),
}
INTRINSICS.update({f"abi.intrinsics.{name}": ((), NONE) for name in RAISE_INTRINSICS})

# Python built-ins the subset knows; their argument rules live in check_expr.
PYTHON_BUILTINS = ("len", "abs", "min", "max", "int", "float", "bool", "str", "bytes", "ord", "chr", "range",
                   "sorted", "list", "isinstance", "enumerate", "zip", "set",
                   "frozenset", "dict", "sum", "any", "all", "repr", "tuple",
                   "divmod", "pow", "round", "hash", "hex", "oct", "bin", "format", "ascii", "reversed", "issubclass")


def is_builtin_call(checker, node: py_ast.expr, *names: str) -> bool:
    """A call of one of the built-ins ``names`` that no module or local name hides."""
    return isinstance(node, py_ast.Call) and isinstance(node.func, py_ast.Name) and node.func.id in names \
        and node.func.id not in checker.module.namespace and node.func.id not in checker.local_names
