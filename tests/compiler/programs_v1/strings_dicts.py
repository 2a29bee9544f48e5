from abi import export


@export
def text(n: int) -> int:
    s = "héllo wörld"
    t = s.upper() + "-" + str(n)
    parts = t.split("-")
    return len(parts[0]) * 1000 + len(t) + (1 if "WÖR" in t else 0)


@export
def fmt(n: int) -> int:
    s = f"n={n:>6}|{n:x}|{'ok'}"
    return len(s) + s.find("|")


@export
def counts(n: int) -> int:
    words = "a b a c b a".split()
    seen: dict[str, int] = {}
    for w in words:
        seen[w] = seen.get(w, 0) + n
    total = 0
    for k, v in seen.items():
        total = total * 10 + v
    del seen["a"]
    return total * 10 + len(seen)


@export
def slicing(n: int) -> int:
    s = "abcdefgh"
    r = s[::-1][1:n]
    return len(r) + ord(r[0])


@export
def joined(n: int) -> int:
    items = [str(i) for i in range(n)]
    return len(", ".join(items))


@export
def parse(n: int) -> int:
    return int(" 1_234 ") + int(str(n)) + len(b"abc".decode())
