"""'%' formatting of a constant str (issue 14): %s %r %a %d %i %x %X %o %f %% with flags, widths
and precisions, a tuple literal, a tuple in a local or one value as the right operand, over empty
and non-ASCII text, negative and huge numbers."""
from abi import export

TEXTS = ["", "a", "it's", "é", "ΟΔΟΣ", "😀x", "\t\x00"]
INTS = [0, 1, -1, 42, -42, 255, -255, 9223372036854775807, -9223372036854775807 - 1]
FLOATS = [0.0, -0.0, 2.675, -1.5, 1e16, 123.456, -0.001]


def digest(s: str) -> int:
    h = len(s)
    for c in s:
        h = (h * 1000003 + ord(c)) & 0xFFFFFFFFFF
    return h


def mix(h: int, v: int) -> int:
    return (h * 31 + v) & 0xFFFFFFFFFF


@export
def text_fields(n: int) -> int:
    h = n % 2
    for s in TEXTS:
        k = len(s)
        h = mix(h, digest("%s=%d" % (s, k)))
        h = mix(h, digest("[%5s|%-5s|%.2s|%7.1s]" % (s, s, s, s)))
        h = mix(h, digest("%r %a %s%%" % (s, s, s)))
        h = mix(h, digest("<%s>" % s))
        h = mix(h, digest("%r" % s))
        h = mix(h, digest("100%% of %s" % s))
    return h


@export
def int_fields(n: int) -> int:
    h = 0
    for i in INTS:
        v = i if i > 9223372036854775800 or i < -9223372036854775800 else i + n % 3
        h = mix(h, digest("%d|%i|%5d|%-5d|%05d|%+d|% d|%+05d" % (v, v, v, v, v, v, v, v)))
        h = mix(h, digest("%x %X %o %8x %-8X %08o" % (v, v, v, v, v, v)))
        h = mix(h, digest("%s %r %a" % (v, v, v)))
    return h


@export
def float_fields(n: int) -> int:
    h = 0
    for x in FLOATS:
        h = mix(h, digest("%f|%5.2f|%-9.3f|%+.1f|% .0f|%010.4f" % (x, x, x, x, x, x)))
        h = mix(h, digest("%s %r" % (x, x)))
    h = mix(h, digest("%f %.2f" % (n % 1000, -7)))
    return h


@export
def tuple_operand(n: int) -> int:
    pair = ("é" * (n % 3), n % 100)
    flag = n % 2 == 0
    return digest("%s:%d" % pair) + digest("%s" % flag) + digest("%r!" % flag)


@export
def raises_in_argument(n: int) -> int:
    items = [1, 2, 3]
    try:
        return digest("%d-%d" % (items[0], items[n % 5]))
    except IndexError:
        return -1


@export
def mapping_fields(n: int) -> int:
    """%(name)s fields from a dict literal: any order, repeated, unused keys, a later duplicate wins."""
    host = ["h", "é", ""][n % 3]
    port = n % 70000
    ratio = n % 1000 / 7
    later = port + 1
    text = "%(host)s:%(port)d|%(port)-8x|%(host)r|%(ratio).2f|%(host)5s%%" % {
        "port": port, "host": host, "ratio": ratio, "unused": 1, "port": later}
    return digest(text)


@export
def int_fields_of_floats_and_bools(n: int) -> int:
    """%d / %i / %u of a float or a bool: CPython formats int(x) (nan and inf raise as int() does)."""
    x = n / 7
    flag = n % 2 == 0
    special = [float("nan"), float("inf"), -2.5][n % 3]
    text = "%d|%5i|%-4u|%+d|%d" % (x, flag, 2.999, False, special)
    return digest(text)


def char_texts(n: int, s: str) -> str:
    try:
        return f"[{n:c}|{n:5c}|{n:<3c}|{n:*^5c}|{n:=4c}|{n:04c}]" + format(n, "c") + "%c|%3c|%-3c|%05c|%+.2c" % (n, n, n, n, n)
    except OverflowError as err:
        text = "O " + str(err)
    try:
        return text + "%c|%-4c|%4c" % (s, s, s)
    except TypeError as err:
        return text + " T " + str(err)


@export
def char_fields(n: int) -> int:
    h = n % 3
    for code in [n, n % 0x110000, n % 0xD800, n % 128, 65, 0x10FFFF, 0x110000, -1, 0xE000]:
        for s in TEXTS:
            h = mix(h, digest(char_texts(code, s)))
    return h
