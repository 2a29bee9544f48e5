"""if/elif/else, while (break/continue/else), assert, pass, early returns."""
from abi import export


@export
def classify(a: int) -> int:
    if a < -100:
        return -2
    elif a < 0:
        return -1
    elif a == 0:
        return 0
    elif a <= 100:
        return 1
    else:
        return 2


@export
def nested_if(a: int, b: int) -> int:
    r = 0
    if a > 0:
        if b > 0:
            r = 1
        elif b == 0:
            r = 2
        else:
            pass
    else:
        if b:
            r = 3 if a else 4
        else:
            r = 5
    return r


@export
def if_truthy(a: int, p: bool) -> int:
    r = 0
    if a:
        r += 1
    if not a:
        r += 2
    if p:
        r += 4
    if a != 0 and p:
        r += 8
    if bool(a) or p:
        r += 16
    return r


@export
def declared_then_assigned(a: int) -> int:
    x: int
    if a > 0:
        x = a % 100
    else:
        x = -(a % 100)
    y: int = x * 2
    flag: bool = y > 50
    return y + int(flag)


@export
def collatz_steps(a: int) -> int:
    n = a % 10000 + 1
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n //= 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


@export
def smallest_divisor(a: int) -> int:
    """Smallest divisor > 1 of a small number, or minus the number if it is prime."""
    n = a % 1000 + 2
    d = 2
    while d * d <= n:
        if n % d == 0:
            break
        d += 1
    else:
        return -n
    return d


@export
def while_else_never_runs(a: int) -> int:
    r = 0
    while a > 0 and r < 0:
        r += 1
    else:
        r += 100
    return r


@export
def while_continue(a: int) -> int:
    n = min(max(a, -5), 200)
    i = 0
    total = 0
    while i < n:
        i += 1
        if i % 3 == 0:
            continue
        total += i
    else:
        total += 1000
    return total


@export
def while_true_break(a: int) -> int:
    n = a % 97
    count = 0
    while True:
        if n <= 1:
            break
        n = n // 2 if n % 2 == 0 else n - 1
        count += 1
    return count


@export
def while_true_return(a: int) -> int:
    x = a % 50
    while True:
        x += 7
        if x % 11 == 0:
            return x


@export
def nested_loops(a: int, b: int) -> int:
    n = a % 20
    m = b % 20
    total = 0
    i = 0
    while i < n:
        i += 1
        j = 0
        while True:
            j += 1
            if j > m:
                break
            if (i + j) % 4 == 0:
                continue
            if i * j > 150:
                break
            total += i * j
        else:
            total = -1
        if total > 2000:
            break
    return total


@export
def checked(a: int) -> int:
    assert a >= 0, "a must not be negative"
    return a // 2


@export
def assert_truthy(a: int, p: bool) -> int:
    assert a
    assert p or a > 0
    return 1


@export
def assert_in_loop(a: int) -> int:
    total = 0
    for i in range(10):
        total += i
        assert total < a % 100
    return total


@export
def pass_everywhere(a: int) -> int:
    if a:
        pass
    else:
        pass
    while False:
        pass
    for _ in range(0):
        pass
    return a


@export
def early_return(a: int) -> bool:
    if a % 2 == 0:
        return True
    if a % 3 == 0:
        return False
    return a > 0


@export
def no_result(a: int) -> None:
    if a < 0:
        return
    assert a != 13


@export
def calls_no_result(a: int) -> int:
    no_result(a)
    no_result(a % 20 - 7)
    return 7


@export
def docstring_function(a: int) -> int:
    """A docstring is not a statement."""
    return a


@export
def for_else_in_for(n: int) -> int:
    t = 0
    for i in range(n % 5):
        for j in range(3):
            if j == i:
                continue
            t += j
        else:
            t += 100
            if t > 250:
                break
    else:
        t += 1000
    return t


@export
def for_in_while_else(n: int) -> int:
    t = 0
    i = 0
    while i < n % 7:
        i += 1
        for j in range(i):
            if j == 4:
                break
        else:
            continue
        t += 1
    else:
        t += 50
    return t


@export
def return_in_for(n: int) -> int:
    for i in range(10, n % 30):
        if i % 7 == 0:
            return i
    return -1


@export
def assigned_before_break(a: int) -> int:
    while True:
        x = a % 3
        break
    return x


@export
def assigned_in_for_else(a: int) -> int:
    for _ in range(a % 3):
        pass
    else:
        x = 5
    return x


@export
def none_ifexp(p: bool) -> int:
    no_result(1) if p else no_result(13)
    return 1
