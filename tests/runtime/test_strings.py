"""compiler/runtime/strings.py and str_*.py against CPython's own str and bytes methods.

The runtime runs under CPython on the emulated memory (objects.py). Every
check compares with what CPython gives for the same Python values, exceptions
included: the runtime raises the real Python exception, so "CPython raises X
with message M" must coincide with "the runtime raises X with message M" (an
emulated memory fault has its own message, so it cannot pass for one). A last test
compiles the runtime to wasm and runs a sample of the same checks in wasmtime.
"""
from __future__ import annotations

import random
import sys
import types
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))  # objects.py (tests/runtime has no __init__)

import objects as o  # noqa: E402
from compiler.runtime import gen_unicode, unicode_tables as T  # noqa: E402

# The str and bytes runtime's functions by name, whichever of its modules holds them.
S = types.SimpleNamespace(**{n: v for m in o.TEXT_MODULES for n, v in vars(m).items() if not n.startswith("__")})

INT64_MIN, INT64_MAX = -(1 << 63), (1 << 63) - 1
DECODE_UNCHECKED = "(message checked by test_decode_failure_message)"
RUNTIME_ERRORS = (ValueError, IndexError, TypeError, OverflowError, MemoryError, KeyError)

settings.register_profile("runtime", max_examples=150, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile("runtime")


@pytest.fixture(autouse=True)
def fresh_memory():
    o.reset_memory()
    yield


# -- comparing outcomes --------------------------------------------------------------
def outcome(call, convert=lambda v: v):
    """('ok', value) or ('error', exception type, str(exception)) of a CPython-side call."""
    try:
        return ("ok", convert(call()))
    except Exception as err:  # noqa: BLE001 - the exception is the outcome
        return ("error", type(err), str(err))


def runtime_outcome(call, convert=lambda v: v):
    """Like ``outcome`` for a runtime call. The runtime's UnicodeDecodeError is still the
    message-less intrinsic (decode_failure builds its message): compared by type only."""
    try:
        value = call()
    except UnicodeDecodeError:
        return ("error", UnicodeDecodeError, DECODE_UNCHECKED)
    except MemoryError:  # stays a message-less trap; CPython's says nothing either
        return ("error", MemoryError, "")
    except RUNTIME_ERRORS as err:
        return ("error", type(err), str(err))
    return ("ok", convert(value))


def same(expected_call, runtime_call, convert=lambda v: v):
    expected = outcome(expected_call)
    if expected[:2] == ("error", UnicodeDecodeError):
        expected = ("error", UnicodeDecodeError, DECODE_UNCHECKED)
    got = runtime_outcome(runtime_call, convert)
    assert got == expected
    return got


def S_(value: str) -> int:
    return o.make_str(value)


def B_(value: bytes) -> int:
    return o.make_bytes(value)


def flag_args(start, stop):
    """(start, stop, flags) for the runtime from optional Python bounds."""
    flags = (1 if start is not None else 0) | (2 if stop is not None else 0)
    return (start or 0), (stop or 0), flags


# -- strategies ----------------------------------------------------------------------
SPECIAL_CHARS = ("aAbBzZ09 \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u200a\u2028\u2029"
                 "\u202f\u205f\u3000ßẞİıΣσςΑάΐŉǅǈﬃﬀ²³١٢①𝟘𝟙०\u0345\u0301\u00ad'.:_-+xXoObBé€😀𐐀𐐨")
CHARS = st.one_of(st.sampled_from(SPECIAL_CHARS), st.characters(blacklist_categories=("Cs",)))
TEXT = st.text(CHARS, max_size=24)
SMALL_TEXT = st.text(st.sampled_from("ab Σσ€😀"), max_size=4)
BYTE_ALPHABET = b"ab \t\n\x0b\x0c\r\x1c\x85\xa0\xff\x00"
BYTES = st.one_of(st.binary(max_size=14),
                  st.lists(st.sampled_from(BYTE_ALPHABET), max_size=14).map(bytes))
SMALL_BYTES = st.lists(st.sampled_from(b"ab \xff"), max_size=4).map(bytes)
INDEX = st.one_of(st.none(), st.integers(-20, 20), st.sampled_from([INT64_MIN, INT64_MAX]))


def piece_of(data, text):
    """A substring of ``text`` or some unrelated short text (bytes too)."""
    if isinstance(text, str):
        other = SMALL_TEXT
    else:
        other = SMALL_BYTES
    if text and data.draw(st.booleans()):
        i = data.draw(st.integers(0, len(text)))
        j = data.draw(st.integers(i, min(len(text), i + 4)))
        return text[i:j]
    return data.draw(other)


# -- construction, equality, order, hashing ------------------------------------------
@given(TEXT, TEXT)
def test_concat_eq_compare(a, b):
    ra, rb = S_(a), S_(b)
    assert o.read_str(S.str_concat(ra, rb)) == a + b
    assert S.str_eq(ra, rb) is (a == b)
    assert S.str_eq(ra, S_(a)) is True
    assert S.str_compare(ra, rb) == (a > b) - (a < b)
    prefixed = a + b
    assert S.str_compare(ra, S_(prefixed)) == (a > prefixed) - (a < prefixed)


@given(BYTES, BYTES)
def test_bytes_concat_eq_compare(a, b):
    ra, rb = B_(a), B_(b)
    assert o.read_bytes(S.bytes_concat(ra, rb)) == a + b
    assert S.str_eq(ra, rb) is (a == b)
    assert S.str_eq(ra, B_(a)) is True
    assert S.str_compare(ra, rb) == (a > b) - (a < b)
    assert S.str_compare(B_(a + b), ra) == (a + b > a) - (a + b < a)


@given(TEXT, st.integers(-3, 6))
def test_repeat(s, n):
    assert o.read_str(S.str_repeat(S_(s), n)) == s * n
    b = s.encode()
    assert o.read_bytes(S.bytes_repeat(B_(b), n)) == b * n


@pytest.mark.parametrize("value,n", [("ab", 1 << 62), ("a", 1 << 62), ("€", 1 << 61), ("", 1 << 62)])
def test_repeat_too_long(value, n):
    same(lambda: value * n, lambda: S.str_repeat(S_(value), n), o.read_str)
    same(lambda: value.encode() * n, lambda: S.bytes_repeat(B_(value.encode()), n), o.read_bytes)


def test_hash():
    texts = [f"key{i}" for i in range(1500)] + ["", "a", "ab", "abc", "abcd", "abcde", "é", "😀", "\0"]
    hashes = [S.str_hash(S_(t)) for t in texts]
    assert all(INT64_MIN <= h <= INT64_MAX and h != -1 for h in hashes)
    assert len(set(hashes)) == len(texts), "64-bit hashes of distinct short strings collided"
    assert [S.str_hash(S_(t)) for t in texts] == hashes, "not a function of the content"
    assert S.str_hash(B_(b"key7")) == S.str_hash(S_("key7"))  # bytes hash the same way
    for bits in (3, 8):  # low bits, as a hash table uses them, spread evenly (chi-squared test)
        buckets = [0] * (1 << bits)
        for h in hashes[:1500]:
            buckets[h & ((1 << bits) - 1)] += 1
        mean = 1500 / len(buckets)
        chi2 = sum((b - mean) ** 2 / mean for b in buckets)
        df = len(buckets) - 1
        assert chi2 < df + 6 * (2 * df) ** 0.5, (bits, buckets)
    assert len({h >> 56 for h in hashes}) > 200  # and the high bits vary too


@given(TEXT)
def test_hash_of_equal_content(s):
    assert S.str_hash(S_(s)) == S.str_hash(S_(s))
    assert S.str_hash(S_(s)) != -1


# -- indexing and slicing ------------------------------------------------------------
@given(TEXT, st.integers(-16, 16))
def test_getitem(s, i):
    same(lambda: s[i], lambda: S.str_getitem(S_(s), i), o.read_str)
    b = s.encode()
    same(lambda: b[i], lambda: S.bytes_getitem(B_(b), i))


@given(TEXT, INDEX, INDEX, st.one_of(st.integers(-4, 4), st.sampled_from([INT64_MIN, INT64_MAX, -INT64_MAX])))
@example("añb€c😀d", None, None, -2)
@example("abc", None, None, 0)
def test_slice(s, start, stop, step):
    a, z, flags = flag_args(start, stop)
    same(lambda: s[start:stop:step], lambda: S.str_slice(S_(s), a, z, step, flags), o.read_str)
    b = s.encode()
    same(lambda: b[start:stop:step], lambda: S.bytes_slice(B_(b), a, z, step, flags), o.read_bytes)


# -- searching -----------------------------------------------------------------------
@given(st.data(), TEXT, INDEX, INDEX)
def test_find_family(data, s, start, end):
    sub = piece_of(data, s)
    a, z, flags = flag_args(start, end)
    rs, rsub = S_(s), S_(sub)
    for name in ("find", "rfind", "index", "rindex"):
        same(lambda: getattr(s, name)(sub, start, end), lambda: getattr(S, "str_" + name)(rs, rsub, a, z, flags))
    assert S.str_contains(rs, rsub) is (sub in s)
    assert S.str_startswith(rs, rsub) is s.startswith(sub)
    assert S.str_endswith(rs, rsub) is s.endswith(sub)


@given(st.data(), BYTES, INDEX, INDEX)
def test_bytes_find_family(data, s, start, end):
    sub = piece_of(data, s)
    a, z, flags = flag_args(start, end)
    rs, rsub = B_(s), B_(sub)
    for name in ("find", "rfind", "index", "rindex"):
        same(lambda: getattr(s, name)(sub, start, end), lambda: getattr(S, "bytes_" + name)(rs, rsub, a, z, flags))
    assert S.str_contains(rs, rsub) is (sub in s)
    assert S.str_startswith(rs, rsub) is s.startswith(sub)
    assert S.str_endswith(rs, rsub) is s.endswith(sub)


@pytest.mark.parametrize("s,sub,start,end", [
    ("abc", "", 3, None), ("abc", "", 4, None), ("abc", "", -10, -10), ("", "", 0, None),
    ("", "", 1, None), ("aaa", "aa", None, None), ("a€b€c", "€", 2, None), ("a€b€c", "€", None, -1),
    ("😀😀", "😀", -1, None), ("abc", "c", -1, 3), ("abc", "abcd", None, None), ("abc", "", None, -5),
])
def test_find_edges(s, sub, start, end):
    a, z, flags = flag_args(start, end)
    for name in ("find", "rfind", "index", "rindex"):
        same(lambda: getattr(s, name)(sub, start, end),
             lambda: getattr(S, "str_" + name)(S_(s), S_(sub), a, z, flags))
        same(lambda: getattr(s.encode(), name)(sub.encode(), start, end),
             lambda: getattr(S, "bytes_" + name)(B_(s.encode()), B_(sub.encode()), a, z, flags))


@given(BYTES, st.one_of(st.integers(-2, 258), st.sampled_from(list(BYTE_ALPHABET))))
def test_bytes_contains_byte(b, value):
    same(lambda: value in b, lambda: S.bytes_contains_byte(B_(b), value))


# -- split, strip --------------------------------------------------------------------
WS_TEXT = st.text(st.sampled_from("ab€😀 \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2000\u3000,;"), max_size=16)


@given(st.data(), st.one_of(WS_TEXT, TEXT), st.integers(-2, 4))
def test_split(data, s, maxsplit):
    sep = data.draw(st.one_of(st.none(), st.sampled_from([",", " ", "€", "ab", ""]), st.just(piece_of(data, s))))
    rsep = 0 if sep is None else S_(sep)
    same(lambda: s.split(sep, maxsplit), lambda: S.str_split(S_(s), rsep, maxsplit), o.read_str_list)


@given(st.data(), st.one_of(WS_TEXT.map(lambda t: t.encode()), BYTES), st.integers(-2, 4))
def test_bytes_split(data, b, maxsplit):
    sep = data.draw(st.one_of(st.none(), st.sampled_from([b",", b" ", b"\xff", b"ab", b""]),
                              st.just(piece_of(data, b))))
    rsep = 0 if sep is None else B_(sep)
    same(lambda: b.split(sep, maxsplit), lambda: S.bytes_split(B_(b), rsep, maxsplit), o.read_bytes_list)


@given(st.one_of(WS_TEXT, TEXT), st.one_of(st.none(), st.text(st.sampled_from(" ab€😀\t,Σ"), max_size=3)))
def test_strip(s, chars):
    rchars = 0 if chars is None else S_(chars)
    for name in ("strip", "lstrip", "rstrip"):
        assert o.read_str(getattr(S, "str_" + name)(S_(s), rchars)) == getattr(s, name)(chars)


@given(st.one_of(WS_TEXT.map(lambda t: t.encode()), BYTES),
       st.one_of(st.none(), st.lists(st.sampled_from(b" ab\xff\t\x1c"), max_size=3).map(bytes)))
def test_bytes_strip(b, chars):
    rchars = 0 if chars is None else B_(chars)
    for name in ("strip", "lstrip", "rstrip"):
        assert o.read_bytes(getattr(S, "bytes_" + name)(B_(b), rchars)) == getattr(b, name)(chars)


# -- case and character classes ------------------------------------------------------
SIGMA_TEXT = st.text(st.sampled_from("ΣσAa .'\u0345\u0301\u00ad\u02b0\u2071:1İß"), max_size=8)


@given(st.one_of(TEXT, SIGMA_TEXT))
@example("ΑΣ ΑΣ. Σ ΣΑ a'Σ'a aΣ\u0345 \u02b0Σ")
@example("İstanbul STRASSE ßtraße ﬃ ŉ ΐ ǅ")
def test_lower_upper(s):
    assert o.read_str(S.str_lower(S_(s))) == s.lower()
    assert o.read_str(S.str_upper(S_(s))) == s.upper()
    b = s.encode()
    assert o.read_bytes(S.bytes_lower(B_(b))) == b.lower()
    assert o.read_bytes(S.bytes_upper(B_(b))) == b.upper()


def test_bytes_case_all_bytes():
    b = bytes(range(256))
    assert o.read_bytes(S.bytes_lower(B_(b))) == b.lower()
    assert o.read_bytes(S.bytes_upper(B_(b))) == b.upper()


def case_runs(table: bytes):
    for k in range(0, len(table), 6):
        v = int.from_bytes(table[k:k + 6], "little")
        start, count, stride = v & 0x1FFFFF, (v >> 21 & 127) + 1, 2 if v >> 28 & 1 else 1
        yield start, start + (count - 1) * stride


def probe_points(starts_and_ends, seed: int) -> list[int]:
    points = set(range(0x180))
    for start, end in starts_and_ends:
        points.update((start - 1, start, start + 1, (start + end) // 2, end - 1, end, end + 1))
    rng = random.Random(seed)
    points.update(rng.randrange(0x110000) for _ in range(1500))
    return sorted(p for p in points if 0 <= p <= 0x10FFFF and not 0xD800 <= p <= 0xDFFF)


@pytest.mark.parametrize("method", ["lower", "upper"])
def test_case_tables_at_every_run_boundary(method):
    table = T.LOWER_RANGES if method == "lower" else T.UPPER_RANGES
    points = probe_points(case_runs(table), 1)
    # one character between spaces: no Final_Sigma context, so each maps on its own
    text = " ".join(chr(c) for c in points)
    runtime = S.str_lower if method == "lower" else S.str_upper
    got = o.read_str(runtime(S_(text)))
    assert got == getattr(text, method)()


def ctype_runs():
    table = T.CTYPE_RANGES
    starts = [int.from_bytes(table[k:k + 3], "little") >> 2 for k in range(0, len(table), 3)]
    return list(zip(starts, [s - 1 for s in starts[1:]] + [0x10FFFF]))


def decode_case_table(ranges: bytes, special: bytes) -> dict[int, str]:
    """The mappings a LOWER/UPPER table encodes (see gen_unicode.py), decoded in Python."""
    mapping = {}
    for k in range(0, len(ranges), 6):
        v = int.from_bytes(ranges[k:k + 6], "little")
        start, count, stride = v & 0x1FFFFF, (v >> 21 & 127) + 1, 2 if v >> 28 & 1 else 1
        field = v >> 30
        p = field
        for i in range(count):
            c = start + i * stride
            assert c not in mapping, "runs overlap"
            if v >> 29 & 1:
                size = special[p] & 15
                mapping[c] = special[p + 1:p + 1 + size].decode()
                assert len(mapping[c]) == special[p] >> 4
                p += 1 + size
            else:
                mapping[c] = chr(c + field - (1 << 17))
    return mapping


def test_tables_encode_cpython_for_every_code_point():
    """The checked-in tables, decoded, give CPython's answer for all 0x110000 code points."""
    lower = decode_case_table(T.LOWER_RANGES, T.LOWER_SPECIAL)
    upper = decode_case_table(T.UPPER_RANGES, T.UPPER_SPECIAL)
    ctype = ctype_runs()
    classes = {}
    for k in range(0, len(T.CTYPE_RANGES), 3):
        entry = int.from_bytes(T.CTYPE_RANGES[k:k + 3], "little")
        classes[entry >> 2] = entry & 3
    sigma, position, p = [], 0, 0
    while p < len(T.SIGMA_RUNS):
        b = T.SIGMA_RUNS[p]
        klass, delta, shift = b & 3, b >> 2 & 31, 5
        p += 1
        while b & 128:
            b = T.SIGMA_RUNS[p]
            p += 1
            delta |= (b & 127) << shift
            shift += 7
        position += delta
        sigma.append((position, klass))
    run, klass, sigma_index, sigma_class = 0, None, 0, None
    for c in range(0x110000):
        ch = chr(c)
        assert lower.get(c, ch) == ch.lower(), hex(c)
        assert upper.get(c, ch) == ch.upper(), hex(c)
        while run < len(ctype) and ctype[run][0] <= c:
            klass, zero = classes[ctype[run][0]], ctype[run][0]
            run += 1
        assert (klass == 3) == ch.isspace() and (klass in (1, 2)) == ch.isdigit(), hex(c)
        assert (klass == 2) == ch.isdecimal(), hex(c)
        if klass == 2:
            assert (c - zero) % 10 == unicodedata.decimal(ch), hex(c)
        while sigma_index < len(sigma) and sigma[sigma_index][0] <= c:
            sigma_class = sigma[sigma_index][1]
            sigma_index += 1
        assert sigma_class == gen_unicode.sigma_class(c), hex(c)


def test_character_classes_at_every_run_boundary():
    points = probe_points(ctype_runs(), 2)
    for c in points:
        ch = chr(c)
        rs = S_(ch)
        assert S.str_isdigit(rs) is ch.isdigit(), hex(c)
        assert S.str_isspace(rs) is ch.isspace(), hex(c)
        expected = unicodedata.decimal(ch, -1) if ch.isdecimal() else -1
        assert S.decimal_value(c) == expected, hex(c)


def test_sigma_classes_at_every_run_boundary():
    runs = gen_unicode.class_runs(gen_unicode.sigma_class)
    assert len(runs) > 100
    points = sorted({p for start, _ in runs for p in (start - 1, start) if p >= 0})
    for c in points:
        assert S.sigma_class(c) == gen_unicode.sigma_class(c), hex(c)


@given(st.one_of(TEXT, st.text(st.sampled_from("0123456789²١①𝟘 \t\u3000\x1c"), max_size=6)))
@example("")
@example("\x1c\x1d\x1e\x1f \u3000")
def test_isdigit_isspace(s):
    assert S.str_isdigit(S_(s)) is s.isdigit()
    assert S.str_isspace(S_(s)) is s.isspace()
    b = s.encode()
    assert S.bytes_isdigit(B_(b)) is b.isdigit()


def test_unicode_tables_are_generated_from_this_python():
    path = Path(gen_unicode.__file__).with_name("unicode_tables.py")
    assert gen_unicode.render() == path.read_text(), "regenerate: python compiler/runtime/gen_unicode.py"
    assert T.UNICODE_VERSION == unicodedata.unidata_version.encode()
    sizes = {name: len(getattr(T, name)) for name in dir(T) if name.isupper() and isinstance(getattr(T, name), bytes)}
    assert sum(sizes.values()) < 8192, sizes


# -- replace, join -------------------------------------------------------------------
@given(st.data(), st.one_of(TEXT, SMALL_TEXT), st.integers(-2, 4))
def test_replace(data, s, count):
    old = data.draw(st.one_of(st.just(""), st.just(piece_of(data, s))))
    new = data.draw(SMALL_TEXT)
    assert o.read_str(S.str_replace(S_(s), S_(old), S_(new), count)) == s.replace(old, new, count)
    b, bold, bnew = s.encode(), old.encode(), new.encode()
    assert o.read_bytes(S.bytes_replace(B_(b), B_(bold), B_(bnew), count)) == b.replace(bold, bnew, count)


@pytest.mark.parametrize("s,old,new,count", [
    ("", "", "x", -1), ("", "", "x", 1), ("", "", "x", 0), ("abc", "", "-", 2), ("a€😀", "", "-", -1),
    ("aaaa", "aa", "b", -1), ("aaaa", "a", "", 3), ("abc", "abcd", "x", -1), ("a€a", "€", "😀😀", -1),
])
def test_replace_edges(s, old, new, count):
    assert o.read_str(S.str_replace(S_(s), S_(old), S_(new), count)) == s.replace(old, new, count)
    b = s.encode()
    assert o.read_bytes(S.bytes_replace(B_(b), B_(old.encode()), B_(new.encode()), count)) \
        == b.replace(old.encode(), new.encode(), count)


@given(SMALL_TEXT, st.lists(TEXT, max_size=5))
def test_join(sep, items):
    lst = o.make_list([S_(t) for t in items])
    assert o.read_str(S.str_join(S_(sep), lst)) == sep.join(items)
    blst = o.make_list([B_(t.encode()) for t in items])
    assert o.read_bytes(S.bytes_join(B_(sep.encode()), blst)) == sep.encode().join(t.encode() for t in items)


# -- encoding ------------------------------------------------------------------------
@given(TEXT)
def test_encode_decode_roundtrip(s):
    encoded = S.str_encode(S_(s))
    assert o.read_bytes(encoded) == s.encode()
    assert o.read_str(S.bytes_decode(encoded)) == s


@given(st.one_of(st.binary(max_size=12), st.lists(st.sampled_from(
    [b"a", b"\x80", b"\xbf", b"\xc0", b"\xc1", b"\xc2", b"\xdf", b"\xe0", b"\xed", b"\xef", b"\xf0",
     b"\xf4", b"\xf5", b"\xff", b"\x90", b"\xa0", b"\x9f", b"\x8f", "€".encode(), "😀".encode()]),
    max_size=6).map(b"".join)))
def test_decode(b):
    assert decodes_as_cpython(b)


def decodes_as_cpython(b: bytes) -> bool:
    """bytes_decode's outcome is CPython's, and where CPython raises, decode_failure at the
    error's start gives CPython's message."""
    try:
        expected = ("ok", b.decode())
    except UnicodeDecodeError as err:
        expected = ("error", UnicodeDecodeError, DECODE_UNCHECKED)
        if S.decode_failure(B_(b), err.start) != str(err):
            return False
    return runtime_outcome(lambda: S.bytes_decode(B_(b)), o.read_str) == expected


def test_decode_every_two_byte_sequence_and_three_byte_leads():
    cases = [bytes([x, y]) for x in range(0x80, 0x100) for y in range(256)]
    cases += [bytes([x, y, z]) for x in range(0xE0, 0x100) for y in range(0x70, 0xD0) for z in (0x7F, 0x80, 0xBF, 0xC0)]
    cases += [bytes([x, y, 0x80, z]) for x in range(0xF0, 0xF8) for y in (0x7F, 0x80, 0x8F, 0x90, 0xBF, 0xC0)
              for z in (0x7F, 0x80, 0xBF, 0xC0)]
    cases += [b"\xed\x9f\xbf", b"\xed\xa0\x80", b"\xef\xbf\xbf", b"\xf4\x8f\xbf\xbf", b"\xf4\x90\x80\x80",
              b"\xe2\x82", b"\xf0\x9f\x98", b"a\xe2\x82\xac", b"\xe2\x82\xaca"]
    cases += [bytes([x]) for x in range(0x80, 0x100)] + [b"ab\xf0\x90", b"\xed\xa0", b"\xf4\x8f\xbf"]
    mismatches = []
    for b in cases:
        if not decodes_as_cpython(b):
            mismatches.append(b)
        o.collect()
    assert not mismatches, mismatches[:10]


# -- characters ----------------------------------------------------------------------
@given(st.one_of(TEXT, st.text(CHARS, min_size=1, max_size=1)))
def test_ord(s):
    same(lambda: ord(s), lambda: S.str_ord(S_(s)))


@given(st.one_of(st.integers(-5, 0x110005), st.sampled_from([0, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x10000,
                                                             0x10FFFF, 0x110000, -1, INT64_MIN, INT64_MAX])))
def test_chr(i):
    if 0xD800 <= i <= 0xDFFF:  # lone surrogates cannot be UTF-8: the one deliberate difference
        with pytest.raises(ValueError):
            S.str_chr(i)
        return
    same(lambda: chr(i), lambda: S.str_chr(i), o.read_str)


def test_chr_surrogates_raise():
    for i in (0xD800, 0xDBFF, 0xDC00, 0xDFFF):
        with pytest.raises(ValueError, match="lone surrogate"):
            S.str_chr(i)


# -- numbers and formatting ----------------------------------------------------------
INT64 = st.one_of(st.integers(INT64_MIN, INT64_MAX), st.integers(-300, 300),
                  st.sampled_from([INT64_MIN, INT64_MIN + 1, INT64_MAX, -1, 0, 1, 9, 10, 15, 16]))


@given(INT64)
def test_str_from_int_and_format_int(v):
    assert o.read_str(S.str_from_int(v)) == str(v)
    for base, spec in ((10, "d"), (16, "x"), (8, "o"), (2, "b")):
        assert o.read_str(S.format_int(v, base, False)) == format(v, spec)
    assert o.read_str(S.format_int(v, 16, True)) == format(v, "X")


def expected_int(text, base):
    value = int(text, base)
    if not INT64_MIN <= value <= INT64_MAX:
        raise OverflowError(S.INT64_OVERFLOW)  # where the compiled program raises
    return value


INT_TEXT = st.text(st.sampled_from("0123456789abcdefxXoObBzZ_+- \t\n\x0b\x0c\r\x1c\x85\xa0\u3000١٢𝟘²\0"), max_size=12)
NUMERIC_TEXT = st.builds(lambda ws1, sign, prefix, digits, ws2: ws1 + sign + prefix + digits + ws2,
                         st.sampled_from(["", " ", "\t\u3000"]), st.sampled_from(["", "-", "+"]),
                         st.sampled_from(["", "0x", "0X", "0b", "0o", "0x_"]),
                         st.text(st.sampled_from("0123456789abcdef_"), min_size=1, max_size=22),
                         st.sampled_from(["", " ", "\n", "\x85"]))
BASES = st.sampled_from([0, 2, 8, 10, 16, 36, 10, 16, 0, 1, 37, -1])


@given(st.one_of(INT_TEXT, NUMERIC_TEXT), BASES)
@example("9223372036854775807", 10)
@example("-9223372036854775808", 10)
@example("9223372036854775808", 10)
@example("-9223372036854775809", 10)
@example("0x7fffffffffffffff", 0)
@example("-0x8000000000000000", 16)
@example("0_0", 0)
@example("0_1", 0)
@example("٣", 10)
def test_int_parsing(text, base):
    same(lambda: expected_int(text, base), lambda: S.int_from_str(S_(text), base))
    try:
        b = text.encode("ascii")
    except UnicodeEncodeError:
        b = text.encode()
    same(lambda: expected_int(b, base), lambda: S.int_from_bytes_text(B_(b), base))


@pytest.mark.parametrize("text", ["0" * 4300, "0" * 4301, "1" + "0" * 4400, "0b" + "0" * 5000, "0x" + "0" * 5000])
def test_int_digit_limit(text):
    for base in (0, 10, 16):
        same(lambda: expected_int(text, base), lambda: S.int_from_str(S_(text), base))


@pytest.mark.parametrize("text", ["1" * 5000 + "_", "1" * 5000 + "__1", "_" + "1" * 5000, "0x" + "1" * 5000 + "g",
                                  "x" * 300, "é'" * 150, "1" * 5000 + " x", "١" * 4301, "017", "0b"])
def test_int_error_messages(text):
    """Which of CPython's messages wins (digit limit, invalid literal) and the repr cut at 200."""
    for base in (0, 10, 16, 7):
        same(lambda: expected_int(text, base), lambda: S.int_from_str(S_(text), base))
        data = text.encode()
        same(lambda: expected_int(data, base), lambda: S.int_from_bytes_text(B_(data), base))


@given(st.one_of(TEXT, SMALL_TEXT), st.sampled_from(list(" *0{€😀Σ")), st.sampled_from("<>^"), st.integers(-2, 20))
@example("a", " ", ">", 1 << 62)
@example("a", "😀", "^", (1 << 61) + 3)
def test_pad(s, fill, align, width):
    spec = f"{fill}{align}{max(width, 0)}" if width > 0 else f"{fill}{align}"
    same(lambda: format(s, spec), lambda: S.str_pad(S_(s), ord(fill), ord(align), width), o.read_str)


@given(st.integers(INT64_MIN, INT64_MAX), st.sampled_from(list(" *0€😀")), st.sampled_from("+- "),
       st.integers(-2, 30))
def test_pad_after_sign(n, fill, sign, width):
    spec = f"{fill}={sign}{max(width, 0)}"
    text = S.str_with_sign(S_(str(n)), ord(sign)) if sign != "-" else S_(str(n))
    same(lambda: format(n, spec), lambda: S.str_pad_after_sign(text, ord(fill), width), o.read_str)


# -- the compiled runtime ------------------------------------------------------------
# Every public function, with its parameter kinds (s str, b bytes, i int, L list of
# str, M list of bytes, n optional str: None is 0) and result kind (s, b, i, l list of
# str, m list of bytes). Compiled to wasm, each must agree with the emulated runtime.
WRAPPED = {
    "str_chars": ("s", "l"), "str_pad_after_sign": ("sii", "s"), "str_with_sign": ("si", "s"),
    "str_concat": ("ss", "s"), "bytes_concat": ("bb", "b"), "str_repeat": ("si", "s"), "bytes_repeat": ("bi", "b"),
    "str_eq": ("ss", "i"), "str_compare": ("ss", "i"), "str_hash": ("s", "i"), "str_getitem": ("si", "s"),
    "bytes_getitem": ("bi", "i"), "str_slice": ("siiii", "s"), "bytes_slice": ("biiii", "b"),
    "str_contains": ("ss", "i"), "bytes_contains_byte": ("bi", "i"),
    "str_find": ("ssiii", "i"), "str_rfind": ("ssiii", "i"), "str_index": ("ssiii", "i"),
    "str_rindex": ("ssiii", "i"), "bytes_find": ("bbiii", "i"), "bytes_rfind": ("bbiii", "i"),
    "bytes_index": ("bbiii", "i"), "bytes_rindex": ("bbiii", "i"), "str_startswith": ("ss", "i"),
    "str_endswith": ("ss", "i"), "str_split": ("sni", "l"), "bytes_split": ("bni", "m"),
    "str_strip": ("sn", "s"), "str_lstrip": ("sn", "s"), "str_rstrip": ("sn", "s"),
    "bytes_strip": ("bn", "b"), "bytes_lstrip": ("bn", "b"), "bytes_rstrip": ("bn", "b"),
    "str_lower": ("s", "s"), "str_upper": ("s", "s"), "bytes_lower": ("b", "b"), "bytes_upper": ("b", "b"),
    "str_isdigit": ("s", "i"), "str_isspace": ("s", "i"), "bytes_isdigit": ("b", "i"), "bytes_isspace": ("b", "i"),
    "bytes_startswith": ("bb", "i"), "bytes_endswith": ("bb", "i"),
    "str_replace": ("sssi", "s"), "bytes_replace": ("bbbi", "b"), "str_join": ("sL", "s"), "bytes_join": ("bM", "b"),
    "str_encode": ("s", "b"), "bytes_decode": ("b", "s"), "str_from_int": ("i", "s"), "format_int": ("iii", "s"),
    "int_from_str": ("si", "i"), "int_from_bytes_text": ("bi", "i"), "str_ord": ("s", "i"), "str_chr": ("i", "s"),
    "str_pad": ("siii", "s"),
}
COMPILED_CASES = [
    ("str_concat", "añ", "😀b"), ("bytes_concat", b"a\0", b"\xff"), ("str_repeat", "a€", 3),
    ("str_repeat", "ab", 1 << 62),
    ("bytes_repeat", b"xy", 4), ("str_eq", "ab", "ab"), ("str_eq", "ab", "ac"), ("str_compare", "a€", "a😀"),
    ("str_compare", "b", "a"), ("str_hash", "abc"), ("str_hash", "héllo wörld, a longer key"), ("str_hash", ""),
    ("str_getitem", "a€😀", -1), ("str_getitem", "abc", 3), ("bytes_getitem", b"abc", -3),
    ("str_slice", "añb€c😀d", 0, 0, -2, 0), ("str_slice", "añb€c😀d", 1, -1, 1, 3), ("str_slice", "abc", 0, 0, 0, 0),
    ("bytes_slice", b"abcdef", 5, 1, -2, 3), ("str_contains", "a€b", "€b"), ("bytes_contains_byte", b"abc", 98),
    ("bytes_contains_byte", b"abc", 256), ("str_find", "a€b€", "€", 2, 0, 1), ("str_rfind", "a€b€", "€", 0, -1, 2),
    ("str_index", "abc", "", 1, 0, 1), ("str_rindex", "abc", "x", 0, 0, 0), ("bytes_find", b"abcabc", b"ca", -4, 0, 1),
    ("bytes_rfind", b"abcabc", b"bc", 0, 0, 0), ("bytes_index", b"abc", b"d", 0, 0, 0),
    ("bytes_rindex", b"aXa", b"a", 0, 2, 2),
    ("str_startswith", "€uro", "€"), ("str_endswith", "abc", "bcd"),
    ("str_split", "  a b\u3000c  ", None, -1), ("str_split", "a,b,,c", ",", 2), ("str_split", "abc", "", -1),
    ("bytes_split", b" a\tb\x0b c ", None, 1), ("bytes_split", b"a::b", b"::", -1),
    ("str_chars", "zé😀"), ("str_chars", ""), ("str_pad_after_sign", "-42", 48, 6),
    ("str_pad_after_sign", "7", ord("€"), 3), ("str_pad_after_sign", "12345", 48, 3),
    ("str_pad_after_sign", "+1.5", 42, 7), ("str_with_sign", "1.5", 43), ("str_with_sign", "-2", 32),
    ("str_strip", " \x85a b\u3000", None), ("str_strip", "xyaxy", "yx"), ("str_lstrip", "€€a€", "€"),
    ("str_rstrip", "a \t\x1c", None), ("bytes_strip", b" \x1ca\x0b", None), ("bytes_lstrip", b"aab", b"a"),
    ("bytes_rstrip", b"abb", b"b"), ("str_lower", "ΑΣ İSTANBUL ẞ ΣΑ"), ("str_upper", "straße ﬃ ŉ ΐ abc"),
    ("bytes_lower", b"ABC\xc4"), ("bytes_upper", b"abc\xe4"), ("str_isdigit", "١²3"), ("str_isdigit", "1a"),
    ("str_isspace", " \x1c\u3000"), ("bytes_isdigit", b"123"), ("bytes_isspace", b" \x1c"),
    ("bytes_isspace", b" \t\x0b"), ("bytes_startswith", b"\xffab", b"\xff"), ("bytes_endswith", b"ab", b"abc"), ("str_replace", "aXbXc", "X", "€€", -1),
    ("str_replace", "abc", "", "-", 2), ("bytes_replace", b"aaaa", b"aa", b"b", 1),
    ("str_join", ", ", ["a", "€", "😀"]), ("str_join", "-", []), ("bytes_join", b"/", [b"a", b"", b"c"]),
    ("bytes_decode", "€😀".encode()), ("bytes_decode", b"\xed\xa0\x80"), ("bytes_decode", b"\xf4\x90\x80\x80"),
    ("str_encode", "€😀"), ("str_from_int", INT64_MIN), ("str_from_int", 1234567890),
    ("format_int", -255, 16, 1), ("format_int", INT64_MIN, 2, 0), ("format_int", 8, 8, 0),
    ("int_from_str", " -١٢_3 ", 10), ("int_from_str", "0x_7fffffffffffffff", 0),
    ("int_from_str", "9223372036854775808", 10), ("int_from_str", "12a", 10), ("int_from_str", "z", 36),
    ("int_from_bytes_text", b"  +0b1_01\n", 0), ("int_from_bytes_text", b"1", 1), ("str_ord", "😀"), ("str_ord", "ab"),
    ("str_chr", 0x20AC), ("str_chr", 0x110000), ("str_chr", 1 << 40), ("str_pad", "ab", ord("€"), ord("^"), 7),
    ("str_pad", "abc", 32, ord("<"), 2),
]


def wrapped_by_module() -> dict[str, list[str]]:
    modules: dict[str, list[str]] = {}
    for name in sorted(WRAPPED):
        modules.setdefault(getattr(S, name).__module__, []).append(name)
    return modules


def wrapper_source() -> str:
    import inspect
    lines = ["from abi import export", "from compiler.runtime.memory import alloc",
             "from compiler.runtime.lists import list_append, list_new",
             *(f"from {module} import {', '.join(names)}" for module, names in sorted(wrapped_by_module().items())), "",
             "@export", "def new_object(payload: int, kind: int) -> int:", "    return alloc(payload, kind)", "",
             "@export", "def new_list() -> int:", "    return list_new(0, 7)", "",
             "@export", "def append(lst: int, item: int) -> None:", "    list_append(lst, item)", ""]
    for name, (params, _) in WRAPPED.items():
        signature = inspect.signature(getattr(S, name))
        args = []
        for i, p in enumerate(signature.parameters.values()):
            args.append(f"a{i} != 0" if p.annotation is bool else f"a{i}")
        call = f"{name}({', '.join(args)})"
        if signature.return_annotation is bool:
            call = f"int({call})"
        params_text = ", ".join(f"a{i}: int" for i in range(len(params)))
        lines += ["@export", f"def w_{name}({params_text}) -> int:", f"    return {call}", ""]
    return "\n".join(lines)


class Wasm:
    """The compiled wrapper in a fresh wasmtime instance; objects are built through its exports."""

    def __init__(self, engine, module, wasmtime):
        self.store = wasmtime.Store(engine)
        self.exports = wasmtime.Instance(self.store, module, []).exports(self.store)
        self.memory = self.exports["memory"]

    def read(self, addr, n):
        return bytes(self.memory.read(self.store, addr, addr + n))

    def u32(self, addr):
        return int.from_bytes(self.read(addr, 4), "little")

    def make(self, value, kind):
        if value is None:
            return 0
        if kind in "LM":
            lst = self.exports["new_list"](self.store)
            for item in value:
                self.exports["append"](self.store, lst, self.make(item, "s" if kind == "L" else "b"))
            return lst
        if kind == "i":
            return value
        data = value.encode() if isinstance(value, str) else value
        addr = self.exports["new_object"](self.store, 8 + len(data), 1 if isinstance(value, str) else 2)
        lengths = len(data).to_bytes(4, "little") + (len(value) if isinstance(value, str) else 0).to_bytes(4, "little")
        self.memory.write(self.store, lengths + data, addr + 8)
        return addr

    def read_value(self, value, kind):
        if kind == "i":
            return value
        if kind in "lm":
            n, items = self.u32(value + 8), self.u32(value + 16)
            return [self.read_value(self.u32(items + 8 + 8 * i), "s" if kind == "l" else "b") for i in range(n)]
        data = self.read(value + 16, self.u32(value + 8))
        assert self.u32(value + 4) & 255 == (1 if kind == "s" else 2)
        if kind == "s":
            assert self.u32(value + 12) == len(data.decode())
            return data.decode()
        return data


def emulated_outcome(name, args):
    params, result = WRAPPED[name]
    o.reset_memory()
    built = []
    for kind, value in zip(params, args):
        if value is None:
            built.append(0)
        elif kind in "bn" and isinstance(value, bytes):
            built.append(B_(value))
        elif kind in "sn":
            built.append(S_(value))
        elif kind in "LM":
            built.append(o.make_list([S_(v) if kind == "L" else B_(v) for v in value]))
        else:
            built.append(value)
    convert = {"s": o.read_str, "b": o.read_bytes, "i": int, "l": o.read_str_list, "m": o.read_bytes_list}[result]
    return runtime_outcome(lambda: getattr(S, name)(*built), convert)


TEXT_MODULE_NAMES = {m.__name__ for m in o.TEXT_MODULES}


def test_compiled_runtime_matches_emulated(tmp_path):
    wasmtime = pytest.importorskip("wasmtime")
    from compiler import compile_file

    assert {name for name, *_ in COMPILED_CASES} == set(WRAPPED)
    public = {n for n, f in vars(S).items() if callable(f) and getattr(f, "__module__", "") in TEXT_MODULE_NAMES
              and n.startswith(("str_", "bytes_", "int_from", "format_int"))}
    assert public == set(WRAPPED), public ^ set(WRAPPED)
    source = tmp_path / "strings_wrapper.py"
    source.write_text(wrapper_source())
    engine = wasmtime.Engine()
    module = wasmtime.Module(engine, compile_file(source))
    for name, *args in COMPILED_CASES:
        params, result = WRAPPED[name]
        expected = emulated_outcome(name, args)
        wasm = Wasm(engine, module, wasmtime)
        w_args = [wasm.make(a, "b" if k == "n" and isinstance(a, bytes) else "s" if k == "n" else k)
                  for k, a in zip(params, args)]
        try:
            got = ("ok", wasm.read_value(wasm.exports["w_" + name](wasm.store, *w_args), result))
        except wasmtime.Trap as trap:
            names = [e for e in RUNTIME_ERRORS + (UnicodeDecodeError,) if f"!{e.__name__}\n" in trap.message + "\n"
                     or f"!{e.__name__} " in trap.message or f".{e.__name__}.uncaught" in trap.message]
            got = ("error", names[0] if names else trap.message)
        assert got == expected[:2], (name, args)  # a trap shows no message
