"""The filter's parsers against CPython's own: ipaddress for addresses and CIDRs, json for the
configuration reader (filter/json_reader.py), on generated and hostile inputs. The compiled module runs
the same code (differential tests in tests/compiler cover the compiler itself)."""
import ipaddress
import json

from hypothesis import given, settings, strategies as st

from json_reader import JSON_ERROR, parse_json
from abi.host import strip_port as host_of
from abi.wire import wire_to_text
from addresses import V4_MAPPED_PREFIX, forwarded_client, format_ip, parse_address, parse_cidr, parse_ip, parse_ipv4
from config import read_config


def reference_ip(text: str) -> bytes | None:
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv4Address):
        return ipaddress.IPv6Address("::ffff:" + text).packed
    if "%" in text:
        return None  # zone ids are not client addresses
    return address.packed


ADDRESS_TEXT = st.one_of(
    st.ip_addresses().map(str),
    st.ip_addresses(v=6).map(lambda a: a.exploded),
    st.text(alphabet="0123456789abcdefABCDEF:.", max_size=45),
    st.text(max_size=20),
)


@settings(max_examples=200, derandomize=True)
@given(ADDRESS_TEXT)
def test_parse_ip_agrees_with_ipaddress(text):
    assert parse_ip(text) == reference_ip(text)


@settings(max_examples=100, derandomize=True)
@given(st.ip_addresses())
def test_format_ip_round_trips(address):
    packed = parse_ip(str(address))
    assert packed is not None and parse_ip(format_ip(packed)) == packed


@settings(max_examples=150, derandomize=True)
@given(st.ip_addresses(), st.integers(0, 128), st.ip_addresses())
def test_cidr_agrees_with_ipaddress(network_address, bits, probe):
    bits = min(bits, network_address.max_prefixlen)
    text = f"{network_address}/{bits}"
    try:
        reference = ipaddress.ip_network(text, strict=True)
    except ValueError:
        assert parse_cidr(text) is None  # host bits set: refused
        return
    cidr = parse_cidr(text)
    assert cidr is not None
    packed = parse_ip(str(probe))
    if probe.version == 6 and probe.ipv4_mapped is not None:
        probe = probe.ipv4_mapped  # the filter keeps IPv4 as ::ffff:a.b.c.d: the same client either way
    same_family = probe.version == reference.version
    assert cidr.contains(packed) == (same_family and probe in reference)


def test_host_of_envoy_addresses():
    assert host_of("10.1.2.3:5555") == "10.1.2.3"
    assert host_of("[2001:db8::1]:443") == "2001:db8::1"
    assert host_of("2001:db8::1") == "2001:db8::1"


@settings(max_examples=300, derandomize=True)
@given(st.lists(st.one_of(st.ip_addresses().map(str), st.text(max_size=12)), max_size=6), st.integers(0, 8))
def test_forwarded_client_takes_the_entry_behind_the_trusted_hops(entries, hops):
    header = ", ".join(entries)
    chain = header.split(",")
    expected = None
    if hops >= 1 and len(chain) >= hops:
        expected = reference_ip(chain[len(chain) - hops].strip(" \t"))
    assert forwarded_client(header, hops) == expected


# -- the client address as Envoy hands it over (source.address property bytes) ---------------
PORTS = st.integers(0, 65535)
ENVOY_ADDRESSES = st.one_of(
    st.tuples(st.ip_addresses(v=4), PORTS).map(lambda a: f"{a[0]}:{a[1]}".encode()),
    st.tuples(st.ip_addresses(v=6), PORTS).map(lambda a: f"[{a[0]}]:{a[1]}".encode()),
    st.tuples(st.ip_addresses(v=6), PORTS).map(lambda a: f"[{a[0].exploded}]:{a[1]}".encode()),
    st.ip_addresses().map(lambda a: str(a).encode()),
)
ADDRESS_BYTES = st.one_of(
    ENVOY_ADDRESSES,
    st.binary(max_size=30),
    st.text(alphabet="0123456789abcdefABCDEF:.[]% ", max_size=50).map(str.encode),
    st.lists(st.integers(0, 300), max_size=12).map(lambda xs: ".".join(map(str, xs)).encode()),
    st.tuples(ENVOY_ADDRESSES, st.binary(max_size=4)).map(lambda t: t[0] + t[1]),
)


def reference_address(data: bytes) -> bytes | None:
    """What ipaddress makes of the host part of an Envoy address ("ip:port", "[v6]:port", "ip")."""
    text = data.decode("latin-1")
    if text.startswith("["):
        end = text.find("]")
        host = text[1:end] if end > 0 else text[1:]
    elif text.count(":") == 1:
        host = text[:text.find(":")]
    else:
        host = text
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    return reference_ip(host) if len(host) <= 64 else None


@settings(max_examples=1500, derandomize=True)
@given(ADDRESS_BYTES)
def test_parse_address_is_the_text_path_on_the_bytes(data):
    assert parse_address(data) == parse_ip(host_of(wire_to_text(data)))


@settings(max_examples=1000, derandomize=True)
@given(ADDRESS_BYTES)
def test_parse_address_agrees_with_ipaddress(data):
    assert parse_address(data) == reference_address(data)


@settings(max_examples=300, derandomize=True)
@given(st.tuples(st.ip_addresses(), PORTS))
def test_every_envoy_address_parses_to_its_packed_form(address_port):
    address, port = address_port
    text = f"{address}:{port}" if address.version == 4 else f"[{address}]:{port}"
    expected = address.packed if address.version == 6 else b"\0" * 10 + b"\xff\xff" + address.packed
    assert parse_address(text.encode()) == expected


def test_parse_address_examples():
    mapped = b"\0" * 10 + b"\xff\xff"
    assert parse_ip("1.2.3.4::5") is None and parse_ip("1.2.3.4::") is None  # dotted only at the end
    assert parse_ip("::5:1.2.3.4") == b"\0" * 10 + b"\0\x05\x01\x02\x03\x04"
    assert parse_address(b"10.1.2.3:5555") == mapped + bytes([10, 1, 2, 3])
    assert parse_address(b"10.1.2.3") == mapped + bytes([10, 1, 2, 3])
    assert parse_address(b"[::ffff:10.1.2.3]:80") == mapped + bytes([10, 1, 2, 3])
    assert parse_address(b"[::1]:80") == bytes(15) + b"\x01"
    assert parse_address(b"::1") == bytes(15) + b"\x01"
    assert parse_address(b"[::1]\xff") == bytes(15) + b"\x01"  # as strip_port: after "]" is ignored
    assert parse_address(b"[::1") == bytes(15) + b"\x01"
    assert parse_address(b"[1.2.3.4]:80") == mapped + bytes([1, 2, 3, 4])  # as strip_port + parse_ip
    for bad in (b"", b":", b"01.2.3.4:80", b"1.2.3:80", b"1.2.3.4.5:80", b"256.1.1.1:1", b"1.2.3.4:5:6",
                b"1.2.3.\xff:1", b"\xff", b"garbage", b"[]:80"):
        assert parse_address(bad) is None, bad


def test_many_dotted_octets_are_refused_not_overflowed():
    # value * 256 per dot would pass int64 after 8 octets: the compiled filter trapped on it
    long_quad = b".".join([b"255"] * 20)
    assert parse_ipv4(long_quad) is None and parse_address(long_quad + b":1") is None
    assert parse_ip(long_quad.decode()) is None


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**17, 10**17) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=12)


def to_python(value):
    kinds = {1: lambda v: None, 2: lambda v: v.boolean, 3: lambda v: v.integer, 5: lambda v: v.text,
             6: lambda v: [to_python(i) for i in v.items],
             7: lambda v: {k: to_python(m) for k, m in v.members.items()}}
    return kinds[value.kind](value)


@settings(max_examples=300, derandomize=True)
@given(JSON_VALUES, st.booleans())
def test_json_reader_agrees_with_json_module(value, ascii_only):
    text = json.dumps(value, ensure_ascii=ascii_only)
    assert to_python(parse_json(text)) == json.loads(text)


@settings(max_examples=500, derandomize=True)
@given(st.text(alphabet='{}[]":,0123456789.-+eEtrufalsn \\u\n', max_size=30))
def test_json_reader_never_accepts_what_json_refuses(text):
    try:
        json.loads(text)
        accepted = True
    except ValueError:
        accepted = False
    result = parse_json(text)
    if not accepted:
        assert result.kind == JSON_ERROR
    elif result.kind == JSON_ERROR:
        assert "duplicate key" in result.text or "nesting" in result.text


@settings(max_examples=300, derandomize=True)
@given(st.binary(max_size=60))
def test_any_configuration_bytes_give_a_config_or_one_error(data):
    result = read_config(data)
    assert (result.error == "") == (result.config.burst > 0)


@settings(max_examples=300, derandomize=True)
@given(st.one_of(st.binary(max_size=20), st.binary(min_size=4, max_size=4).map(lambda b: V4_MAPPED_PREFIX + b)),
       st.sampled_from([0, 1, 0xFFFFFFFF, 123456789, 2166136261]))
def test_slot_hash_of_an_address_is_fnv1a_of_its_bytes(ip, seed):
    """SlotHash (filter/limiter.py) starts an IPv4-mapped address from its prefix's hash: the
    same hash as over all 16 bytes, for every address and seed."""
    from limiter import SlotHash, slot_hash
    reference = (2166136261 ^ seed) & 0xFFFFFFFF
    for byte in ip:
        reference = ((reference ^ byte) * 16777619) & 0xFFFFFFFF
    assert SlotHash(seed).of(ip) == slot_hash(ip, seed) == reference


@settings(max_examples=300, derandomize=True)
@given(st.binary(max_size=40))
def test_wire_text_is_latin_1(data):
    """Long ASCII values take the runtime's 8-bytes-a-step check; tests/sdk/test_jwt_example.py compares the
    compiled run."""
    assert wire_to_text(data) == data.decode("latin-1")
