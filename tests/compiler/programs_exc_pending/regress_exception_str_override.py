"""A user exception class that defines ``__str__``: CPython's ``str(e)`` and ``f"{e}"`` call it
(``LOUD``); the compiled module ignores it and gives the message passed to
``super().__init__`` (``!quiet``). A silent difference: the compiler should call the override
(as for ``str()`` of any instance whose class defines ``__str__``) or refuse ``__str__`` on an
exception class with a located error. Found while probing what the program fuzzer
(tests/compiler/fuzz_exceptions.py) does not generate.
"""
from abi import export


class Loud(Exception):
    def __str__(self) -> str:
        return "LOUD"


class Louder(Loud):
    pass


@export
def str_override(x: int) -> int:
    try:
        raise Loud("!quiet")
    except Loud as e:
        return len(str(e)) * 100 + len(f"{e}")


@export
def str_override_inherited(x: int) -> int:
    try:
        if x > 0:
            raise Louder("!quiet" + str(x))
        raise Loud()
    except Exception as e:
        return len(str(e))
