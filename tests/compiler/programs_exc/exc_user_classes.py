"""User-defined exception classes: fields set in ``__init__`` after ``super().__init__(message)``,
caught by their own class and by ``Exception``, fields and methods read in the handler (a method
overridden in a subclass dispatches on the runtime class); a subclass caught by its parent class;
``class MyErr(ValueError): pass`` caught as ValueError and not by a sibling class; a class
constant; an exception built before it is raised, and one whose field the handler changes before
a bare ``raise``; a user exception raised from a built-in one. Classes with their own ``__str__`` (``str(e)``,
``f"{e}"``, caught as ``Exception``, inherited by a subclass, calling ``super().__str__()``) and
``__repr__`` (``repr(e)``, ``f"{e!r}"``; ``str(e)`` stays the message), and lists of exceptions
shown by their items' reprs (classes whose ``__init__`` does not always call ``super().__init__``
are in exc_messages.py, with the other arguments). No user exception leaves an export (the
harness compares built-in exception names only).
"""
from abi import export


def text_hash(s: str) -> int:
    h = 0
    for c in s:
        h = (h * 31 + ord(c)) & 0xFFFFFFFF
    return h


class QuotaError(Exception):
    STATUS = 429

    def __init__(self, message: str, used: int, limit: int) -> None:
        super().__init__(message)
        self.used = used
        self.limit = limit

    def excess(self) -> int:
        return self.used - self.limit


class HardQuotaError(QuotaError):
    STATUS = 503

    def __init__(self, used: int, limit: int) -> None:
        super().__init__(f"hard limit {limit} reached", used, limit)
        self.blocked = True

    def excess(self) -> int:
        return (self.used - self.limit) * 100


class MyErr(ValueError):
    pass


class ParseError(ValueError):
    def __init__(self, position: int) -> None:
        super().__init__(f"parse error at {position}")
        self.position = position


class Quiet(Exception):
    pass


def charge(used: int, limit: int) -> int:
    """Raises QuotaError past the limit and HardQuotaError past twice the limit."""
    if used > 2 * limit:
        raise HardQuotaError(used, limit)
    if used > limit:
        raise QuotaError(f"used {used} of {limit}", used, limit)
    return limit - used


@export
def caught_by_own_class(used: int, limit: int) -> int:
    try:
        return charge(used % 100, limit % 40)
    except QuotaError as err:
        return -(err.used * 1000 + err.limit)


@export
def caught_as_exception(used: int, limit: int) -> int:
    try:
        return charge(used % 100, limit % 40)
    except Exception as err:
        return -text_hash(str(err))


@export
def subclass_caught_by_parent(used: int) -> int:
    """The excess() that runs is the runtime class's; STATUS too."""
    try:
        return charge(used % 100, 20)
    except QuotaError as err:
        return -(err.excess() * 1000 + err.STATUS)


@export
def subclass_clause_first(used: int) -> int:
    try:
        return charge(used % 100, 20)
    except HardQuotaError as hard:
        return -1000000 - hard.used * 10 - int(hard.blocked)
    except QuotaError as soft:
        return -soft.used


@export
def subclass_message(used: int) -> int:
    try:
        return charge(used % 100, 20)
    except QuotaError as err:
        return text_hash(str(err))


@export
def myerr_as_value_error(p: bool) -> int:
    try:
        if p:
            raise MyErr("mine")
        raise ValueError("plain")
    except ValueError as err:
        return text_hash(str(err))


@export
def myerr_skips_other_clauses(p: bool) -> int:
    try:
        try:
            if p:
                raise MyErr("mine")
            raise ParseError(7)
        except (KeyError, ParseError):
            return 1
    except MyErr:
        return 2


@export
def parse_error_fields(a: int) -> int:
    try:
        if a % 3 == 0:
            raise ParseError(a % 1000)
        return 0
    except ParseError as err:
        return err.position * 100000 + text_hash(str(err)) % 100000


@export
def quiet_without_message(p: bool) -> int:
    try:
        if p:
            raise Quiet()
        raise Quiet("loud")
    except Quiet as err:
        return len(str(err)) * 1000 + text_hash(str(err)) % 1000


@export
def built_before_raised(a: int) -> int:
    err = QuotaError("prepared", a % 10, 3)
    err.used += 1
    try:
        if a % 2 == 0:
            raise err
        return 0
    except QuotaError as caught:
        return caught.used * 10 + caught.limit


@export
def field_changed_before_reraise(a: int) -> int:
    """The bare ``raise`` re-raises the same object: the outer handler sees the change."""
    try:
        try:
            charge(50, a % 10)
        except QuotaError as inner:
            inner.limit = 99
            raise
    except QuotaError as outer:
        return outer.limit * 1000 + outer.used
    return 0


@export
def user_from_builtin(k: int) -> int:
    d = {"a": 1}
    try:
        try:
            return d["b" if k % 2 == 0 else "a"]
        except KeyError as cause:
            raise QuotaError("no quota for " + str(cause), 0, 0) from cause
    except QuotaError as err:
        return -text_hash(str(err))


def describe(err: QuotaError) -> int:
    return err.excess() * 1000 + err.STATUS


@export
def exception_passed_to_function(used: int) -> int:
    try:
        return charge(used % 100, 10)
    except QuotaError as err:
        return -describe(err)


@export
def exception_stored_in_optional(used: int) -> int:
    last: QuotaError | None = None
    for step in range(5):
        try:
            charge(used % 50 + step * 10, 40)
        except QuotaError as err:
            last = err
    if last is None:
        return -1
    return last.used * 1000 + last.excess() % 1000


class Denied(Exception):
    def __init__(self, who: str, level: int) -> None:
        super().__init__(f"{who} at {level}")
        self.who = who
        self.level = level

    def __str__(self) -> str:
        return f"denied: {self.who}"


class LoudDenied(Denied):
    def __str__(self) -> str:
        return "LOUD " + super().__str__()


class Tagged(ValueError):
    def __repr__(self) -> str:
        return "Tagged<" + str(self) + ">"


class Plain(LookupError):
    def __str__(self) -> str:
        return "[" + super().__str__() + "]"


def raise_shown(k: int) -> None:
    m = k % 5
    if m == 0:
        raise Denied("bob", k % 7)
    if m == 1:
        raise LoudDenied("eve", 3)
    if m == 2:
        raise Tagged("t" + str(k % 3))
    if m == 3:
        raise Plain("p" + str(k % 4))
    raise KeyError("k")


@export
def own_str(k: int) -> int:
    try:
        raise_shown(k)
        return 0
    except Exception as err:
        return text_hash(str(err)) + 3 * text_hash(f"<{err}>") + 5 * text_hash(f"{err!s:>5}"[:1])


@export
def own_repr(k: int) -> int:
    try:
        raise_shown(k)
        return 0
    except Exception as err:
        return text_hash(repr(err)) + 3 * text_hash(f"{err!r}") + 5 * text_hash(str([err]))


@export
def own_str_fields(k: int) -> int:
    try:
        raise_shown(k % 2)
        return 0
    except Denied as err:
        return err.level * 1000 + text_hash(str(err)) % 1000 + text_hash(repr(err)) % 7

