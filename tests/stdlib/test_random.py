"""random (compiler/stdlib/random.py) against CPython's: after the same seed, the same sequence
of random(), getrandbits, randrange (one, two and three arguments) and randint, errors included;
unseeded, the generator is seeded from the host's random_get once per VM."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parents[1] / "compiler"))  # differential.py (no packages in tests/)
sys.path.insert(0, str(Path(__file__).parent))
from differential import load_python  # noqa: E402
from test_uuid import read_out, with_random_get  # noqa: E402

PROGRAM = Path(__file__).with_name("random_program.py")
EXAMPLES = int(os.environ.get("STDLIB_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
INT64 = st.integers(-2 ** 63, 2 ** 63 - 1)
# Arguments whose differences stay in int64 (beyond, the subset's arithmetic raises OverflowError).
SMALL = st.integers(-40, 40) | st.integers(-2 ** 40, 2 ** 40) | st.sampled_from([0, 1, -1, 2 ** 61, -2 ** 61])


@pytest.fixture(scope="module")
def sides():
    store, exports, state = with_random_get(PROGRAM)

    def wasm(*args: int) -> str:
        exports["run"](store, *args)
        return read_out(store, exports)
    module = load_python(PROGRAM)

    def cpython(*args: int) -> str:
        module.run(*args)
        return module.OUT.decode()
    return wasm, cpython, state


@pytest.mark.parametrize("op", range(14))
@SETTINGS
@given(s=INT64 | SMALL, a=SMALL, b=SMALL, c=SMALL)
@example(s=-2 ** 63, a=10, b=20, c=3)
@example(s=2 ** 63 - 1, a=64, b=0, c=0)
@example(s=0, a=63, b=-5, c=-2)
@example(s=5, a=33, b=5, c=0)
def test_seeded_same_as_cpython(sides, op, s, a, b, c):
    wasm, cpython, _ = sides
    if op == 1:
        a = a % 69 - 5  # getrandbits: a bit count up to 63 (more: see below), negative ones too
    assert wasm(op, s, 1, a, b, c) == cpython(op, s, 1, a, b, c), (op, s, a, b, c)


def test_getrandbits_beyond_int64_is_overflow_or_fits(sides):
    """64 bits: CPython's value where it fits in int64, else OverflowError (never another value)."""
    wasm, cpython, _ = sides
    overflows = 0
    for s in range(30):
        ours, theirs = wasm(1, s, 1, 64, 0, 0).split(" "), cpython(1, s, 1, 64, 0, 0).split(" ")
        if ours[-1] == "long":  # "OverflowError: Python int too large to convert to C long"
            done = ours.index("OverflowError:")
            assert ours[:done] == theirs[:done] and int(theirs[done]) >= 2 ** 63, (ours, theirs)
            overflows += 1
        else:
            assert ours == theirs
    assert 0 < overflows < 30


def test_unseeded_from_the_host(sides):
    wasm, _, state = sides
    fresh_store, exports, fresh = with_random_get(PROGRAM)
    exports["run"](fresh_store, 0, 0, 0, 0, 0, 0)
    first = read_out(fresh_store, exports)
    exports["run"](fresh_store, 5, 0, 0, 1, 6, 0)
    dice = read_out(fresh_store, exports)
    assert fresh["calls"] == 1  # seeded once per VM, from 2,496 bytes of the host
    values = [float(v) for v in first.split()]
    assert all(0.0 <= v < 1.0 for v in values) and len(set(values)) == 6
    assert all(1 <= int(v) <= 6 for v in dice.split()[:5])
