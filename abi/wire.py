"""Moving values across the ABI boundary: out-parameter blocks, bytes the host returns, and
header pairs serialized as Envoy reads and writes them (text as ISO-8859-1: see abi/host.py)."""
from abi.intrinsics import bytes_at, data_ptr, load_u32, memory_copy, store_i64, store_u32, text_ptr, text_size
from abi.memory import alloc

OUT_WORDS = b"abi.host: the out-words block"  # unique, so no other constant shares its memory


# -- moving bytes across the boundary ------------------------------------------------
def out_words() -> int:
    """Three zeroed u32 out-parameters (pointer, length, extra) plus room for a u64, freshly
    allocated: for calls during which the host may call back into the module (callouts,
    whose inline failure can be reported at once)."""
    return alloc(16)


def scratch_words() -> int:
    """out_words without an allocation: one static block (OUT_WORDS' data, which nothing reads
    as bytes), zeroed, for host calls that cannot call back into the module before they
    return; read the results before the next host call."""
    out = data_ptr(OUT_WORDS)
    store_i64(out, 0)
    store_i64(out + 8, 0)
    return out


def returned_bytes(out: int) -> bytes:
    """The data the host handed back through ``out`` (pointer, length)."""
    size = load_u32(out + 4)
    if size == 0:
        return b""
    return bytes_at(load_u32(out), size)


def wire_to_text(data: bytes) -> str:
    """Bytes from the wire as text, one code point per byte (ISO-8859-1); never fails."""
    if len(data) >= 16 and data.isascii():  # a long value: checked 8 bytes a step by the runtime
        return data.decode()  # ASCII: the same text in ISO-8859-1 and UTF-8, copied as it is
    for byte in data:  # a short one: a byte at a time costs less than a call
        if byte >= 128:
            return "".join([chr(b) for b in data])
    return data.decode()


def text_to_wire(text: str) -> bytes:
    """Text as wire bytes, one byte per code point; a code point above 255 raises ValueError."""
    data = text.encode()
    if len(data) == len(text):
        return data
    codes = [ord(ch) for ch in text]
    if max(codes) > 255:
        raise ValueError("header text must be ISO-8859-1; use the *_bytes helpers for other data")
    return bytes(codes)


def serialize_pairs(pairs: list[tuple[bytes, bytes]]) -> tuple[int, int]:
    """The proxy-wasm map encoding of ``pairs`` in fresh memory: (address, size)."""
    size = 4
    for name, value in pairs:
        size += 8 + len(name) + 1 + len(value) + 1
    block = alloc(size)
    store_u32(block, len(pairs))
    pos = block + 4
    for name, value in pairs:
        store_u32(pos, len(name))
        store_u32(pos + 4, len(value))
        pos += 8
    for name, value in pairs:
        memory_copy(pos, data_ptr(name), len(name))
        pos += len(name) + 1
        memory_copy(pos, data_ptr(value), len(value))
        pos += len(value) + 1
    return block, size


def text_pairs_size(pairs: list[tuple[str, str]]) -> int:
    """Bytes of the map encoding of text ``pairs`` on the wire (one byte per code point)."""
    size = 4
    for name, value in pairs:
        size += 10 + len(name) + len(value)
    return size


def write_text_pairs(block: int, pairs: list[tuple[str, str]]) -> None:
    """Encode text ``pairs`` in place into ``block`` (``text_pairs_size`` zeroed bytes, so the
    NUL after each string is already there); a code point above 255 raises ValueError."""
    store_u32(block, len(pairs))
    sizes = block + 4
    pos = sizes + 8 * len(pairs)
    for name, value in pairs:
        store_u32(sizes, len(name))
        store_u32(sizes + 4, len(value))
        sizes += 8
        pos = put_text(pos, name)
        pos = put_text(pos, value)


def put_text(pos: int, text: str) -> int:
    """Write ``text`` as wire bytes at ``pos``; the position after it and its NUL."""
    size = text_size(text)
    if size == len(text):  # ASCII: its UTF-8 data is its wire bytes, copied straight from the str
        memory_copy(pos, text_ptr(text), size)
    else:
        wire = text_to_wire(text)
        size = len(wire)
        memory_copy(pos, data_ptr(wire), size)
    return pos + size + 1


def parse_pairs(out: int) -> list[tuple[bytes, bytes]]:
    """Decode the map the host returned through ``out``; a malformed map reads as empty."""
    pairs: list[tuple[bytes, bytes]] = []
    base = load_u32(out)
    size = load_u32(out + 4)
    if size < 4:
        return pairs
    count = load_u32(base)
    if count > (size - 4) // 10:
        return pairs
    sizes = base + 4
    pos = sizes + 8 * count
    end = base + size
    for i in range(count):
        name_len = load_u32(sizes + 8 * i)
        value_len = load_u32(sizes + 8 * i + 4)
        if pos + name_len + value_len + 2 > end:
            return []
        name = bytes_at(pos, name_len)
        pos += name_len + 1
        pairs.append((name, bytes_at(pos, value_len)))
        pos += value_len + 1
    return pairs


def text_pairs(pairs: list[tuple[bytes, bytes]]) -> list[tuple[str, str]]:
    return [(wire_to_text(name), wire_to_text(value)) for name, value in pairs]


def wire_pairs(pairs: list[tuple[str, str]]) -> list[tuple[bytes, bytes]]:
    return [(text_to_wire(name), text_to_wire(value)) for name, value in pairs]


def path_bytes(path: list[str]) -> bytes:
    """A property path: its segments joined by NUL bytes (``["source", "address"]``)."""
    return b"\x00".join([text_to_wire(segment) for segment in path])
