"""A format spec on an exception in an f-string: CPython's ``f"{e:>10}"`` raises TypeError
(``unsupported format string passed to ValueError.__format__``: exceptions format only with an
empty spec); the compiled module pads the message to 10 characters and goes on. A silent
difference: the fix is a located compile error for a non-empty spec on an exception (or a
TypeError at run time). Found while probing what the program fuzzer
(tests/compiler/fuzz_exceptions.py) does not generate.
"""
from abi import export


@export
def format_spec(x: int) -> int:
    try:
        raise ValueError("!abc")
    except ValueError as e:
        return len(f"{e:>10}")  # CPython: TypeError; compiled: 10


@export
def format_spec_caught(x: int) -> int:
    try:
        try:
            raise KeyError("k")
        except KeyError as e:
            return len(f"[{e:<4}]") + x
    except TypeError:
        return -1
