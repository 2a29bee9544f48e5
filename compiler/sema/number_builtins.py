"""The built-ins ``divmod``, ``pow``, ``round``, ``hash``, ``hex``, ``oct``, ``bin``, ``format``
and ``ascii`` (mixed into sema.check_calls.CallChecker).

Each call becomes what it computes: a call of compiler/runtime/numbers.py where CPython computes in
C (``node.call = ("function", runtime FuncSym)``), or the expression it equals (``hex(n)`` is
``f"{n:#x}"``, ``pow(a, b)`` is ``a ** b``, ``round(n)`` of an int is ``n``). Arguments whose
result CPython makes from an address or from the per-process hash seed (``hash`` of a str,
bytes, float NaN, None or a plain object) are refused, located: no program can rely on them.
"""
from __future__ import annotations

import ast as py_ast

from ..program import BOOL, FLOAT, INT, NONE, ClassType, TupleType, Type
from .classes import inherited_method
from .int_enums import int_operand
from .reprs import SCALARS
from .tuple_sequences import reread_safely

RUNTIME = "compiler.runtime.numbers"
BASES = {"hex": "#x", "oct": "#o", "bin": "#b"}
NUMBERS = (INT, BOOL, FLOAT)
HASHED = (INT, BOOL)


class NumberBuiltinChecks:
    def runtime_call(self, node: py_ast.Call, name: str, function: str, args: list[py_ast.expr]) -> Type:
        """Check ``node`` as a call of compiler/runtime/numbers.py's ``function`` with ``args``."""
        fn = self.runtime_functions[function if "." in function else f"{RUNTIME}.{function}"]
        node.call = ("function", fn)
        return self.bind(node, fn.params, name, args, fn.result)

    def rewritten(self, node: py_ast.Call, replacement: py_ast.expr, expected: Type | None = None) -> Type:
        replacement = py_ast.copy_location(replacement, node)
        ty = self.check(replacement, expected)
        node.call = ("rewritten", replacement)
        return ty

    def numeric(self, arg: py_ast.expr, name: str) -> Type:
        ty = int_operand(arg, self.check(arg))
        if ty not in NUMBERS:
            raise self.fail(arg, f"{name}() takes int or float arguments, not {ty}",
                            "convert it first: int(x) or float(x)")
        return ty

    def builtin_divmod(self, node: py_ast.Call, expected: Type | None) -> Type:
        if len(node.args) != 2 or node.keywords:
            raise self.fail(node, "divmod() takes exactly two positional arguments", "divmod(a, b)")
        types = [self.numeric(arg, "divmod") for arg in node.args]
        if FLOAT not in types:
            return self.runtime_call(node, "divmod", "divmod_int", node.args)
        args = [arg if ty == FLOAT else _call("float", [arg]) for arg, ty in zip(node.args, types)]
        return self.runtime_call(node, "divmod", "divmod_float", args)

    def builtin_pow(self, node: py_ast.Call, expected: Type | None) -> Type:
        args = self.keyword_arguments(node, "pow", ("base", "exp", "mod"), 2)
        types = [self.numeric(arg, "pow") for arg in args]
        if len(args) == 2:
            return self.rewritten(node, py_ast.BinOp(left=args[0], op=py_ast.Pow(), right=args[1]), expected)
        if FLOAT in types:
            raise self.fail(node, "pow() 3rd argument not allowed unless all arguments are integers",
                            "CPython raises TypeError: pass ints")
        return self.runtime_call(node, "pow", "pow_mod", args)

    def builtin_round(self, node: py_ast.Call, expected: Type | None) -> Type:
        args = self.keyword_arguments(node, "round", ("number", "ndigits"), 1)
        ty = self.numeric(args[0], "round")
        digits = args[1] if len(args) == 2 and not _is_none(args[1]) else None
        if ty == FLOAT and digits is None:
            return self.runtime_call(node, "round", "round_float", args[:1])
        if ty == FLOAT:
            return self.runtime_call(node, "round", "round_float_digits", args)
        if digits is None:  # round(n) of an int is n (of a bool, the int 0 or 1)
            return self.rewritten(node, _call("int", [args[0]]) if ty == BOOL else args[0])
        return self.runtime_call(node, "round", "round_int_digits", args)

    def builtin_hash(self, node: py_ast.Call, expected: Type | None) -> Type:
        value = self.one_argument(node, "hash")
        ty = int_operand(value, self.check(value))
        if ty in HASHED:
            return self.runtime_call(node, "hash", "hash_int", [_call("int", [value]) if ty == BOOL else value])
        if isinstance(ty, TupleType):
            return self.runtime_call(node, "hash", "hash_tuple", [self.item_hashes(value, ty)])
        if isinstance(ty, ClassType) and inherited_method(ty.info, "__hash__") is not None:
            method = py_ast.Attribute(value=value, attr="__hash__", ctx=py_ast.Load())
            call = py_ast.copy_location(py_ast.Call(func=py_ast.copy_location(method, value), args=[],
                                                    keywords=[]), value)
            return self.runtime_call(node, "hash", "hash_of_hash", [call])
        raise self.fail(value, f"hash() of {ty} is not supported", _hash_help(ty))

    def item_hashes(self, value: py_ast.expr, ty: TupleType) -> py_ast.expr:
        """``[hash(t[0]), hash(t[1]), ...]`` (a tuple literal's items themselves), each item hashable."""
        if isinstance(value, py_ast.Tuple):
            items = list(value.elts)
        elif reread_safely(value):
            items = [py_ast.copy_location(py_ast.Subscript(value=value, slice=py_ast.Constant(i), ctx=py_ast.Load()),
                                          value) for i in range(len(ty.items))]
        else:
            raise self.fail(value, "hash() of a tuple is supported on a variable or a tuple literal",
                            "assign the tuple to a variable first: t = ...; hash(t)")
        return py_ast.copy_location(py_ast.List(elts=[_call("hash", [item]) for item in items],
                                                ctx=py_ast.Load()), value)

    def builtin_hex(self, node: py_ast.Call, expected: Type | None) -> Type:
        return self.in_base(node, "hex")

    def builtin_oct(self, node: py_ast.Call, expected: Type | None) -> Type:
        return self.in_base(node, "oct")

    def builtin_bin(self, node: py_ast.Call, expected: Type | None) -> Type:
        return self.in_base(node, "bin")

    def in_base(self, node: py_ast.Call, name: str) -> Type:
        value = self.one_argument(node, name)
        ty = int_operand(value, self.check(value))
        if ty not in HASHED:
            raise self.fail(value, f"{name}() takes an int, not {ty}", "convert it first: int(x)")
        if ty == BOOL:
            value = _call("int", [value])
        return self.rewritten(node, _formatted(value, BASES[name]))

    def builtin_format(self, node: py_ast.Call, expected: Type | None) -> Type:
        if node.keywords:
            raise self.fail(node, "format() takes no keyword arguments", "format(value, spec)")
        args = self.keyword_arguments(node, "format", ("value", "format_spec"), 1)
        spec = args[1] if len(args) == 2 else py_ast.Constant("")
        if not (isinstance(spec, py_ast.Constant) and isinstance(spec.value, str)):
            raise self.fail(spec, "the format spec of format() must be a str literal here",
                            "write format(x, \">10\"), or an f-string: f\"{x:>10}\"")
        return self.rewritten(node, _formatted(args[0], spec.value))

    def builtin_ascii(self, node: py_ast.Call, expected: Type | None) -> Type:
        value = self.one_argument(node, "ascii")
        ty = self.check(value)
        if ty in SCALARS:
            piece = py_ast.FormattedValue(value=value, conversion=ord("a"), format_spec=None)
            return self.rewritten(node, py_ast.JoinedStr(values=[py_ast.copy_location(piece, value)]))
        return self.runtime_call(node, "ascii", "compiler.runtime.ascii_text.ascii_escaped", [self.repr_of(value, ty)])

    def keyword_arguments(self, node: py_ast.Call, name: str, names: tuple[str, ...],
                          required: int) -> list[py_ast.expr]:
        """The arguments in parameter order, keywords placed by name (CPython evaluates in source
        order: keywords are taken only after the positional ones, where the orders agree)."""
        args = list(node.args)
        for keyword in node.keywords:
            if keyword.arg not in names[len(args):] or names.index(keyword.arg) != len(args):
                raise self.fail(keyword, f"{name}() got an unexpected keyword argument '{keyword.arg}' here",
                                f"pass the arguments in order: {name}({', '.join(names)})")
            args.append(keyword.value)
        if not required <= len(args) <= len(names) or any(isinstance(a, py_ast.Starred) for a in args):
            raise self.fail(node, f"{name}() takes {required} to {len(names)} arguments",
                            f"{name}({', '.join(names)})")
        node.args, node.keywords = args, []
        return args


def _is_none(node: py_ast.expr) -> bool:
    return isinstance(node, py_ast.Constant) and node.value is None


def _call(name: str, args: list[py_ast.expr]) -> py_ast.Call:
    where = args[0]
    func = py_ast.copy_location(py_ast.Name(id=name, ctx=py_ast.Load()), where)
    return py_ast.copy_location(py_ast.Call(func=func, args=args, keywords=[]), where)


def _formatted(value: py_ast.expr, spec: str) -> py_ast.JoinedStr:
    """``f"{value:spec}"``: format(value, spec), which CPython's f-string calls."""
    spec_node = py_ast.copy_location(py_ast.JoinedStr(values=[py_ast.Constant(spec)]), value) if spec else None
    piece = py_ast.copy_location(py_ast.FormattedValue(value=value, conversion=-1, format_spec=spec_node), value)
    return py_ast.copy_location(py_ast.JoinedStr(values=[piece]), value)


def _hash_help(ty: Type) -> str:
    if ty == FLOAT:
        return "CPython hashes a NaN by its address: hash an int instead, e.g. hash(int(x))"
    if ty == NONE or isinstance(ty, ClassType):
        return ("CPython hashes this by its address, which differs from run to run: "
                "define __hash__ on the class, or hash a field")
    return ("CPython hashes str and bytes with a seed chosen per process (PYTHONHASHSEED), so no two "
            "runs agree: hash an int, or use hashlib for a stable digest")
