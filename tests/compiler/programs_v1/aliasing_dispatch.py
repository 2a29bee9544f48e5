"""Reproducers of silent differences from CPython (issue 11) and their neighbours:
in-place list operators seen through aliases, class constants and default arguments
looked up on the runtime class, keyword arguments evaluated in source order,
negative constant powers, and RecursionError past CPython's limit."""
from abi import export

LOG: list[int] = []


def note(n: int) -> int:
    LOG.append(n)
    return n


def digest(items: list[int]) -> int:
    h = len(items)
    for x in items:
        h = (h * 31 + x) % 1000000007
    return h


# -- 1. += and *= on lists mutate the list itself ---------------------------------------
def extend_param(items: list[int], k: int) -> None:
    items += [k, k + 1]


def repeat_param(items: list[int], k: int) -> None:
    items *= k


class Bag:
    def __init__(self) -> None:
        self.items: list[int] = [1]

    def grow(self, k: int) -> None:
        self.items += [k]


@export
def iadd_aliases(a: int, b: int) -> int:
    first = [a % 100]
    alias = first
    alias += [b % 100, 3]
    alias += alias  # a list extended by itself
    extend_param(first, 7)
    return digest(first) * 10 + len(alias)


@export
def imul_aliases(a: int, b: int) -> int:
    base = [1, a % 10]
    alias = base
    alias *= (b % 4)
    repeat_param(base, 2)
    empty: list[int] = []
    other = empty
    other *= 5
    return digest(base) * 100 + len(alias) * 10 + len(empty)


@export
def iadd_field_and_item(a: int, b: int) -> int:
    bag = Bag()
    kept = bag.items
    bag.grow(a % 50)
    bag.items += [b % 50]
    grid = [[1], [2, 3]]
    row = grid[1]
    grid[1] += [4]
    grid[a % 2] *= 2
    table = {"k": [5]}
    entry = table["k"]
    table["k"] += [6]
    return digest(kept) + len(row) * 1000 + len(entry) * 100000 + digest(grid[0]) * 7


@export
def iadd_str_rebinds(a: int, b: int) -> int:
    text = "ab"
    copy = text
    text += "c"
    count = a % 10
    same = count
    count += 1
    return len(copy) * 100 + len(text) * 10 + (count - same)


# -- 2. class constants through self come from the runtime class ------------------------
class Vals:
    LIMIT = 3
    NAME = "vals"

    def over(self, n: int) -> bool:
        return n > self.LIMIT

    def label(self) -> str:
        return self.NAME


class Vals2(Vals):
    LIMIT = 10
    NAME = "vals two"


class Vals3(Vals2):
    pass


class Tunable:
    STEP = 2

    def bump(self) -> None:
        self.STEP = self.STEP + 5  # an instance attribute now shadows the class constant


def pick_vals(n: int) -> Vals:
    if n % 3 == 0:
        return Vals()
    if n % 3 == 1:
        return Vals2()
    return Vals3()


@export
def constants_on_runtime_class(a: int, b: int) -> int:
    v = pick_vals(a)
    return (1 if v.over(b % 20) else 0) + len(v.label()) * 10 + v.LIMIT * 1000 + Vals.LIMIT * 100000


@export
def constant_assigned_through_instance(a: int, b: int) -> int:
    t = Tunable()
    other = Tunable()
    if a % 2 == 0:
        t.bump()
    t.STEP += b % 7
    return t.STEP * 1000 + other.STEP * 10 + Tunable.STEP


# -- 3. default arguments come from the implementation that runs -----------------------
class Greeter:
    def greet(self, times: int = 1, mark: str = "!") -> int:
        return times * 10 + len(mark)


class LoudGreeter(Greeter):
    def greet(self, times: int = 3, mark: str = "!!!") -> int:
        return times * 100 + len(mark)


@export
def defaults_of_override(a: int, b: int) -> int:
    g: Greeter = LoudGreeter() if a % 2 == 0 else Greeter()
    return g.greet() * 1000000 + g.greet(b % 5) * 1000 + g.greet(mark="??")


# -- 4. keyword arguments are evaluated in source order --------------------------------
def three(x: int, y: int, z: int = 0) -> int:
    return x * 100 + y * 10 + z


class Point3:
    def __init__(self, x: int, y: int, z: int) -> None:
        self.total: int = x * 100 + y * 10 + z

    def moved(self, dx: int, dy: int) -> int:
        return self.total + dx * 7 + dy


@export
def keyword_order(a: int, b: int) -> int:
    LOG.clear()
    r = three(z=note(1), y=note(2), x=note(3))
    p = Point3(y=note(4), z=note(5), x=note(6))
    r += p.moved(dy=note(a % 3), dx=note(b % 3))
    order = 0
    for n in LOG:
        order = order * 10 + n
    return order * 10000 + r % 10000


# -- 5. int ** negative constant is CPython's float ------------------------------------
@export
def negative_powers(a: int, b: int) -> float:
    return 2 ** -1 + 10 ** -3 + (-3) ** -3 + 7 ** -2 * (a % 5) + 2 ** (b % 3)


# -- 6. RecursionError where CPython raises it -----------------------------------------
def depth(n: int) -> int:
    if n <= 0:
        return 0
    return depth(n - 1) + 1


def even(n: int) -> bool:
    return True if n == 0 else odd(n - 1)


def odd(n: int) -> bool:
    return False if n == 0 else even(n - 1)


def nest(n: int) -> list[int]:
    if n == 0:
        return []
    inner = nest(n - 1)
    inner.append(n)
    return inner


@export
def recursion_depths(a: int, b: int) -> int:
    """Shallow recursion works; past 1,000 frames both raise RecursionError."""
    shallow = depth(a % 500) + (1 if even(b % 300) else 0) + len(nest(a % 200))
    if a % 3 == 0:
        return shallow + depth(5000)
    if a % 3 == 1:
        return shallow + (1 if even(3000) else 0)
    return shallow + len(nest(2000))
