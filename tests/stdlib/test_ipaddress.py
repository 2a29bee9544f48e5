"""ipaddress (compiler/stdlib/ipaddress*.py) against CPython's: ip_address, ip_network (strict and
not), the four classes from text, int and bytes, their properties, text, reprs, ordering, `in`,
subnet_of/supernet_of/overlaps and exception messages, on generated text, valid and invalid (IPv6
compression corner cases, scope ids, leading zeros, IPv4-mapped and embedded IPv4)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parents[1] / "compiler"))  # differential.py (no packages in tests/)
from differential import compiled, load_python  # noqa: E402

from compiler import CompileError, compile_file  # noqa: E402

PROGRAM = Path(__file__).with_name("ipaddress_program.py")
EXAMPLES = int(os.environ.get("STDLIB_EXAMPLES", "60"))  # per generated test: 4 of them
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def sides():
    program = compiled(PROGRAM)
    store, instance = program.instance()
    exports = instance.exports(store)
    memory = exports["memory"]

    def wasm(op: int, text: str) -> str:
        data = text.encode()
        memory.write(store, data, exports["input_buffer"](store, len(data)))
        exports["run"](store, op)
        start = exports["out_ptr"](store)
        return memory.read(store, start, start + exports["out_len"](store)).decode()
    module = load_python(PROGRAM)

    def cpython(op: int, text: str) -> str:
        module.INPUT = text.encode()
        module.run(op)
        return module.OUT.decode()
    return wasm, cpython


def agree(sides, ops, text: str) -> None:
    wasm, cpython = sides
    for op in ops:
        assert wasm(op, text) == cpython(op, text), (op, text)


# Text pieces that meet every branch of CPython's parsers and printers.
OCTETS = ["0", "1", "9", "10", "127", "255", "256", "01", "00", "0000", "1a", "", " 1", "+1", "\u0661", "999", "172"]
HEXTETS = ["0", "1", "ffff", "FFFF", "0000", "00000", "abcd", "g", "", "fe80", "ff02", "2001", "db8", "ffff",
           "2002", "fc00", "fec0", "64", "1.2.3.4", "0.0.0.0", "127.0.0.1", "01.2.3.4", "1.2.3", "8000"]
SCOPES = ["", "%eth0", "%", "%1%2", "%0", "%a:b", "%1.2.3.4"]
PREFIXES = ["", "/0", "/8", "/16", "/24", "/31", "/32", "/33", "/64", "/96", "/127", "/128", "/129", "/024",
            "/255.255.255.0", "/0.0.0.255", "/255.0.255.0", "/x", "/", "/-1", "/ 8", "/1/2", "/0000000000000000000012"]

ipv4_text = st.lists(st.sampled_from(OCTETS), min_size=1, max_size=5).map(".".join)
ipv6_text = st.builds(lambda parts, scope: ":".join(parts) + scope,
                      st.lists(st.sampled_from(HEXTETS), min_size=1, max_size=10), st.sampled_from(SCOPES))
v6_compressible = st.lists(st.sampled_from([0, 0, 0, 1, 0xFFFF, 0xABC]), min_size=8, max_size=8).map(
    lambda hs: ":".join(f"{h:x}" for h in hs))
v6_colons = st.lists(st.sampled_from(["", "", "0", "1", "ffff", "FfFf", "8000", "12345"]), min_size=6, max_size=10).map(
    ":".join)  # around eight parts: where '::' and the part counts decide
address_text = ipv4_text | ipv6_text | v6_compressible | v6_colons
network_text = st.builds(lambda a, p: a + p, address_text, st.sampled_from(PREFIXES))

VALID = ["1.2.3.4", "0.0.0.0", "255.255.255.255", "10.1.2.3", "100.64.0.1", "127.0.0.1", "169.254.1.1",
         "172.16.0.1", "192.0.0.171", "192.0.2.1", "192.168.1.1", "198.18.0.1", "203.0.113.9", "224.0.0.1",
         "240.0.0.1", "8.8.8.8", "::", "::1", "1::", "1::1", "::ffff:1.2.3.4", "::ffff:7f00:1", "::ffff:a00:1",
         "::1.2.3.4", "2001:db8::1", "2001:db8:0:0:1:0:0:1", "2001:0:0:1::1", "fe80::1%eth0", "fe80::1%1",
         "ff02::1", "fec0::1", "fc00::1", "2002:c000:204::1", "1:2:3:4:5:6:7:8", "1:0:0:2:0:0:0:3",
         "0:0:0:0:0:0:0:0", "100::1", "2001::1", "2001:2::1", "2001:10::1", "ABCD:EF01::", "8000::",
         "::ffff:ffff:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"]
INVALID = ["", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.256", "1.2.3.4/24", "1.2..4", "a.b.c.d", "1.2.3.\u0661",
           "1.2.3.0000", ":", "::1::", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", "1:2:3:4:5:6:7:8:9", "1::2::3",
           "12345::", "g::", "::1.2.3", "::01.2.3.4", "%eth0", "::1%", "::1%a%b", "1:2:3:4:5:6:7::8:9",
           "1:2", "::1/128", "1:2:3:4:5:6:7:8%x", "1:2:3:4:5:6:7:8:", ":1:2:3:4:5:6:7:8",
           "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", " 1.2.3.4", "1.2.3.4 ",
           "::ffff:1.2.3.4.5"]
NETWORKS = ["10.0.0.0/8", "1.2.3.4/24", "1.2.3.0/24", "0.0.0.0/0", "192.168.1.1", "192.168.0.0/255.255.0.0",
            "10.0.0.0/0.255.255.255", "10.0.0.0/255.0.255.0", "127.0.0.0/8", "100.64.0.0/10", "100.64.0.0/9",
            "224.0.0.0/4", "240.0.0.0/4", "169.254.0.0/16", "::/0", "::/128", "::1/128", "fe80::/10",
            "fe80::%eth0/64", "fe80::1%eth0/64", "2001:db8::/32", "2001:db8::1/32", "ff00::/8", "::ffff:0:0/96",
            "fc00::/7", "fec0::/10", "2001::/23", "1.2.3.4/33", "::/129", "1.2.3.4/a", "::/255.255.0.0",
            "1.2.3.4//8", "1.2.3.4/8/8", "", "/8", "::/64", "8000::/1", "::/1",
            "1.0.0.0/" + "0" * 4299 + "8", "1.0.0.0/" + "0" * 4300 + "8", "::/" + "0" * 4300 + "8"]
PAIRS = ["1.2.3.4|1.2.3.4", "1.2.3.4|1.2.3.5", "1.2.3.5|1.2.3.4", "1.2.3.4|::1", "::1|1.2.3.4", "::1|::2",
         "fe80::1%a|fe80::1%b", "fe80::1%a|fe80::1", "fe80::1|fe80::1%a", "8000::|::1", "::1|8000::",
         "::ffff:1.2.3.4|1.2.3.4", "ffff::|7fff::"]
NET_PAIRS = ["10.0.0.0/8|10.1.0.0/16", "10.1.0.0/16|10.0.0.0/8", "10.0.0.0/8|11.0.0.0/8", "10.0.0.0/8|::/0",
             "::/0|2001:db8::/32", "2001:db8::/32|::/0", "10.0.0.0/8|10.0.0.0/8", "10.0.0.0/8|10.0.0.0/9",
             "fe80::%a/64|fe80::/64", "fe80::/64|fe80::%a/64", "8000::/1|::/1", "::/1|8000::/1",
             "1.2.3.4/24|1.2.3.0/24", "0.0.0.0/0|255.255.255.255"]


@pytest.mark.parametrize("text", VALID + INVALID)
def test_addresses(sides, text):
    agree(sides, (0, 1, 2, 3, 4), text)


@pytest.mark.parametrize("text", NETWORKS, ids=[n[:40] for n in NETWORKS])
def test_networks(sides, text):
    agree(sides, (3, 4, 5, 6), text)


@pytest.mark.parametrize("text", PAIRS)
def test_address_comparisons(sides, text):
    agree(sides, (7,), text)


@pytest.mark.parametrize("text", NET_PAIRS)
def test_network_relations(sides, text):
    agree(sides, (8,), text)


@pytest.mark.parametrize("text", ["0", "1", "3232235777", "4294967295", "4294967296", "-1", "9223372036854775807"])
def test_from_int(sides, text):
    agree(sides, (9,), text)


@pytest.mark.parametrize("text", ["\x01\x02\x03\x04", "\x00" * 16, "\x01\x02\x03", "\x7f" * 16, "\x7f" * 17])
def test_from_bytes(sides, text):
    agree(sides, (10,), text)  # ip_address(text.encode()): packed bytes (ASCII, so one byte each)


@pytest.mark.parametrize("text", ["10.0.0.1 10.0.0.1 ::1 0::1 ::1%a 10.0.0.0/8 10.1.2.3/8 ::/0 0.0.0.0/0 ::a:0:1",
                                  "::ffff:10.0.0.1 10.0.0.1 1.2.3.4/32 1.2.3.4 fe80::%x/64 fe80::/64 fe80::1/64"])
def test_dict_keys(sides, text):
    agree(sides, (12,), text)


def test_constants(sides):
    agree(sides, (11,), "")


@SETTINGS
@given(text=address_text)
def test_generated_addresses(sides, text):
    agree(sides, (0, 1, 2), text)


@SETTINGS
@given(text=network_text)
def test_generated_networks(sides, text):
    agree(sides, (3, 4), text)


@SETTINGS
@given(left=address_text, right=address_text)
def test_generated_comparisons(sides, left, right):
    wasm, cpython = sides
    text = left + "|" + right
    assert wasm(7, text) == cpython(7, text), text


@SETTINGS
@given(left=network_text, right=network_text)
def test_generated_network_relations(sides, left, right):
    wasm, cpython = sides
    text = left + "|" + right
    assert wasm(8, text) == cpython(8, text), text


# One program, each function a refusal: (line:col, message); int() of ip_address(s) is a golden case
# (tests/compiler/golden_constructs.py), a missing name (ip_interface) in test_url_refusals.py.
REFUSED_SOURCE = """from ipaddress import IPv6Address, ip_address, ip_network


def f(s: str) -> int:
    return int(IPv6Address(s))


def g(s: str) -> int:
    return len(list(ip_network(s).hosts()))


def h(s: str) -> bool:
    return ip_address(s).ipv4_mapped is None


def k(s: str) -> int:
    return len({ip_address(s)})
"""
REFUSED = [("5:16", "int() of IPv6Address is not available: an IPv6 address has 128 bits"),
           ("9:21", "ipaddress.IPv4Network.hosts is not available yet"),
           ("13:12", "'ipv4_mapped' is an attribute of IPv6Address, and this value may be an IPv4Address"),
           ("17:16", "a set of _BaseAddress objects is not supported: CPython iterates it in hash order")]


def test_refused(tmp_path):
    path = tmp_path / "prog.py"
    path.write_text(REFUSED_SOURCE)
    with pytest.raises(CompileError) as info:
        compile_file(path)
    text = str(info.value)
    for position, message in REFUSED:
        assert f"prog.py:{position}: error: {message}" in text, text
