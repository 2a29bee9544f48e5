"""ipaddress: IPv4Network and IPv6Network, as CPython 3.11's (compiler/stdlib/ipaddress.py is the
public module).

Both derive from _BaseNetwork, which ip_network() returns. A network keeps its address's halves and
scope id, its prefix length and its netmask's halves (see ipaddress_addresses.py), so that ``in``
is two ANDs; network_address, netmask, broadcast_address and hostmask are made when read.
"""
from compiler.stdlib.ipaddress_addresses import (V4_ALL, V4_PRIVATE, V4_SHARED, V6_PRIVATE, IPv4Address,
                                                 IPv6Address, _BaseAddress, below, in_v4, in_v6, top_bits, v6_address)
from compiler.stdlib.ipaddress_text import AddressValueError, ipv4_prefix, ipv6_prefix


class _BaseNetwork:
    """CPython's _BaseNetwork: what IPv4Network and IPv6Network share."""
    _ip_version = 0
    _ip_max_prefixlen = 0
    _ip_hi: int
    _ip_lo: int
    _ip_scope: str
    _ip_prefixlen: int
    _ip_mask_hi: int
    _ip_mask_lo: int

    def __init__(self, hi: int, lo: int) -> None:
        self._ip_hi = hi
        self._ip_lo = lo
        self._ip_scope = ""
        self._ip_prefixlen = 0
        self._ip_mask_hi = 0
        self._ip_mask_lo = 0

    def _ip_set(self, address: _BaseAddress, prefixlen: int, strict: bool) -> None:
        """CPython's __init__ after parsing: the mask, and the host bits' check."""
        self._ip_prefixlen = prefixlen
        self._ip_scope = address._ip_scope
        hi = address._ip_hi & self._ip_mask_hi
        lo = address._ip_lo & self._ip_mask_lo
        if hi != address._ip_hi or lo != address._ip_lo:
            if strict:
                raise ValueError(f"{address}/{prefixlen} has host bits set")
            self._ip_scope = ""  # CPython makes the network address anew, from an int
        self._ip_hi = hi
        self._ip_lo = lo

    @property
    def version(self) -> int:
        return self._ip_version

    @property
    def max_prefixlen(self) -> int:
        return self._ip_max_prefixlen

    @property
    def prefixlen(self) -> int:
        return self._ip_prefixlen

    # The addresses: each subclass's of its own version (IPv4Network's are IPv4Address objects).
    @property
    def network_address(self) -> _BaseAddress:
        raise NotImplementedError("network_address")

    @property
    def netmask(self) -> _BaseAddress:
        raise NotImplementedError("netmask")

    @property
    def hostmask(self) -> _BaseAddress:
        raise NotImplementedError("hostmask")

    @property
    def broadcast_address(self) -> _BaseAddress:
        raise NotImplementedError("broadcast_address")

    def _ip_all_lo(self) -> int:
        return V4_ALL

    @property
    def num_addresses(self) -> int:
        return 1 << (self._ip_max_prefixlen - self._ip_prefixlen)

    @property
    def with_prefixlen(self) -> str:
        return f"{self.network_address}/{self._ip_prefixlen}"

    @property
    def with_netmask(self) -> str:
        return f"{self.network_address}/{self.netmask}"

    @property
    def with_hostmask(self) -> str:
        return f"{self.network_address}/{self.hostmask}"

    @property
    def compressed(self) -> str:
        return str(self)

    @property
    def exploded(self) -> str:
        return f"{self.network_address.exploded}/{self._ip_prefixlen}"

    def __str__(self) -> str:
        return f"{self.network_address}/{self._ip_prefixlen}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r})"

    def __hash__(self) -> int:
        # Not called: hash() is not available, and a dict compares these keys by class and fields
        # (sema/class_keys.py LIBRARY_RECORDS), as CPython's __eq__ does.
        return self._ip_hi ^ self._ip_lo

    def __eq__(self, other: "_BaseNetwork") -> bool:
        return self._ip_lo == other._ip_lo and self._ip_hi == other._ip_hi \
            and self._ip_prefixlen == other._ip_prefixlen and self._ip_version == other._ip_version \
            and self._ip_scope == other._ip_scope

    def __lt__(self, other: "_BaseNetwork") -> bool:
        if self._ip_version != other._ip_version:
            raise TypeError(f"{self} and {other} are not of the same version")
        if self._ip_hi != other._ip_hi:
            return below(self._ip_hi, other._ip_hi)
        if self._ip_lo != other._ip_lo:
            return below(self._ip_lo, other._ip_lo)
        if self._ip_scope != other._ip_scope:
            return False  # the addresses differ (==), neither is below the other (<)
        return self._ip_prefixlen < other._ip_prefixlen

    # functools.total_ordering's, from __lt__
    def __le__(self, other: "_BaseNetwork") -> bool:
        return self.__lt__(other) or self == other

    def __gt__(self, other: "_BaseNetwork") -> bool:
        return not self.__lt__(other) and self != other

    def __ge__(self, other: "_BaseNetwork") -> bool:
        return not self.__lt__(other)

    def __contains__(self, other: _BaseAddress) -> bool:
        return other._ip_version == self._ip_version and other._ip_hi & self._ip_mask_hi == self._ip_hi \
            and other._ip_lo & self._ip_mask_lo == self._ip_lo

    def _ip_holds(self, hi: int, lo: int) -> bool:
        return hi & self._ip_mask_hi == self._ip_hi and lo & self._ip_mask_lo == self._ip_lo

    def _ip_last_hi(self) -> int:
        return self._ip_hi | ~self._ip_mask_hi

    def _ip_last_lo(self) -> int:
        return (self._ip_lo | ~self._ip_mask_lo) & self._ip_all_lo()

    def overlaps(self, other: "_BaseNetwork") -> bool:
        if self._ip_version != other._ip_version:
            return False
        return self._ip_holds(other._ip_hi, other._ip_lo) or self._ip_holds(other._ip_last_hi(), other._ip_last_lo()) \
            or other._ip_holds(self._ip_hi, self._ip_lo) or other._ip_holds(self._ip_last_hi(), self._ip_last_lo())

    def subnet_of(self, other: "_BaseNetwork") -> bool:
        return _is_subnet_of(self, other)

    def supernet_of(self, other: "_BaseNetwork") -> bool:
        return _is_subnet_of(other, self)

    @property
    def is_private(self) -> bool:
        return False

    @property
    def is_global(self) -> bool:
        return not self.is_private

    @property
    def is_multicast(self) -> bool:
        return self.network_address.is_multicast and self.broadcast_address.is_multicast

    @property
    def is_reserved(self) -> bool:
        return self.network_address.is_reserved and self.broadcast_address.is_reserved

    @property
    def is_link_local(self) -> bool:
        return self.network_address.is_link_local and self.broadcast_address.is_link_local

    @property
    def is_unspecified(self) -> bool:
        return self.network_address.is_unspecified and self.broadcast_address.is_unspecified

    @property
    def is_loopback(self) -> bool:
        return self.network_address.is_loopback and self.broadcast_address.is_loopback


def _is_subnet_of(a: _BaseNetwork, b: _BaseNetwork) -> bool:
    """CPython's: b.network_address <= a.network_address (a scope id counts for ==) and
    b.broadcast_address >= a.broadcast_address."""
    if a._ip_version != b._ip_version:
        raise TypeError(f"{a} and {b} are not of the same version")
    if a._ip_hi != b._ip_hi or a._ip_lo != b._ip_lo:
        first = below(b._ip_hi, a._ip_hi) if a._ip_hi != b._ip_hi else below(b._ip_lo, a._ip_lo)
    else:
        first = a._ip_scope == b._ip_scope
    a_hi = a._ip_last_hi()
    b_hi = b._ip_last_hi()
    last = not (below(b_hi, a_hi) if a_hi != b_hi else below(b._ip_last_lo(), a._ip_last_lo()))
    return first and last


def _split(address: str) -> list[str]:
    parts = address.split("/")
    if len(parts) > 2:
        raise AddressValueError(f"Only one '/' permitted in {address!r}")
    return parts


class IPv4Network(_BaseNetwork):
    """This class represents and manipulates 32-bit IPv4 network + addresses."""
    _ip_version = 4
    _ip_max_prefixlen = 32

    def __init__(self, address: str | int | bytes, strict: bool = True) -> None:
        super().__init__(0, 0)
        if isinstance(address, str):
            parts = _split(address)
            found = IPv4Address(parts[0])
            prefixlen = ipv4_prefix(parts[1]) if len(parts) == 2 else 32
        else:
            found = IPv4Address(address)
            prefixlen = 32
        self._ip_mask_lo = V4_ALL ^ (V4_ALL >> prefixlen)
        self._ip_set(found, prefixlen, strict)

    @property
    def network_address(self) -> IPv4Address:
        return IPv4Address(self._ip_lo)

    @property
    def broadcast_address(self) -> IPv4Address:
        return IPv4Address(self._ip_last_lo())

    @property
    def netmask(self) -> IPv4Address:
        return IPv4Address(self._ip_mask_lo)

    @property
    def hostmask(self) -> IPv4Address:
        return IPv4Address(self._ip_mask_lo ^ V4_ALL)

    @property
    def is_private(self) -> bool:
        last = self._ip_last_lo()
        return any(in_v4(self._ip_lo, net) and in_v4(last, net) for net in V4_PRIVATE)

    @property
    def is_global(self) -> bool:
        return not (in_v4(self._ip_lo, V4_SHARED) and in_v4(self._ip_last_lo(), V4_SHARED)) and not self.is_private


class IPv6Network(_BaseNetwork):
    """This class represents and manipulates 128-bit IPv6 networks."""
    _ip_version = 6
    _ip_max_prefixlen = 128

    def __init__(self, address: str | int | bytes, strict: bool = True) -> None:
        super().__init__(0, 0)
        if isinstance(address, str):
            parts = _split(address)
            found = IPv6Address(parts[0])
            prefixlen = ipv6_prefix(parts[1]) if len(parts) == 2 else 128
        else:
            found = IPv6Address(address)
            prefixlen = 128
        self._ip_mask_hi = top_bits(prefixlen)
        self._ip_mask_lo = top_bits(prefixlen - 64)
        self._ip_set(found, prefixlen, strict)

    def _ip_all_lo(self) -> int:
        return -1

    @property
    def is_private(self) -> bool:
        last_hi = self._ip_last_hi()
        last_lo = self._ip_last_lo()
        return any(in_v6(self._ip_hi, self._ip_lo, hi, lo, prefix) and in_v6(last_hi, last_lo, hi, lo, prefix)
                   for hi, lo, prefix in V6_PRIVATE)

    @property
    def is_site_local(self) -> bool:
        return self.network_address.is_site_local and self.broadcast_address.is_site_local

    @property
    def network_address(self) -> IPv6Address:
        return v6_address(self._ip_hi, self._ip_lo, self._ip_scope)

    @property
    def broadcast_address(self) -> IPv6Address:
        return v6_address(self._ip_last_hi(), self._ip_last_lo(), "")

    @property
    def netmask(self) -> IPv6Address:
        return v6_address(self._ip_mask_hi, self._ip_mask_lo, "")

    @property
    def hostmask(self) -> IPv6Address:
        return v6_address(~self._ip_mask_hi, ~self._ip_mask_lo, "")

