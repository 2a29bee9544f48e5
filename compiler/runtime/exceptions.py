"""The built-in exception classes, in CPython's hierarchy, and the messages of runtime errors.

Every module sees these classes under their built-in names (sema/exceptions.py), so a filter
subclasses, raises and catches them as in CPython. ``str(e)`` is ``_exc_message``: the one
message argument, or "" (KeyError: the repr of its key). ``_exc_site`` is set by the raise: the
``File "...", line N, in f`` text of where it was raised, for the uncaught-exception log line
("" where the runtime raised, as CPython's tracebacks show no frame of a built-in).
How a raise travels to its handler is in docs/architecture.md ("Exceptions").
"""
from compiler.runtime.reprs import bytes_repr, decode_message, str_repr


class BaseException:
    def __init__(self, message: str | None = None) -> None:
        text = ""
        if message is not None:
            text = message
        self._exc_message: str = text
        self._exc_site = ""
        self._exc_has_arg: bool = message is not None  # ValueError("") is not ValueError() for repr()

    def _exc_repr(self) -> str:
        """repr(e), as CPython shows it: the class name and its arguments."""
        name = type(self).__name__
        if isinstance(self, UnicodeDecodeError):
            return (name + "(" + str_repr(self.encoding) + ", " + bytes_repr(self.object) + ", " + str(self.start)
                    + ", " + str(self.end) + ", " + str_repr(self.reason) + ")")
        if not self._exc_has_arg:
            return name + "()"
        if isinstance(self, KeyError):
            return name + "(" + self._exc_message + ")"  # the message is already the key's repr
        return name + "(" + str_repr(self._exc_message) + ")"


class Exception(BaseException):
    pass


class ArithmeticError(Exception):
    pass


class OverflowError(ArithmeticError):
    pass


class ZeroDivisionError(ArithmeticError):
    pass


class LookupError(Exception):
    pass


class IndexError(LookupError):
    pass


class KeyError(LookupError):
    def __init__(self, key: str | None = None) -> None:
        super().__init__("" if key is None else str_repr(key))


class ValueError(Exception):
    pass


class UnicodeError(ValueError):
    pass


class UnicodeDecodeError(UnicodeError):
    def __init__(self, encoding: str, object: bytes, start: int, end: int, reason: str) -> None:
        super().__init__(decode_message(object, start, end, reason).replace("'utf-8'", f"'{encoding}'", 1))
        self.encoding = encoding
        self.object = object
        self.start = start
        self.end = end
        self.reason = reason


class TypeError(Exception):
    pass


class AttributeError(Exception):
    pass


class RuntimeError(Exception):
    pass


class NotImplementedError(RuntimeError):
    pass


class RecursionError(RuntimeError):
    pass


class AssertionError(Exception):
    pass


class MemoryError(Exception):
    pass


# The runtime's checks raise through these (lower/runtime.py names a stand-in after each).
def overflow_error() -> None:
    raise OverflowError("int too large for a 64-bit int")


def infinity_to_int_error() -> None:
    raise OverflowError("cannot convert float infinity to integer")


def zero_division_error() -> None:
    raise ZeroDivisionError("integer division or modulo by zero")


def zero_modulo_error() -> None:
    raise ZeroDivisionError("integer modulo by zero")


def zero_power_error() -> None:
    raise ZeroDivisionError("0.0 cannot be raised to a negative power")


def float_division_error() -> None:
    raise ZeroDivisionError("float division by zero")


def negative_shift_error() -> None:
    raise ValueError("negative shift count")


def nan_to_int_error() -> None:
    raise ValueError("cannot convert float NaN to integer")


def byte_range_error() -> None:
    raise ValueError("bytes must be in range(0, 256)")


def recursion_error() -> None:
    raise RecursionError("maximum recursion depth exceeded")


def assertion_error() -> None:
    raise AssertionError()


# Generic messages of runtime checks that do not give their own yet.
def value_error() -> None:
    raise ValueError()


def index_error() -> None:
    raise IndexError("index out of range")


def key_error() -> None:
    raise KeyError()


def negative_len_error() -> None:
    raise ValueError("__len__() should return >= 0")


def dict_changed_error() -> None:
    raise RuntimeError("dictionary changed size during iteration")


def missing_default_error() -> None:
    raise TypeError("missing a required argument: an override has no default for it")


def uncaught_text(error: BaseException, name: str) -> str:
    """One log line, like the last lines of CPython's traceback."""
    text = name if not error._exc_message else name + ": " + error._exc_message
    if not error._exc_site:  # raised by the runtime (a built-in's error)
        return "Traceback (most recent call last): " + text
    return "Traceback (most recent call last): " + error._exc_site + ": " + text
