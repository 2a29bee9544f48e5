"""A handler nested in a handler that reuses its ``as`` name: CPython deletes the name when the
inner handler ends, so the outer handler's later read of ``e`` raises UnboundLocalError when the
inner handler ran. The compiler accepts the read and gives the outer exception's message
(``len("'a'")`` = 3). The fix is a located compile error at the read (``local variable 'e' may
be used before it is assigned``), as for ``e`` read after its own handler or an int local
rebound by ``except ... as``; once refused, this program belongs in a diagnostics test, not the
corpus. Found by tests/compiler/fuzz_exceptions.py.
"""
from abi import export


@export
def shadow_exc(x: int) -> int:
    try:
        raise KeyError("a")
    except KeyError as e:
        try:
            if x > 0:
                raise ValueError("!v")
        except ValueError as e:
            pass
        return len(str(e))  # CPython, x > 0: UnboundLocalError; compiled: 3
