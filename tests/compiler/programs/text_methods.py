"""str and bytes methods of issue 14 (partition, rsplit, splitlines, count, removeprefix, tuple
startswith, center/ljust/rjust/zfill, expandtabs, the predicates, title/capitalize/swapcase/
casefold, hex/fromhex) and the int methods (bit_length, bit_count, to_bytes, int.from_bytes).
Each export folds every result (and the message of every exception) over sample texts into one
int, so any difference from CPython in a character, a length or a message shows.
"""
from abi import export

TEXTS = ["", "a", "abc", "a,b,,c", " x  y\tz ", "Hello World", "hello world", "HELLO", "ǅungla ǆ",
         "ΑΣ ΟΔΟΣ", "straße", "ﬁne İstanbul", "e\u0301", "x\ny\r\nz\rw\x0bv\x0cu\x1c\x1d\x1e\x85q\u2028r\u2029",
         "\t-42", "+7", "-", "007", "١٢٣", "½²", "_id9", "9x", "a\u00a0b", "😀 ok", "\x00\x7f", "tab\tin\tline\n\tnext",
         "σς Σ", "ŉ ǰ", "ΐ", "ᾳ ᾼ", "Ⅷ ⅷ", "ⓐⒶ", "ß", "123abcABC"]
BLOBS = [b"", b"a", b"abc", b"a,b,,c", b" x  y\tz ", b"Hello World", b"HELLO", b"x\ny\r\nz\rw\x0bv",
         b"\t-42", b"+7", b"-", b"007", b"_id9", b"\x00\x7f\x80\xff", b"tab\tin\tline\n\tnext", b"\xc3\xa9t\xc3\xa9",
         b"aBc dEf"]
SEPS = [",", " ", "", "a", "é", "ΟΣ", "\r\n", "zz", "l"]
BSEPS = [b",", b" ", b"", b"a", b"\xff", b"\r\n", b"zz", b"l"]
PREFIXES = [b"", b"\x00", b"\xff", b"\x00\x00\x00", b"\x80", b"\xff\xff\xff"]
HEXES = ["", "00", "0a FF", " 01\t02\n", "0", "0g", "zz", "1 2", "abcdef0123456789", "é0", "0 é", "\x1c01",
         "01\x0b02\x0c", "AbCd"]


def digest(s: str) -> int:
    h = len(s)
    for c in s:
        h = (h * 1000003 + ord(c)) & 0xFFFFFFFFFF
    return h


def bdigest(b: bytes) -> int:
    h = len(b) + 7
    for c in b:
        h = (h * 1000003 + c) & 0xFFFFFFFFFF
    return h


def mix(h: int, v: int) -> int:
    return (h * 31 + v) & 0xFFFFFFFFFF


@export
def partitions(a: int) -> int:
    h = 0
    sep = SEPS[a % len(SEPS)]
    for s in TEXTS:
        try:
            p = s.partition(sep)
            q = s.rpartition(sep)
            h = mix(h, digest(p[0]) + 3 * digest(p[1]) + 5 * digest(p[2]))
            h = mix(h, digest(q[0]) + 3 * digest(q[1]) + 5 * digest(q[2]))
        except ValueError as err:
            h = mix(h, digest(str(err)))
    return h


@export
def bytes_partitions(a: int) -> int:
    h = 0
    sep = BSEPS[a % len(BSEPS)]
    for s in BLOBS:
        try:
            p = s.partition(sep)
            q = s.rpartition(sep)
            h = mix(h, bdigest(p[0]) + 3 * bdigest(p[1]) + 5 * bdigest(p[2]))
            h = mix(h, bdigest(q[0]) + 3 * bdigest(q[1]) + 5 * bdigest(q[2]))
        except ValueError as err:
            h = mix(h, digest(str(err)))
    return h


@export
def rsplits(a: int, b: int) -> int:
    h = 0
    for s in TEXTS:
        try:
            for part in s.rsplit(None if b % 3 == 0 else SEPS[b % len(SEPS)], a):
                h = mix(h, digest(part))
            for part in s.rsplit(maxsplit=a):
                h = mix(h, digest(part) + 1)
        except ValueError as err:
            h = mix(h, digest(str(err)))
    return h


@export
def bytes_rsplits(a: int, b: int) -> int:
    h = 0
    for s in BLOBS:
        try:
            for part in s.rsplit(None if b % 3 == 0 else BSEPS[b % len(BSEPS)], a):
                h = mix(h, bdigest(part))
        except ValueError as err:
            h = mix(h, digest(str(err)))
    return h


@export
def lines(keep: bool) -> int:
    h = 0
    for s in TEXTS:
        for line in s.splitlines(keep):
            h = mix(h, digest(line))
        h = mix(h, len(s.splitlines()))
    for b in BLOBS:
        for part in b.splitlines(keepends=keep):
            h = mix(h, bdigest(part))
    return h


@export
def counts(a: int, b: int) -> int:
    h = 0
    for sep in SEPS:
        for s in TEXTS:
            h = mix(h, s.count(sep) + 7 * s.count(sep, a) + 49 * s.count(sep, a, b) + 343 * s.count(sep, None, b))
    for bsep in BSEPS:
        for blob in BLOBS:
            h = mix(h, blob.count(bsep, a, b) + 7 * blob.count(bsep))
    return h


@export
def tails(a: int, b: int) -> int:
    h = 0
    for sep in SEPS:
        for s in TEXTS:
            h = mix(h, int(s.startswith(sep, a)) + 2 * int(s.endswith(sep, a, b)) + 4 * int(s.startswith(sep, None, b)))
            h = mix(h, int(s.startswith((sep, "x", "ΑΣ"), a)) + 2 * int(s.endswith(("é", sep), None, b)))
            h = mix(h, digest(s.removeprefix(sep)) + 3 * digest(s.removesuffix(sep)))
    for bsep in BSEPS:
        for blob in BLOBS:
            h = mix(h, int(blob.startswith((bsep, b"a"), a, b)) + 2 * int(blob.endswith(bsep, a)))
            h = mix(h, bdigest(blob.removeprefix(bsep)) + 3 * bdigest(blob.removesuffix(bsep)))
    return h


@export
def padding(a: int, b: int) -> int:
    h = 0
    width = a % 23 - 3
    fills = [" ", "*", "é", "😀", "", "ab"]
    fill = fills[b % len(fills)]
    for s in TEXTS:
        try:
            h = mix(h, digest(s.center(width, fill)) + 3 * digest(s.ljust(width, fill)))
            h = mix(h, digest(s.rjust(width, fill)) + digest(s.center(width)) + digest(s.zfill(width)))
        except TypeError as err:
            h = mix(h, digest(str(err)))
    bfills = [b" ", b"*", b"", b"ab", b"\xff"]
    bfill = bfills[b % len(bfills)]
    for blob in BLOBS:
        try:
            h = mix(h, bdigest(blob.zfill(width)) + bdigest(blob.ljust(width)))
            h = mix(h, bdigest(blob.center(width, bfill)) + 3 * bdigest(blob.rjust(width, bfill)))
        except TypeError as err:
            h = mix(h, digest(str(err)))
    return h


@export
def tabs(a: int) -> int:
    h = 0
    size = a % 13 - 3
    for s in TEXTS:
        h = mix(h, digest(s.expandtabs(size)) + digest(s.expandtabs()))
    for blob in BLOBS:
        h = mix(h, bdigest(blob.expandtabs(tabsize=size)))
    return h


@export
def big_tabsize(a: int) -> int:
    try:
        return len("ab".expandtabs(a)) + len(b"x".expandtabs(a))
    except OverflowError as err:
        return digest(str(err))


@export
def predicates() -> int:
    h = 0
    for s in TEXTS:
        for w in s.split(" ") + [s]:
            bits = (int(w.isalnum()) + 2 * int(w.isalpha()) + 4 * int(w.isascii()) + 8 * int(w.isupper())
                    + 16 * int(w.islower()) + 32 * int(w.istitle()) + 64 * int(w.isdecimal())
                    + 128 * int(w.isnumeric()) + 256 * int(w.isprintable()) + 512 * int(w.isidentifier()))
            h = mix(h, bits)
    for blob in BLOBS:
        for part in blob.split(b" ") + [blob]:
            bits = (int(part.isalnum()) + 2 * int(part.isalpha()) + 4 * int(part.isascii())
                    + 8 * int(part.isupper()) + 16 * int(part.islower()) + 32 * int(part.istitle()))
            h = mix(h, bits)
    return h


@export
def case_maps() -> int:
    h = 0
    for s in TEXTS:
        h = mix(h, digest(s.title()) + 3 * digest(s.capitalize()))
        h = mix(h, digest(s.swapcase()) + 3 * digest(s.casefold()))
    for blob in BLOBS:
        h = mix(h, bdigest(blob.title()) + 3 * bdigest(blob.capitalize()) + 5 * bdigest(blob.swapcase()))
    return h


@export
def hexes(a: int) -> int:
    h = 0
    seps = [":", " ", "", "::", "é"]
    sep = seps[a % len(seps)]
    for blob in BLOBS:
        h = mix(h, digest(blob.hex()))
        try:
            h = mix(h, digest(blob.hex(sep)) + digest(blob.hex(sep, a % 7 - 3)))
        except ValueError as err:
            h = mix(h, digest(str(err)))
    for text in HEXES:
        try:
            h = mix(h, bdigest(bytes.fromhex(text)))
        except ValueError as err:
            h = mix(h, digest(str(err)))
    return h


@export
def hex_group(a: int) -> int:
    try:
        return digest(b"abcdefg".hex("-", a)) + digest(b"".hex(bytes_per_sep=a))
    except OverflowError as err:
        return digest(str(err))


@export
def bits(a: int) -> int:
    return a.bit_length() * 100 + a.bit_count()


@export
def to_bytes_small(a: int, b: int) -> int:
    length = b % 10 - 1
    h = 0
    for signed in [False, True]:
        for order in ["big", "little", "middle"]:
            try:
                h = mix(h, bdigest(a.to_bytes(length, order, signed=signed)))
            except ValueError as err:
                h = mix(h, digest(str(err)))
            except OverflowError as err:
                h = mix(h, digest(str(err)) + 1)
    return h


@export
def to_bytes_defaults(a: int) -> int:
    try:
        return bdigest(a.to_bytes()) + bdigest(a.to_bytes(8, signed=True))
    except OverflowError as err:
        return digest(str(err))


@export
def from_bytes(a: int, b: int) -> int:
    blob = PREFIXES[b % len(PREFIXES)] + a.to_bytes(8, "little", signed=True)[:b % 9]
    order = ["big", "little", "middle"][b % 3]
    try:
        return int.from_bytes(blob, order, signed=b % 2 == 0)
    except ValueError as err:
        return digest(str(err))


@export
def from_bytes_defaults(a: int) -> int:
    blob = a.to_bytes(8, signed=True)[a % 8:]
    return int.from_bytes(blob) + int.from_bytes(bytes=blob, byteorder="little") + int.from_bytes(b"\x01\x02")


@export
def round_trip(a: int) -> int:
    return int.from_bytes(a.to_bytes(8, "big", signed=True), "big", signed=True) - a


@export
def formats(a: int) -> int:
    s = TEXTS[a % len(TEXTS)]
    x = a % 1000 - 500
    r = "{} has {:>5} {{items}} {!s:*^9}".format(s, x, a > 0)
    q = "{0}-{1}-{0} {name:<4}|{n:x}|{n:+08d}".format(s, x, name=s, n=x)
    w = "{:08.3f}/{}/{:.2}".format(x / 7, TEXTS[(a % len(TEXTS) + 1) % len(TEXTS)], s)
    listed = [s]
    c = "{0!r} {0!a:>12} {k!r:.4}".format(s, k=listed)
    return digest(r) + 3 * digest(q) + 5 * digest(w) + 7 * digest(c)


@export
def long_ascii_runs(a: int) -> int:
    """ASCII runs longer than 8 bytes around non-ASCII characters: slices and splits count code
    points 8 bytes at a time, decode skips an ASCII prefix 8 bytes at a time."""
    run = "abcdefghijklmnopqrstuvwxyz"[:a % 27]
    text = run + "é" + run + "😀." + run + "\u20ac"
    h = 0
    for cut in range(0, len(text), 3):
        part = text[cut:]
        h = (h * 31 + len(part) + digest(part)) & 0xFFFFFFFFFF
    for part in text.split("."):
        h = (h * 31 + len(part) + digest(part)) & 0xFFFFFFFFFF
    h += len(text.encode().decode()) + digest(text.encode()[:len(run) + 2].decode())
    try:
        (run.encode() + b"\xff" + run.encode()).decode()
    except UnicodeDecodeError as err:
        h += err.start * 7 + digest(str(err))
    return h


@export
def long_finds(a: int) -> int:
    """Searches in texts longer than 8 bytes: find skips 8 bytes at once where none is the
    needle's first byte."""
    run = "abcdefghijklmnopqrstuvwxyz0123456789"[:a % 37]
    text = run + "é.ab" + run + "xyz😀" + run + "a"
    h = 0
    for needle in [".", "é", "😀", "ab", "xyz", "z", "9é", "q", "aa", "a", "", run[-3:], run[a % 5:]]:
        h = (h * 31 + text.find(needle) + 7 * text.rfind(needle) + 3 * text.count(needle)) & 0xFFFFFFFF
        h = (h * 31 + text.find(needle, a % 11, len(text) - a % 7) + (5 if needle in text else 0)) & 0xFFFFFFFF
        h = (h * 31 + digest(text.replace(needle, "-"))) & 0xFFFFFFFF
        if needle:
            h = (h * 31 + len(text.split(needle)) + len(text.encode().split(needle.encode()))) & 0xFFFFFFFF
    blob = text.encode()
    for byte_needle in [b"\xa9", b"\x80", b"\xc3\xa9.", b"9", b"\x9f\x98"]:
        h = (h * 31 + blob.find(byte_needle) + blob.rfind(byte_needle)) & 0xFFFFFFFF
    return h


@export
def translate_tables(a: int) -> int:
    s = "héllo wörld " + str(a)
    t1 = s.translate({ord("l"): "L", ord("ö"): "oe"})
    t2 = s.translate({ord("h"): 72, 233: 101})
    table: dict[int, str | None] = {ord("o"): None, ord(" "): "_"}
    t3 = s.translate(table)
    t4 = s.translate(str.maketrans("lo", "01"))
    t5 = s.translate(str.maketrans("lo", "01", "h "))
    return len(t1) * 1000000 + len(t2) * 10000 + len(t3) * 100 + len(t4) + len(t5) + ord(t5[0]) + ord(t4[2])


@export
def translate_errors(a: int) -> int:
    if a % 3 == 0:
        return len("abc".translate({97: a}))  # ValueError beyond range(0x110000), as CPython
    if a % 3 == 1:
        return len(str.maketrans("ab", "c"))  # ValueError: equal length
    empty: dict[int, str] = {}
    return len("".translate(empty)) + len("xyz".translate(empty))


@export
def codecs_encode(a: int) -> int:
    """str.encode to ascii and latin-1 with each error handler (and utf-8 with one), over the texts."""
    h = 0
    s = TEXTS[a % len(TEXTS)] + "é€😀"
    for t in [s, s[::-1], s[2:]]:
        h = mix(h, bdigest(t.encode("ascii", "replace")) + bdigest(t.encode("ascii", errors="ignore")))
        h = mix(h, bdigest(t.encode("ascii", "backslashreplace")) + bdigest(t.encode("latin-1", "xmlcharrefreplace")))
        h = mix(h, bdigest(t.encode("latin1", errors="backslashreplace")) + bdigest(t.encode(encoding="utf8", errors="ignore")))
        h = mix(h, bdigest(t.encode("L1", "replace")) + bdigest(t.encode("iso-8859-1", "ignore")))
    return h


@export
def codecs_decode(a: int) -> int:
    """bytes.decode as ascii, latin-1 and utf-8 with each error handler, over the blobs and bad UTF-8."""
    bad = [b"ok\xe2\x82 \xf0\x9f\x98 \xed\xa0\x80 \xc0\xaf \xff\xfe end\xe2", b"\xf4\x90\x80\x80\xe0\x80", b"\xc3"]
    b = (BLOBS + bad)[a % (len(BLOBS) + len(bad))]
    h = digest(b.decode("latin-1")) + digest(b.decode("latin_1", "surrogateescape"))
    h = mix(h, digest(b.decode("ascii", "replace")) + digest(b.decode("utf-8", errors="replace")))
    h = mix(h, digest(b.decode("ascii", "ignore")) + digest(b.decode("utf-8", errors="ignore")))
    h = mix(h, digest(b.decode("ascii", "backslashreplace")) + digest(b.decode("utf-8", errors="backslashreplace")))
    return h


@export
def codec_errors(a: int) -> int:
    """The strict codecs' UnicodeEncodeError / UnicodeDecodeError: str(), repr(), args and fields."""
    s = TEXTS[a % len(TEXTS)] + "€é"
    h = 0
    try:
        if a % 2:
            s.encode("latin-1", "surrogateescape")
        else:
            s.encode("ascii")
    except UnicodeEncodeError as e:
        h = mix(digest(str(e)) + digest(repr(e)) + digest(repr(e.args)), e.start * 100 + e.end)
        h = mix(h, digest(e.encoding + e.object + e.reason))
    try:
        BLOBS[a % len(BLOBS)].decode("ascii")
    except UnicodeError as e:
        h = mix(h, digest(str(e)) + digest(repr(e)))
    return h


def dict_table_text(s: str, keys: list[str]) -> str:
    try:
        codes: dict[str, int | None] = {}
        for i, k in enumerate(keys):
            codes[k] = None if i % 3 == 2 else 0x41 + i
        by_code: dict[int, str] = {ord(k[0]) if k else 0: k.upper() for k in keys}
        table = str.maketrans(codes)
        return s.translate(table) + "|" + s.translate(str.maketrans(by_code)) + "|" + str(table)
    except ValueError as err:
        return str(err)


@export
def maketrans_dicts(a: int) -> int:
    """str.maketrans(d) of one dict: str keys of one character (else ValueError) or code points."""
    s = "héllo wörld " + str(a % 1000)
    h = digest(s.translate(str.maketrans({"l": "L", "ö": "oe", "o": None})))
    h = mix(h, digest(s.translate(str.maketrans({104: 72, 233: None}))))
    h = mix(h, digest(s.translate(str.maketrans({"h": 72, "1": 0x1F600}))))
    for keys in [["l", "o"], ["é", "w", " "], ["ab"], [], ["x", ""], [str(a % 10), "h"]]:
        h = mix(h, digest(dict_table_text(s, keys)))
    return h


@export
def ascii_runs(a: int) -> int:
    """bytes.isascii and latin-1 decoding (8 bytes a step, then one at a time) with one byte above
    0x7F at every position of lengths 0 to 39, and none."""
    h = 0
    shift = a % 128  # no int64 overflow for any a
    for n in range(40):
        for at in range(n + 1):  # at == n: all ASCII
            data = bytes([0x41 + (k + shift) % 26 if k != at else 0x80 + (k * 7 + shift) % 128 for k in range(n)])
            h = mix(h, int(data.isascii()) + 2 * digest(data.decode("latin-1")))
    return h

