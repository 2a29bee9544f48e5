"""Module globals (constant and mutable), calls, recursion, evaluation order.

The mutable globals also keep their values across calls of one instance
(exercised by test_differential's stateful sequences).
"""
from abi import export

LIMIT = 20
SCALE: int = LIMIT * 3 + 1
ENABLED = True
DERIVED = SCALE * SCALE - LIMIT // 3
NEG = -SCALE % 7

counter = 0
flag = False
history: int = 0


def remember(v: int) -> int:
    global history
    history = history * 7 + v % 7
    return v


@export
def constants() -> int:
    return LIMIT + SCALE * 1000 + DERIVED * 1000000 + NEG * 1000000000000 + int(ENABLED)


@export
def step(by: int) -> int:
    global counter
    counter += by
    return counter


@export
def get_counter() -> int:
    return counter


@export
def reset() -> None:
    global counter, flag, history
    counter = 0
    flag = False
    history = 0


@export
def toggle() -> bool:
    global flag
    flag = not flag
    return flag


@export
def bump_then_check(a: int) -> int:
    """The bump survives the failed assert (in CPython and in the instance)."""
    global counter
    counter += 1
    assert a >= 0
    return counter


@export
def step_twice(a: int) -> int:
    step(a)
    return step(a)


@export
def local_shadows_global(a: int) -> int:
    counter = a % 100
    counter += 1
    return counter * 1000 + get_counter()


@export
def global_loop_variable(n: int) -> int:
    global counter
    for counter in range(n % 10):
        pass
    return counter


@export
def argument_order(a: int, b: int, c: int) -> int:
    global history
    history = 0
    r = three(remember(a), remember(b), remember(c))
    return history * 1000 + r % 1000


def three(x: int, y: int, z: int) -> int:
    return x % 10 * 100 + y % 10 * 10 + z % 10


@export
def operand_order(a: int, b: int) -> int:
    global history
    history = 0
    r = remember(a) % 1000 - remember(b) % 1000 * (remember(7) % 1000)
    return history * 100000 + r


def fib(n: int) -> int:
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


@export
def fib_small(n: int) -> int:
    return fib(n % 20)


@export
def fib_iter(n: int) -> int:
    """Overflows from fib(93) on."""
    k = n % 100
    if k == 0:
        return 0
    a = 0
    b = 1
    for _ in range(k - 1):
        t = a + b
        a = b
        b = t
    return b


def gcd(a: int, b: int) -> int:
    if b == 0:
        return abs(a)
    return gcd(b, a % b)


@export
def gcd_export(a: int, b: int) -> int:
    return gcd(a, b)


def is_even(n: int) -> bool:
    if n == 0:
        return True
    return is_odd(n - 1)


def is_odd(n: int) -> bool:
    if n == 0:
        return False
    return is_even(n - 1)


@export
def parity(n: int) -> bool:
    return is_even(n % 200)


def ackermann(m: int, n: int) -> int:
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))


@export
def ackermann_small(m: int, n: int) -> int:
    return ackermann(m % 3, n % 4)


def power_rec(base: int, e: int) -> int:
    if e == 0:
        return 1
    half = power_rec(base, e // 2)
    if e % 2:
        return half * half * base
    return half * half


@export
def power_recursive(a: int, e: int) -> int:
    """Overflows exactly where a ** e does (half * half never overflows first)."""
    return power_rec(a % 9 - 4, e % 80)


def flag_of(a: int) -> bool:
    return a % 3 == 0


def choose(p: bool, a: int, b: int) -> int:
    if p:
        return a
    return b


@export
def bool_calls(a: int, b: int) -> int:
    return choose(flag_of(a), a, b) % 1000 + int(flag_of(b))


@export
def call_in_condition(a: int) -> int:
    r = 0
    while not flag_of(a + r if a < 1000000 else r):
        r += 1
    return r


@export
def counter_loop(n: int) -> int:
    global counter
    counter = 0
    for i in range(n % 30):
        counter += i
        if counter > 100:
            counter -= 50
    return counter


@export
def flag_flip(n: int) -> int:
    global flag
    flag = False
    count = 0
    for _ in range(n % 17):
        flag = not flag
        if flag:
            count += 1
    return count * 2 + int(flag)


def bump_counter() -> int:
    global counter
    counter += 10
    return 1


@export
def aug_global_order(a: int) -> int:
    """'counter += f()' reads counter before f() runs, so f's bump is lost."""
    global counter
    counter = a % 100
    counter += bump_counter()
    return counter


@export
def flag_aug(p: bool, q: bool) -> bool:
    global flag
    flag = p
    flag ^= q
    flag |= not p
    flag &= p or q
    return flag
