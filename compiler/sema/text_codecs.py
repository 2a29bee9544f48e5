"""``s.encode(encoding, errors)`` and ``b.decode(encoding, errors)`` (mixed into
sema.check_calls.CallChecker): the encoding and error handler must be str literals, so the codec
is chosen here. UTF-8 encoding (which never fails: a str here holds no lone surrogate) and strict
UTF-8 decoding keep the plain methods of runtime/str_utf8.py; ascii, latin-1 and the other handlers
call compiler/runtime/codecs_text.py. Other codecs, and ``surrogateescape`` decoding (it makes lone
surrogates, which a str here cannot hold), are located compile errors.
"""
from __future__ import annotations

import ast as py_ast
import codecs

from ..program import Type

RUNTIME = "compiler.runtime.codecs_text"
CODECS = {"utf-8": "utf-8", "ascii": "ascii", "iso8859-1": "latin-1"}  # codecs.lookup()'s name: CPython's in messages
LIMITS = {"ascii": 128, "latin-1": 256}
DECODE_HANDLERS = ("strict", "replace", "ignore", "backslashreplace", "surrogateescape")
ENCODE_HANDLERS = DECODE_HANDLERS + ("xmlcharrefreplace",)


class CodecChecks:
    def codec_call(self, node: py_ast.Call, func: py_ast.Attribute) -> Type | None:
        """The checked call, or None where it is the plain strict UTF-8 method (arguments dropped).
        The plan is kept on the node: a call may be checked again (inside repr(), ...)."""
        plan = getattr(node, "codec_plan", None)
        if plan is None:
            plan = node.codec_plan = self.codec_plan(node, func)
            node.args, node.keywords = [], []  # the runtime function's arguments are all positional
        if plan[0] is None:
            return None
        return self.runtime_call(node, func.attr, f"{RUNTIME}.{plan[0]}", [func.value, *plan[1]])

    def codec_plan(self, node: py_ast.Call, func: py_ast.Attribute) -> tuple[str | None, list[py_ast.expr]]:
        """The runtime function and its arguments after the text, or None for the plain method."""
        encoding, errors = self.codec_arguments(node, func.attr)
        codec = self.codec_named(node, encoding)
        encode = func.attr == "encode"
        handlers = ENCODE_HANDLERS if encode else DECODE_HANDLERS
        if errors not in handlers:
            raise self.fail(node, f"the error handler {errors!r} is not supported",
                            "use one of " + ", ".join(repr(h) for h in handlers))
        if encode and errors == "surrogateescape":
            errors = "strict"  # it only maps lone surrogates back to bytes: a str here has none
        if codec == "utf-8" and (encode or errors == "strict"):
            return None, []
        if errors == "surrogateescape" and codec != "latin-1":
            raise self.fail(node, "decoding with errors='surrogateescape' makes lone surrogates, which a str here "
                                  "cannot hold", "decode with errors='backslashreplace', or keep the bytes")
        if encode:
            return "encode_limited", [_const(LIMITS[codec], node), _const(codec, node), _const(errors, node)]
        if codec == "latin-1":
            return "latin1_decode", []
        return ("ascii_decode" if codec == "ascii" else "utf8_decode"), [_const(errors, node)]

    def codec_arguments(self, node: py_ast.Call, method: str) -> tuple[str, str]:
        values = {"encoding": "utf-8", "errors": "strict"}
        named = list(zip(("encoding", "errors"), node.args)) + [(k.arg, k.value) for k in node.keywords]
        if len(node.args) > 2 or any(name not in values for name, _ in named) \
                or len({name for name, _ in named}) != len(named):
            raise self.fail(node, f"{method}() takes an encoding and an error handler",
                            f"{method}('utf-8', errors='replace')")
        for name, value in named:
            if not (isinstance(value, py_ast.Constant) and isinstance(value.value, str)):
                raise self.fail(value, f"the {name} of {method}() must be a str literal here",
                                f"write it in the call: {method}('latin-1', errors='replace')")
            values[name] = value.value
        return values["encoding"], values["errors"]

    def codec_named(self, node: py_ast.Call, encoding: str) -> str:
        try:
            name = codecs.lookup(encoding).name
        except LookupError:
            raise self.fail(node, f"unknown encoding: {encoding}", "use 'utf-8', 'ascii' or 'latin-1'") from None
        if name not in CODECS:
            raise self.fail(node, f"the codec {name!r} is not supported", "use 'utf-8', 'ascii' or 'latin-1'")
        return CODECS[name]


def _const(value: object, where: py_ast.AST) -> py_ast.Constant:
    return py_ast.copy_location(py_ast.Constant(value=value), where)
