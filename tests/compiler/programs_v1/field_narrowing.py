"""Narrowing a T | None field (issue 11): `if obj.f is not None:` narrows obj.f until code that may
assign a field runs (a call, or an assignment to any field of that name through any object)."""
from abi import export

class Node:
    def __init__(self, v: int) -> None:
        self.v = v
        self.next: Node | None = None
        self.count: int | None = None

    def clear(self) -> None:
        self.count = None

def clear_other(n: Node) -> None:
    n.count = None

@export
def walk(a: int) -> int:
    head = Node(1)
    second = Node(2)
    head.next = second
    second.next = Node(a % 5)
    total = 0
    node = head
    while node.next is not None:
        total = total * 10 + node.next.v
        node = node.next
    head.count = 5
    if head.count is not None:
        total += head.count
        if head.count > 3 and a > 0:
            total += head.count * 100
    return total

@export
def invalidated(a: int) -> int:
    n = Node(a)
    n.count = 7
    if n.count is not None:
        r = n.count
        n.clear()
        return r + (0 if n.count is None else 1000)
    return -1


@export
def reset_then_read(a: int) -> int:
    n = Node(a)
    n.count = a
    other = n
    if n.count is not None:
        other.count = None
        return 1 if n.count is None else 2
    return 0
