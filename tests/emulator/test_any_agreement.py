"""The two runners agree where an Any meets a declared type: the CPython runner raises the
compiled module's TypeError at the same places (abi/emulator/runners/any_checks.py), where plain
CPython would carry on with a value of another type."""
from __future__ import annotations

import json

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from abi.emulator import WasmTrap
from conftest import ROOT, start

PROGRAM = ROOT / "tests" / "emulator" / "programs" / "json_fields.py"


# A label outside ISO-8859-1 makes set_request_header raise ValueError, in both runners.
STOPPED_BY = (TypeError, ValueError)


def outcome(runner: str, docs: list[str], strict: bool = False) -> list[object]:
    """Each request's x-read header (and x-label), or the error that stopped the VM."""
    plugin = start(runner, PROGRAM)
    seen: list[object] = []
    for doc in docs:
        headers = {"x-doc": doc, **({"x-strict": "1"} if strict else {})}
        try:
            forwarded = plugin.http_request(headers).forwarded_request_headers
        except WasmTrap as trap:  # an uncaught exception: its class's .uncaught frame names it
            return seen + [next((c.__name__ for c in STOPPED_BY if c.__name__ in " ".join(trap.frames)), trap.trap)]
        except STOPPED_BY as error:  # the CPython runner lets it out as it is
            return seen + [type(error).__name__]
        seen.append((forwarded.get("x-read"), forwarded.get("x-label")))
    return seen


CASES = [
    '{"burst": 3, "name": "a", "n": 4, "label": "x"}',
    '{"burst": 3, "n": true, "label": "x"}',  # isinstance(True, int), but no int where one is declared
    '{"burst": true, "label": "x"}',  # a bool is no int here
    '{"burst": "3", "label": "x"}',
    '{"burst": 3, "name": 5, "label": "x"}',  # a str | None field given an int
    '{"burst": 3, "name": null, "label": 7}',  # a str return given an int
    '{"burst": 3, "label": "x", "n": 2.5}',
]


def test_typed_places_raise_alike():
    expected = outcome("wasm", CASES)
    assert outcome("cpython", CASES) == expected
    assert expected[0] == ("6 a 5 x", None)
    assert expected[1] == ("TypeError: expected int, got bool", None)
    assert expected[3] == ("TypeError: expected int, got str", None)


@pytest.mark.parametrize("doc", ['{"burst": 1, "label": "y"}', '{"burst": 1, "label": null}'])
def test_uncaught_type_error_stops_both(doc: str):
    assert outcome("cpython", [doc], strict=True) == outcome("wasm", [doc], strict=True)


VALUES = st.one_of(st.none(), st.booleans(), st.integers(-10, 10), st.text(max_size=3),
                   st.floats(allow_nan=False, allow_infinity=False), st.just([1]), st.just({"k": 1}))


@settings(max_examples=15, deadline=None)
@given(st.lists(st.fixed_dictionaries({"burst": VALUES, "label": VALUES}, optional={"name": VALUES, "n": VALUES}),
                min_size=1, max_size=3))
@example(docs=[{"burst": 0, "label": "\u0100"}])  # both stop with ValueError: not ISO-8859-1 header text
def test_runners_agree_on_generated_documents(docs: list[dict]):
    texts = [json.dumps(d) for d in docs]
    assert outcome("cpython", texts) == outcome("wasm", texts)


CONTAINERS = ROOT / "tests" / "emulator" / "programs" / "json_containers.py"
CONTAINER_CASES = [
    '{"keys": {"a": "x"}, "public": ["/h"], "ports": [80, 80, 443], "raw": [["k", 1]]}',
    '{"keys": {"a": 1}}',  # an int where dict[str, str] holds str
    '{"public": ["/h", null]}',
    '{"ports": [80, "443"]}',
    '{"ports": [true]}',  # a bool is no int here
    '{"raw": [[1, 2]]}',  # a dict an Any holds keeps str keys
    '{"raw": [[null, 2]]}',
    '{"raw": ["abc"]}',  # CPython's ValueError, both ways
    '{"keys": "ab", "public": "xy"}',
]


def read_containers(runner: str) -> list[str | None]:
    plugin = start(runner, CONTAINERS)
    return [plugin.http_request({"x-doc": doc}).forwarded_request_headers.get("x-read") for doc in CONTAINER_CASES]


def test_typed_containers_from_an_any_raise_alike():
    expected = read_containers("wasm")
    assert read_containers("cpython") == expected
    assert expected[0] == "a=x ['/h'] [80, 443] 1"
    assert expected[1] == "TypeError: expected str, got int"
    assert expected[5] == "TypeError: a dict held as an Any takes only str keys here, not int"
