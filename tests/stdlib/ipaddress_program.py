"""The compiled side of test_ipaddress.py: ipaddress on a str written into memory; the answer (or the
exception's class and message) read back as text. Under CPython the same code runs CPython's
ipaddress."""
import ipaddress
from ipaddress import (AddressValueError, IPv4Address, IPv4Network, IPv6Address, IPv6Network, NetmaskValueError,
                       ip_address, ip_network)

from abi import export
from abi.intrinsics import data_ptr

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


def flags(a: IPv4Address | IPv6Address) -> str:
    checks = [a.is_private, a.is_global, a.is_loopback, a.is_multicast, a.is_link_local, a.is_unspecified,
              a.is_reserved]
    return "".join(["1" if c else "0" for c in checks])


def address(a: IPv4Address | IPv6Address) -> str:
    text = f"{a!r} {a} {type(a).__name__} v{a.version} {a.max_prefixlen} {flags(a)} {a.compressed} {a.packed.hex()}"
    text += f" {a == ip_address(a.packed)} {isinstance(a, IPv4Address)} {isinstance(a, IPv6Address)}"
    if isinstance(a, IPv4Address):
        return text + f" {int(a)} {a.exploded} {a.reverse_pointer} {a == IPv4Address(int(a))}"
    if not isinstance(a, IPv6Address):
        return text
    mapped = a.ipv4_mapped
    text += f" {a.scope_id} {mapped!r} {a.sixtofour!r} {a.is_site_local}"
    if mapped is not None:
        text += f" {address(mapped)}"
    try:
        text += f" {a.exploded} {a.reverse_pointer}"
    except ValueError as err:
        text += f" {type(err).__name__}: {err}"
    return text


def network(n: IPv4Network | IPv6Network) -> str:
    text = f"{n!r} {n} {type(n).__name__} v{n.version} {n.prefixlen} {n.network_address!r} {n.broadcast_address}"
    text += f" {n.netmask} {n.hostmask} {n.with_prefixlen} {n.with_netmask} {n.with_hostmask} {n.compressed}"
    text += f" {n.is_private}{n.is_global}{n.is_loopback}{n.is_multicast}{n.is_link_local}{n.is_unspecified}"
    text += f"{n.is_reserved} {n.network_address in n} {n.broadcast_address in n} {n.max_prefixlen}"
    if n.max_prefixlen - n.prefixlen < 63:
        text += f" {n.num_addresses}"
    else:  # beyond int64: OverflowError here, CPython's big int there
        try:
            text += " big" if n.num_addresses > 0x7FFFFFFFFFFFFFFF else " small"
        except OverflowError:
            text += " big"
    try:
        text += f" {n.exploded}"
    except ValueError as err:
        text += f" {type(err).__name__}: {err}"
    return text


def pair(text: str) -> tuple[str, str]:
    at = text.find("|")
    return text[:at], text[at + 1:]


def compare_addresses(text: str) -> str:
    left, right = pair(text)
    a = ip_address(left)
    b = ip_address(right)
    out = f"{a == b} {a != b}"
    for op in range(4):
        try:
            if op == 0:
                out += f" {a < b}"
            elif op == 1:
                out += f" {a <= b}"
            elif op == 2:
                out += f" {a > b}"
            else:
                out += f" {a >= b}"
        except TypeError as err:
            out += f" TypeError: {err}"
    return out


def compare_networks(text: str, strict: bool) -> str:
    left, right = pair(text)
    n = ip_network(left, strict)
    m = ip_network(right, strict)
    out = f"{n == m} {n != m} {n.overlaps(m)} {m.overlaps(n)} {n.network_address in m} {m.broadcast_address in n}"
    for op in range(6):
        try:
            if op == 0:
                out += f" {n < m}"
            elif op == 1:
                out += f" {n <= m}"
            elif op == 2:
                out += f" {n > m}"
            elif op == 3:
                out += f" {n >= m}"
            elif op == 4:
                out += f" {n.subnet_of(m)}"
            else:
                out += f" {n.supernet_of(m)}"
        except TypeError as err:
            out += f" TypeError: {err}"
    return out


def from_int(text: str) -> str:
    n = int(text)
    out = ""
    for op in range(5):
        try:
            if op == 3:
                out += " " + ipaddress.v4_int_to_packed(n).hex()
            elif op == 4:
                out += " " + ipaddress.v6_int_to_packed(n).hex()
            elif op == 0:
                out += " " + address(IPv4Address(n))
            elif op == 1:
                out += " " + address(IPv6Address(n))
            else:
                out += " " + address(ip_address(n)) + " " + network(ip_network(n))
        except ValueError as err:
            out += f" {type(err).__name__}: {err}"
    return out


def as_keys(text: str) -> str:
    """Addresses and networks as dict keys: equal ones are one key (the first stays), as CPython's hash."""
    seen: dict[IPv4Address | IPv6Address, int] = {}
    nets: dict[IPv4Network | IPv6Network, int] = {}
    for part in text.split(" "):
        if "/" in part:
            n = ip_network(part, strict=False)
            nets[n] = nets.get(n, 0) + 1
        else:
            a = ip_address(part)
            seen[a] = seen.get(a, 0) + 1
    out = " ".join([f"{k!r}={v}" for k, v in seen.items()] + [f"{k!r}={v}" for k, v in nets.items()])
    probe = ip_address("10.0.0.1")
    return out + f" {probe in seen} {seen.get(IPv6Address('::1'), -1)} {ip_network('10.0.0.0/8') in nets}"


def call(op: int, text: str) -> str:
    if op == 0:
        return address(ip_address(text))
    if op == 1:
        return address(IPv4Address(text))
    if op == 2:
        return address(IPv6Address(text))
    if op == 3:
        return network(ip_network(text))
    if op == 4:
        return network(ip_network(text, strict=False))
    if op == 5:
        return network(IPv4Network(text, False))
    if op == 6:
        return network(IPv6Network(text))
    if op == 7:
        return compare_addresses(text)
    if op == 8:
        return compare_networks(text, False)
    if op == 9:
        return from_int(text)
    if op == 10:
        return address(ipaddress.ip_address(text.encode()))
    if op == 12:
        return as_keys(text)
    return f"{ipaddress.IPV4LENGTH} {ipaddress.IPV6LENGTH}"


@export
def run(op: int) -> int:
    global OUT
    try:
        OUT = call(op, INPUT.decode()).encode()
    except AddressValueError as err:
        OUT = ("AddressValueError: " + str(err)).encode()
    except NetmaskValueError as err:
        OUT = ("NetmaskValueError: " + str(err)).encode()
    except ValueError as err:
        OUT = (f"{type(err).__name__}: {err}").encode()
    return 0
