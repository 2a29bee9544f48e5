"""CIDR allow-list: only clients whose IPv4 address falls in one of the configured networks
get through; everyone else gets 403. (Hand-written before compiled filters had `ipaddress`'s
ip_address/ip_network: see docs/stdlib.md.) IPv6 clients are refused unless "allow_ipv6" is true.

Plugin configuration (JSON): {"allow": ["10.0.0.0/8", "192.168.1.0/24", "203.0.113.7"],
                              "allow_ipv6": false}
"""
import json
from dataclasses import dataclass
from typing import Optional

from abi.enums import ACTION_CONTINUE, ACTION_PAUSE
from abi.sdk import (HttpContext, RootContext, get_downstream_ip, log_error, log_info, send_http_response,
                     set_root_context)


def parse_ipv4(text: str) -> Optional[int]:
    parts = text.split(".")
    if len(parts) != 4:
        return None
    value = 0
    for part in parts:
        if not part.isdigit() or int(part) > 255:
            return None
        value = (value << 8) | int(part)
    return value


@dataclass(frozen=True)
class Network:
    base: int
    prefix: int

    @property
    def mask(self) -> int:
        return (0xFFFFFFFF << (32 - self.prefix)) & 0xFFFFFFFF

    def __contains__(self, address: int) -> bool:
        return address & self.mask == self.base & self.mask

    @classmethod
    def parse(cls, cidr: str) -> "Network":
        address, _, prefix = cidr.partition("/")
        base = parse_ipv4(address)
        if base is None:
            raise ValueError(f"not an IPv4 address: {address!r}")
        bits = int(prefix) if prefix else 32
        if not 0 <= bits <= 32:
            raise ValueError(f"bad prefix length in {cidr!r}")
        return cls(base, bits)


class AllowList(HttpContext):
    def __init__(self, context_id: int, root: "AllowListPlugin") -> None:
        super().__init__(context_id, root.context_id)
        self.plugin = root

    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        ip = get_downstream_ip() or ""
        if ":" in ip and self.plugin.allow_ipv6:
            return ACTION_CONTINUE
        address = parse_ipv4(ip)
        if address is not None and any(address in net for net in self.plugin.networks):
            return ACTION_CONTINUE
        log_info(f"cidr: refused {ip}")
        send_http_response(403, [], b"forbidden\n")
        return ACTION_PAUSE


class AllowListPlugin(RootContext):
    def __init__(self) -> None:
        super().__init__()
        self.networks: list[Network] = []
        self.allow_ipv6 = False

    def on_configure(self, plugin_configuration: bytes) -> bool:
        try:
            config = json.loads(plugin_configuration)
            self.networks = [Network.parse(cidr) for cidr in config["allow"]]
            self.allow_ipv6 = bool(config.get("allow_ipv6", False))
        except (ValueError, KeyError) as e:
            log_error(f"cidr: bad configuration: {e}")
            return False
        return True

    def new_http_context(self, context_id: int) -> HttpContext:
        return AllowList(context_id, self)


set_root_context(AllowListPlugin())
