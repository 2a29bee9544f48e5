"""str.translate() and str.maketrans() (sema/text_translate.py picks the function by the table's
value type): each character found in the table becomes its str, its code point, or nothing for
None; the others stay. CPython 3.11's results and errors."""

CODE_POINTS = 0x110000


def mapped_char(code: int) -> str:
    if code < 0 or code >= CODE_POINTS:
        raise ValueError("character mapping must be in range(0x110000)")
    return chr(code)


def translate_to_str(s: str, table: dict[int, str]) -> str:
    parts: list[str] = []
    for ch in s:
        c = ord(ch)
        parts.append(table[c] if c in table else ch)
    return "".join(parts)


def translate_to_code(s: str, table: dict[int, int]) -> str:
    parts: list[str] = []
    for ch in s:
        c = ord(ch)
        parts.append(mapped_char(table[c]) if c in table else ch)
    return "".join(parts)


def translate_to_optional_str(s: str, table: dict[int, str | None]) -> str:
    parts: list[str] = []
    for ch in s:
        c = ord(ch)
        if c not in table:
            parts.append(ch)
            continue
        found = table[c]
        if found is not None:
            parts.append(found)
    return "".join(parts)


def translate_to_optional_code(s: str, table: dict[int, int | None]) -> str:
    parts: list[str] = []
    for ch in s:
        c = ord(ch)
        if c not in table:
            parts.append(ch)
            continue
        found = table[c]
        if found is not None:
            parts.append(mapped_char(found))
    return "".join(parts)


def maketrans_pairs(x: str, y: str) -> dict[int, int]:
    if len(x) != len(y):
        raise ValueError("the first two maketrans arguments must have equal length")
    table: dict[int, int] = {}
    for i in range(len(x)):
        table[ord(x[i])] = ord(y[i])
    return table


def maketrans_deleting(x: str, y: str, z: str) -> dict[int, int | None]:
    if len(x) != len(y):
        raise ValueError("the first two maketrans arguments must have equal length")
    table: dict[int, int | None] = {}
    for i in range(len(x)):
        table[ord(x[i])] = ord(y[i])
    for ch in z:
        table[ord(ch)] = None
    return table


# str.maketrans(d) of one dict: its str keys (one character each) become code points; int keys stay.
def translate_key(key: str) -> int:
    if len(key) != 1:
        raise ValueError("string keys in translate table must be of length 1")
    return ord(key)


def maketrans_str_to_str(d: dict[str, str]) -> dict[int, str]:
    return {translate_key(k): v for k, v in d.items()}


def maketrans_str_to_code(d: dict[str, int]) -> dict[int, int]:
    return {translate_key(k): v for k, v in d.items()}


def maketrans_str_to_optional_str(d: dict[str, str | None]) -> dict[int, str | None]:
    return {translate_key(k): v for k, v in d.items()}


def maketrans_str_to_optional_code(d: dict[str, int | None]) -> dict[int, int | None]:
    return {translate_key(k): v for k, v in d.items()}


def maketrans_code_to_str(d: dict[int, str]) -> dict[int, str]:
    return {k: v for k, v in d.items()}


def maketrans_code_to_code(d: dict[int, int]) -> dict[int, int]:
    return {k: v for k, v in d.items()}


def maketrans_code_to_optional_str(d: dict[int, str | None]) -> dict[int, str | None]:
    return {k: v for k, v in d.items()}


def maketrans_code_to_optional_code(d: dict[int, int | None]) -> dict[int, int | None]:
    return {k: v for k, v in d.items()}
