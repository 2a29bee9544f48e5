"""The Unicode tables of compiler/runtime/text_case.py (unicode_properties.py) against CPython,
code point by code point.

The TITLE/FOLD mappings and the PROPERTY_RANGES classes are decoded in Python for all 0x110000
code points and compared with CPython's own str methods; the runtime's lookups (``properties``,
``title_cp``, ``fold_cp``) run under CPython on the emulated memory at every run boundary.
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # objects.py (tests/runtime has no __init__)

import objects as o  # noqa: E402
from compiler.runtime import gen_unicode, text_case as C, unicode_properties as T  # noqa: E402

CODE_POINTS = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]


@pytest.fixture(autouse=True)
def fresh_memory():
    o.reset_memory()
    yield


def test_properties_are_generated_from_this_python():
    path = Path(gen_unicode.__file__).with_name("unicode_properties.py")
    assert gen_unicode.render_properties() == path.read_text(), "regenerate: python compiler/runtime/gen_unicode.py"
    sizes = {name: len(getattr(T, name)) for name in dir(T) if name.isupper() and isinstance(getattr(T, name), bytes)}
    assert sum(sizes.values()) < 17000, sizes  # only programs calling text_case.py's methods carry them


def decode_case_table(ranges: bytes, special: bytes) -> dict[int, str]:
    """The mappings a case table encodes (layout in gen_unicode.py); unlisted code points map to themselves."""
    mapping = {}
    for k in range(0, len(ranges), 6):
        v = int.from_bytes(ranges[k:k + 6], "little")
        start, count, stride = v & 0x1FFFFF, (v >> 21 & 127) + 1, 2 if v >> 28 & 1 else 1
        p = v >> 30
        for i in range(count):
            c = start + i * stride
            if v >> 29 & 1:
                size = special[p] & 15
                mapping[c] = special[p + 1:p + 1 + size].decode()
                p += 1 + size
            else:
                mapping[c] = chr(c + (v >> 30) - (1 << 17))
    return mapping


def property_runs() -> list[tuple[int, int]]:
    table = T.PROPERTY_RANGES
    entries = [int.from_bytes(table[k:k + 4], "little") for k in range(0, len(table), 4)]
    return [(e >> 8, e & 255) for e in entries]


@pytest.mark.parametrize("method", ["title", "casefold"])
def test_case_tables_give_cpython_for_every_code_point(method):
    ranges, special = (T.TITLE_RANGES, T.TITLE_SPECIAL) if method == "title" else (T.FOLD_RANGES, T.FOLD_SPECIAL)
    mapping = decode_case_table(ranges, special)
    wrong = [hex(c) for c in CODE_POINTS if mapping.get(c, chr(c)) != getattr(chr(c), method)()]
    assert not wrong[:10]


def test_property_table_gives_cpython_for_every_code_point():
    runs = property_runs()
    assert runs[0][0] == 0 and all(a[0] < b[0] for a, b in zip(runs, runs[1:]))
    starts = [start for start, _ in runs] + [0x110000]
    wrong = []
    for (start, flags), end in zip(runs, starts[1:]):
        for c in range(start, end):
            if not 0xD800 <= c <= 0xDFFF and flags != gen_unicode.property_flags(c):
                wrong.append(hex(c))
    assert not wrong[:10]


def test_the_flags_are_the_predicates_of_one_character():
    """What text_case.py reads from the bits is what CPython's one-character predicates say."""
    rng = random.Random(5)
    for c in rng.sample(CODE_POINTS, 20000) + list(range(0x250)):
        ch = chr(c)
        flags = gen_unicode.property_flags(c)
        assert bool(flags & C.ALPHA) == ch.isalpha()
        assert bool(flags & C.ALNUM) == ch.isalnum()
        assert bool(flags & C.NUMERIC) == ch.isnumeric()
        assert bool(flags & C.LOWER) == ch.islower()
        assert bool(flags & C.UPPER) == ch.isupper()
        assert bool(flags & (C.UPPER | C.TITLE)) == ch.istitle()
        assert bool(flags & C.ID_START) == ch.isidentifier()


def probe_points() -> list[int]:
    points = set(range(0x180))
    for start, _ in property_runs():
        points.update((start - 1, start, start + 1))
    for table in (T.TITLE_RANGES, T.FOLD_RANGES):
        for k in range(0, len(table), 6):
            start = int.from_bytes(table[k:k + 6], "little") & 0x1FFFFF
            points.update((start - 1, start, start + 1))
    points.update(random.Random(7).sample(CODE_POINTS, 2000))
    return sorted(p for p in points if 0 <= p <= 0x10FFFF and not 0xD800 <= p <= 0xDFFF)


def mapped_text(m: int) -> str:
    """A text_case lookup result as text: a code point, or -address of a special mapping."""
    if m >= 0:
        return chr(m)
    size = o.mem.MEMORY[-m] & 15
    return bytes(o.mem.MEMORY[-m + 1:-m + 1 + size]).decode()


def test_runtime_lookups_at_every_run_boundary():
    for c in probe_points():
        assert C.properties(c) == gen_unicode.property_flags(c), hex(c)
        assert mapped_text(C.title_cp(c)) == chr(c).title(), hex(c)
        assert mapped_text(C.fold_cp(c)) == chr(c).casefold(), hex(c)
