"""``is`` / ``is not`` of issue 14 beyond ``is None``: objects of classes, lists and dicts
compare by identity (aliases, copies, optional values, subclasses), bools as singletons."""
from abi import export


class Node:
    def __init__(self, value: int) -> None:
        self.value = value
        self.next: Node | None = None


class Leaf(Node):
    pass


@export
def objects(n: int) -> int:
    a = Node(n % 10)
    b = Node(n % 10)
    c = a
    leaf = Leaf(1)
    as_node: Node = leaf
    a.next = b if n % 2 == 0 else a
    h = int(a is c) + 2 * int(a is b) + 4 * int(a is not b) + 8 * int(leaf is as_node)
    h += 16 * int(a.next is b) + 32 * int(a.next is a) + 64 * int(b.next is None) + 128 * int(a is leaf)
    nodes = [a, b, leaf]
    h += 256 * int(nodes[n % 3] is a) + 512 * int(nodes[2] is leaf)
    return h


@export
def containers(n: int) -> int:
    xs = [1, 2]
    ys = xs
    zs = list(xs)
    d = {"k": n}
    e = d.copy()
    f = d
    maybe: list[int] | None = xs if n % 2 == 0 else None
    grid = [xs, zs]
    return int(xs is ys) + 2 * int(xs is zs) + 4 * int(d is e) + 8 * int(d is f) + 16 * int(maybe is xs) \
        + 32 * int(grid[n % 2] is xs) + 64 * int(grid[0] is not ys)


@export
def bools(n: int) -> int:
    flag = n % 3 == 0
    other = n % 2 == 0
    return int(flag is True) + 2 * int(flag is False) + 4 * int(flag is other) + 8 * int(other is not flag)


NONE_CALLS = [0]


class Silent:
    def dst(self) -> None:
        NONE_CALLS[0] += 1
        return None


def counted_none() -> None:
    NONE_CALLS[0] += 100


@export
def is_none_of_none_calls(p: bool) -> int:
    """A call of a function returning None, compared with 'is': called once, for its effects
    (found by the datetime helper: an internal compiler error)."""
    NONE_CALLS[0] = 0
    b = Silent().dst() is None
    c = counted_none() is not None
    return int(b) + NONE_CALLS[0] * 10 + int(c) * 3 + int(p)
