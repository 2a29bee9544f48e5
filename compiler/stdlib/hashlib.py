"""hashlib: sha256, sha1, md5, sha512 and sha384 objects (update, digest, hexdigest, copy), as CPython's.

The 32-bit words live in ints and are masked after each addition. Each algorithm's constants are
built on first use, so a filter that imports hashlib pays nothing at start-up.
"""
from abi.intrinsics import data_ptr, load_u8, load_u32, shr_u, store_u32, wrap_add, wrap_mul

M32 = 0xFFFFFFFF
HEX = "0123456789abcdef"
SHA256 = 0
SHA1 = 1
MD5 = 2
SHA512 = 3
SHA384 = 4
INT64_MIN = -9223372036854775807 - 1
# SHA-512's K, 80 big-endian 64-bit words (FIPS 180-4 4.2.3), read into _k512 on first use
K512_HEX = (
    "428a2f98d728ae227137449123ef65cdb5c0fbcfec4d3b2fe9b5dba58189dbbc3956c25bf348b53859f111f1b605d019"
    "923f82a4af194f9bab1c5ed5da6d8118d807aa98a303024212835b0145706fbe243185be4ee4b28c550c7dc3d5ffb4e2"
    "72be5d74f27b896f80deb1fe3b1696b19bdc06a725c71235c19bf174cf692694e49b69c19ef14ad2efbe4786384f25e3"
    "0fc19dc68b8cd5b5240ca1cc77ac9c652de92c6f592b02754a7484aa6ea6e4835cb0a9dcbd41fbd476f988da831153b5"
    "983e5152ee66dfaba831c66d2db43210b00327c898fb213fbf597fc7beef0ee4c6e00bf33da88fc2d5a79147930aa725"
    "06ca6351e003826f142929670a0e6e7027b70a8546d22ffc2e1b21385c26c9264d2c6dfc5ac42aed53380d139d95b3df"
    "650a73548baf63de766a0abb3c77b2a881c2c92e47edaee692722c851482353ba2bfe8a14cf10364a81a664bbc423001"
    "c24b8b70d0f89791c76c51a30654be30d192e819d6ef5218d69906245565a910f40e35855771202a106aa07032bbd1b8"
    "19a4c116b8d2d0c81e376c085141ab532748774cdf8eeb9934b0bcb5e19b48a8391c0cb3c5c95a634ed8aa4ae3418acb"
    "5b9cca4f7763e373682e6ff3d6b2b8a3748f82ee5defb2fc78a5636f43172f6084c87814a1f0ab728cc702081a6439ec"
    "90befffa23631e28a4506cebde82bde9bef9a3f7b2c67915c67178f2e372532bca273eceea26619cd186b8c721c0c207"
    "eada7dd6cde0eb1ef57d4f7fee6ed17806f067aa72176fba0a637dc5a2c898a6113f9804bef90dae1b710b35131c471b"
    "28db77f523047d8432caab7b40c724933c9ebe0a15c9bebc431d67c49c100d4c4cc5d4becb3e42b6597f299cfc657e2a"
    "5fcb6fab3ad6faec6c44198c4a475817"
)
_k512: list[int] = []
_tables: list[list[int]] = []  # [sha256 K, md5 K, md5 shifts], filled by tables()
_k256 = b""  # SHA-256's K in memory, from k256()


def tables() -> list[list[int]]:
    if len(_tables) == 0:
        _tables.append([
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
            0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
            0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
            0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
            0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
            0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
            0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
            0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
            0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        ])
        _tables.append([
            0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a,
            0xa8304613, 0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be,
            0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340,
            0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
            0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8,
            0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c,
            0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
            0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
            0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92,
            0xffeff47d, 0x85845dd1, 0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1,
            0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
        ])
        _tables.append([7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21])
    return _tables


def fresh(n: int) -> bytes:
    """A new bytes of ``n`` zero bytes, filled in place before anything else sees it."""
    return b"\x00" * n


def k256() -> int:
    """The address of SHA-256's K as 64 u32 words, built on the first call."""
    global _k256
    if len(_k256) == 0:
        table = fresh(256)
        for i, k in enumerate(tables()[0]):
            store_u32(wrap_add(data_ptr(table), wrap_mul(i, 4)), k)
        _k256 = table
    return data_ptr(_k256)


def rotr(x: int, n: int) -> int:
    """x (< 2**32) rotated right by n (0 < n < 32): the word doubled, shifted, masked."""
    return shr_u(wrap_mul(x, 0x100000001), n) & M32


def rotl(x: int, n: int) -> int:
    return shr_u(wrap_mul(x, 0x100000001), 32 - n) & M32


def word_be(d: bytes, i: int) -> int:
    """The big-endian word at ``d[i:i + 4]``; callers pass whole 64-byte blocks of ``d``."""
    at = wrap_add(data_ptr(d), i)
    return (load_u8(at) << 24) | (load_u8(wrap_add(at, 1)) << 16) | (load_u8(wrap_add(at, 2)) << 8) \
        | load_u8(wrap_add(at, 3))


def word_le(d: bytes, i: int) -> int:
    """The little-endian word at ``d[i:i + 4]`` (wasm memory is little-endian)."""
    return load_u32(wrap_add(data_ptr(d), i))


def sha256_block(h: list[int], d: bytes, at: int) -> None:
    k = k256()
    schedule = fresh(256)  # the 64 words of the message schedule
    w = data_ptr(schedule)
    for i in range(16):
        store_u32(wrap_add(w, wrap_mul(i, 4)), word_be(d, at + 4 * i))
    for i in range(16, 64):
        p = wrap_add(w, wrap_mul(i, 4))
        x = load_u32(p - 60)
        y = load_u32(p - 8)
        s0 = rotr(x, 7) ^ rotr(x, 18) ^ shr_u(x, 3)
        s1 = rotr(y, 17) ^ rotr(y, 19) ^ shr_u(y, 10)
        store_u32(p, wrap_add(wrap_add(load_u32(p - 64), s0), wrap_add(load_u32(p - 28), s1)))  # mod 2**32
    a, b, c, e_, f, g, hh, e = h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]
    # a..d are a, b, c, e_; e..h are f, g, hh, e (the last is the eighth word)
    for i in range(64):
        s1 = rotr(f, 6) ^ rotr(f, 11) ^ rotr(f, 25)
        ch = (f & g) ^ (~f & hh)
        kw = wrap_add(load_u32(wrap_add(k, wrap_mul(i, 4))), load_u32(wrap_add(w, wrap_mul(i, 4))))
        t1 = wrap_add(wrap_add(e, s1), wrap_add(ch, kw)) & M32
        s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
        maj = (a & b) ^ (a & c) ^ (b & c)
        e = hh
        hh = g
        g = f
        f = wrap_add(e_, t1) & M32
        e_ = c
        c = b
        b = a
        a = wrap_add(t1, wrap_add(s0, maj)) & M32
    for i, v in enumerate([a, b, c, e_, f, g, hh, e]):
        h[i] = wrap_add(h[i], v) & M32


def sha1_block(h: list[int], d: bytes, at: int) -> None:
    w = [word_be(d, at + 4 * i) for i in range(16)]
    for i in range(16, 80):
        w.append(rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1))
    a, b, c, e_, e = h[0], h[1], h[2], h[3], h[4]
    for i in range(80):
        if i < 20:
            f = (b & c) | (~b & e_)
            k = 0x5A827999
        elif i < 40:
            f = b ^ c ^ e_
            k = 0x6ED9EBA1
        elif i < 60:
            f = (b & c) | (b & e_) | (c & e_)
            k = 0x8F1BBCDC
        else:
            f = b ^ c ^ e_
            k = 0xCA62C1D6
        t = wrap_add(wrap_add(rotl(a, 5), f & M32), wrap_add(wrap_add(e, k), w[i])) & M32
        e = e_
        e_ = c
        c = rotl(b, 30)
        b = a
        a = t
    for i, v in enumerate([a, b, c, e_, e]):
        h[i] = (h[i] + v) & M32


def md5_block(h: list[int], d: bytes, at: int) -> None:
    k = tables()[1]
    shifts = tables()[2]
    m = [word_le(d, at + 4 * i) for i in range(16)]
    a, b, c, e = h[0], h[1], h[2], h[3]
    for i in range(64):
        if i < 16:
            f = (b & c) | (~b & e)
            g = i
        elif i < 32:
            f = (e & b) | (~e & c)
            g = (5 * i + 1) % 16
        elif i < 48:
            f = b ^ c ^ e
            g = (3 * i + 5) % 16
        else:
            f = c ^ (b | (~e & M32))
            g = (7 * i) % 16
        f = wrap_add(wrap_add(f, a), wrap_add(k[i], m[g])) & M32
        a = e
        e = c
        c = b
        b = wrap_add(b, rotl(f, shifts[(i // 16) * 4 + i % 4])) & M32
    for i, v in enumerate([a, b, c, e]):
        h[i] = (h[i] + v) & M32


def k512() -> list[int]:
    if len(_k512) == 0:
        table = bytes.fromhex(K512_HEX)
        for i in range(80):
            _k512.append(int.from_bytes(table[8 * i:8 * i + 8], "big", signed=True))
    return _k512


def rotr64(x: int, n: int) -> int:
    """Rotate the 64 bits of ``x`` (a signed int64 holding them) right by ``n``, 1 <= n < 64."""
    if n == 1:
        return shr_u(x, 1) | (INT64_MIN if x & 1 else 0)
    return shr_u(x, n) | wrap_mul(x, 1 << (64 - n))


def sha512_block(h: list[int], d: bytes, at: int) -> None:
    k = k512()
    w: list[int] = [int.from_bytes(d[at + 8 * i:at + 8 * i + 8], "big", signed=True) for i in range(16)]
    for i in range(16, 80):
        x = w[i - 15]
        y = w[i - 2]
        s0 = rotr64(x, 1) ^ rotr64(x, 8) ^ shr_u(x, 7)
        s1 = rotr64(y, 19) ^ rotr64(y, 61) ^ shr_u(y, 6)
        w.append(wrap_add(wrap_add(w[i - 16], s0), wrap_add(w[i - 7], s1)))
    a, b, c, e4, e, f, g, hh = h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]
    for i in range(80):
        big1 = rotr64(e, 14) ^ rotr64(e, 18) ^ rotr64(e, 41)
        t1 = wrap_add(wrap_add(wrap_add(hh, big1), wrap_add((e & f) ^ (~e & g), k[i])), w[i])
        t2 = wrap_add(rotr64(a, 28) ^ rotr64(a, 34) ^ rotr64(a, 39), (a & b) ^ (a & c) ^ (b & c))
        hh, g, f, e = g, f, e, wrap_add(e4, t1)
        e4, c, b, a = c, b, a, wrap_add(t1, t2)
    for i, v in enumerate([a, b, c, e4, e, f, g, hh]):
        h[i] = wrap_add(h[i], v)


def compress(algorithm: int, h: list[int], d: bytes, at: int) -> None:
    if algorithm >= SHA512:
        sha512_block(h, d, at)
    elif algorithm == SHA256:
        sha256_block(h, d, at)
    elif algorithm == SHA1:
        sha1_block(h, d, at)
    else:
        md5_block(h, d, at)


class HASH:
    """A hash object: what CPython's _hashlib.HASH offers (update, digest, hexdigest, copy,
    name, digest_size, block_size)."""

    def __init__(self, algorithm: int, name: str, digest_size: int, state: list[int]) -> None:
        self._hash_algorithm = algorithm
        self.name = name
        self.digest_size = digest_size
        self.block_size: int = 128 if algorithm >= SHA512 else 64
        self._hash_state = state
        self._hash_pending = b""  # fewer than 64 bytes not compressed yet
        self._hash_length = 0  # bytes hashed so far

    def update(self, data: bytes) -> None:
        self._hash_length += len(data)
        at = 0
        block = self.block_size
        if len(self._hash_pending) > 0:
            take = min(block - len(self._hash_pending), len(data))
            self._hash_pending = self._hash_pending + data[:take]
            at = take
            if len(self._hash_pending) < block:
                return
            compress(self._hash_algorithm, self._hash_state, self._hash_pending, 0)
            self._hash_pending = b""
        while len(data) - at >= block:
            compress(self._hash_algorithm, self._hash_state, data, at)
            at += block
        self._hash_pending = data[at:]

    def copy(self) -> "HASH":
        other = HASH(self._hash_algorithm, self.name, self.digest_size, self._hash_state.copy())
        other._hash_pending = self._hash_pending
        other._hash_length = self._hash_length
        return other

    def digest(self) -> bytes:
        state = self._hash_state.copy()
        bits = self._hash_length * 8
        block = self.block_size
        zeros = (55 - self._hash_length) % 64 if block == 64 else (111 - self._hash_length) % 128 + 8
        length = [(bits >> (8 * i)) & 255 for i in range(8)]  # little-endian
        if self._hash_algorithm != MD5:
            length.reverse()
        tail = self._hash_pending + bytes([128] + [0] * zeros + length)
        for at in range(0, len(tail), block):
            compress(self._hash_algorithm, state, tail, at)
        if block == 128:
            return b"".join([word.to_bytes(8, "big", signed=True) for word in state])[:self.digest_size]
        out: list[int] = []
        for word in state:
            for i in range(4):
                shift = 8 * i if self._hash_algorithm == MD5 else 24 - 8 * i
                out.append((word >> shift) & 255)
        return bytes(out)

    def hexdigest(self) -> str:
        out = ""
        for c in self.digest():
            out += HEX[c >> 4] + HEX[c & 15]
        return out


def sha256(string: bytes = b"", usedforsecurity: bool = True) -> HASH:
    h = HASH(SHA256, "sha256", 32, [0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A,
                                    0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19])
    h.update(string)
    return h


def sha1(string: bytes = b"", usedforsecurity: bool = True) -> HASH:
    h = HASH(SHA1, "sha1", 20, [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0])
    h.update(string)
    return h


def md5(string: bytes = b"", usedforsecurity: bool = True) -> HASH:
    h = HASH(MD5, "md5", 16, [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476])
    h.update(string)
    return h


def sha512(string: bytes = b"", usedforsecurity: bool = True) -> HASH:
    h = HASH(SHA512, "sha512", 64, [int.from_bytes(bytes.fromhex(w), "big", signed=True) for w in [
        "6a09e667f3bcc908", "bb67ae8584caa73b", "3c6ef372fe94f82b", "a54ff53a5f1d36f1",
        "510e527fade682d1", "9b05688c2b3e6c1f", "1f83d9abfb41bd6b", "5be0cd19137e2179"]])
    h.update(string)
    return h


def sha384(string: bytes = b"", usedforsecurity: bool = True) -> HASH:
    h = HASH(SHA384, "sha384", 48, [int.from_bytes(bytes.fromhex(w), "big", signed=True) for w in [
        "cbbb9d5dc1059ed8", "629a292a367cd507", "9159015a3070dd17", "152fecd8f70e5939",
        "67332667ffc00b31", "8eb44a8768581511", "db0c2e0d64f98fa7", "47b5481dbefa4fa4"]])
    h.update(string)
    return h
