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


@export
def dict_reads(n: int) -> int:
    d = {"a": n, "b": 2}
    d["a"] += 10
    pairs = list(d.items())
    total = d["a"] * 100 + len(d.items()) + pairs[1][1] + (1 if "b" in d.keys() else 0)
    total += len(sorted(d.keys())) + max(d.values())
    if n > 3:
        total += d["missing"]
    return total


@export
def chars_and_extremes(n: int) -> int:
    letters = list("zébra")
    values = [n, -n, 3]
    return len(letters) * 1000 + max(values) * 10 + min(values) + len(min(letters)) + len(max(letters))


@export
def zero_padding(n: int) -> int:
    text = f"{n:05d}|{-n:04d}|{n:02d}"
    return len(text) * 100 + text.find("|") + (1 if text.startswith("-") else 0)
