"""The compiled side of test_hashing.py: hashlib's and hmac's functions on bytes put in one at a
time; each call leaves its results in OUT as bytes."""
from abi import export
from hashlib import md5, sha1, sha256, sha384, sha512
from hmac import HMAC, compare_digest, digest, new

DATA: list[int] = []
KEY: list[int] = []
OUT = b""


@export
def put(which: int, byte: int) -> int:
    if which == 0:
        DATA.append(byte)
    else:
        KEY.append(byte)
    return 0


@export
def clear() -> int:
    DATA.clear()
    KEY.clear()
    return 0


@export
def out_len() -> int:
    return len(OUT)


@export
def out_byte(i: int) -> int:
    return OUT[i]


def summary(name: str, size: int, block: int, raw: bytes, text: str, copied: bytes) -> bytes:
    return f"{name} {size} {block} {text} ".encode() + raw + copied


@export
def hash_run(op: int, split: int) -> int:
    """Hash DATA fed in two parts (split at ``split``); a copy taken between them goes on with b"x"."""
    global OUT
    data = bytes(DATA)
    if op == 0:
        h = sha256(data[:split])
    elif op == 1:
        h = sha1(string=data[:split])
    elif op == 3:
        h = sha512(data[:split])
    elif op == 4:
        h = sha384(string=data[:split])
    else:
        h = md5(data[:split], usedforsecurity=False)
    c = h.copy()
    h.update(data[split:])
    c.update(b"x")
    OUT = summary(h.name, h.digest_size, h.block_size, h.digest(), h.hexdigest(), c.digest())
    return 0


@export
def hmac_run(op: int, split: int) -> int:
    global OUT
    data = bytes(DATA)
    key = bytes(KEY)
    if op == 0:
        m = new(key, data[:split], "sha256")
    elif op == 1:
        m = new(key, digestmod="sha1")
        m.update(data[:split])
    else:
        m = HMAC(key, data[:split], digestmod="md5")
    c = m.copy()
    m.update(data[split:])
    c.update(b"x")
    one_shot = digest(key, data, "sha256") + digest(key, data, md5) + new(key, data, sha1).digest() \
        + HMAC(key, data, digestmod=sha256).digest()
    OUT = summary(m.name, m.digest_size, m.block_size, m.digest(), m.hexdigest(), c.digest()) + one_shot
    return 1 if compare_digest(data, key) else 0


@export
def missing_digestmod() -> int:
    try:
        new(bytes(KEY))
        return 0
    except TypeError as e:
        return len(str(e))
