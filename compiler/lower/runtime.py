"""Runtime helpers every program may call: CPython's int semantics on i64.

Problem: wasm integer instructions wrap and truncate toward zero; CPython's ints
never overflow and floor toward minus infinity. These helpers give CPython's
results on int64 and *trap* where CPython would need a bigger int or raises.
Each trap goes through a function named after the Python exception
(``OverflowError``, ``ZeroDivisionError``, ...), so the wasm backtrace Envoy
logs says which error it was. The emitter drops the helpers a program never
calls.
"""
from __future__ import annotations

from .. import ir
from .exceptions import EXCEPTIONS

INT64_MIN = -(1 << 63)

TRAPS = ("OverflowError", "ZeroDivisionError", "ValueError", "IndexError", "KeyError",
         "AssertionError", "MemoryError", "TypeError", "RuntimeError", "UnicodeDecodeError",
         "NegativePowerError", "RecursionError")


def _fn(symbol: str, params: str, result: str, body: list, locals_: str = "") -> ir.Function:
    def pairs(spec: str) -> list[tuple[str, str]]:
        return [tuple(item.split(":")) for item in spec.split()]  # type: ignore[misc]
    return ir.Function(symbol, pairs(params), [result] if result else [], pairs(locals_), body)


def _if_trap(condition: list, trap: str) -> list:
    return [*condition, ("if", "trap", None), ("call", trap), ("end",)]


def _get(*names: str) -> list:
    return [("local.get", n) for n in names]


# Stand-ins the runtime checks call, each named after its exception (plus the check it serves)
# so a trap's backtrace names it: each raises through compiler/runtime/exceptions.py with
# CPython's message. The rest of TRAPS stay plain traps: memory exhaustion and an
# int ** negative int (a float in CPython) cannot be caught.
STAND_INS = {
    "OverflowError": "overflow_error", "OverflowError.infinity": "infinity_to_int_error",
    "ZeroDivisionError": "zero_division_error",
    "ZeroDivisionError.modulo": "zero_modulo_error", "ZeroDivisionError.power": "zero_power_error",
    "ZeroDivisionError.float": "float_division_error", "ValueError": "value_error",
    "ValueError.shift": "negative_shift_error", "ValueError.nan": "nan_to_int_error",
    "ValueError.len": "negative_len_error", "ValueError.byte": "byte_range_error",
    "IndexError": "index_error", "KeyError": "key_error", "TypeError": "missing_default_error",
    "RuntimeError": "dict_changed_error", "AssertionError": "assertion_error",
    "RecursionError": "recursion_error",
}


def helpers() -> list[ir.Function]:
    functions = [_fn(name, "", "", [("call", f"{EXCEPTIONS}.{raiser}")]) for name, raiser in STAND_INS.items()]
    functions += [_fn(name, "", "", [("unreachable",)]) for name in TRAPS if name not in STAND_INS]
    functions += [_add(), _sub(), _neg(), _mul(), _floordiv(), _mod(), _pow(), _lshift(),
                  _rshift(), _abs(), _to_i32(), _bytes_index(), _range_length(), _fdiv(), _float_to_int()]
    return functions


def _add() -> ir.Function:
    # Signed overflow iff both operands differ in sign from the result.
    body = [*_get("a", "b"), ("i64.add",), ("local.set", "r"),
            *_if_trap([*_get("a", "r"), ("i64.xor",), *_get("b", "r"), ("i64.xor",), ("i64.and",),
                       ("i64.const", 0), ("i64.lt_s",)], "OverflowError"),
            *_get("r")]
    return _fn("rt.add", "a:i64 b:i64", "i64", body, "r:i64")


def _sub() -> ir.Function:
    body = [*_get("a", "b"), ("i64.sub",), ("local.set", "r"),
            *_if_trap([*_get("a", "b"), ("i64.xor",), *_get("a", "r"), ("i64.xor",), ("i64.and",),
                       ("i64.const", 0), ("i64.lt_s",)], "OverflowError"),
            *_get("r")]
    return _fn("rt.sub", "a:i64 b:i64", "i64", body, "r:i64")


def _neg() -> ir.Function:
    body = [*_if_trap([*_get("a"), ("i64.const", INT64_MIN), ("i64.eq",)], "OverflowError"),
            ("i64.const", 0), *_get("a"), ("i64.sub",)]
    return _fn("rt.neg", "a:i64", "i64", body)


def _mul() -> ir.Function:
    # a == -1 is special-cased so that the division check below cannot trap.
    body = [*_get("a"), ("i64.const", -1), ("i64.eq",), ("if", "minus_one", None),
            *_get("b"), ("call", "rt.neg"), ("return",), ("end",),
            *_get("a", "b"), ("i64.mul",), ("local.set", "r"),
            *_get("a"), ("i64.const", 0), ("i64.ne",), ("if", "check", None),
            *_if_trap([*_get("r", "a"), ("i64.div_s",), *_get("b"), ("i64.ne",)], "OverflowError"),
            ("end",), *_get("r")]
    return _fn("rt.mul", "a:i64 b:i64", "i64", body, "r:i64")


def _nonzero_divisor(trap: str = "ZeroDivisionError") -> list:
    return _if_trap([*_get("b"), ("i64.eqz",)], trap)


def _floordiv() -> ir.Function:
    # Truncation rounds toward zero; floor is one less when the signs differ
    # and the division leaves a remainder.
    body = [*_nonzero_divisor(),
            *_get("b"), ("i64.const", -1), ("i64.eq",), ("if", "minus_one", None),
            *_get("a"), ("call", "rt.neg"), ("return",), ("end",),
            *_get("a", "b"), ("i64.div_s",),
            *_get("a", "b"), ("i64.rem_s",), ("i64.const", 0), ("i64.ne",),
            *_get("a", "b"), ("i64.xor",), ("i64.const", 0), ("i64.lt_s",), ("i32.and",),
            ("i64.extend_i32_u",), ("i64.sub",)]
    return _fn("rt.floordiv", "a:i64 b:i64", "i64", body)


def _mod() -> ir.Function:
    body = [*_nonzero_divisor("ZeroDivisionError.modulo"),
            *_get("b"), ("i64.const", -1), ("i64.eq",), ("if", "minus_one", None),
            ("i64.const", 0), ("return",), ("end",),
            *_get("a", "b"), ("i64.rem_s",), ("local.set", "r"),
            # A non-zero remainder takes the divisor's sign in Python.
            *_get("r"), ("i64.const", 0), ("i64.ne",),
            *_get("r", "b"), ("i64.xor",), ("i64.const", 0), ("i64.lt_s",), ("i32.and",),
            ("if", "adjust", None), *_get("r", "b"), ("i64.add",), ("local.set", "r"), ("end",),
            *_get("r")]
    return _fn("rt.mod", "a:i64 b:i64", "i64", body, "r:i64")


def _pow() -> ir.Function:
    # Square-and-multiply with checked products; squaring only while bits remain,
    # so an overflow there means the final result would overflow too.
    # A negative exponent gives a float in CPython (we trap), or ZeroDivisionError for 0.
    body = [*_get("e"), ("i64.const", 0), ("i64.lt_s",), ("if", "negative", None),
            *_if_trap([*_get("a"), ("i64.eqz",)], "ZeroDivisionError.power"),
            ("call", "NegativePowerError"), ("end",),
            ("i64.const", 1), ("local.set", "r"),
            ("block", "done", None), ("loop", "next", None),
            *_get("e"), ("i64.eqz",), ("br_if", "done"),
            *_get("e"), ("i64.const", 1), ("i64.and",), ("i32.wrap_i64",),
            ("if", "odd", None), *_get("r", "a"), ("call", "rt.mul"), ("local.set", "r"), ("end",),
            *_get("e"), ("i64.const", 1), ("i64.shr_s",), ("local.tee", "e"), ("i64.eqz",), ("br_if", "done"),
            *_get("a", "a"), ("call", "rt.mul"), ("local.set", "a"),
            ("br", "next"), ("end",), ("end",), *_get("r")]
    return _fn("rt.pow", "a:i64 e:i64", "i64", body, "r:i64")


def _negative_shift() -> list:
    return _if_trap([*_get("n"), ("i64.const", 0), ("i64.lt_s",)], "ValueError.shift")


def _lshift() -> ir.Function:
    body = [*_negative_shift(),
            *_get("a"), ("i64.eqz",), ("if", "zero", None), ("i64.const", 0), ("return",), ("end",),
            *_if_trap([*_get("n"), ("i64.const", 63), ("i64.gt_s",)], "OverflowError"),
            *_get("a", "n"), ("i64.shl",), ("local.set", "r"),
            *_if_trap([*_get("r", "n"), ("i64.shr_s",), *_get("a"), ("i64.ne",)], "OverflowError"),
            *_get("r")]
    return _fn("rt.lshift", "a:i64 n:i64", "i64", body, "r:i64")


def _rshift() -> ir.Function:
    # Python shifts by any count; beyond 63 the sign fills everything.
    body = [*_negative_shift(),
            *_get("a"), *_get("n"), ("i64.const", 63), *_get("n"), ("i64.const", 63), ("i64.lt_s",),
            ("select",), ("i64.shr_s",)]
    return _fn("rt.rshift", "a:i64 n:i64", "i64", body)


def _abs() -> ir.Function:
    body = [*_get("a"), ("i64.const", 0), ("i64.lt_s",), ("if", "negative", None),
            *_get("a"), ("call", "rt.neg"), ("return",), ("end",), *_get("a")]
    return _fn("rt.abs", "a:i64", "i64", body)


def _to_i32() -> ir.Function:
    # Accepts both the signed and the unsigned reading of a 32-bit value.
    body = [*_if_trap([*_get("v"), ("i64.const", -(1 << 31)), ("i64.lt_s",),
                       *_get("v"), ("i64.const", 1 << 32), ("i64.ge_s",), ("i32.or",)], "OverflowError"),
            *_get("v"), ("i32.wrap_i64",)]
    return _fn("rt.to_i32", "v:i64", "i32", body)


def _bytes_index() -> ir.Function:
    # b[i] with Python's negative indices; out of range raises IndexError. 0 <= i < n first:
    # the common case returns after one unsigned test (n is read again off it: one less instruction).
    load = [*_get("b"), *_get("i"), ("i32.wrap_i64",), ("i32.add",), ("i32.load8_u", 16), ("i64.extend_i32_u",)]
    body = [*_get("i", "b"), ("i64.load32_u", 8), ("i64.lt_u",), ("if", "fast", None),
            *load, ("return",), ("end",),
            *_get("b"), ("i64.load32_u", 8), ("local.set", "n"),
            *_get("i"), ("i64.const", 0), ("i64.lt_s",), ("if", "negative", None),
            *_get("i", "n"), ("i64.add",), ("local.set", "i"), ("end",),
            *_if_trap([*_get("i", "n"), ("i64.ge_u",)], "IndexError"), *load]
    return _fn("rt.bytes_index", "b:i32 i:i64", "i64", body, "n:i64")


def _range_length() -> ir.Function:
    # len(range(start, stop, step)), computed unsigned so no difference can overflow.
    def count(high: str, low: str, step: list) -> list:
        return [*_get(low, high), ("i64.lt_s",), ("if", "nonempty", "i64"),
                *_get(high, low), ("i64.sub",), ("i64.const", 1), ("i64.sub",), *step,
                ("i64.div_u",), ("i64.const", 1), ("i64.add",), ("else",), ("i64.const", 0), ("end",)]
    body = [*_if_trap([*_get("step"), ("i64.eqz",)], "ValueError"),
            *_get("step"), ("i64.const", 0), ("i64.gt_s",), ("if", "up", "i64"),
            *count("stop", "start", _get("step")), ("else",),
            *count("start", "stop", [("i64.const", 0), *_get("step"), ("i64.sub",)]), ("end",)]
    return _fn("rt.range_length", "start:i64 stop:i64 step:i64", "i64", body)


def _fdiv() -> ir.Function:
    body = [*_if_trap([*_get("b"), ("f64.const", 0.0), ("f64.eq",)], "ZeroDivisionError.float"),
            *_get("a", "b"), ("f64.div",)]
    return _fn("rt.fdiv", "a:f64 b:f64", "f64", body)


def _float_to_int() -> ir.Function:
    # int(x): NaN raises ValueError; beyond int64 CPython builds a bigger int, we trap.
    body = [*_if_trap([*_get("x", "x"), ("f64.ne",)], "ValueError.nan"),
            *_if_trap([*_get("x"), ("f64.abs",), ("f64.const", float("inf")), ("f64.eq",)], "OverflowError.infinity"),
            *_if_trap([*_get("x"), ("f64.const", 9223372036854775808.0), ("f64.ge",),
                       *_get("x"), ("f64.const", -9223372036854775808.0), ("f64.lt",), ("i32.or",)],
                      "OverflowError"),
            *_get("x"), ("i64.trunc_f64_s",)]
    return _fn("rt.float_to_int", "x:f64", "i64", body)
