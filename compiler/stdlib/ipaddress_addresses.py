"""ipaddress: IPv4Address and IPv6Address, as CPython 3.11's (compiler/stdlib/ipaddress.py is the
public module).

Both derive from _BaseAddress, which ip_address() returns: its methods dispatch on the object's
class, isinstance() and type(a).__name__ tell the two apart, as in CPython. Every address keeps
two int64 halves, the bit patterns of the upper and lower 64 bits of its 128 (an IPv4 address:
0 and its 32 bits), and its IPv6 scope id ("" for none), so that equality and ordering are one
method each, in the base class, as CPython's are.
"""
import compiler.stdlib.ipaddress_text as ipaddress_text
from compiler.stdlib.ipaddress_text import (AddressValueError, half_of, ipv4_from_text, ipv4_text, ipv6_exploded,
                                            ipv6_fast, ipv6_from_text, ipv6_text)

MIN64 = -9223372036854775807 - 1  # the sign bit: x ^ MIN64 orders bit patterns as unsigned ints
V4_ALL = 0xFFFFFFFF

# CPython 3.11.7's _IPv4Constants and _IPv6Constants: (network, prefix length); an IPv6 network as
# (upper half, lower half, prefix length).
V4_PRIVATE = [(0x00000000, 8), (0x0A000000, 8), (0x7F000000, 8), (0xA9FE0000, 16), (0xAC100000, 12),
              (0xC0000000, 29), (0xC00000AA, 31), (0xC0000200, 24), (0xC0A80000, 16), (0xC6120000, 15),
              (0xC6336400, 24), (0xCB007100, 24), (0xF0000000, 4), (0xFFFFFFFF, 32)]
V4_SHARED = (0x64400000, 10)  # 100.64.0.0/10, which is_global excludes
V4_LOOPBACK = (0x7F000000, 8)
V4_LINK_LOCAL = (0xA9FE0000, 16)
V4_MULTICAST = (0xE0000000, 4)
V4_RESERVED = (0xF0000000, 4)
V6_PRIVATE = [(0, 1, 128), (0, 0, 128), (0, 0xFFFF00000000, 96), (0x0100000000000000, 0, 64),
              (0x2001000000000000, 0, 23), (0x2001000200000000, 0, 48), (0x20010DB800000000, 0, 32),
              (0x2001001000000000, 0, 28), (-0x0400000000000000, 0, 7), (-0x0180000000000000, 0, 10)]
V6_RESERVED = [(0x0000, 8), (0x0100, 8), (0x0200, 7), (0x0400, 6), (0x0800, 5), (0x1000, 4), (0x4000, 3),
               (0x6000, 3), (0x8000, 3), (0xA000, 3), (0xC000, 3), (0xE000, 4), (0xF000, 5), (0xF800, 6),
               (0xFE00, 9)]  # top hextet, prefix length (all within the first 16 bits)
V6_LINK_LOCAL = (0xFE80, 10)
V6_SITE_LOCAL = (0xFEC0, 10)
V6_MULTICAST = (0xFF00, 8)


def below(a: int, b: int) -> bool:
    """a < b for two 64-bit patterns read as unsigned."""
    return (a ^ MIN64) < (b ^ MIN64)


def top_bits(count: int) -> int:
    """The 64-bit pattern of ``count`` (0..64) ones followed by zeros."""
    return 0 if count <= 0 else MIN64 >> (min(count, 64) - 1)


def in_v4(value: int, network: tuple[int, int]) -> bool:
    net, prefix = network
    return value >> (32 - prefix) == net >> (32 - prefix)


def in_v6_top(hi: int, network: tuple[int, int]) -> bool:
    """In a network given by its top hextet, of a prefix length up to 16."""
    top, prefix = network
    return ((hi >> 48) & 0xFFFF) >> (16 - prefix) == top >> (16 - prefix)


def in_v6(hi: int, lo: int, net_hi: int, net_lo: int, prefix: int) -> bool:
    return hi & top_bits(prefix) == net_hi and lo & top_bits(prefix - 64) == net_lo


def _v4_int(address: int) -> int:
    if address < 0:
        raise AddressValueError(f"{address} (< 0) is not permitted as an IPv4 address")
    if address > V4_ALL:
        raise AddressValueError(f"{address} (>= 2**32) is not permitted as an IPv4 address")
    return address


def _v6_int(address: int) -> int:
    if address < 0:
        raise AddressValueError(f"{address} (< 0) is not permitted as an IPv6 address")
    return address


class _BaseAddress:
    """CPython's _BaseAddress: what IPv4Address and IPv6Address share."""
    _ip_version = 0
    _ip_max_prefixlen = 0
    _ip_hi: int
    _ip_lo: int
    _ip_scope: str

    @property
    def version(self) -> int:
        return self._ip_version

    @property
    def max_prefixlen(self) -> int:
        return self._ip_max_prefixlen

    @property
    def compressed(self) -> str:
        return str(self)

    @property
    def exploded(self) -> str:
        return str(self)

    # What each class does its own way.
    @property
    def packed(self) -> bytes:
        raise NotImplementedError("packed")

    @property
    def is_private(self) -> bool:
        raise NotImplementedError("is_private")

    @property
    def is_global(self) -> bool:
        raise NotImplementedError("is_global")

    @property
    def is_multicast(self) -> bool:
        raise NotImplementedError("is_multicast")

    @property
    def is_loopback(self) -> bool:
        raise NotImplementedError("is_loopback")

    @property
    def is_link_local(self) -> bool:
        raise NotImplementedError("is_link_local")

    @property
    def is_reserved(self) -> bool:
        raise NotImplementedError("is_reserved")

    @property
    def reverse_pointer(self) -> str:
        raise NotImplementedError("reverse_pointer")

    @property
    def is_unspecified(self) -> bool:
        return self._ip_hi == 0 and self._ip_lo == 0

    def __str__(self) -> str:
        raise NotImplementedError("__str__")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r})"

    def __hash__(self) -> int:
        # Not called: hash() is not available, and a dict compares these keys by class and fields
        # (sema/class_keys.py LIBRARY_RECORDS), as CPython's __eq__ does.
        return self._ip_hi ^ self._ip_lo

    def __eq__(self, other: "_BaseAddress") -> bool:
        return self._ip_lo == other._ip_lo and self._ip_hi == other._ip_hi \
            and self._ip_version == other._ip_version and self._ip_scope == other._ip_scope

    def __lt__(self, other: "_BaseAddress") -> bool:
        if self._ip_version != other._ip_version:
            raise TypeError(f"{self} and {other} are not of the same version")
        if self._ip_hi != other._ip_hi:
            return below(self._ip_hi, other._ip_hi)
        return below(self._ip_lo, other._ip_lo)

    # functools.total_ordering's, from __lt__ (a scope id counts for == but not for <)
    def __le__(self, other: "_BaseAddress") -> bool:
        return self.__lt__(other) or self == other

    def __gt__(self, other: "_BaseAddress") -> bool:
        return not self.__lt__(other) and self != other

    def __ge__(self, other: "_BaseAddress") -> bool:
        return not self.__lt__(other)


class IPv4Address(_BaseAddress):
    """Represent and manipulate single IPv4 Addresses."""
    _ip_version = 4
    _ip_max_prefixlen = 32

    def __init__(self, address: str | int | bytes) -> None:
        self._ip_hi = 0
        self._ip_scope = ""
        if isinstance(address, str):
            self._ip_lo = ipv4_from_text(address)
        elif isinstance(address, int):
            self._ip_lo = _v4_int(address)
        else:
            if len(address) != 4:
                raise AddressValueError(f"{address!r} (len {len(address)} != 4) is not permitted as an IPv4 address")
            self._ip_lo = int.from_bytes(address, "big")

    def __int__(self) -> int:
        return self._ip_lo

    def __str__(self) -> str:
        return ipv4_text(self._ip_lo)

    @property
    def packed(self) -> bytes:
        return self._ip_lo.to_bytes(4, "big")

    @property
    def reverse_pointer(self) -> str:
        v = self._ip_lo
        return f"{v & 255}.{(v >> 8) & 255}.{(v >> 16) & 255}.{v >> 24}.in-addr.arpa"

    @property
    def is_private(self) -> bool:
        return any(in_v4(self._ip_lo, net) for net in V4_PRIVATE)

    @property
    def is_global(self) -> bool:
        return not in_v4(self._ip_lo, V4_SHARED) and not self.is_private

    @property
    def is_multicast(self) -> bool:
        return in_v4(self._ip_lo, V4_MULTICAST)

    @property
    def is_loopback(self) -> bool:
        return in_v4(self._ip_lo, V4_LOOPBACK)

    @property
    def is_link_local(self) -> bool:
        return in_v4(self._ip_lo, V4_LINK_LOCAL)

    @property
    def is_reserved(self) -> bool:
        return in_v4(self._ip_lo, V4_RESERVED)



class IPv6Address(_BaseAddress):
    """Represent and manipulate single IPv6 Addresses."""
    _ip_version = 6
    _ip_max_prefixlen = 128

    def __init__(self, address: str | int | bytes) -> None:
        self._ip_hi = 0
        self._ip_scope = ""
        if isinstance(address, str):
            if ipv6_fast(address):  # the common text: hex digits and colons
                self._ip_hi = ipaddress_text.FAST_HI
                self._ip_lo = ipaddress_text.FAST_LO
                return
            if "/" in address:
                raise AddressValueError(f"Unexpected '/' in {address!r}")
            text = address
            at = address.find("%")
            if at >= 0:
                scope = address[at + 1:]
                if scope == "" or "%" in scope:
                    raise AddressValueError(f'Invalid IPv6 address: "{address!r}"')
                self._ip_scope = scope
                text = address[:at]
            hextets = ipv6_from_text(text)
            self._ip_hi = half_of(hextets, 0)
            self._ip_lo = half_of(hextets, 4)
        elif isinstance(address, int):
            self._ip_lo = _v6_int(address)
        else:
            if len(address) != 16:
                raise AddressValueError(f"{address!r} (len {len(address)} != 16) is not permitted as an IPv6 address")
            self._ip_hi = int.from_bytes(address[:8], "big", signed=True)
            self._ip_lo = int.from_bytes(address[8:], "big", signed=True)

    def __str__(self) -> str:
        text = ipv6_text(self._ip_hi, self._ip_lo)
        return text + "%" + self._ip_scope if self._ip_scope != "" else text

    @property
    def exploded(self) -> str:
        if self._ip_scope != "":
            ipv6_from_text(str(self))  # CPython 3.11 parses str(self): a scope id raises there
        return ipv6_exploded(self._ip_hi, self._ip_lo)

    @property
    def packed(self) -> bytes:
        return self._ip_hi.to_bytes(8, "big", signed=True) + self._ip_lo.to_bytes(8, "big", signed=True)

    @property
    def scope_id(self) -> str | None:
        return self._ip_scope if self._ip_scope != "" else None

    @property
    def ipv4_mapped(self) -> IPv4Address | None:
        if self._ip_hi != 0 or self._ip_lo >> 32 != 0xFFFF:
            return None
        return IPv4Address(self._ip_lo & V4_ALL)

    @property
    def sixtofour(self) -> IPv4Address | None:
        if (self._ip_hi >> 48) & 0xFFFF != 0x2002:
            return None
        return IPv4Address((self._ip_hi >> 16) & V4_ALL)

    @property
    def is_private(self) -> bool:
        mapped = self.ipv4_mapped
        if mapped is not None:
            return mapped.is_private
        return any(in_v6(self._ip_hi, self._ip_lo, hi, lo, prefix) for hi, lo, prefix in V6_PRIVATE)

    @property
    def is_global(self) -> bool:
        return not self.is_private

    @property
    def is_multicast(self) -> bool:
        return in_v6_top(self._ip_hi, V6_MULTICAST)

    @property
    def is_loopback(self) -> bool:
        return self._ip_hi == 0 and self._ip_lo == 1

    @property
    def is_link_local(self) -> bool:
        return in_v6_top(self._ip_hi, V6_LINK_LOCAL)

    @property
    def is_site_local(self) -> bool:
        return in_v6_top(self._ip_hi, V6_SITE_LOCAL)

    @property
    def is_reserved(self) -> bool:
        return any(in_v6_top(self._ip_hi, net) for net in V6_RESERVED)

    @property
    def reverse_pointer(self) -> str:
        digits = self.exploded[::-1].replace(":", "")
        return ".".join([c for c in digits]) + ".ip6.arpa"


def v6_address(hi: int, lo: int, scope: str) -> IPv6Address:
    """An IPv6Address of these halves, made without text."""
    address = IPv6Address(0)
    address._ip_hi = hi
    address._ip_lo = lo
    address._ip_scope = scope
    return address
