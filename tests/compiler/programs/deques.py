"""collections.deque (compiler/runtime/deques.py): a run of operations picked by a seed (the model
test in tests/compiler/test_deque.py feeds it generated seeds), item kinds, repr, errors, the
RuntimeError of a loop over a deque that changed (a global one kept across calls, for the GC:
programs_state/deque_churn.py)."""
from collections import deque
from dataclasses import dataclass

from abi import export


def digest(text: str) -> int:
    return len(text) * 1000003 + sum((i + 1) * ord(c) for i, c in enumerate(text)) % 1000003


@dataclass
class P:
    x: int


def step(d: deque[int], op: int, v: int) -> str:
    """One operation on d (op 0..19); what it gives (or raises) as text."""
    if op == 0:
        d.append(v)
    elif op == 1:
        d.appendleft(v)
    elif op == 2:
        return str(d.pop())
    elif op == 3:
        return str(d.popleft())
    elif op == 4:
        d.extend(range(v, v + v % 4 * 6))
    elif op == 5:
        d.extendleft([v, v * 2][:v % 3])
    elif op == 6:
        d.rotate(v % 13 - 6)
    elif op == 7:
        return str(d[v % 9 - 4])
    elif op == 8:
        d[v % 9 - 4] = v
    elif op == 9:
        d.remove(v % 5)
    elif op == 10:
        return str(d.count(v % 5)) + str(v % 5 in d) + str(len(d)) + str(bool(d))
    elif op == 11:
        d.reverse()
    elif op == 12:
        e = d.copy()
        e.append(v)
        return repr(e) + str(e == d) + str(d == d.copy()) + str(e.maxlen)
    elif op == 13 and v % 4 == 0:
        d.clear()
    elif op == 14:
        d.extend(d)
    elif op == 15:
        d.extendleft(d)
    elif op == 16:
        d.insert(v % 11 - 5, v)
    elif op == 17:
        del d[v % 9 - 4]
    elif op == 18:
        if v % 3 == 0:
            return str(d.index(v % 5))
        return str(d.index(v % 5, v % 7 - 3)) if v % 3 == 1 else str(d.index(v % 5, v % 7 - 3, v % 9 - 2))
    else:
        return loop(d, v)
    return ""


def loop(d: deque[int], v: int) -> str:
    """A loop (plain, enumerate, zip with a list on either side) whose body may change d at its
    (v % 5)th item: CPython's RuntimeError, or the items."""
    seen = []
    try:
        if v % 4 == 0:
            for x in d:
                seen.append(x)
                if len(seen) == v % 5:
                    step(d, v % 19, v)
        elif v % 4 == 1:
            for i, x in enumerate(d, v % 3):
                seen.append(x * 100 + i)
                if len(seen) == v % 5:
                    step(d, v % 19, v)
        elif v % 4 == 2:
            for x, y in zip(d, list(range(v % 7))):
                seen.append(x * 100 + y)
                if len(seen) == v % 5:
                    step(d, v % 19, v)
        else:
            for y, x in zip(list(range(v % 7)), d):
                seen.append(x * 100 + y)
                if len(seen) == v % 5:
                    step(d, v % 19, v)
    except (RuntimeError, IndexError, ValueError) as err:
        return f"{seen} {type(err).__name__}: {err}"
    return str(seen) + str([x + 1 for x in d if x % 2]) + str(sum(x for x in d))


@export
def model(seed: int) -> int:
    """40 operations on a deque of maxlen 0..6 or None, from a seeded generator."""
    bound = seed // 7 % 10 - 3
    d: deque[int] = deque(range(seed % 12), maxlen=None if bound < 0 else bound)
    state = seed % 2147483647
    log = repr(d)
    for _ in range(40):
        state = state * 48271 % 2147483647
        try:
            log += "|" + step(d, state % 20, state // 20 % 50)
        except (IndexError, ValueError) as err:
            log += f"|{type(err).__name__}: {err}"
        log += repr(d)
    return digest(log)


@export
def item_kinds(n: int) -> int:
    f = deque([1.5, -0.0, n / 3])
    t = deque([(1, "a"), (n % 4, "b")], 3)
    o = deque([P(1), P(n % 5)])
    nested: deque[deque[int]] = deque()
    nested.append(deque([n % 3], maxlen=2))
    b = deque([True, False])
    c = deque("abc")
    k = deque({"x": 1, "y": 2}, maxlen=n % 3)
    text = f"{f} {t} {o} {nested} {b} {c} {k} {list(f)} {sorted(c)} {sum(f, 0.0)} {type(f).__name__}"
    text += str(f.pop()) + str(t.popleft()) + str(o[1]) + str(b.count(True)) + str(c == deque(["a", "b", "c"]))
    c.remove("b")
    o.reverse()
    text += str(c) + str(o) + str(isinstance(c, list)) + str([x * 2 for x in f]) + str(c.copy()) + str(t.copy())
    b.remove(False)
    text += str(b) + str(bool(b)) + str(not c) + str(max(c)) + str(tuple(c)) + str({"q": nested})
    return digest(text)


@export
def errors(n: int) -> int:
    d: deque[int] = deque(maxlen=None)
    out = ""
    for op in range(8):
        try:
            if op == 0:
                d.pop()
            elif op == 1:
                d.popleft()
            elif op == 2:
                out += str(d[n % 5 - 2])
            elif op == 3:
                d.append(n % 100)
                d[n % 3 - 1] = 5
            elif op == 4:
                d.remove(n % 3)
            elif op == 5:
                out += str(deque([1], maxlen=n % 3 - 1))
            elif op == 6:
                s = deque(["a"])
                s.remove("b" if n % 2 else "a")
                out += str(s)
            else:
                floats = deque([1.5, -0.0])
                floats.remove(n / 2)
                out += str(floats)
        except (IndexError, ValueError) as err:
            out += type(err).__name__ + str(err)
    return digest(out + str(d))
