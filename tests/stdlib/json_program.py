"""The compiled side of test_json.py: json.dumps of what json.loads read (or of typed values), with
the options chosen by the bits of ``flags``; the text, or the exception's class and message, read
back from OUT."""
from collections import Counter, OrderedDict
from typing import Any

from abi import export
from abi.intrinsics import data_ptr
from json import dumps, loads

INPUT = b""
OUT = b""


@export
def input_buffer(size: int) -> int:
    global INPUT
    INPUT = b" " * size
    return data_ptr(INPUT)


@export
def out_ptr() -> int:
    return data_ptr(OUT)


@export
def out_len() -> int:
    return len(OUT)


def indent_of(choice: int) -> int | str | None:
    if choice == 1:
        return 2
    if choice == 2:
        return 0
    if choice == 3:
        return -1
    if choice == 4:
        return "\t"
    if choice == 5:
        return ""
    if choice == 6:
        return " ab "
    return None


def separators_of(choice: int) -> tuple[str, str] | None:
    if choice == 1:
        return (",", ":")
    if choice == 2:
        return (" ,\n", " : ")
    if choice == 3:
        return ("", "")
    return None


def encode(value: Any, flags: int) -> str:
    """Bits 0-2 the indent, 3-4 the separators, 5 sort_keys, 6 ensure_ascii=False, 7 allow_nan=False,
    8 skipkeys; 9 all defaults, by no keyword at all."""
    if flags & 512:
        return dumps(value)
    return dumps(value, indent=indent_of(flags & 7), separators=separators_of((flags >> 3) & 3),
                 sort_keys=bool(flags & 32), ensure_ascii=not flags & 64, allow_nan=not flags & 128,
                 skipkeys=bool(flags & 256))


class Point:
    def __init__(self, x: int) -> None:
        self.x = x


def typed(which: int) -> Any:
    """Values a program builds (not read by loads): objects and bytes raise TypeError, cycles
    ValueError, as in CPython."""
    if which == 0:
        return [1, 2.5, "é", None, True, {"k": [Point(1)]}]
    if which == 1:
        return {"b": b"x"}
    if which == 2:
        loop: list[Any] = [1, [2]]
        loop.append(loop)
        return loop
    if which == 3:
        cycle: dict[str, Any] = {"a": 1}
        cycle["self"] = {"again": cycle}
        return cycle
    if which == 4:
        shared: list[Any] = [1]
        return [shared, shared, {"\x00json.dumps": shared, "z": [shared]}]
    if which == 5:
        return [1e16, 1.5e-07, -0.0, 0.1, 1e300 * 1e300, -(1e300 * 1e300), 9007199254740993, -9223372036854775807 - 1]
    if which == 6:
        return "".join([chr(c) for c in range(0, 160)]) + "\u2028\U0001f600\uffff\U00010000"
    if which == 7:
        return {"z": 1, "a": {"y": [], "b": {}}, "é": 2, "E": 3, "\U0001f600": 4, "\uffff": 5}
    return Point(2)


def typed_containers(which: int, flags: int) -> str:
    """Typed containers and tuples passed straight to dumps: copied into Anys where they are
    read (compiler/sema/any_copies.py), written as CPython writes the originals."""
    nan = float("nan")
    ints: list[int] = [3, -1, 9223372036854775807, 0]
    names: dict[str, list[str]] = {"b": ["é", ""], "a": [], "\U0001f600": ["\u2028"]}
    pair: tuple[int, str, float] = (7, "x", -0.0)
    maybe: list[list[int] | None] = [None, [1], []]
    floats: list[list[float]] = [[1.5, nan], [1e300 * 1e300]]
    spread: tuple[int, ...] = (1, 2, 3)
    if which == 0:
        return dumps(ints, indent=indent_of(flags & 7), separators=separators_of((flags >> 3) & 3),
                     sort_keys=bool(flags & 32), ensure_ascii=not flags & 64, allow_nan=not flags & 128)
    if which == 1:
        return dumps({"names": names, "pair": pair, "t": (pair, spread, [ints])}, indent=indent_of(flags & 7),
                     sort_keys=bool(flags & 32), ensure_ascii=not flags & 64)
    if which == 2:
        return dumps([maybe, floats, [(k, v) for k, v in names.items()]], allow_nan=not flags & 128,
                     indent=indent_of(flags & 7))
    if which == 3:
        counts = Counter(list("abracadabra"))
        ordered: OrderedDict[str, float] = OrderedDict()
        ordered["z"] = 0.5
        ordered["a"] = -2.0
        return dumps({"counts": counts, "ordered": ordered, "none": None if flags & 1 else ints},
                     sort_keys=bool(flags & 32))
    by_number: dict[int, tuple[str, bool]] = {10: ("ten", True), -9: ("minus", False), 2: ("", True)}
    return dumps({"by_number": by_number, "spread": spread}, indent=indent_of(flags & 7))


def finish(run: int, flags: int, value: Any) -> None:
    global OUT
    try:
        OUT = encode(value, flags).encode()
    except ValueError as error:
        OUT = ("ValueError: " + str(error)).encode()
    except TypeError as error:
        OUT = ("TypeError: " + str(error)).encode()


@export
def run(flags: int) -> int:
    finish(0, flags, loads(INPUT.decode()))
    return len(OUT)


@export
def run_typed_containers(which: int, flags: int) -> int:
    global OUT
    try:
        OUT = typed_containers(which, flags).encode()
    except ValueError as error:
        OUT = ("ValueError: " + str(error)).encode()
    return len(OUT)


@export
def run_typed(which: int, flags: int) -> int:
    finish(1, flags, typed(which))
    return len(OUT)
