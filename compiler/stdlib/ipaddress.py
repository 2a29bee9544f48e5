"""ipaddress for compiled filters: CPython 3.11's ip_address(), ip_network(), IPv4Address,
IPv6Address, IPv4Network and IPv6Network, with its results, text and exceptions (see
docs/stdlib.md). The classes live in ipaddress_addresses.py and ipaddress_networks.py, the text in
ipaddress_text.py (whose _ipv4_int and _ipv6_hextets urllib.parse reads bracketed hosts with).

ip_address() returns an IPv4Address or an IPv6Address: its type here is their base class,
_BaseAddress, whose methods dispatch on the object's class (an annotation IPv4Address |
IPv6Address means that base class too, see compiler/sema/types.py).
"""
from compiler.stdlib.ipaddress_addresses import IPv4Address, IPv6Address, _BaseAddress
from compiler.stdlib.ipaddress_networks import IPv4Network, IPv6Network, _BaseNetwork
from compiler.stdlib.ipaddress_text import AddressValueError, NetmaskValueError, _ipv4_int

IPV4LENGTH = 32
IPV6LENGTH = 128


def ip_address(address: str | int | bytes) -> _BaseAddress:
    """Take an IP string/int and return an object of the correct type."""
    if isinstance(address, str):
        value = _ipv4_int(address)
        if value >= 0:
            return IPv4Address(value)
        if ":" in address:  # else IPv6Address raises: no text without ':' is an IPv6 address
            try:
                return IPv6Address(address)
            except (AddressValueError, NetmaskValueError):
                pass
    else:
        try:
            return IPv4Address(address)
        except (AddressValueError, NetmaskValueError):
            pass
        if not isinstance(address, str):  # an IPv6Address reads no text without ':'
            try:
                return IPv6Address(address)
            except (AddressValueError, NetmaskValueError):
                pass
    raise ValueError(f"{address!r} does not appear to be an IPv4 or IPv6 address")


def ip_network(address: str | int | bytes, strict: bool = True) -> _BaseNetwork:
    """Take an IP string/int and return an object of the correct type."""
    try:
        return IPv4Network(address, strict)
    except (AddressValueError, NetmaskValueError):
        pass
    try:
        return IPv6Network(address, strict)
    except (AddressValueError, NetmaskValueError):
        pass
    raise ValueError(f"{address!r} does not appear to be an IPv4 or IPv6 network")


def v4_int_to_packed(address: int) -> bytes:
    """Represent an address as 4 packed bytes in network (big-endian) order."""
    if address < 0 or address > 0xFFFFFFFF:
        raise ValueError("Address negative or too large for IPv4")
    return address.to_bytes(4, "big")


def v6_int_to_packed(address: int) -> bytes:
    """Represent an address as 16 packed bytes in network (big-endian) order."""
    if address < 0:
        raise ValueError("Address negative or too large for IPv6")
    return address.to_bytes(16, "big")
