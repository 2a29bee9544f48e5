"""random for compiled filters: CPython's Mersenne Twister (MT19937, _randommodule.c) with its
seeding, so ``seed(n)`` then gives CPython's sequence. The generator is per VM, as CPython's is per
process; until seeded it is seeded once from the host (WASI random_get), as CPython seeds from
os.urandom. ``choice``, ``shuffle``, ``sample`` and ``choices`` take a list (or ``tuple[T, ...]``,
held as one) of any item type: written here for ``list[int]``, they move 8-byte slots only, which
every list holds alike; sema/random_calls.py types each call by its argument's item type.
Their lists are copies or slices of the argument (the GC's item kind with them). No floats but
random()."""
from uuid import _random_bytes

N = 624
M = 397
MASK = 0xFFFFFFFF
_mt: list[int] = []  # the generator's 624 words, per VM; empty until seeded
_index = N


def _init_genrand(s: int) -> None:
    global _index
    _mt.clear()
    _mt.append(s & MASK)
    for i in range(1, N):
        prev = _mt[i - 1]
        _mt.append((1812433253 * (prev ^ (prev >> 30)) + i) & MASK)
    _index = N


def _init_by_array(key: list[int]) -> None:
    _init_genrand(19650218)
    i = 1
    j = 0
    for _ in range(max(N, len(key))):
        prev = _mt[i - 1]
        _mt[i] = ((_mt[i] ^ ((prev ^ (prev >> 30)) * 1664525)) + key[j] + j) & MASK
        i += 1
        j += 1
        if i >= N:
            _mt[0] = _mt[N - 1]
            i = 1
        if j >= len(key):
            j = 0
    for _ in range(N - 1):
        prev = _mt[i - 1]
        _mt[i] = ((_mt[i] ^ ((prev ^ (prev >> 30)) * 1566083941)) - i) & MASK
        i += 1
        if i >= N:
            _mt[0] = _mt[N - 1]
            i = 1
    _mt[0] = 0x80000000


def seed(a: int | None = None) -> None:
    """CPython's random_seed: the 32-bit words of abs(a), least significant first; None: the host's
    random bytes (CPython: 624 words of os.urandom)."""
    key: list[int] = []
    if a is None:
        raw = _random_bytes(N * 4)
        for w in range(N):
            key.append(raw[4 * w] | raw[4 * w + 1] << 8 | raw[4 * w + 2] << 16 | raw[4 * w + 3] << 24)
    else:
        n = a
        if n == -9223372036854775807 - 1:
            key = [0, 0x80000000]  # abs() beyond int64
            n = 0
        elif n < 0:
            n = -n
        while n:
            key.append(n & MASK)
            n >>= 32
        if not key:
            key.append(0)
    _init_by_array(key)


def _genrand() -> int:
    global _index
    if not _mt:
        seed()
    if _index >= N:
        for k in range(N):
            y = (_mt[k] & 0x80000000) | (_mt[(k + 1) % N] & 0x7FFFFFFF)
            _mt[k] = _mt[(k + M) % N] ^ (y >> 1) ^ (0x9908B0DF if y & 1 else 0)
        _index = 0
    y = _mt[_index]
    _index += 1
    y ^= y >> 11
    y ^= (y << 7) & 0x9D2C5680
    y ^= (y << 15) & 0xEFC60000
    return y ^ (y >> 18)


def random() -> float:
    a = _genrand() >> 5
    b = _genrand() >> 6
    return float(a * 67108864 + b) * (1.0 / 9007199254740992.0)


def uniform(a: float, b: float) -> float:
    return a + (b - a) * random()


def getrandbits(k: int) -> int:
    """Beyond 63 bits the value does not fit the subset's int: OverflowError when it would not."""
    if k < 0:
        raise ValueError("number of bits must be non-negative")
    if k <= 32:
        return _genrand() >> (32 - k) if k else 0
    result = 0
    shift = 0
    while k > 0:
        word = _genrand()
        if k < 32:
            word >>= 32 - k
        if word and (shift >= 64 or (shift == 32 and word >= 0x80000000)):
            raise OverflowError("Python int too large to convert to C long")
        if shift < 64:
            result |= word << shift
        shift += 32
        k -= 32
    return result


def _randbelow(n: int) -> int:
    k = 0
    while n >> k:
        k += 1
    r = getrandbits(k)
    while r >= n:
        r = getrandbits(k)
    return r


def randrange(start: int, stop: int | None = None, step: int = 1) -> int:
    if stop is None:
        if step != 1:
            raise TypeError("Missing a non-None stop argument")
        if start > 0:
            return _randbelow(start)
        raise ValueError("empty range for randrange()")
    width = stop - start
    if step == 1:
        if width > 0:
            return start + _randbelow(width)
        raise ValueError(f"empty range for randrange() ({start}, {stop}, {width})")
    if step > 0:
        n = (width + step - 1) // step
    elif step < 0:
        n = (width + step + 1) // step
    else:
        raise ValueError("zero step for randrange()")
    if n <= 0:
        raise ValueError("empty range for randrange()")
    return start + step * _randbelow(n)


def randint(a: int, b: int) -> int:
    return randrange(a, b + 1)


def choice(seq: list[int]) -> int:
    if not len(seq):
        raise IndexError("Cannot choose from an empty sequence")
    return seq[_randbelow(len(seq))]


def shuffle(x: list[int]) -> None:
    for i in range(len(x) - 1, 0, -1):
        j = _randbelow(i + 1)
        x[i], x[j] = x[j], x[i]


def _set_size(k: int) -> int:
    """CPython's ``21 + 4 ** ceil(log(k * 3, 4))`` for k > 5: 3k is never a power of 4, so the
    smallest power of 4 above it."""
    size = 1
    while size < k * 3:
        size *= 4
    return 21 + size


def sample(population: list[int], k: int) -> list[int]:
    n = len(population)
    if not 0 <= k <= n:
        raise ValueError("Sample larger than population or is negative")
    result = population[:0]  # an empty list of the population's item kind
    setsize = _set_size(k) if k > 5 else 21
    if n <= setsize:
        pool = population[:]
        for i in range(k):
            j = _randbelow(n - i)
            result.append(pool[j])
            pool[j] = pool[n - i - 1]
        return result
    selected: set[int] = set()
    for _ in range(k):
        j = _randbelow(n)
        while j in selected:
            j = _randbelow(n)
        selected.add(j)
        result.append(population[j])
    return result


def choices(population: list[int], weights: list[float] | None = None, *, cum_weights: list[float] | None = None,
            k: int = 1) -> list[int]:
    n = len(population)
    result = population[:0]
    if cum_weights is None:
        if weights is None:
            size = float(n)
            for _ in range(k):
                result.append(population[int(random() * size)])
            return result
        cum_weights = []
        total = 0.0
        for w in weights:
            total = w if not cum_weights else total + w
            cum_weights.append(total)
    elif weights is not None:
        raise TypeError("Cannot specify both weights and cumulative weights")
    if len(cum_weights) != n:
        raise ValueError("The number of weights does not match the population")
    total = cum_weights[-1] + 0.0
    if total <= 0.0:
        raise ValueError("Total of weights must be greater than zero")
    if total - total != 0.0:
        raise ValueError("Total of weights must be finite")
    for _ in range(k):
        result.append(population[_bisect(cum_weights, random() * total, n - 1)])
    return result


def _bisect(a: list[float], x: float, hi: int) -> int:
    lo = 0
    while lo < hi:
        mid = (lo + hi) // 2
        if x < a[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo
