"""Comparisons, chained comparisons, and/or/not and conditional expressions.

``trace`` records which operands were evaluated and in which order
(base-5 digits), to prove chained comparisons evaluate each middle operand
once and that and/or/if-else skip what they should.
"""
from abi import export

INT64_MIN = -9223372036854775807 - 1

trace = 0


def note(v: int, tag: int) -> int:
    global trace
    trace = trace * 5 + tag
    return v


def note_bool(v: bool, tag: int) -> bool:
    global trace
    trace = trace * 5 + tag
    return v


@export
def lt(a: int, b: int) -> bool:
    return a < b


@export
def le(a: int, b: int) -> bool:
    return a <= b


@export
def gt(a: int, b: int) -> bool:
    return a > b


@export
def ge(a: int, b: int) -> bool:
    return a >= b


@export
def eq(a: int, b: int) -> bool:
    return a == b


@export
def ne(a: int, b: int) -> bool:
    return a != b


@export
def all_compares(a: int, b: int) -> int:
    return (int(a < b) + int(a <= b) * 2 + int(a > b) * 4 + int(a >= b) * 8
            + int(a == b) * 16 + int(a != b) * 32)


@export
def chain3(a: int, b: int, c: int) -> bool:
    return a < b <= c


@export
def chain4(a: int, b: int, c: int) -> bool:
    return a <= b < c != a


@export
def chain_eq(a: int, b: int, c: int) -> bool:
    return a == b == c


@export
def chain_mixed(a: int, b: int, c: int) -> bool:
    return a > b >= c < a != b


@export
def chain_trace(a: int, b: int, c: int) -> int:
    global trace
    trace = 0
    r = note(a, 1) < note(b, 2) < note(c, 3)
    return trace * 2 + int(r)


@export
def chain4_trace(a: int, b: int, c: int) -> int:
    global trace
    trace = 0
    r = note(a, 1) <= note(b, 2) <= note(c, 3) <= note(a, 4)
    return trace * 2 + int(r)


@export
def bool_compare(p: bool, q: bool) -> int:
    return int(p < q) + int(p <= q) * 2 + int(p == q) * 4 + int(p > q) * 8 + int(p != q) * 16


@export
def bool_int_compare(p: bool, a: int) -> int:
    return int(p == a) + int(p < a) * 2 + int(a <= p) * 4 + int(True == 1) * 8 + int(False < p <= a) * 16


@export
def and_int(a: int, b: int) -> int:
    return a and b


@export
def or_int(a: int, b: int) -> int:
    return a or b


@export
def or_chain(a: int, b: int, c: int) -> int:
    return a or b or c


@export
def and_chain(a: int, b: int, c: int) -> int:
    return a and b and c


@export
def and_or(a: int, b: int, c: int) -> int:
    return a and b or c


@export
def or_and(a: int, b: int, c: int) -> int:
    return a or b and c


@export
def and_bool(p: bool, q: bool) -> bool:
    return p and q


@export
def or_bool(p: bool, q: bool) -> bool:
    return p or q


@export
def not_int(a: int) -> bool:
    return not a


@export
def not_not(a: int) -> bool:
    return not not a


@export
def not_bool(p: bool) -> bool:
    return not p


@export
def not_compare(a: int, b: int) -> bool:
    return not a < b and not a == b


@export
def short_circuit_trace(a: int, b: int) -> int:
    global trace
    trace = 0
    r = note(a, 1) and note(b, 2)
    s = note(a, 3) or note(b, 4)
    return trace * 4 + int(r != 0) * 2 + int(s != 0)


@export
def short_circuit_bool_trace(p: bool, q: bool) -> int:
    global trace
    trace = 0
    r = note_bool(p, 1) and note_bool(q, 2) or note_bool(p, 3)
    return trace * 2 + int(r)


@export
def guarded_div(a: int, b: int) -> bool:
    return b != 0 and a % b > 2


@export
def guarded_div_or(a: int, b: int) -> bool:
    return b == 0 or a % b == 0


@export
def guarded_neg(a: int) -> bool:
    return a == INT64_MIN or -a > 5


@export
def ifexp(p: bool, a: int, b: int) -> int:
    return a if p else b


@export
def ifexp_int_test(a: int, b: int) -> int:
    return b if a else -b


@export
def ifexp_nested(a: int, b: int) -> int:
    return -1 if a < b else 0 if a == b else 1


@export
def ifexp_lazy(a: int, b: int) -> int:
    return a // b if b != 0 else a % 1000 if a > 0 else -a


@export
def ifexp_trace(a: int, b: int) -> int:
    global trace
    trace = 0
    r = note(a, 1) if note(b, 2) else note(-1, 3)
    return trace * 10 + (r % 7)


@export
def ifexp_bool(p: bool, q: bool) -> bool:
    return q if p else not q


@export
def compare_in_if(a: int, b: int, c: int) -> int:
    if a < b < c:
        return 1
    elif a >= b >= c:
        return 2
    elif a == c:
        return 3
    return 4


@export
def bool_from_compare(a: int) -> int:
    flag = a > 10
    other: bool = a % 2 == 0
    both = flag and other
    either = flag or other
    return int(both) * 2 + int(either)


@export
def chain_bool_int(p: bool, q: bool, a: int) -> bool:
    return p <= q < a


@export
def chain_bools(p: bool, q: bool, r: bool) -> bool:
    return p < q == r


@export
def compare_arith(a: int, b: int) -> int:
    return (a < b) + (a > b) * 2 + (a == b) - (b < a)


@export
def nested_boolops(a: int, b: int, c: int) -> int:
    return (a or b) and (b or c) or (a and c)


@export
def not_mixed(a: int, b: int) -> bool:
    return not (a and b) or not a or (not b and a > 0)
