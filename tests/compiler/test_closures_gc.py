"""Closures outlive their frame and survive collections: made by one export, kept in a global,
then a second export allocates far more than the collector's threshold (256 KiB) in objects of
the size of a cell, then a third calls the closures. Each step is compared with CPython running
the same sequence on one module."""
import sys
from pathlib import Path

import wasmtime

from compiler import compile_file

sys.path.insert(0, str(Path(__file__).resolve().parent))
from differential import load_python, outcome_of, trap_name  # noqa: E402

SOURCE = '''\
from typing import Callable
from abi import export


class One:
    def __init__(self, v: int) -> None:
        self.v = v


KEPT: list[Callable[[], str]] = []
COUNTERS: list[Callable[[int], int]] = []


def make(prefix: str, parts: list[str]) -> Callable[[], str]:
    count = 0

    def show() -> str:
        nonlocal count
        count += 1
        return prefix + ":" + ",".join(parts) + "#" + str(count)
    return show


def counter(start: int) -> Callable[[int], int]:
    total = start
    history: list[int] = []

    def add(k: int) -> int:
        nonlocal total
        total += k
        history.append(total)
        return total * 1000 + len(history)
    return add


def twice(f: Callable[[int], int]) -> Callable[[int], int]:
    return lambda x: f(f(x))


@export
def build(n: int) -> int:
    for i in range(4):
        KEPT.append(make("p" + str(n + i), [str(j) * (i + 1) for j in range(i + 2)]))
        COUNTERS.append(twice(counter(i * 10)))
    return len(KEPT)


@export
def churn(n: int) -> int:
    total = 0
    for i in range(30000):
        one = One(i + n)
        total += one.v % 7
        text = str(i) + "x"
        total += len(text)
    return total


@export
def use(n: int) -> int:
    h = 0
    for f in KEPT:
        for c in f():
            h = (h * 31 + ord(c)) % 1000000007
    for g in COUNTERS:
        h = (h * 37 + g(n % 100)) % 1000000007
    return h
'''

STEPS = [("build", 3), ("churn", 1), ("use", 5), ("churn", 2), ("churn", 3), ("use", 7), ("build", 9),
         ("churn", 4), ("use", 11), ("use", 12)]


def test_closures_survive_collections(tmp_path):
    path = tmp_path / "closures_gc.py"
    path.write_text(SOURCE)
    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    instance = wasmtime.Instance(store, wasmtime.Module(engine, compile_file(path)), [])
    exports = instance.exports(store)
    python = load_python(path)
    for name, arg in STEPS:
        want = outcome_of(getattr(python, name), (arg,))
        try:
            got = exports[name](store, arg)
        except wasmtime.Trap as trap:
            got = trap_name(trap)
        assert want.error is None and got == want.value, (name, arg, want, got)
