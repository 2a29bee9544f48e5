"""What the compiler refuses of the standard library modules it has, each a located error."""
from __future__ import annotations

import ast as py_ast
import importlib
import inspect
import re
import textwrap
from pathlib import Path

import pytest

from compiler import CompileError, compile_file

HEAD = "from abi import export\n"
LOCAL = "a compiled filter does not know the host's local time zone"
# (source after HEAD, "line:col", message)
REFUSED = [
    ("from base64 import b85encode\n", "2:1", "base64.b85encode is not available yet"),
    ("from zlib import compress\n", "2:1", "zlib.compress is not available yet"),
    ("from base64 import translate2\n", "2:1", "cannot import name 'translate2' from 'base64'"),
    ("from base64 import Error\n", "2:1", "cannot import name 'Error' from 'base64'"),
    ("from binascii import crc_table\n", "2:1", "cannot import name 'crc_table' from 'binascii'"),
    ("from binascii import crc32\n\n\ndef f(b: bytes) -> int:\n    return crc32(b, crc=1)\n",
     "6:21", "binascii.crc32() takes 'crc' by position only"),
    ("from zlib import adler32 as a\n\n\ndef f(b: bytes) -> int:\n    return a(data=b)\n",
     "6:14", "zlib.adler32() takes 'data' by position only"),
    ("from binascii import b2a_base64\n\n\ndef f(b: bytes) -> bytes:\n    return b2a_base64(b, False)\n",
     "6:26", "binascii.b2a_base64() takes 'newline' by keyword only"),
    ("from binascii import hexlify\n\n\ndef f(b: bytes, s: bytes) -> bytes:\n    return hexlify(b, s)\n",
     "6:23", "the 'sep' argument of binascii.hexlify() must be a bytes constant here"),
    ("from binascii import hexlify\n\n\ndef f(b: bytes) -> bytes:\n    return hexlify(b, sep=None)\n",
     "6:27", "the 'sep' argument of binascii.hexlify() must be a bytes constant here"),
    ("from binascii import unhexlify\n\n\ndef f(s: str) -> bytes:\n    return unhexlify(s)\n",
     "6:22", "argument 'hexstr' of unhexlify() must be bytes, not str"),
    ("import base64\n\n\ndef f(b: bytes) -> bytes:\n    return base64.b85encode(b)\n",
     "6:12", "base64.b85encode is not available yet"),
    ("import hashlib as h\n\n\ndef f(b: bytes) -> str:\n    return h.sha256(b, False).hexdigest()\n",
     "6:24", "hashlib.sha256() takes 'usedforsecurity' by keyword only"),
    ("from json import dump\n", "2:1", "json.dump is not available yet"),
    ("from json import dumps\n\n\ndef f(x: int) -> str:\n    return dumps(x, default=str)\n",
     "6:21", "the 'default' argument of json.dumps() is not available yet"),
    ("import json\n\n\ndef f(x: int) -> str:\n    return json.dumps(x, indent=1, cls=None)\n",
     "6:36", "the 'cls' argument of json.dumps() is not available yet"),
    ("import json\n\n\ndef f(x: int) -> str:\n    return json.dumps(x, check_circular=False)\n",
     "6:26", "the 'check_circular' argument of json.dumps() is not available yet"),
    ("import json\n\n\ndef f(x: int) -> str:\n    return json.dumps(x, False)\n",
     "6:26", "json.dumps() takes 'skipkeys' by keyword only"),
    ("import struct\n\n\ndef f(b: bytes, fmt: str) -> int:\n    return len(struct.unpack(fmt, b))\n",
     "6:30", "the format of struct.unpack() must be a str constant here"),
    ("from struct import pack\n\n\ndef f(x: bytes) -> bytes:\n    return pack('<p', x)\n",
     "6:17", "the struct format character 'p' is not available yet"),
    ("from struct import unpack\n\n\ndef f(b: bytes) -> int:\n    return unpack('<iz', b)[0]\n",
     "6:19", "struct.error: bad char in struct format"),
    ("from struct import pack_into\n", "2:1", "struct.pack_into is not available yet"),
    ("from struct import Struct\n", "2:1", "struct.Struct is not available yet"),
    ("from email.utils import parseaddr\n", "2:1", "the standard library module 'email.utils' is not available in a compiled filter"),
    ("from hashlib import sha224\n", "2:1", "hashlib.sha224 is not available yet"),
    ("from hashlib import new\n", "2:1", "hashlib.new is not available yet"),
    ("from hashlib import HASH\n", "2:1", "cannot import name 'HASH' from 'hashlib'"),
    ("from hashlib import sha256\n\n\ndef f(b: bytes) -> str:\n    return sha256(b, False).hexdigest()\n",
     "6:22", "hashlib.sha256() takes 'usedforsecurity' by keyword only"),
    ("from hmac import new\n\n\ndef f(k: bytes) -> bytes:\n    return new(k, b'', 'SHA256').digest()\n",
     "6:24", "the 'digestmod' argument of hmac.new() must be one of 'sha256', 'sha1', 'md5' here"),
    ("from hmac import HMAC\n\n\ndef f(k: bytes, d: str) -> bytes:\n    return HMAC(k, digestmod=d).digest()\n",
     "6:30", "the 'digestmod' argument of hmac.HMAC() must be one of 'sha256', 'sha1', 'md5' here"),
    ("from hmac import digest\n\n\ndef f(k: bytes) -> bytes:\n    return digest(k, b'', 'sha512')\n",
     "6:27", "the 'digest' argument of hmac.digest() must be one of 'sha256', 'sha1', 'md5' here"),
    ("from hashlib import sha256\n\n\ndef f(b: bytes) -> int:\n    return len(sha256(b)._hash_pending)\n",
     "6:16", "'_hash_pending' is internal to the compiler's hashlib objects"),
    ("from hmac import compare_digest\n\n\ndef f(k: bytes) -> bool:\n    return compare_digest(a=k, b=k)\n",
     "6:27", "hmac.compare_digest() takes 'a' by position only"),
    ("from uuid import uuid1\n", "2:1", "uuid.uuid1 is not available yet"),
    ("from uuid import UUID\n\n\ndef f(b: bytes) -> str:\n    return str(UUID(bytes=b))\n",
     "6:21", "the 'bytes' argument of uuid.UUID() is not available yet"),
    ("from uuid import uuid4\n\n\ndef f() -> int:\n    return uuid4().int\n", "6:12", "uuid.UUID.int is not available yet"),
    ("from uuid import uuid4\n\n\ndef f() -> str:\n    return uuid4()._hex\n",
     "6:12", "'_hex' is internal to the compiler's uuid objects"),
    ("from random import gauss\n", "2:1", "random.gauss is not available yet"),
    ("import random\n\n\ndef f() -> None:\n    random.seed(1, version=1)\n",
     "6:20", "the 'version' argument of random.seed() is not available yet"),
    ("from random import getrandbits\n\n\ndef f() -> int:\n    return getrandbits(k=3)\n",
     "6:24", "random.getrandbits() takes 'k' by position only"),
    ("from datetime import time\n", "2:1", "datetime.time is not available yet"),
    ("from string import Template\n", "2:1", "string.Template is not available yet"),
    ("from datetime import datetime\n\n\ndef f() -> str:\n    return str(datetime.now())\n",
     "6:16", "datetime.datetime.now() without a tz is not available: " + LOCAL),
    ("from datetime import datetime\n\n\ndef f(d: datetime) -> int:\n    return d.astimezone().hour\n",
     "6:12", "datetime.datetime.astimezone() without a tz is not available: " + LOCAL),
    ("from datetime import datetime\n\n\ndef f(s: str) -> datetime:\n    return datetime.strptime(s, '%Y')\n",
     "6:12", "datetime.datetime.strptime is not available yet"),
    ("from datetime import datetime\n\n\ndef f(d: datetime) -> str:\n    return d.strftime('%Y week %U')\n",
     "6:23", "the strftime directive '%U' is not available yet"),
    ("from datetime import date\n\n\ndef f(d: date) -> str:\n    return f'{d:%d %V}'\n",
     "6:12", "the strftime directive '%V' is not available yet"),
    ("from datetime import datetime\n\n\ndef f(d: datetime) -> datetime:\n    return d.replace(tzinfo=False)\n",
     "6:29", "tzinfo argument must be None or of a tzinfo subclass, not type 'bool'"),
    ("from datetime import date, datetime\n\n\ndef f(d: datetime) -> bool:\n    return isinstance(d, date)\n",
     "6:26", "isinstance() against datetime.date is not available yet: CPython's datetime objects are date "
     "objects too, ours are not"),
    ("import ipaddress\n\n\ndef f(s: str) -> bool:\n    return ipaddress.ip_address(s).ipv4_mapped is None\n",
     "6:12", "'ipv4_mapped' is an attribute of IPv6Address, and this value may be an IPv4Address (its type is "
     "IPv4Address | IPv6Address)"),
    ("from ipaddress import ip_network\n\n\ndef f(s: str) -> bool:\n    return ip_network(s).is_site_local\n",
     "6:12", "'is_site_local' is an attribute of IPv6Network, and this value may be an IPv4Network (its type is "
     "IPv4Network | IPv6Network)"),
    ("from ipaddress import IPv4Network\n\n\ndef f(n: IPv4Network) -> int:\n    return len(list(n.hosts()))\n",
     "6:21", "ipaddress.IPv4Network.hosts is not available yet"),
]


@pytest.mark.parametrize("source,position,message", REFUSED, ids=[r[2][:50] for r in REFUSED])
def test_refused(tmp_path, source, position, message):
    path = tmp_path / "prog.py"
    path.write_text(HEAD + textwrap.dedent(source))
    with pytest.raises(CompileError) as info:
        compile_file(path)
    first = info.value.diagnostics[0].render().splitlines()[0]
    assert first.endswith(f":{position}: error: {message}"), first


def test_a_file_next_to_the_program_shadows_the_library(tmp_path):
    """As in CPython, where the script's folder comes first on sys.path."""
    (tmp_path / "base64.py").write_text("def mine(s: bytes) -> bytes:\n    return s\n")
    path = tmp_path / "prog.py"
    path.write_text(HEAD + "from base64 import mine\n\n\n@export\ndef f() -> int:\n"
                    "    return len(mine(b'abc'))\n")
    compile_file(path)  # ours would refuse 'mine': CPython's base64 has no such name


STDLIB = Path(__file__).resolve().parents[2] / "compiler" / "stdlib"


@pytest.mark.parametrize("name", ["base64", "binascii", "zlib", "hashlib", "hmac", "uuid"])
def test_parameters_are_cpythons(name):
    """Each function CPython has takes the same parameters, in order, with the same defaults
    (None for one CPython cannot show, which stdlib_check keeps a caller from passing)."""
    module = importlib.import_module(name)
    tree = py_ast.parse((STDLIB / f"{name}.py").read_text())
    checked = 0
    for fn in tree.body:
        if not isinstance(fn, py_ast.FunctionDef) or not hasattr(module, fn.name):
            continue
        cpython = getattr(module, fn.name)
        text = getattr(cpython, "__text_signature__", None) or str(inspect.signature(cpython))
        text = re.sub(r"^\(\$module(, /)?(, )?", "(", text).replace("<unrepresentable>", "None")
        theirs = py_ast.parse(f"def f{text}: pass").body[0].args
        ours = fn.args
        names = [a.arg for a in theirs.posonlyargs + theirs.args + theirs.kwonlyargs]
        assert [a.arg for a in ours.args] == names, fn.name
        defaults = [py_ast.literal_eval(d) for d in theirs.defaults + [d for d in theirs.kw_defaults if d]]
        assert [py_ast.literal_eval(d) for d in ours.defaults] == defaults, fn.name
        checked += 1
    assert checked >= 2
