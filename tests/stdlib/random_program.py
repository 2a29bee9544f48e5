"""The compiled side of test_random.py: after seed(s) (or none: the host's bytes), a run of one of
random's functions, its results (or the exception's class and message) as text."""
import random
from random import getrandbits, randint, randrange, seed

from abi import export
from abi.intrinsics import data_ptr

OUT = b""


@export
def out_ptr() -> int:
    return data_ptr(OUT)


@export
def out_len() -> int:
    return len(OUT)


def draw(op: int, a: int, b: int, c: int) -> str:
    if op == 0:
        return str(random.random())
    if op == 1:
        return str(getrandbits(a))
    if op == 2:
        return str(randrange(a))
    if op == 3:
        return str(randrange(a, b))
    if op == 4:
        return str(randrange(a, b, c))
    if op == 5:
        return str(randint(a, b))
    if op == 6:
        return str(random.randrange(a, None, c))
    if op == 13:
        return str(random.uniform(float(a), b / 7)) + str(random.uniform(float(c), float(c)))
    return draw_from_sequence(op, a, b, c)


WORDS = ["ab", "cd", "ef", "gh", "ij", "kl", "mn"]


def draw_from_sequence(op: int, a: int, b: int, c: int) -> str:
    """choice, shuffle, sample, choices: their sequences' sizes (and k) from a, b and c."""
    numbers = list(range(a % 450))
    if op == 7:
        return str(random.choice(numbers))
    if op == 8:
        return random.choice(WORDS[:b % 8]) + str(random.choice(tuple(WORDS[:c % 8])))
    if op == 9:
        shuffled = WORDS[:b % 8] + [str(n) for n in numbers[:c % 40]]
        random.shuffle(shuffled)
        return str(shuffled)
    if op == 10:
        return str(random.sample(numbers, b % 70 - 2)) + str(random.sample(tuple(WORDS), k=c % 9))
    if op == 11:
        return str(random.choices(WORDS[:a % 8], k=b % 6 - 1))
    size = a % 8
    weights = [float(n * b % 4) for n in range(size + (b % 9 == 0))]  # sometimes one too many
    if c % 4 == 1:
        total = 0.0
        for n, w in enumerate(weights):
            total += w
            weights[n] = total
        return str(random.choices(WORDS[:size], cum_weights=weights, k=c % 5))
    if c % 4 == 2 and weights:
        weights[-1] = float("inf") if b % 2 else 0.0
    return str(random.choices(WORDS[:size], weights, k=c % 5))


@export
def run(op: int, s: int, seeded: bool, a: int, b: int, c: int) -> int:
    global OUT
    if seeded:
        seed(s)
    out = []
    try:
        for _ in range(5):
            out.append(draw(op, a, b, c))
        out.append(str(random.random()))  # where the generator is now
    except (ValueError, TypeError, OverflowError, IndexError) as err:
        out.append(type(err).__name__ + ": " + str(err))
    OUT = " ".join(out).encode()
    return 0
