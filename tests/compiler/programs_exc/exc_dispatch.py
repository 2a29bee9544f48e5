"""One handler for many exceptions, dispatching on what was caught: ``isinstance(e, ...)`` with
one class, a tuple and a user class; ``type(e).__name__``; ``type(e) is``-free checks of the
hierarchy (LookupError over KeyError and IndexError, ArithmeticError over ZeroDivisionError and
OverflowError); ``type(e) is C`` / ``==`` / ``is not`` / ``!=`` (the class itself, not a subclass),
``e.__class__.__name__``. No exception leaves an export."""
from abi import export


class PolicyError(ValueError):
    def __init__(self, rule: str) -> None:
        super().__init__(f"rule {rule} refused")
        self.rule = rule


def fail(kind: int, n: int) -> int:
    items = [1, 2, 3]
    table = {"a": 1}
    k = kind % 9
    if k == 0:
        return items[n]
    if k == 1:
        return table[str(n)]
    if k == 2:
        return 10 // n
    if k == 3:
        return int(str(n) + "x")
    if k == 4:
        raise PolicyError(str(n))
    if k == 5:
        return int(float(n) * 1e308 * 10.0)  # OverflowError from an infinity, as in CPython
    if k == 6:
        assert n > 0, "n must be positive"
        return n
    if k == 7:
        return len(b"\xff".decode()) + n
    return n


def text_hash(s: str) -> int:
    h = 0
    for c in s:
        h = (h * 31 + ord(c)) & 0xFFFFFFFF
    return h


@export
def classify(kind: int, n: int) -> int:
    try:
        return fail(kind, n)
    except Exception as e:
        code = text_hash(type(e).__name__ + ":" + str(e))
        if isinstance(e, LookupError):
            code += 1
        if isinstance(e, (KeyError, ZeroDivisionError)):
            code += 2
        if isinstance(e, ArithmeticError):
            code += 4
        if isinstance(e, PolicyError):
            code += 8 + len(e.rule)
        if isinstance(e, ValueError) and not isinstance(e, PolicyError):
            code += 16
        if isinstance(e, (AssertionError, UnicodeDecodeError)):
            code += 32
        return code


@export
def exact_class(kind: int) -> int:
    try:
        return fail(kind, kind % 3)
    except Exception as e:
        code = 0
        if type(e) is ValueError:
            code += 1
        if type(e) == PolicyError:
            code += 2
        if type(e) is not KeyError:
            code += 4
        if type(e) != Exception:
            code += 8
        if type(e) is LookupError or type(e) == ArithmeticError:
            code += 16
        return code * 1000 + text_hash(e.__class__.__name__) % 1000
