"""Global mode's over-limit cache: clients the rate-limit service said OVER_LIMIT for, and
until when, in shared data, so every worker answers them locally until the window resets
(as envoyproxy/ratelimit's own over-limit cache does) and a flood costs the service about
one call per window.

Same bounded layout as the limiter (filter/limiter.py): ``maxClients / 8`` slot keys of up
to 8 entries (16-byte address, 8-byte "limited until" in ms); an entry whose time has passed
is reused, and a full slot drops the entry that ends soonest (that client is asked about
again, which is only a call, never a wrong answer). Updates are compare-and-swap with
retries; a failed update only means one more call to the service.
"""
from abi.enums import STATUS_OK
from abi.sdk import get_shared_data_bytes, set_shared_data_bytes
from limiter import CREATE_ONLY, MAX_CAS_RETRIES, SlotHash, find_entry, read_u63, replaced

ENTRY_SIZE = 24
ENTRIES_PER_SLOT = 8


def pack_until(ip: bytes, until_ms: int) -> bytes:
    return ip + bytes([(until_ms >> (8 * i)) & 255 for i in range(8)])


class OverLimitCache:
    def __init__(self, key_prefix: str, slots: int, seed: int) -> None:
        self.key_prefix: bytes = key_prefix.encode()  # keys built as bytes: no encode per call
        self.slots = slots
        self.hash = SlotHash(seed)

    def slot_key(self, ip: bytes) -> bytes:
        return self.key_prefix + str(self.hash.of(ip) % self.slots).encode()

    def limited_until(self, ip: bytes, now_ms: int) -> int:
        """When the client's cached OVER_LIMIT ends, or 0 when it is not limited now."""
        value = get_shared_data_bytes(self.slot_key(ip)).value
        if value is None or len(value) % ENTRY_SIZE != 0:
            return 0
        offset = find_entry(value, ip, ENTRY_SIZE)
        if offset < 0:
            return 0
        until = read_u63(value, offset + 16)
        return until if until > now_ms else 0

    def remember(self, ip: bytes, until_ms: int) -> bool:
        """Record that ``ip`` is limited until ``until_ms``; False if shared data would not take it."""
        key = self.slot_key(ip)
        for _ in range(MAX_CAS_RETRIES):
            stored = get_shared_data_bytes(key)
            value = b""
            cas = CREATE_ONLY
            found = stored.value
            if found is not None and len(found) % ENTRY_SIZE == 0:
                value = found
                cas = stored.cas
            if set_shared_data_bytes(key, self.with_entry(value, ip, until_ms), cas) == STATUS_OK:
                return True
        return False

    def with_entry(self, value: bytes, ip: bytes, until_ms: int) -> bytes:
        entry = pack_until(ip, until_ms)
        offset = find_entry(value, ip, ENTRY_SIZE)
        if offset < 0 and len(value) < ENTRIES_PER_SLOT * ENTRY_SIZE:
            return value + entry
        if offset < 0:
            offset = 0
            soonest = read_u63(value, 16)
            for at in range(0, len(value), ENTRY_SIZE):
                until = read_u63(value, at + 16)
                if until < soonest:  # an entry in the past is the soonest of all
                    offset = at
                    soonest = until
        return replaced(value, offset, entry)
