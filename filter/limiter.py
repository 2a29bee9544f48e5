"""Per-client counting windows in proxy-wasm shared data, exact across Envoy workers.

Layout: a fixed number of slot keys (``maxClients / ENTRIES_PER_SLOT``), each
holding up to ``ENTRIES_PER_SLOT`` fixed-size entries of the clients hashed to
it: 16-byte address, window start (ms), count. Shared data never grows past
that, whatever the traffic: an expired entry is reused, and when a slot is
full of live windows the one closest to its end is evicted (counted; that
client starts a fresh window early).

Every update is a compare-and-swap on the slot, retried on conflict, so
exactly ``burst`` requests per client per window pass however the workers
interleave. A slot key that does not exist yet is created with the CAS value
``CREATE_ONLY``: Envoy lets a set on a missing key succeed whatever the CAS,
and refuses it (CAS mismatch) once another worker created the key, whose CAS
is a small counter. Creation is therefore atomic too.
"""
from abi.enums import STATUS_CAS_MISMATCH, STATUS_NOT_FOUND, STATUS_OK
from abi.sdk import get_shared_data, set_shared_data

ENTRY_SIZE = 32            # 16 address, 8 window start (ms, little-endian), 4 count, 4 unused
ENTRIES_PER_SLOT = 8
CREATE_ONLY = 0xFFFFFFFF   # never a live CAS value: Envoy's counter starts at 1
MAX_CAS_RETRIES = 64


class Decision:
    """The outcome for one request; ``window_end_ms`` is when the client's window ends."""

    def __init__(self) -> None:
        self.allowed = True
        self.count = 0
        self.window_end_ms = 0
        self.evicted = False
        self.error = ""


class Entry:
    def __init__(self, ip: bytes, start_ms: int, count: int) -> None:
        self.ip = ip
        self.start_ms = start_ms
        self.count = count


def little_endian(value: int, size: int) -> list[int]:
    return [(value >> (8 * i)) & 255 for i in range(size)]


def read_little_endian(data: bytes, offset: int, size: int) -> int:
    value = 0
    for i in range(size - 1, -1, -1):
        value = value * 256 + data[offset + i]
    return value


def decode_slot(value: bytes) -> list[Entry]:
    """The entries of a slot value (a truncated tail, which we never write, is ignored)."""
    entries: list[Entry] = []
    for offset in range(0, len(value) - ENTRY_SIZE + 1, ENTRY_SIZE):
        entries.append(Entry(value[offset:offset + 16], read_little_endian(value, offset + 16, 8),
                             read_little_endian(value, offset + 24, 4)))
    return entries


def encode_slot(entries: list[Entry]) -> bytes:
    parts: list[bytes] = []
    for entry in entries:
        parts.append(entry.ip)
        parts.append(bytes(little_endian(entry.start_ms, 8) + little_endian(entry.count, 4) + [0, 0, 0, 0]))
    return b"".join(parts)


def slot_hash(ip: bytes, seed: int) -> int:
    """FNV-1a over the address, keyed by a per-deployment seed so that addresses an attacker
    picks do not land in one slot predictably."""
    h = (2166136261 ^ seed) & 0xFFFFFFFF
    for byte in ip:
        h = ((h ^ byte) * 16777619) & 0xFFFFFFFF
    return h


class Limiter:
    def __init__(self, key_prefix: str, slots: int, ttl_ms: int, burst: int, seed: int) -> None:
        self.key_prefix = key_prefix
        self.slots = slots
        self.ttl_ms = ttl_ms
        self.burst = burst
        self.seed = seed

    def slot_key(self, ip: bytes) -> str:
        return f"{self.key_prefix}{slot_hash(ip, self.seed) % self.slots}"

    def count(self, ip: bytes, now_ms: int) -> Decision:
        """Count one request of ``ip`` at ``now_ms``; a limited request is not counted."""
        key = self.slot_key(ip)
        for _ in range(MAX_CAS_RETRIES):
            stored = get_shared_data(key)
            if stored.status != STATUS_OK and stored.status != STATUS_NOT_FOUND:
                return failed(f"reading shared data failed with status {stored.status}")
            entries: list[Entry] = []
            cas = CREATE_ONLY
            value = stored.value
            if value is not None:
                entries = decode_slot(value)
                cas = stored.cas
            decision = Decision()
            if not self.update(entries, ip, now_ms, decision):
                return decision  # limited: nothing to write
            status = set_shared_data(key, encode_slot(entries), cas)
            if status == STATUS_OK:
                return decision
            if status != STATUS_CAS_MISMATCH:
                return failed(f"writing shared data failed with status {status}")
        return failed(f"shared data stayed contended for {MAX_CAS_RETRIES} attempts")

    def update(self, entries: list[Entry], ip: bytes, now_ms: int, decision: Decision) -> bool:
        """Apply the request to the slot's entries; False when it is limited (no change)."""
        for entry in entries:
            if entry.ip == ip:
                if now_ms - entry.start_ms < self.ttl_ms:
                    decision.window_end_ms = entry.start_ms + self.ttl_ms
                    if entry.count >= self.burst:
                        decision.allowed = False
                        decision.count = entry.count
                        return False
                    entry.count += 1
                    decision.count = entry.count
                    return True
                self.restart(entry, now_ms, decision)
                return True
        entry = self.free_entry(entries, now_ms, decision)
        entry.ip = ip
        self.restart(entry, now_ms, decision)
        return True

    def restart(self, entry: Entry, now_ms: int, decision: Decision) -> None:
        entry.start_ms = now_ms
        entry.count = 1
        decision.count = 1
        decision.window_end_ms = now_ms + self.ttl_ms

    def free_entry(self, entries: list[Entry], now_ms: int, decision: Decision) -> Entry:
        """A new entry if the slot has room, else an expired one, else the one ending soonest."""
        if len(entries) < ENTRIES_PER_SLOT:
            entry = Entry(b"", 0, 0)
            entries.append(entry)
            return entry
        oldest = entries[0]
        for entry in entries:
            if now_ms - entry.start_ms >= self.ttl_ms:
                return entry
            if entry.start_ms < oldest.start_ms:
                oldest = entry
        decision.evicted = True
        return oldest


def failed(message: str) -> Decision:
    decision = Decision()
    decision.error = message
    return decision
