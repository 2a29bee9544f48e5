"""Raising inside handlers and around them: nested try; a handler that raises a new exception
(not caught by its own try's other clauses); bare ``raise`` (also after a nested handler has
finished); ``raise X from Y`` and ``from None``; raising a class instead of an instance; an
exception raised in ``finally`` replaces the pending one; one raised in ``else`` is not caught by
the same try's handlers; work done before a raise stays done; one name bound by two handlers of
different exception types. ``e.__cause__`` as CPython sets it (``from cause``, ``from None``, a
class as the cause, kept by the object when it is raised again), ``e.__class__.__name__``, and
``f"{e!a}"``. ``e.__context__`` and ``__suppress_context__`` as CPython sets them: nested handlers,
a raise in a function called from a handler (also by the runtime), re-raising (a bare raise, an
exception already in the chain), ``from None``, a ``finally`` run by an exception, and none after
a handler or finally has ended (at its end, by return/break/continue, or by an exception).

``fail(kind)`` raises one of eight built-in exceptions (kind % 9 == 0 returns normally);
``trace`` records which code ran, one digit per step (``note``).
"""
from abi import export

trace = 0


def note(tag: int) -> None:
    global trace
    trace = trace * 10 + tag


def fail(kind: int) -> int:
    k = kind % 9
    if k == 1:
        raise ValueError("value")
    if k == 2:
        raise KeyError("key")
    if k == 3:
        raise IndexError("index")
    if k == 4:
        raise ZeroDivisionError("zero")
    if k == 5:
        raise OverflowError("overflow")
    if k == 6:
        raise TypeError("type")
    if k == 7:
        raise RuntimeError("runtime")
    if k == 8:
        raise AssertionError("assertion")
    return kind % 1000


@export
def nested_try(kind: int) -> int:
    try:
        note(1)
        try:
            note(2)
            fail(kind)
            note(3)
        except IndexError:
            note(4)
        note(5)
    except Exception:
        note(6)
    note(7)
    return trace


@export
def handler_raises_new(kind: int) -> int:
    """The KeyError raised in the ValueError handler skips the sibling KeyError clause."""
    try:
        try:
            fail(kind)
            note(1)
        except ValueError:
            note(2)
            raise KeyError("from handler")
        except KeyError:
            note(3)
        note(4)
    except KeyError:
        note(5)
    except Exception:
        note(6)
    return trace


@export
def bare_reraise(kind: int) -> int:
    try:
        try:
            fail(kind)
            note(1)
        except Exception:
            note(2)
            raise
    except ValueError:
        note(3)
    except LookupError:
        note(4)
    except Exception:
        note(5)
    return trace


@export
def reraise_after_inner_handled(p: bool) -> int:
    """After a nested handler finishes, bare ``raise`` re-raises the outer exception again."""
    try:
        try:
            raise ValueError("outer")
        except ValueError:
            try:
                if p:
                    raise KeyError("inner")
                note(1)
            except KeyError:
                note(2)
            raise
    except KeyError:
        note(3)
    except ValueError:
        note(4)
    return trace


@export
def raise_from_cause(kind: int) -> int:
    try:
        try:
            fail(kind)
            note(1)
        except (ValueError, KeyError) as err:
            note(2)
            raise RuntimeError("wrapped") from err
    except RuntimeError:
        note(3)
    except Exception:
        note(4)
    return trace


@export
def raise_from_none(p: bool) -> int:
    try:
        try:
            if p:
                raise IndexError("first")
        except IndexError:
            raise ValueError("second") from None
    except ValueError:
        return 1
    return 0


@export
def raise_class_not_instance(kind: int) -> int:
    try:
        if kind % 2 == 0:
            raise ValueError
        raise KeyError
    except ValueError:
        return 1
    except KeyError:
        return 2


@export
def side_effects_before_raise_stay(kind: int) -> int:
    """What ran before the raise (note(1) here, note(3) in the callee) is not undone."""
    try:
        note(1)
        stepped_fail(kind)
    except Exception:
        note(2)
    return trace


def stepped_fail(kind: int) -> int:
    note(3)
    r = fail(kind)
    note(4)
    return r


@export
def raise_in_finally_replaces(p: bool) -> int:
    try:
        try:
            if p:
                raise ValueError("pending")
            note(1)
        finally:
            note(2)
            raise KeyError("replacement")
    except ValueError:
        note(3)
    except KeyError:
        note(4)
    return trace


@export
def raise_in_else_not_caught_here(p: bool) -> int:
    try:
        try:
            note(1)
        except ValueError:
            note(2)
        else:
            note(3)
            if p:
                raise ValueError("from else")
        finally:
            note(4)
    except ValueError:
        note(5)
    return trace


@export
def one_name_two_handler_types(kind: int) -> int:
    """``err`` is a ValueError in one handler and a KeyError in the next."""
    total = 0
    try:
        fail(kind % 3)
    except ValueError as err:
        total += len(str(err))
    except KeyError as err:
        total += len(str(err)) * 100
    try:
        fail(2 if kind % 2 == 0 else 1)
    except KeyError as err:
        total += len(str(err)) * 10000
    except ValueError as err:
        total += len(str(err)) * 1000000
    return total


def text_hash(s: str) -> int:
    h = 0
    for c in s:
        h = (h * 31 + ord(c)) & 0xFFFFFFFF
    return h


def chained(kind: int) -> None:
    try:
        fail(kind)
    except Exception as cause:
        if kind % 4 == 0:
            raise RuntimeError("chained") from cause
        if kind % 4 == 1:
            raise RuntimeError("hidden") from None
        if kind % 4 == 2:
            raise RuntimeError from KeyError
        raise RuntimeError("implicit")


@export
def cause_read(kind: int) -> int:
    try:
        chained(kind)
        return 0
    except RuntimeError as err:
        cause = err.__cause__
        if cause is None:
            return -text_hash(str(err))
        return text_hash(str(cause)) + 3 * text_hash(repr(cause)) + 5 * text_hash(cause.__class__.__name__)


@export
def cause_kept_when_raised_again(kind: int) -> int:
    saved: BaseException | None = None
    try:
        chained(kind)
    except RuntimeError as err:
        saved = err
    if saved is None:
        return 0
    try:
        raise saved
    except RuntimeError as again:
        return 1 if again.__cause__ is None else text_hash(str(again.__cause__))


@export
def class_name_and_ascii(kind: int) -> int:
    try:
        fail(kind)
        return 0
    except Exception as err:
        shown = f"{err.__class__.__name__}: {err!a}|{err!a:>30}"
        try:
            raise ValueError("é😀ü" + str(kind % 3))
        except ValueError as wide:
            return text_hash(shown) + text_hash(f"{wide!a}") + text_hash(f"{wide.__class__.__name__}")


def context_chain(err: BaseException) -> str:
    """The __context__ links from err: class, message, '!' where __suppress_context__, the cause."""
    text = ""
    link: BaseException | None = err
    steps = 0
    while link is not None and steps < 6:
        cause = link.__cause__
        text += link.__class__.__name__ + ":" + str(link) + ("!" if link.__suppress_context__ else "")
        text += ("<" + str(cause) if cause is not None else "") + ";"
        link = link.__context__
        steps += 1
    return text


@export
def context_nested(kind: int) -> int:
    try:
        try:
            fail(kind)
            return 0
        except Exception:
            try:
                raise KeyError("inner")
            except KeyError:
                if kind % 2 == 0:
                    raise ValueError("from inner")
            raise RuntimeError("after inner")
    except Exception as err:
        return text_hash(context_chain(err))


def helper_raises(kind: int) -> None:
    if kind % 3 == 0:
        raise IndexError("helper")
    items = [1]
    items[kind % 3] = 2


@export
def context_from_callee(kind: int) -> int:
    try:
        try:
            fail(kind)
        except Exception:
            helper_raises(kind)
        return 0
    except Exception as err:
        return text_hash(context_chain(err))


@export
def context_reraise(kind: int) -> int:
    try:
        try:
            fail(kind)
            return 0
        except Exception as first:
            try:
                raise KeyError("second")
            except KeyError:
                if kind % 3 == 0:
                    raise
                if kind % 3 == 1:
                    raise first
            raise first
    except Exception as err:
        return text_hash(context_chain(err))


@export
def context_of_chained(kind: int) -> int:
    try:
        chained(kind)
        return 0
    except RuntimeError as err:
        return text_hash(context_chain(err))


def swallow_by_return(kind: int) -> int:
    try:
        fail(kind)
    except Exception:
        return 1
    return 0


def swallow_in_loop(kind: int) -> int:
    count = 0
    for i in range(4):
        try:
            fail(kind + i)
        except Exception:
            count += 1
            if i % 2 == 0:
                continue
            break
    return count


@export
def context_after_handlers(kind: int) -> int:
    swallow_by_return(kind)
    swallow_in_loop(kind)
    try:
        try:
            fail(kind)
        except Exception:
            raise KeyError("escape")
    except KeyError:
        pass
    try:
        raise ValueError("later")
    except ValueError as err:
        return 1 if err.__context__ is None else 2


@export
def context_in_finally(kind: int) -> int:
    try:
        try:
            fail(kind)
        finally:
            if kind % 2 == 0:
                raise RuntimeError("in finally")
        return 0
    except Exception as err:
        return text_hash(context_chain(err))


@export
def context_after_finally(kind: int) -> int:
    try:
        try:
            fail(kind)
        finally:
            kind += 1
    except Exception:
        pass
    try:
        raise ValueError("later")
    except ValueError as err:
        return 1 if err.__context__ is None else 2


def finally_returns(kind: int) -> int:
    for i in range(2):
        try:
            fail(kind + i)
        finally:
            if i == 0:
                continue
            return i
    return -1


@export
def context_after_finally_jumps(kind: int) -> int:
    finally_returns(kind)
    try:
        raise ValueError("later")
    except ValueError as err:
        return 1 if err.__context__ is None else 2


@export
def cause_assigned(kind: int) -> int:
    err = ValueError("x")
    before = err.__suppress_context__
    if kind % 2 == 0:
        err.__cause__ = KeyError("k")
    else:
        err.__cause__ = None
    return (1 if before else 0) + (2 if err.__suppress_context__ else 0) + (4 if err.__cause__ is None else 0)


@export
def optional_cause_text(kind: int) -> int:
    """str() and f-strings of e.__cause__ without narrowing it: 'None' or the cause's str."""
    try:
        chained(kind)
        return 0
    except RuntimeError as err:
        return text_hash(str(err.__cause__)) + 3 * text_hash(f"{err.__cause__}|{err.__cause__!s}")
