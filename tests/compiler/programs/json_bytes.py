"""json.loads of bytes, as CPython 3.11: the encoding guessed from a BOM or the zero bytes
(UTF-8, UTF-8 with a BOM, UTF-16/32 of either order), the same value, the same
UnicodeDecodeError (encoding, start, end, reason, message) and the same JSONDecodeError; a str
starting with a BOM is refused as CPython does. Encoded lone surrogates appear only where a
JSONDecodeError comes first (else CPython returns a str this compiler cannot hold)."""
import json

from abi import export

DOCS = [
    b'{"a": 1, "b": [true, null, 2.5, "x\\u00e9"]}', b"[1, 2", b"", b"  ", b"\xff", b'"\xc3"',
    b'"\xed\xa0"', b"\xef\xbb\xbf[1]", b"\xef\xbb\xbf\xff", b"\xef\xbb\xbf", b'"na\xc3\xafve \xf0\x9f\x98\x80"',
    b"\xff\xfe[\x001\x00]\x00", b"\xff\xfe[\x001\x00]", b"\xfe\xff\x00[\x002\x00]", b"[\x001\x00]\x00",
    b"\x00[\x001\x00]", b"[\x001\x00]\x00\x00", b"1\x00", b"\x001", b"\x00\x00", b"\x00",
    b"1\x00\x00\x00", b"\x00\x00\x001", b"\xff\xfe\x00\x001\x00\x00\x00", b"\x00\x00\xfe\xff\x00\x00\x007",
    b"1\x00\x00\x00\x00", b"\x00\x00\x001\x00\x11\x00\x00", b"\xff\xfe\x00\x001\x00\x00",
    b"\xff\xfe\x00\xd8", b"\xff\xfe=\xd8\x00\xde", b'\xff\xfe"\x00=\xd8\x00\xde"\x00',
    b" \xed\xa0\x80x", b"[\x001\x00]\x00\x00\xd8", b"1\x00\x00\x00\x00\xd8\x00\x00", b"\xff\xfe[\x00\x00\xd8]\x00",
    b'{"k": "v"} x', b"nul", b"\t\n[]\r",
]
TEXTS = ["\ufeff[1]", "\ufeff", "[\ufeff]", " \ufeff1"]


def text_hash(s: str) -> int:
    h = 0
    for c in s:
        h = (h * 31 + ord(c)) & 0xFFFFFFFF
    return h


def outcome(doc: bytes) -> int:
    try:
        return text_hash(json.dumps(json.loads(doc)))
    except UnicodeDecodeError as err:
        return text_hash(f"{err.encoding} {err.start} {err.end} {err.reason} {err}") + 1
    except json.JSONDecodeError as err:
        return text_hash(f"{err.msg} {err.pos} {err.lineno} {err.colno} {err}") + 2


@export
def loads_bytes(n: int) -> int:
    return outcome(DOCS[n % len(DOCS)])


@export
def every_doc() -> int:
    h = 0
    for doc in DOCS:
        h = (h * 1000003 + outcome(doc)) & 0xFFFFFFFFF
    return h


@export
def decode_error_object(n: int) -> int:
    try:
        json.loads(DOCS[n % len(DOCS)])
        return 0
    except UnicodeDecodeError as err:
        return len(err.object) * 1000 + err.object[0]


@export
def loads_text_with_bom(n: int) -> int:
    try:
        return text_hash(json.dumps(json.loads(TEXTS[n % len(TEXTS)])))
    except json.JSONDecodeError as err:
        return text_hash(f"{err.msg} {err.pos} {err}") + 2


@export
def loads_body_then_get(n: int) -> int:
    body = b'{"limits": {"a": 3}, "name": "t' + str(n % 10).encode() + b'"}'
    config = json.loads(body)
    return config["limits"]["a"] * 100 + len(config["name"])
