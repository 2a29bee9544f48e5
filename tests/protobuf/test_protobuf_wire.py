"""abi/protobuf.py and abi/rls.py against the `protobuf` package (upb), compiled to wasm and as
plain CPython, on Hypothesis-generated messages, their concatenations (merging), mutations
and raw bytes. Malformed input must come back as "malformed" from both, never as a trap."""
from pathlib import Path

import pytest
from google.protobuf.message import DecodeError
from hypothesis import HealthCheck, given, settings, strategies as st

import rls_messages as rls
from abi.emulator import Plugin
from compiler import compile_file

PROBE = Path(__file__).resolve().parent / "proto_probe.py"
RUNNERS = ["wasm", "cpython"]
_PLUGINS: dict[str, Plugin] = {}
SETTINGS = dict(deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])


def probe(runner: str) -> Plugin:
    """One plugin per runner for the whole module (a fresh VM per example would be slow)."""
    if runner not in _PLUGINS:
        _PLUGINS[runner] = (Plugin.wasm(compile_file(PROBE)) if runner == "wasm"
                            else Plugin.cpython(str(PROBE)))
    return _PLUGINS[runner]


def ask(runner: str, function_id: int, data: bytes) -> bytes:
    plugin = probe(runner)
    plugin.call_foreign_function(function_id, data)
    assert plugin.vms[0].failed is None, "the probe trapped"
    return plugin.shared_data[b"out"]


@pytest.fixture(params=RUNNERS)
def runner(request):
    return request.param


# -- the reference side ------------------------------------------------------------------
def reference_response(data: bytes) -> bytes:
    message = rls.RateLimitResponse()
    try:
        message.ParseFromString(data)
    except DecodeError:
        return b"malformed"
    parts = [f"code={message.overall_code}"]
    for s in message.statuses:
        parts.append(f"status={s.code},{s.current_limit.requests_per_unit},{s.current_limit.unit},"
                     f"{s.limit_remaining},{s.duration_until_reset.seconds},{s.duration_until_reset.nanos}")
    for kind, headers in (("response_header", message.response_headers_to_add),
                          ("request_header", message.request_headers_to_add)):
        for h in headers:
            value = h.raw_value if h.raw_value else h.value.encode()
            parts.append(f"{kind}={h.key.encode().hex()}:{value.hex()}")
    return " ".join(parts).encode()


def reference_walk(data: bytes) -> bytes:
    """An independent generic walk; validity is upb's (parsing as a message whose fields are all
    unknown: upb treats google.protobuf.Empty specially, accepting field number 0)."""
    try:
        rls.Blank().ParseFromString(data)
    except DecodeError:
        return b"malformed"
    parts, pos = [], 0

    def varint():
        nonlocal pos
        result, shift = 0, 0
        while True:
            byte = data[pos]
            pos += 1
            result |= (byte & 0x7F) << shift
            if byte < 0x80:
                value = result & (2**64 - 1)
                return value - 2**64 if value >= 2**63 else value
            shift += 7

    while pos < len(data):
        tag = varint()
        field, wire = tag >> 3, tag & 7
        if wire == 0:
            value = str(varint())
        elif wire in (1, 5):
            size = 8 if wire == 1 else 4
            value = str(int.from_bytes(data[pos:pos + size], "little", signed=size == 8))
            pos += size
        elif wire == 2:
            size = varint()
            value = data[pos:pos + size].hex()
            pos += size
        else:
            depth = 1
            while depth:
                inner = varint()
                if inner & 7 == 3:
                    depth += 1
                elif inner & 7 == 4:
                    depth -= 1
                elif inner & 7 == 0:
                    varint()
                elif inner & 7 in (1, 5):
                    pos += 8 if inner & 7 == 1 else 4
                else:
                    pos += varint()
            value = "group"
        parts.append(f"{field}:{wire}:{value}")
    return ";".join(parts).encode()


# -- generated messages -----------------------------------------------------------------
INT32 = st.integers(-2**31, 2**31 - 1)
UINT32 = st.integers(0, 2**32 - 1)
TEXT = st.text(max_size=12)


@st.composite
def responses(draw) -> bytes:
    message = rls.RateLimitResponse(overall_code=draw(st.sampled_from([0, 1, 2]) | INT32))
    for _ in range(draw(st.integers(0, 3))):
        status = message.statuses.add(code=draw(st.sampled_from([1, 2]) | INT32),
                                      limit_remaining=draw(UINT32))
        if draw(st.booleans()):
            status.current_limit.requests_per_unit = draw(UINT32)
            status.current_limit.unit = draw(st.integers(0, 4) | INT32)
            status.current_limit.name = draw(TEXT)
        if draw(st.booleans()):
            status.duration_until_reset.seconds = draw(st.integers(-2**63, 2**63 - 1))
            status.duration_until_reset.nanos = draw(INT32)
    for headers in (message.response_headers_to_add, message.request_headers_to_add):
        for _ in range(draw(st.integers(0, 2))):
            headers.add(key=draw(TEXT), value=draw(TEXT), raw_value=draw(st.binary(max_size=8)))
    message.raw_body = draw(st.binary(max_size=8))
    return message.SerializeToString()


@st.composite
def mutated(draw) -> bytes:
    """A valid response with a few bytes changed, cut, or inserted."""
    data = bytearray(draw(responses()))
    for _ in range(draw(st.integers(1, 3))):
        action = draw(st.sampled_from(["flip", "cut", "insert"]))
        at = draw(st.integers(0, len(data)))
        if action == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[at:]
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=3))
    return bytes(data)


@settings(max_examples=300, **SETTINGS)
@given(st.lists(responses(), min_size=1, max_size=2))
def test_valid_responses_and_merges_decode_as_upb(runner, parts):
    data = b"".join(parts)  # a concatenation is a merge of the parts
    expected = reference_response(data)
    assert expected != b"malformed"
    assert ask(runner, 1, data) == expected


@settings(max_examples=400, **SETTINGS)
@given(mutated() | st.binary(max_size=40))
def test_damaged_responses_agree_with_upb_and_never_trap(runner, data):
    assert ask(runner, 1, data) == reference_response(data)


HOSTILE = st.lists(st.sampled_from([b"\x80", b"\xff", b"\x00", b"\x0b", b"\x0c", b"\x13", b"\x14", b"\x0a",
                                    b"\x7f", b"\x01", b"\xff" * 9 + b"\x01", b"\x1e", b"\x1d"]),
                   max_size=20).map(b"".join)


@settings(max_examples=400, **SETTINGS)
@given(st.binary(max_size=48) | HOSTILE)
def test_generic_walk_agrees_with_upb(runner, data):
    assert ask(runner, 3, data) == reference_walk(data)


NO_NUL = st.text(st.characters(blacklist_characters="\x00", blacklist_categories=["Cs"]), max_size=20)


@settings(max_examples=200, **SETTINGS)
@given(NO_NUL, NO_NUL, NO_NUL, UINT32, st.integers(0, 4), UINT32)
def test_requests_encode_as_upb(runner, domain, key, value, requests_per_unit, unit, hits_addend):
    fields = [domain, key, value, str(requests_per_unit), str(unit), str(hits_addend)]
    ours = ask(runner, 2, "\x00".join(fields).encode())
    message = rls.RateLimitRequest(domain=domain, hits_addend=hits_addend)
    descriptor = message.descriptors.add()
    descriptor.entries.add(key=key, value=value)
    if requests_per_unit:
        descriptor.limit.requests_per_unit = requests_per_unit
        descriptor.limit.unit = unit
    assert ours == message.SerializeToString(deterministic=True)


@pytest.mark.parametrize("data, why", [
    (b"\x08", "truncated varint"),
    (b"\x08" + b"\xff" * 10 + b"\x01", "varint of eleven bytes"),
    (b"\x12\x05ab", "length past the end"),
    (b"\x00\x01", "field number 0"),
    (b"\x0e", "wire type 6"),
    (b"\x0c", "end of group never opened"),
    (b"\x0b\x08\x01", "group never closed"),
    (b"\x0b\x14", "group closed by another field"),
    (b"\x1a\x04\x0a\x02\xc3\x28", "invalid UTF-8 in a header key"),
    (b"\x12\x03\x08\x80\x80", "truncated varint inside a status"),
])
def test_malformed_examples(runner, data, why):
    assert reference_response(data) == b"malformed", why
    assert ask(runner, 1, data) == b"malformed", why
