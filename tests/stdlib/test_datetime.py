"""datetime and string (compiler/stdlib/datetime*.py, string.py) against CPython 3.11's C datetime:
constructors and their range errors, reprs, str, isoformat, strftime, timestamps both ways,
fromisoformat on generated valid and invalid ISO strings, timedelta normalisation and arithmetic,
naive/aware comparisons; and the host clock through now()/utcnow() on the emulator."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parents[1] / "compiler"))  # differential.py (no packages in tests/)
from differential import _ENGINE, compiled, load_python  # noqa: E402

PROGRAM = Path(__file__).with_name("datetime_program.py")
EXAMPLES = int(os.environ.get("STDLIB_EXAMPLES", "60")) // 2  # a run of 3,000 each passed
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


CLOCK = {"ns": 0}  # what the compiled program's proxy_get_current_time_nanoseconds answers


@pytest.fixture(scope="module")
def same():
    import wasmtime
    program = compiled(PROGRAM)
    store = wasmtime.Store(_ENGINE)
    linker = wasmtime.Linker(_ENGINE)
    i32 = wasmtime.ValType.i32()
    memory = {}

    def clock(out: int) -> int:
        memory["m"].write(store, CLOCK["ns"].to_bytes(8, "little"), out)
        return 0
    linker.define_func("env", "proxy_get_current_time_nanoseconds", wasmtime.FuncType([i32], [i32]), clock)
    exports = linker.instantiate(store, program.module).exports(store)
    memory["m"] = exports["memory"]
    module = load_python(PROGRAM)

    def wasm(op: int, text: str) -> str:
        data = text.encode()
        address = exports["input_buffer"](store, len(data))
        if data:
            exports["memory"].write(store, data, address)
        exports["run"](store, op)
        start = exports["out_ptr"](store)
        return exports["memory"].read(store, start, start + exports["out_len"](store)).decode()

    def cpython(op: int, text: str) -> str:
        module.INPUT = text.encode()
        module.run(op)
        return module.OUT.decode()

    def check(op: int, text: str) -> str:
        expected = cpython(op, text)
        assert wasm(op, text) == expected, (op, text)
        return expected
    check.wasm = wasm
    return check


YEAR = st.integers(1, 9999) | st.sampled_from([0, 1, 9999, 10000, -1])
OFFSET = st.integers(-86_399_999_999, 86_399_999_999) | st.sampled_from([0, 3600_000_000, -86_400_000_000,
                                                                         86_400_000_000, 1, -1])
ZONE = st.sampled_from(["N", "U"]) | OFFSET.map(str) | st.tuples(OFFSET, st.sampled_from(["X", "+1", "é"])).map(
    lambda t: f"{t[0]}:{t[1]}")
FIELDS = st.tuples(YEAR, st.integers(0, 13), st.integers(0, 32), st.integers(-1, 24), st.integers(-1, 60),
                   st.integers(-1, 60), st.integers(-1, 1_000_000) | st.just(0), ZONE)
VALID = st.tuples(st.integers(1, 9999), st.integers(1, 12), st.integers(1, 28), st.integers(0, 23),
                  st.integers(0, 59), st.integers(0, 59), st.sampled_from([0, 1, 999_999]) | st.integers(0, 999_999),
                  ZONE)
DELTA = st.tuples(st.integers(-2 * 10**9, 2 * 10**9), st.integers(-10**12, 10**12), st.integers(-10**15, 10**15),
                  st.integers(-10**9, 10**9), st.integers(-10**9, 10**9), st.integers(-10**7, 10**7),
                  st.integers(-10**7, 10**7))
SMALL_DELTA = st.tuples(st.integers(-10**5, 10**5), st.integers(-10**6, 10**6), st.integers(-10**9, 10**9),
                        *[st.integers(-1000, 1000)] * 4)


def text(values) -> str:
    return " ".join(str(v) for v in values)


@SETTINGS
@given(fields=FIELDS)
@example(fields=(2026, 12, 7, 10, 0, 0, 0, "U"))
def test_construct_and_show(same, fields):
    same(0, text(fields))


@SETTINGS
@given(fields=VALID)
def test_valid_fields_show(same, fields):
    same(0, text(fields))
    same(11, text(fields))


TIMESTAMPS = (st.floats(-6.3e10, 2.6e11) | st.integers(-62135596800, 253402300799).map(float)
              | st.floats(allow_nan=True, allow_infinity=True)
              | st.integers(-10**6, 10**6).map(lambda n: n / 1e6 + 1.7e9))


@SETTINGS
@given(t=TIMESTAMPS, zone=ZONE)
@example(t=0.5e-6, zone="U")
@example(t=-0.5e-6, zone="U")
@example(t=1.5e-6, zone="N")
@example(t=-62135596800.5, zone="-3600000000")
@example(t=784352270736 * 86400.0, zone="U")
@example(t=784352270737 * 86400.0, zone="U")
@example(t=1e19, zone="U")
def test_timestamps(same, t, zone):
    same(1, f"{t!r} {zone}")


@SETTINGS
@given(t=st.integers(-62135596800, 253402300799) | st.integers(-2**63, 2**63 - 1), zone=ZONE)
@example(t=784352270736 * 86400, zone="U")
@example(t=784352270737 * 86400, zone="U")
def test_int_timestamps(same, t, zone):
    same(15, f"{t} {zone}")


DIGITS = st.text("0123456789", min_size=1, max_size=3)
ISO_DATE = st.sampled_from(["2026-12-07", "20261207", "2026-W50", "2026W50", "2026-W50-1", "2026W501", "0000-W01-1",
                            "9999-W52-6", "2020-W53", "2021-W53-1", "2026-13-01", "2026-02-30", "0000-01-01"])
ISO_TIME = st.sampled_from(["", "T10", "T10:00", "T1000", "T10:00:00", "T100000", "T10:00:00.5", "T10:00:00,123456789",
                            " 23:59:59.999999", "T24:00", "T10:0", "T10:00:0", "T10:00:00.", "é10:00", "T10:00:00.12a"])
ISO_ZONE = st.sampled_from(["", "Z", "+01:00", "-05:30", "+0100", "+01", "+00:00", "-00:00", "+01:00:30",
                            "+01:00:30.25", "+00:00:00.5", "+24:00", "+23:59:59.999999", "Zx", "+1", "+01:0", "-"])
ISO = st.tuples(ISO_DATE, ISO_TIME, ISO_ZONE).map("".join)
NOISE = st.text(st.sampled_from(list("0123456789-:TWZ+.,  é\x00")), min_size=0, max_size=24)


@SETTINGS
@given(iso=ISO)
@example(iso="2026-12-07T10:00:00Z")
@example(iso="2026-12-07T10:00:00+01:00")
def test_fromisoformat(same, iso):
    same(2, iso)
    same(3, iso[:10])


@SETTINGS
@given(iso=NOISE | st.tuples(ISO, NOISE).map("".join))
def test_fromisoformat_noise(same, iso):
    same(2, iso)
    same(3, iso)


@SETTINGS
@given(fields=DELTA | SMALL_DELTA)
@example(fields=(999999999, 86399, 999999, 0, 0, 0, 0))
@example(fields=(0, 0, -1, 0, 0, 0, 0))
@example(fields=(0, 0, 0, 0, 0, 0, 0))
def test_timedelta(same, fields):
    same(4, text(fields))


@SETTINGS
@given(a=SMALL_DELTA, b=SMALL_DELTA)
@example(a=(1, 0, 0, 0, 0, 0, 0), b=(0, 0, 0, 0, 0, 0, 0))
def test_timedelta_arithmetic(same, a, b):
    same(7, text(a + b))


@SETTINGS
@given(fields=VALID, delta=SMALL_DELTA | DELTA)
@example(fields=(9999, 12, 31, 23, 59, 59, 999999, "U"), delta=(0, 0, 1, 0, 0, 0, 0))
def test_datetime_plus_timedelta(same, fields, delta):
    same(5, text(fields + delta))


@SETTINGS
@given(a=VALID, b=VALID | VALID.map(lambda f: f[:7] + ("U",)))
def test_compare_and_subtract(same, a, b):
    same(6, text(a + b))
    same(6, text(a + a[:7] + (b[7],)))


@SETTINGS
@given(zone=ZONE)
def test_timezones(same, zone):
    same(8, zone)


@SETTINGS
@given(fields=VALID, sep=st.sampled_from(["T", " ", "x", "é", "ab"]),
       spec=st.sampled_from(["auto", "hours", "minutes", "seconds", "milliseconds", "microseconds", "nano"]))
def test_isoformat(same, fields, sep, spec):
    same(9, text(fields) + f" {sep} {spec}" if sep != " " else text(fields) + "   " + spec)


@SETTINGS
@given(y=YEAR, m=st.integers(0, 13), d=st.integers(0, 32), days=st.integers(-4_000_000, 4_000_000))
def test_dates(same, y, m, d, days):
    same(10, f"{y} {m} {d} {days}")


def test_timezone_identity(same):
    assert same(12, "") == "True True False True False True False False True False"


def test_string_constants_and_limits(same):
    same(13, "")



@pytest.mark.parametrize("ns", [1_796_605_507_123_456_789, 1_700_000_000_000_000_000, 999, 2**63 - 1])
def test_now_reads_the_host_clock(same, ns):
    """now()/utcnow() read the host's clock as CPython reads the system clock (floored to the
    microsecond); expected: CPython's datetime on the same microseconds."""
    from datetime import datetime, timedelta, timezone
    CLOCK["ns"] = ns
    us = ns // 1000
    now = datetime.fromtimestamp(us // 10**6, timezone.utc).replace(microsecond=us % 10**6)
    plus_one = now.astimezone(timezone(timedelta(hours=1)))
    expected = f"{now.isoformat()} {plus_one!r} {now.replace(tzinfo=None)!r} {now.timestamp()}"
    assert same.wasm(14, "3600000000") == expected
