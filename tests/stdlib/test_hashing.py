"""hashlib (sha256, sha1, md5) and hmac compiled against CPython's own modules.

hashing_program.py runs once compiled (its imports resolve to compiler/stdlib/) and once under
CPython: the same digests, hex digests, names, sizes and copies, for generated data fed in two
parts, keys of every length around the 64-byte block, and FIPS 180 / RFC 1321 vectors.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import wasmtime
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parents[1] / "compiler"))  # differential.py (no packages in tests/)
from differential import compiled, load_python, trap_name  # noqa: E402

PROGRAM = Path(__file__).with_name("hashing_program.py")
EXAMPLES = int(os.environ.get("STDLIB_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


class Side:
    def __init__(self, call, out):
        self.call, self.out = call, out

    def run(self, export: str, op: int, split: int, data: bytes, key: bytes):
        self.call("clear")
        for byte in data:
            self.call("put", 0, byte)
        for byte in key:
            self.call("put", 1, byte)
        return self.call(export, op, split), self.out()


def wasm_side() -> Side:
    store, instance = compiled(PROGRAM).instance()
    exports = instance.exports(store)

    def call(name, *args):
        try:
            return exports[name](store, *args)
        except wasmtime.Trap as trap:
            return trap_name(trap)
    return Side(call, lambda: bytes(call("out_byte", i) for i in range(call("out_len"))))


def cpython_side() -> Side:
    module = load_python(PROGRAM)
    return Side(lambda name, *args: int(getattr(module, name)(*args)), lambda: module.OUT)


WASM, CPYTHON = wasm_side(), cpython_side()
lengths = st.one_of(st.integers(0, 140), st.sampled_from([55, 56, 63, 64, 65, 111, 112, 119, 120, 127, 128, 129,
                                                           239, 240, 256, 300]))


@SETTINGS
@given(n=lengths, seed=st.binary(min_size=1, max_size=8), key_len=st.sampled_from([0, 1, 20, 63, 64, 65, 100]),
       split=st.integers(0, 300))
def test_hashes_and_hmacs_match_cpython(n: int, seed: bytes, key_len: int, split: int) -> None:
    data = (seed * (n // len(seed) + 1))[:n]
    key = bytes(range(key_len))
    split = min(split, n)
    for export, ops in (("hash_run", (0, 1, 2, 3 + n % 2)), ("hmac_run", (0, 1, 2))):
        for op in ops:  # sha512 or sha384 (the same compression), by the length's parity
            assert WASM.run(export, op, split, data, key) == CPYTHON.run(export, op, split, data, key), \
                f"{export} {op} n={n} split={split} key={key_len}"


def test_known_vectors() -> None:
    million = b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
    for data in [b"", b"abc", million, b"a" * 1000]:
        for op in range(3):
            assert WASM.run("hash_run", op, 1, data, b"") == CPYTHON.run("hash_run", op, 1, data, b"")
    abc = [WASM.run("hash_run", op, 0, b"abc", b"")[1].split(b" ")[3] for op in range(3)]
    assert abc == [b"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                   b"a9993e364706816aba3e25717850c26c9cd0d89d", b"900150983cd24fb0d6963f7d28e17f72"]


def test_sha512_nist_vectors() -> None:
    """FIPS 180-4 examples (NIST's SHA512.pdf, SHA384.pdf): "abc", the two-block 112-byte message,
    the empty message; and a thousand "a" fed in two parts."""
    two_block = (b"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqr"
                 b"lmnopqrsmnopqrstnopqrstu")
    expected = {
        (3, b"abc"): "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                     "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
        (3, two_block): "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
                        "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909",
        (3, b""): "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
                  "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",
        (4, b"abc"): "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
                     "8086072ba1e7cc2358baeca134c825a7",
        (4, two_block): "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712"
                        "fcc7c71a557e2db966c3e9fa91746039",
    }
    for (op, data), digest_hex in expected.items():
        assert WASM.run("hash_run", op, len(data), data, b"")[1].split(b" ")[3].decode() == digest_hex
    thousand = b"a" * 1000
    assert WASM.run("hash_run", 3, 500, thousand, b"") == CPYTHON.run("hash_run", 3, 500, thousand, b"")


def test_missing_digestmod_raises_cpythons_type_error() -> None:
    assert WASM.call("missing_digestmod") == CPYTHON.call("missing_digestmod") == len(
        "Missing required parameter 'digestmod'.")
