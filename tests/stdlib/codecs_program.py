"""The compiled side of test_codecs.py: every function of base64, binascii and zlib the compiler
has, called by number on bytes put in one at a time; results and exception messages read back."""
from abi import export
from base64 import (b16decode, b16encode, b32decode, b32encode, b32hexdecode, b32hexencode, b64decode,
                    b64encode, standard_b64decode, standard_b64encode, urlsafe_b64decode, urlsafe_b64encode)
from binascii import Error, a2b_base64, a2b_hex, b2a_base64, b2a_hex, hexlify, unhexlify
from binascii import crc32 as binascii_crc32
from zlib import adler32, crc32

DATA: list[int] = []
ARG: list[int] = []
OUT = b""
MSG = ""


@export
def put(which: int, byte: int) -> int:
    if which == 0:
        DATA.append(byte)
    else:
        ARG.append(byte)
    return 0


@export
def clear() -> int:
    DATA.clear()
    ARG.clear()
    return 0


@export
def out_len() -> int:
    return len(OUT)


@export
def out_byte(i: int) -> int:
    return OUT[i]


@export
def msg_len() -> int:
    return len(MSG.encode())


@export
def msg_byte(i: int) -> int:
    return MSG.encode()[i]


def codec(op: int, s: bytes, arg: bytes, flag: bool) -> bytes:
    """The bytes-to-bytes functions: ``arg`` is altchars/map01 (or absent when empty), ``flag``
    validate/casefold."""
    optional: bytes | None = arg if len(arg) > 0 else None
    if op == 0:
        return b64encode(s, optional)
    if op == 1:
        return b64decode(s, optional, flag)
    if op == 2:
        return b64decode(s, validate=flag)
    if op == 3:
        return standard_b64encode(s)
    if op == 4:
        return standard_b64decode(s)
    if op == 5:
        return urlsafe_b64encode(s)
    if op == 6:
        return urlsafe_b64decode(s)
    if op == 7:
        return b32encode(s)
    if op == 8:
        return b32decode(s, flag, optional)
    if op == 9:
        return b32hexencode(s)
    if op == 10:
        return b32hexdecode(s, casefold=flag)
    if op == 11:
        return b16encode(s)
    if op == 12:
        return b16decode(s, flag)
    if op == 13:
        return hexlify(s)
    if op == 14:
        return unhexlify(s)
    if op == 15:
        return a2b_hex(s)
    if op == 16:
        return b2a_hex(s)
    if op == 17:
        return a2b_base64(s, strict_mode=flag)
    return b2a_base64(s) if flag else b2a_base64(s, newline=False)


def sep_call(s: bytes, arg: bytes, per: int, by_keyword: bool) -> bytes:
    """hexlify with a separator (a bytes constant, as the compiler requires)."""
    if len(arg) == 0:
        return hexlify(s, b":", per) if by_keyword else b2a_hex(s, b":", bytes_per_sep=per)
    if arg[0] == 0:
        return hexlify(s, b"", per)
    if arg[0] == 1:
        return hexlify(s, b"--", per)
    return hexlify(s, sep=b"\xff", bytes_per_sep=per)


@export
def run(op: int, flag: int, value: int) -> int:
    """0: OUT holds the result (or an int result is returned with op >= 100); otherwise the
    exception's class: 1 binascii.Error, 2 ValueError, 3 AssertionError, 4 OverflowError; MSG."""
    global OUT, MSG
    s = bytes(DATA)
    arg = bytes(ARG)
    try:
        if op == 100:
            return binascii_crc32(s, value)
        if op == 101:
            return crc32(s) if flag else crc32(s, value)
        if op == 102:
            return adler32(s) if flag else adler32(s, value)
        if op == 103:
            OUT = sep_call(s, arg, value, flag != 0)
        else:
            OUT = codec(op, s, arg, flag != 0)
        return 0
    except Error as e:
        MSG = str(e)
        return -1
    except ValueError as e:
        MSG = str(e)
        return -2
    except AssertionError as e:
        MSG = str(e)
        return -3
    except OverflowError as e:
        MSG = str(e)
        return -4
