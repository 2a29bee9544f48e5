"""``else`` and ``finally``: the order in which try / except / else / finally bodies run, proved by
``trace`` (one digit appended per step). ``finally`` runs on normal exit, on an exception (caught
or propagating), on return / break / continue out of the try body and out of a handler; a
``return`` in ``finally`` overrides the pending return or swallows the pending exception; a
return value is computed before ``finally`` runs; ``else`` is skipped by a return from the try
body. (A raise in ``finally`` or ``else`` is in exc_raise.py.)
"""
from abi import export

trace = 0


def note(tag: int) -> None:
    global trace
    trace = trace * 10 + tag


def maybe_fail(k: int) -> None:
    if k == 1:
        raise ValueError("one")
    if k == 2:
        raise KeyError("two")


@export
def finally_normal_exit(a: int) -> int:
    try:
        note(1)
    finally:
        note(2)
    note(3)
    return trace


@export
def try_except_else_finally(kind: int) -> int:
    """k 0: try, else, finally; k 1: try, handler, finally; k 2: the KeyError propagates."""
    try:
        try:
            note(1)
            maybe_fail(kind % 3)
            note(2)
        except ValueError:
            note(3)
        else:
            note(4)
        finally:
            note(5)
        note(6)
    except KeyError:
        note(7)
    return trace


def unwinds_through_finally(k: int) -> int:
    try:
        note(2)
        maybe_fail(k)
        note(3)
    finally:
        note(4)
    note(5)
    return 0


@export
def finally_on_propagation(kind: int) -> int:
    """The callee's finally runs before the caller's handler."""
    note(1)
    try:
        unwinds_through_finally(kind % 3)
    except (ValueError, KeyError):
        note(6)
    return trace


def returns_in_try() -> int:
    try:
        note(1)
        return trace  # 1: evaluated before the finally body runs
    finally:
        note(2)


@export
def return_from_try_runs_finally() -> int:
    r = returns_in_try()
    return r * 1000 + trace


def returns_in_handler(k: int) -> int:
    try:
        note(1)
        maybe_fail(k)
        note(2)
    except ValueError:
        note(3)
        return trace
    finally:
        note(4)
    note(5)
    return -trace


@export
def return_from_handler_runs_finally(kind: int) -> int:
    r = 0
    try:
        r = returns_in_handler(kind % 3)
    except KeyError:
        note(6)
    return r * 100000 + trace


@export
def break_from_try_runs_finally(n: int) -> int:
    stop = n % 4
    for i in range(4):
        try:
            note(1)
            if i == stop:
                break
            note(2)
        finally:
            note(3)
    return trace


@export
def continue_from_try_runs_finally(n: int) -> int:
    skip = n % 4
    for i in range(4):
        try:
            if i == skip:
                continue
            note(1)
        finally:
            note(2)
    return trace


@export
def break_from_handler_runs_finally(n: int) -> int:
    stop = n % 3
    i = 0
    while i < 3:
        try:
            if i == stop:
                raise ValueError("stop")
            note(1)
        except ValueError:
            note(2)
            break
        finally:
            note(3)
        i += 1
    return trace * 10 + i


@export
def continue_from_handler_runs_finally(n: int) -> int:
    skip = n % 4
    for i in range(4):
        try:
            if i == skip:
                raise IndexError("skip")
            note(1)
        except IndexError:
            note(2)
            continue
        finally:
            note(3)
        note(4)
    return trace


def finally_returns(k: int, p: bool) -> int:
    try:
        note(1)
        maybe_fail(k)
        return 10
    finally:
        note(2)
        if p:
            return 20


@export
def return_in_finally_overrides(kind: int, p: bool) -> int:
    """With p the finally's return wins over the try's return and swallows its exception."""
    try:
        r = finally_returns(kind % 3, p)
    except ValueError:
        r = -1
    except KeyError:
        r = -2
    return r * 1000 + trace


@export
def else_skipped_by_return(p: bool) -> int:
    r = else_helper(p)
    return r * 1000 + trace


def else_helper(p: bool) -> int:
    try:
        note(1)
        if p:
            return 1
    except ValueError:
        note(2)
    else:
        note(3)
    finally:
        note(4)
    return 2


@export
def nested_finally_order(kind: int) -> int:
    try:
        try:
            try:
                note(1)
                maybe_fail(kind % 3)
            finally:
                note(2)
        finally:
            note(3)
    except Exception:
        note(4)
    finally:
        note(5)
    return trace


@export
def finally_in_loop_every_iteration(n: int) -> int:
    count = 0
    for i in range(n % 6):
        try:
            if i % 2 == 0:
                raise ValueError("even")
        except ValueError:
            count += 10
        finally:
            count += 1
    return count
