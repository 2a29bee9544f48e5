"""The built-in exception classes, in CPython's hierarchy, and the messages of runtime errors.

Every module sees these classes under their built-in names (sema/exceptions.py), so a filter
subclasses, raises and catches them as in CPython. ``str(e)`` is ``__str__``: the one message
argument, or "" (KeyError: the repr of its key). ``_exc_site`` is set by the raise: the
``File "...", line N, in f`` text of where it was raised, for the uncaught-exception log line
("" where the runtime raised, as CPython's tracebacks show no frame of a built-in).
``e.args`` is ``_exc_arguments`` where the raise passed anything but one str (sema/exception_args.py
passes them as a list of Anys to ``_exc_init_args``), else made from the message when read.
How a raise travels to its handler is in docs/architecture.md ("Exceptions").
"""
from typing import Any

from compiler.runtime.ascii_text import ascii_escaped
from compiler.runtime.exception_args import args_repr, args_str, key_from_repr
from compiler.runtime.reprs import bytes_repr, decode_message, str_repr


class BaseException:
    def __init__(self, message: str | None = None) -> None:
        text = ""
        if message is not None:
            text = message
        self._exc_message: str = text  # str(e)
        self._exc_site = ""
        self._exc_has_arg: bool = message is not None  # ValueError("") is not ValueError() for repr()
        self._exc_arguments: list[Any] | None = None
        self._exc_shown = ""  # repr(e) after the class name, where _exc_arguments is set
        self.__cause__: BaseException | None = None  # raise ... from cause (lower/exceptions.py)
        self.__context__: BaseException | None = None  # the exception being handled at the raise
        self.__suppress_context__ = False  # set by raise ... from ...

    def _exc_init_args(self, arguments: list[Any]) -> None:
        """``__init__(*arguments)`` for anything but one str or nothing (sema/exception_args.py calls
        it after __init__): the texts are made here, so only programs that pass such arguments
        have the code that shows them."""
        self._exc_arguments = arguments
        self._exc_has_arg = True
        self._exc_message = args_str(arguments, isinstance(self, KeyError))
        self._exc_shown = args_repr(arguments, False)

    def _exc_set_context(self, handled: BaseException | None) -> None:
        """At a raise (rt.throw, where the program reads __context__): CPython's implicit chaining,
        which also cuts a cycle the new link would close."""
        if handled is None or handled is self:
            return
        link: BaseException = handled
        steps = 0
        following = link.__context__
        while following is not None and steps < 100000:  # a cycle made by assignment: stop, as CPython does
            if following is self:
                link.__context__ = None
                break
            link = following
            following = link.__context__
            steps += 1
        self.__context__ = handled

    def _exc_set_message(self, message: str) -> None:
        self._exc_message = message

    def _exc_with_args(self, arguments: list[Any]) -> BaseException:
        self._exc_init_args(arguments)
        return self

    def __str__(self) -> str:
        """str(e); a class of the program may override it."""
        return self._exc_message

    def _exc_ascii(self) -> str:
        """ascii(e), f"{e!a}": repr(e) with its non-ASCII characters escaped."""
        return ascii_escaped(self.__repr__())

    def __repr__(self) -> str:
        """repr(e), as CPython shows it: the class name and its arguments."""
        name = type(self).__name__
        if isinstance(self, UnicodeDecodeError):
            return (name + "(" + str_repr(self.encoding) + ", " + bytes_repr(self.object) + ", " + str(self.start)
                    + ", " + str(self.end) + ", " + str_repr(self.reason) + ")")
        if self._exc_arguments is not None:
            return name + self._exc_shown
        if not self._exc_has_arg:
            return name + "()"
        if isinstance(self, KeyError):
            return name + "(" + self._exc_message + ")"  # the message is already the key's repr
        return name + "(" + str_repr(self._exc_message) + ")"

    def _exc_args(self) -> list[Any]:
        """The items of e.args (a fresh list: the caller cannot change the exception's)."""
        if self._exc_arguments is not None:
            return list(self._exc_arguments)
        items: list[Any] = []
        if isinstance(self, UnicodeDecodeError):
            items = [self.encoding, self.object, self.start, self.end, self.reason]
        elif isinstance(self, KeyError) and self._exc_has_arg:
            items.append(key_from_repr(self._exc_message))  # the runtime keeps a missing key's repr
        elif self._exc_has_arg:
            items.append(self._exc_message)
        return items

    def _exc_arg(self, index: int) -> Any:
        """e.args[index]"""
        items = self._exc_args()
        if index < 0:
            index += len(items)
        if index < 0 or index >= len(items):
            raise IndexError("tuple index out of range")
        return items[index]

    def _exc_args_repr(self) -> str:
        """str(e.args) and repr(e.args): a tuple's text"""
        return args_repr(self._exc_args(), True)


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
        super().__init__(None if key is None else str_repr(key))


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


class UnicodeEncodeError(UnicodeError):
    def __init__(self, encoding: str, object: str, start: int, end: int, reason: str) -> None:
        super().__init__()
        self._exc_init_args([encoding, object, start, end, reason])  # e.args and repr(e) show the five
        self._exc_set_message(encode_message(encoding, object, start, end, reason))
        self.encoding = encoding
        self.object = object
        self.start = start
        self.end = end
        self.reason = reason


def encode_message(encoding: str, text: str, start: int, end: int, reason: str) -> str:
    """str(UnicodeEncodeError(...)): one character by its escape, a run by its positions."""
    if end == start + 1:
        return ("'" + encoding + "' codec can't encode character " + ascii_escaped(str_repr(text[start]))
                + " in position " + str(start) + ": " + reason)
    return ("'" + encoding + "' codec can't encode characters in position " + str(start) + "-" + str(end - 1)
            + ": " + reason)


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


class BufferError(Exception):  # ba += ba (compiler/runtime/bytearrays.py)
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
    message = str(error)
    text = name if not message else name + ": " + message
    if not error._exc_site:  # raised by the runtime (a built-in's error)
        return "Traceback (most recent call last): " + text
    return "Traceback (most recent call last): " + error._exc_site + ": " + text


def uncaught_chain_text(error: BaseException, name: str) -> str:
    """uncaught_text after the exceptions chained before it, as CPython's traceback shows them
    (for programs that chain with ``raise ... from`` or read ``__context__``, lower/exceptions.py)."""
    text = uncaught_text(error, name)
    links = 0
    while links < 100:  # a cycle made by assignment: stop
        earlier = error.__cause__
        link = " The above exception was the direct cause of the following exception: "
        if earlier is None and not error.__suppress_context__:
            earlier = error.__context__
            link = " During handling of the above exception, another exception occurred: "
        if earlier is None:
            break
        text = uncaught_text(earlier, type(earlier).__name__) + link + text
        error = earlier
        links += 1
    return text
