"""The compiled side of test_urllib.py: urllib.parse's functions called by number on a str and an
argument written into memory; the result (or the exception's class and message) read back as text."""
from abi import export
from abi.intrinsics import data_ptr
from urllib.parse import (SplitResult, parse_qs, parse_qsl, quote, quote_plus, unquote, unquote_plus,
                          urlencode, urljoin, urlparse, urlsplit, urlunparse, urlunsplit)

INPUT = b""
ARG = b""
OUT = b""
SEP = "\x1f"


@export
def input_buffer(size: int) -> int:
    global INPUT
    INPUT = b" " * size
    return data_ptr(INPUT)


@export
def arg_buffer(size: int) -> int:
    global ARG
    ARG = b" " * size
    return data_ptr(ARG)


@export
def out_ptr() -> int:
    return data_ptr(OUT)


@export
def out_len() -> int:
    return len(OUT)


def shown(value: str | None) -> str:
    return "<None>" if value is None else value


def pairs(items: list[tuple[str, str]]) -> str:
    return SEP.join([k + "=" + v for k, v in items])


def port_text(r: SplitResult) -> str:
    try:
        return str(r.port)
    except ValueError as error:
        return "ValueError: " + str(error)


def split_text(r: SplitResult) -> str:
    return SEP.join([r.scheme, r.netloc, r.path, r.query, r.fragment, shown(r.hostname), shown(r.username),
                     shown(r.password), r.geturl(), str(r == urlsplit(r.geturl())), port_text(r)])


def call(op: int, flag: int, s: str, arg: str) -> str:
    if op == 0:
        return quote(s) if flag & 1 else quote(s, arg)
    if op == 1:
        return quote_plus(s) if flag & 1 else quote_plus(s, arg)
    if op == 2:
        return unquote(s) if flag & 1 else unquote_plus(s)
    if op == 3:
        return pairs(parse_qsl(s, flag & 1 == 1, flag & 2 == 2))
    if op == 4:
        fields: int | None = None if flag & 4 else len(arg) % 4
        found = parse_qs(s, flag & 1 == 1, flag & 2 == 2, max_num_fields=fields, separator=arg[:2])
        return SEP.join([k + "=" + "|".join(v) for k, v in found.items()])
    if op == 5:
        return split_text(urlsplit(s) if flag & 1 else urlsplit(s, arg, flag & 2 == 2))
    if op == 6:
        r = urlparse(s, arg[:3])
        port = "-"
        try:
            port = str(r.port)
        except ValueError as error:
            port = str(error)
        return SEP.join([port, r.scheme, r.netloc, r.path, r.params, r.query, r.fragment, shown(r.hostname),
                         r.geturl(), urlunparse((r.scheme, r.netloc, r.path, r.params, r.query, r.fragment))])
    if op == 7:
        query: dict[str, str] = {}
        for k, v in parse_qsl(s, True):
            query[k] = v
        return urlencode(query, flag & 1 == 1, arg)
    if op == 9:
        return urljoin(s, arg) if flag & 1 else urljoin(s, arg, flag & 2 == 2)
    parts = s.split("|")
    if len(parts) != 5:
        return "-"
    return urlunsplit((parts[0], parts[1], parts[2], parts[3], parts[4]))


@export
def run(op: int, flag: int) -> int:
    global OUT
    try:
        OUT = call(op, flag, INPUT.decode(), ARG.decode()).encode()
        return 0
    except ValueError as error:
        OUT = ("ValueError: " + str(error)).encode()
        return 1
