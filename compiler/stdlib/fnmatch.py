"""fnmatch on str, as CPython 3.11's on POSIX (os.path.normcase changes nothing there).

CPython translates the pattern into a regular expression; this matches the same names directly:
``*`` any run, ``?`` any character (newlines included), ``[...]`` a set built as CPython's
translate() builds it (its ranges, the reversed ranges it drops, a leading ``!`` negating), and
an unclosed ``[`` a literal. translate() gives CPython's regular expression text.
"""

# what CPython 3.11's re.escape() escapes
RE_SPECIAL = "()[]{}?*+-|^$\\.&~# \t\n\r\v\f"
STAR = -1
ANY = -2
CLASS = -3  # -3 - k: the k-th set


class _Set:
    def __init__(self, negated: bool, chars: str, ranges: list[tuple[str, str]]) -> None:
        self.negated = negated
        self.chars = chars
        self.ranges = ranges

    def matches(self, c: str) -> bool:
        found = c in self.chars
        for low, high in self.ranges:
            if low <= c <= high:
                found = True
        return found != self.negated


class _Pattern:
    def __init__(self, pat: str) -> None:
        self.items: list[int] = []
        self.sets: list[_Set] = []
        i = 0
        n = len(pat)
        while i < n:
            c = pat[i]
            i += 1
            if c == "*":
                if not self.items or self.items[-1] != STAR:
                    self.items.append(STAR)
            elif c == "?":
                self.items.append(ANY)
            elif c == "[":
                i = self.bracket(pat, i)
            else:
                self.items.append(ord(c))

    def bracket(self, pat: str, i: int) -> int:
        """The set opened by the '[' before i; where the pattern continues."""
        j = _set_end(pat, i)
        if j < 0:
            self.items.append(ord("["))
            return i
        chunks = _chunks(pat, i, j) if "-" in pat[i:j] else [pat[i:j]]
        negated = chunks[0][:1] == "!"
        if negated:
            chunks[0] = chunks[0][1:]
        ranges: list[tuple[str, str]] = []
        for k in range(1, len(chunks)):
            ranges.append((chunks[k - 1][-1], chunks[k][0]))
        self.items.append(CLASS - len(self.sets))
        self.sets.append(_Set(negated, "".join(chunks), ranges))
        return j + 1

    def one(self, item: int, c: str) -> bool:
        if item == ANY:
            return True
        if item <= CLASS:
            return self.sets[CLASS - item].matches(c)
        return item == ord(c)

    def match(self, name: str) -> bool:
        """Glob matching: on a mismatch, the last '*' takes one more character."""
        items = self.items
        i = 0
        p = 0
        star = -1
        star_at = 0
        while i < len(name):
            if p < len(items) and items[p] == STAR:
                star = p
                p += 1
                star_at = i
            elif p < len(items) and self.one(items[p], name[i]):
                p += 1
                i += 1
            elif star >= 0:
                p = star + 1
                star_at += 1
                i = star_at
            else:
                return False
        while p < len(items) and items[p] == STAR:
            p += 1
        return p == len(items)


def _chunks(pat: str, i: int, j: int) -> list[str]:
    """CPython's translate(): the set's text cut at the hyphens that make ranges, each reversed
    range dropped with its two ends."""
    chunks: list[str] = []
    k = i + 2 if pat[i] == "!" else i + 1
    while True:
        k = pat.find("-", k, j)
        if k < 0:
            break
        chunks.append(pat[i:k])
        i = k + 1
        k = k + 3
    chunk = pat[i:j]
    if chunk:
        chunks.append(chunk)
    else:
        chunks[-1] += "-"
    for k in range(len(chunks) - 1, 0, -1):
        if chunks[k - 1][-1] > chunks[k][0]:
            chunks[k - 1] = chunks[k - 1][:-1] + chunks[k][1:]
            del chunks[k]
    return chunks


def fnmatch(name: str, pat: str) -> bool:
    return fnmatchcase(name, pat)


def fnmatchcase(name: str, pat: str) -> bool:
    return _Pattern(pat).match(name)


def filter(names: list[str], pat: str) -> list[str]:
    pattern = _Pattern(pat)
    return [name for name in names if pattern.match(name)]


def translate(pat: str) -> str:
    """CPython 3.11's translate(): the pattern as a regular expression, character for character."""
    pieces: list[str] = []  # "" stands for a '*'
    i = 0
    n = len(pat)
    while i < n:
        c = pat[i]
        i += 1
        if c == "*":
            if not pieces or pieces[-1] != "":
                pieces.append("")
        elif c == "?":
            pieces.append(".")
        elif c == "[":
            i = _translate_set(pat, i, pieces)
        else:
            pieces.append("\\" + c if c in RE_SPECIAL else c)
    return "(?s:" + _join_stars(pieces) + ")\\Z"


def _set_end(pat: str, i: int) -> int:
    """Where the set opened by the '[' before i closes (its ']'), or -1: then '[' is itself."""
    n = len(pat)
    j = i
    if j < n and pat[j] == "!":
        j += 1
    if j < n and pat[j] == "]":
        j += 1
    while j < n and pat[j] != "]":
        j += 1
    return j if j < n else -1


def _translate_set(pat: str, i: int, pieces: list[str]) -> int:
    """The set opened by the '[' before i, as CPython writes it; where the pattern continues."""
    j = _set_end(pat, i)
    if j < 0:
        pieces.append("\\[")
        return i
    if "-" not in pat[i:j]:
        stuff = pat[i:j].replace("\\", "\\\\")
    else:
        stuff = "-".join([s.replace("\\", "\\\\").replace("-", "\\-") for s in _chunks(pat, i, j)])
    for op in "&~|":  # set operations CPython's re may someday have
        stuff = stuff.replace(op, "\\" + op)
    if not stuff:
        pieces.append("(?!)")
    elif stuff == "!":
        pieces.append(".")
    elif stuff[0] == "!":
        pieces.append("[^" + stuff[1:] + "]")
    elif stuff[0] == "^" or stuff[0] == "[":
        pieces.append("[\\" + stuff + "]")
    else:
        pieces.append("[" + stuff + "]")
    return j + 1


def _join_stars(pieces: list[str]) -> str:
    """CPython's: '.*' for a last star, an atomic '(?>.*?fixed)' for a star between fixed parts."""
    out = ""
    i = 0
    n = len(pieces)
    while i < n and pieces[i] != "":
        out += pieces[i]
        i += 1
    while i < n:
        i += 1
        if i == n:
            return out + ".*"
        fixed = ""
        while i < n and pieces[i] != "":
            fixed += pieces[i]
            i += 1
        out += ".*" + fixed if i == n else "(?>.*?" + fixed + ")"
    return out
