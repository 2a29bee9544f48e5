"""Per-client counting windows in proxy-wasm shared data, exact across Envoy workers.

Layout: a fixed number of slot keys (``maxClients / ENTRIES_PER_SLOT``), each
holding up to ``ENTRIES_PER_SLOT`` fixed-size entries of the clients hashed to
it: 16-byte address, window start (ms), count. A request reads its own entry
and splices the updated one in; the other entries are never decoded. Shared data never grows past
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
from abi.sdk import get_shared_data_bytes, set_shared_data_bytes
from addresses import V4_MAPPED_PREFIX

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


def read_u32(data: bytes, offset: int) -> int:
    """The little-endian u32 at ``offset``."""
    return data[offset] | data[offset + 1] << 8 | data[offset + 2] << 16 | data[offset + 3] << 24


def read_u63(data: bytes, offset: int) -> int:
    """The little-endian u64 at ``offset`` less its top bit: a time in ms never has it set, and a
    value written by someone else then reads as a large time instead of trapping (OverflowError)."""
    return read_u32(data, offset) | (read_u32(data, offset + 4) & 0x7FFFFFFF) << 32


def with_entry(value: bytes, offset: int, ip: bytes, start_ms: int, count: int) -> bytes:
    """The slot with the entry at ``offset`` replaced by (ip, start_ms, count), or the entry
    appended when ``offset`` is the slot's length: one bytes + chain, so one new object."""
    return value[:offset] + ip + bytes([
        start_ms & 255, (start_ms >> 8) & 255, (start_ms >> 16) & 255, (start_ms >> 24) & 255,
        (start_ms >> 32) & 255, (start_ms >> 40) & 255, (start_ms >> 48) & 255, (start_ms >> 56) & 255,
        count & 255, (count >> 8) & 255, (count >> 16) & 255, (count >> 24) & 255, 0, 0, 0, 0]) \
        + value[offset + ENTRY_SIZE:]  # ip: always 16 bytes (filter/addresses.py)


def entry_start(value: bytes, offset: int) -> int:
    return read_u63(value, offset + 16)


def entry_count(value: bytes, offset: int) -> int:
    return read_u32(value, offset + 24)


def find_entry(value: bytes, ip: bytes, entry_size: int = ENTRY_SIZE) -> int:
    """Offset of the entry of ``ip`` in a slot value, or -1 (entries start every entry_size)."""
    if value.startswith(ip):  # the first entry (most slots hold one): find's answer, for less work
        return 0
    pos = value.find(ip)
    while pos >= 0 and pos % entry_size != 0:
        pos = value.find(ip, pos + 1)
    return pos


def replaced(value: bytes, offset: int, entry: bytes) -> bytes:
    """The slot with the entry at ``offset`` replaced by one of the same size: one splice."""
    return value[:offset] + entry + value[offset + len(entry):]


def slot_hash(ip: bytes, seed: int) -> int:
    """FNV-1a over the address, keyed by a per-deployment seed so that addresses an attacker
    picks do not land in one slot predictably."""
    return fnv1a((2166136261 ^ seed) & 0xFFFFFFFF, ip)


def fnv1a(h: int, data: bytes) -> int:
    for byte in data:
        h = ((h ^ byte) * 16777619) & 0xFFFFFFFF
    return h


class SlotHash:
    """slot_hash for one seed. Nearly every client is an IPv4-mapped address, whose first 12 bytes
    are the same: their hash is computed once, and such an address hashes only its last 4."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.after_v4_prefix: int = slot_hash(V4_MAPPED_PREFIX, seed)

    def of(self, ip: bytes) -> int:
        if len(ip) != 16 or not ip.startswith(V4_MAPPED_PREFIX):
            return slot_hash(ip, self.seed)
        h = (((self.after_v4_prefix & 0xFFFFFFFF) ^ ip[12]) * 16777619) & 0xFFFFFFFF  # mask: a known range
        h = ((h ^ ip[13]) * 16777619) & 0xFFFFFFFF
        h = ((h ^ ip[14]) * 16777619) & 0xFFFFFFFF
        return ((h ^ ip[15]) * 16777619) & 0xFFFFFFFF


class Limiter:
    def __init__(self, key_prefix: str, slots: int, ttl_ms: int, burst: int, seed: int) -> None:
        self.key_prefix: bytes = key_prefix.encode()  # keys built as bytes: no encode per call
        self.slots = slots
        self.ttl_ms = ttl_ms
        self.burst = burst
        self.hash = SlotHash(seed)

    def slot_key(self, ip: bytes) -> bytes:
        return self.key_prefix + str(self.hash.of(ip) % self.slots).encode()

    def count(self, ip: bytes, now_ms: int) -> Decision:
        """Count one request of ``ip`` at ``now_ms``; a limited request is not counted."""
        key = self.slot_key(ip)
        for _ in range(MAX_CAS_RETRIES):
            stored = get_shared_data_bytes(key)
            if stored.status != STATUS_OK and stored.status != STATUS_NOT_FOUND:
                return failed(f"reading shared data failed with status {stored.status}")
            value = b""
            cas = CREATE_ONLY
            found = stored.value
            if found is not None:
                value = found
                cas = stored.cas
            decision = Decision()
            updated = self.update(value, ip, now_ms, decision)
            if updated is None:
                return decision  # limited: nothing to write
            status = set_shared_data_bytes(key, updated, cas)
            if status == STATUS_OK:
                return decision
            if status != STATUS_CAS_MISMATCH:
                return failed(f"writing shared data failed with status {status}")
        return failed(f"shared data stayed contended for {MAX_CAS_RETRIES} attempts")

    def update(self, value: bytes, ip: bytes, now_ms: int, decision: Decision) -> bytes | None:
        """The slot value after this request, or None when it is limited (no change)."""
        offset = find_entry(value, ip)
        if offset >= 0:
            start = entry_start(value, offset)
            if now_ms - start < self.ttl_ms and start - now_ms < self.ttl_ms:  # a start far ahead: not ours
                count = entry_count(value, offset)
                decision.window_end_ms = start + self.ttl_ms
                decision.count = count
                if count >= self.burst:
                    decision.allowed = False
                    return None
                decision.count = count + 1
                return with_entry(value, offset, ip, start, count + 1)
        decision.count = 1
        decision.window_end_ms = now_ms + self.ttl_ms
        if offset >= 0:
            return with_entry(value, offset, ip, now_ms, 1)  # its window ended: a new one starts now
        if len(value) < ENTRIES_PER_SLOT * ENTRY_SIZE:
            return with_entry(value, len(value), ip, now_ms, 1)  # appended
        return with_entry(value, self.reusable_offset(value, now_ms, decision), ip, now_ms, 1)

    def reusable_offset(self, value: bytes, now_ms: int, decision: Decision) -> int:
        """A full slot: an expired entry if there is one, else the one whose window ends soonest."""
        oldest = 0
        oldest_start = entry_start(value, 0)
        for offset in range(0, len(value), ENTRY_SIZE):
            start = entry_start(value, offset)
            if now_ms - start >= self.ttl_ms:
                return offset
            if start < oldest_start:
                oldest = offset
                oldest_start = start
        decision.evicted = True
        return oldest


def failed(message: str) -> Decision:
    decision = Decision()
    decision.error = message
    return decision
