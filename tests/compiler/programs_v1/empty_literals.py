"""Empty list and dict literals typed by where they go (issue 11): parameters (also T | None), keyword
and method arguments, dict.get defaults, return values, items of typed containers, subscript targets."""
from dataclasses import dataclass
from abi import export

@dataclass
class C:
    items: list[int]

class K:
    def m(self, x: list[str], y: dict[str, int]) -> int:
        return len(x) + len(y)

def g(x: list[int] | None = None) -> int:
    return 0 if x is None else len(x) + 1

def h() -> list[int]:
    return []

@export
def f(a: int) -> int:
    d: dict[str, list[int]] = {}
    c = C([])
    r = K().m([], {}) + len(d.get("k", [])) + len(c.items) + g([]) + len(h())
    items: list[list[int]] = [[], [a]]
    items.append([])
    d["x"] = []
    t: tuple[list[int], int] = ([], 1)
    return r + len(items) + len(t[0])
