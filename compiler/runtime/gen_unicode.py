"""Generate ``unicode_tables.py`` and ``unicode_properties.py``: the Unicode data the string
runtime needs.

Run ``python -m compiler.runtime.gen_unicode`` (or this file) to rewrite the
tables. This is a development tool that runs under CPython; it is not part of
the compiled subset. Every table is derived from CPython's *own* ``str``
methods (``lower``, ``upper``, ``isdigit``, ``isdecimal``, ``isspace``), so the
compiled runtime reproduces the CPython that generated it exactly. The Unicode
version is recorded in the generated file; ``tests/runtime/test_strings.py``
regenerates the tables in memory and checks they equal the checked-in file.

Tables (all bytes constants, little-endian):

``LOWER_RANGES`` / ``UPPER_RANGES``: ``*_COUNT`` entries of 6 bytes, sorted by
start; one 48-bit value per entry:
    bits  0..20  first code point of the run
    bits 21..27  number of code points in the run, minus one
    bit  28      stride 2 (the run covers start, start+2, ...) instead of 1
    bit  29      special: the mappings are in ``*_SPECIAL``, not a delta
    bits 30..47  delta + 2**17 (mapped = code point + delta), or for a special
                 run the offset in ``*_SPECIAL`` of the run's first mapping
Code points outside every run map to themselves. Runs never overlap.

``LOWER_SPECIAL`` / ``UPPER_SPECIAL``: mappings to several code points, one
after another: a byte ``code_points << 4 | utf8_bytes``, then the UTF-8.

``CTYPE_RANGES``: ``CTYPE_COUNT`` entries of 3 bytes (``start << 2 | class``):
from ``start`` up to the next entry's start every code point has ``class``:
0 none, 1 digit but not decimal, 2 decimal digit, 3 whitespace (``str.isspace``).
A decimal digit's value is ``(code point - start) % 10``.

``SIGMA_RUNS``: classes for the Final_Sigma rule of ``str.lower`` (CPython
lowers U+03A3 to U+03C2 after a cased letter and not before one, skipping
case-ignorable characters): 0 other, 1 cased (and not case-ignorable),
2 case-ignorable. A run is a varint: first byte ``class | delta_low5 << 2 |
more << 7``, then 7 bits per byte while the top bit is set, where delta is the
distance from the previous run's start (the first run starts at 0). Read
linearly: it is only consulted next to a capital sigma.

In ``unicode_properties.py`` (text_case.py's tables):

``TITLE_RANGES`` / ``TITLE_SPECIAL`` and ``FOLD_RANGES`` / ``FOLD_SPECIAL``: the same layout as
``LOWER_*`` for ``str.title`` of one character (CPython's full title mapping) and ``str.casefold``.

``PROPERTY_RANGES``: ``PROPERTY_COUNT`` entries of 4 bytes (``start << 8 | flags``): from ``start``
up to the next entry's start every code point has ``flags``, each bit probed from CPython's str
methods on one character: 0 alpha, 1 numeric, 2 lower, 3 upper, 4 titlecase (Lt), 5 cased
(``str.title`` lowers after it), 6 identifier start (or '_'), 7 identifier continue.

``PRINTABLE_RUNS``: where ``str.isprintable`` changes, for ``repr`` of a str in
error messages: U+0000 is not printable and each entry flips it. An entry is a
varint (7 bits per byte, low bits first, top bit set while more follow) of the
distance from the previous change (the first from 0). Read linearly: only error
messages consult it.
"""
from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

MAX_CODE_POINT = 0x10FFFF
DELTA_BIAS = 1 << 17
OUTPUT = Path(__file__).with_name("unicode_tables.py")
PROPERTIES_OUTPUT = Path(__file__).with_name("unicode_properties.py")


def case_runs(method) -> tuple[list[tuple[int, int, int, bool, int]], bytes]:
    """(start, count, stride, special, field) runs and the special-mapping blob."""
    single: dict[int, int] = {}
    multi: dict[int, str] = {}
    for c in range(MAX_CODE_POINT + 1):
        mapped = method(chr(c))
        if len(mapped) != 1:
            multi[c] = mapped
        elif ord(mapped) != c:
            single[c] = ord(mapped) - c
    runs = []
    ordered = sorted(single)
    i = 0
    while i < len(ordered):
        c, delta = ordered[i], single[ordered[i]]
        n1 = 1
        while i + n1 < len(ordered) and ordered[i + n1] == c + n1 and single[ordered[i + n1]] == delta:
            n1 += 1
        n2 = 1  # stride-2 run: the code points in between must be unmapped
        while single.get(c + 2 * n2) == delta and c + 2 * n2 - 1 not in single and c + 2 * n2 - 1 not in multi:
            n2 += 1
        count, stride = (n2, 2) if n2 > n1 else (n1, 1)
        count = min(count, 128)
        runs.append((c, count, stride, False, delta + DELTA_BIAS))
        i = ordered.index(c + (count - 1) * stride, i) + 1
    blob = bytearray()
    ordered = sorted(multi)
    i = 0
    while i < len(ordered):
        start, count = ordered[i], 0
        runs.append((start, 0, 1, True, len(blob)))
        while i < len(ordered) and ordered[i] == start + count and count < 128:
            text = multi[ordered[i]]
            utf8 = text.encode()
            assert len(text) < 16 and len(utf8) < 16
            blob += bytes([len(text) << 4 | len(utf8)]) + utf8
            count += 1
            i += 1
        runs[-1] = (start, count, 1, True, runs[-1][4])
    runs.sort()
    for (s1, n1, st1, _, _), (s2, _, _, _, _) in zip(runs, runs[1:]):
        assert s1 + (n1 - 1) * st1 < s2, "runs overlap"
    return runs, bytes(blob)


def pack_case_runs(runs) -> bytes:
    out = bytearray()
    for start, count, stride, special, field in runs:
        assert 0 <= field < 1 << 18 and 1 <= count <= 128
        value = start | (count - 1) << 21 | (stride == 2) << 28 | special << 29 | field << 30
        out += value.to_bytes(6, "little")
    return bytes(out)


def ctype_class(c: int) -> int:
    ch = chr(c)
    if ch.isspace():
        assert not ch.isdigit()
        return 3
    if ch.isdecimal():
        assert ch.isdigit()
        return 2
    return 1 if ch.isdigit() else 0


def class_runs(classify) -> list[tuple[int, int]]:
    runs = []
    for c in range(MAX_CODE_POINT + 1):
        k = classify(c)
        if not runs or runs[-1][1] != k:
            runs.append((c, k))
    return runs


def pack_ctype_runs(runs) -> bytes:
    for start, k in runs:  # a decimal digit's value follows from its run's start
        end = next((s for s, _ in runs if s > start), MAX_CODE_POINT + 1)
        if k == 2:
            for c in range(start, end):
                assert unicodedata.decimal(chr(c)) == (c - start) % 10
    return b"".join((start << 2 | k).to_bytes(3, "little") for start, k in runs)


def sigma_class(c: int) -> int:
    """Probe CPython's own Final_Sigma handling: 1 cased, 2 case-ignorable, 0 other."""
    ch = chr(c)
    if (ch + "\u03a3").lower()[-1] == "\u03c2":
        return 1  # sigma is final after it: cased and not case-ignorable
    if ("A" + ch + "\u03a3").lower()[-1] == "\u03c2":
        return 2  # skipped over on the way back to the cased 'A'
    return 0


def pack_sigma_runs(runs) -> bytes:
    out = bytearray()
    previous = 0
    for start, k in runs:
        delta = start - previous
        previous = start
        first = k | (delta & 31) << 2
        delta >>= 5
        more = []
        while delta:
            more.append(delta & 127)
            delta >>= 7
        out.append(first | (128 if more else 0))
        for i, b in enumerate(more):
            out.append(b | (128 if i + 1 < len(more) else 0))
    return bytes(out)


def property_flags(c: int) -> int:
    """The PROPERTY_RANGES bits of code point ``c`` (see the module docstring)."""
    ch = chr(c)
    bits = (ch.isalpha(), ch.isnumeric(), ch.islower(), ch.isupper(), ch.istitle() and not ch.isupper(),
            (ch + "A").title()[-1] == "a", ch.isidentifier(), ("a" + ch).isidentifier())
    return sum(1 << i for i, bit in enumerate(bits) if bit)


def printable_changes() -> list[int]:
    changes = []
    printable = False
    for c in range(MAX_CODE_POINT + 1):
        if chr(c).isprintable() != printable:
            printable = not printable
            changes.append(c)
    return changes


def pack_varint_deltas(values: list[int]) -> bytes:
    out = bytearray()
    previous = 0
    for value in values:
        delta = value - previous
        previous = value
        while delta >= 128:
            out.append(delta & 127 | 128)
            delta >>= 7
        out.append(delta)
    return bytes(out)


def literal(name: str, data: bytes) -> str:
    """A bytes constant as one literal (implicitly concatenated over lines)."""
    if not data:
        return f'{name} = b""\n'
    lines = ["".join(f"\\x{b:02x}" for b in data[i:i + 24]) for i in range(0, len(data), 24)]
    body = "\n".join(f'    b"{line}"' for line in lines)
    return f"{name} = (\n{body}\n)\n"


def render() -> str:
    """The text of ``unicode_tables.py`` for the running CPython."""
    version = unicodedata.unidata_version
    lower, lower_special = case_runs(str.lower)
    upper, upper_special = case_runs(str.upper)
    ctype = class_runs(ctype_class)
    sigma = class_runs(sigma_class)
    tables = [
        ("LOWER_RANGES", pack_case_runs(lower)), ("LOWER_SPECIAL", lower_special),
        ("UPPER_RANGES", pack_case_runs(upper)), ("UPPER_SPECIAL", upper_special),
        ("CTYPE_RANGES", pack_ctype_runs(ctype)), ("SIGMA_RUNS", pack_sigma_runs(sigma)),
        ("PRINTABLE_RUNS", pack_varint_deltas(printable_changes())),
    ]
    counts = [("LOWER_COUNT", len(lower)), ("UPPER_COUNT", len(upper)), ("CTYPE_COUNT", len(ctype))]
    return module_text(version, "the string runtime (str_case.py, reprs.py)", counts, tables)


def render_properties() -> str:
    """The text of ``unicode_properties.py``: the tables of text_case.py (str.title, casefold and
    the character-class predicates). Kept apart from ``unicode_tables.py``: only programs that
    call those methods pay for them."""
    version = unicodedata.unidata_version
    title, title_special = case_runs(str.title)
    fold, fold_special = case_runs(str.casefold)
    properties = class_runs(property_flags)
    tables = [
        ("TITLE_RANGES", pack_case_runs(title)), ("TITLE_SPECIAL", title_special),
        ("FOLD_RANGES", pack_case_runs(fold)), ("FOLD_SPECIAL", fold_special),
        ("PROPERTY_RANGES", b"".join((start << 8 | k).to_bytes(4, "little") for start, k in properties)),
    ]
    counts = [("TITLE_COUNT", len(title)), ("FOLD_COUNT", len(fold)), ("PROPERTY_COUNT", len(properties))]
    return module_text(version, "the str methods of text_case.py", counts, tables)


def module_text(version: str, users: str, counts: list[tuple[str, int]], tables: list[tuple[str, bytes]]) -> str:
    total = sum(len(data) for _, data in tables)
    parts = [
        f'"""Unicode {version} tables for {users}.\n\n'
        "GENERATED by compiler/runtime/gen_unicode.py from CPython's own str methods;\n"
        "do not edit. The layouts are described in gen_unicode.py.\n\n"
        + "".join(f"{name}: {len(data)} bytes\n" for name, data in tables)
        + f"total: {total} bytes\n"
        '"""\n\n',
        f'UNICODE_VERSION = b"{version}"\n',
        "".join(f"{name} = {value}\n" for name, value in counts) + "\n",
    ]
    parts += [literal(name, data) for name, data in tables]
    return "".join(parts)


def main() -> None:
    OUTPUT.write_text(render())
    PROPERTIES_OUTPUT.write_text(render_properties())
    print(f"wrote {OUTPUT} and {PROPERTIES_OUTPUT.name} (Unicode {unicodedata.unidata_version}, "
          f"Python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
