"""The one opcode table: mnemonic -> encoding and immediate kinds.

Both the binary emitter and the WAT printer read this table, so they cannot
disagree about an instruction. Immediate kinds: ``local``, ``global``,
``func`` (symbols resolved by the emitter), ``label`` (a branch target name),
``block`` (label name + block result type), ``i32``/``i64``/``f64`` constants,
``memarg`` (natural alignment, offset) and ``mem`` (memory index 0).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Opcode:
    code: bytes
    immediates: tuple[str, ...] = ()
    align: int = 0  # log2 natural alignment for memory accesses


def _table() -> dict[str, Opcode]:
    t: dict[str, Opcode] = {
        "unreachable": Opcode(b"\x00"), "nop": Opcode(b"\x01"),
        "block": Opcode(b"\x02", ("block",)), "loop": Opcode(b"\x03", ("block",)),
        "if": Opcode(b"\x04", ("block",)), "else": Opcode(b"\x05"), "end": Opcode(b"\x0b"),
        "br": Opcode(b"\x0c", ("label",)), "br_if": Opcode(b"\x0d", ("label",)),
        "return": Opcode(b"\x0f"), "call": Opcode(b"\x10", ("func",)),
        "drop": Opcode(b"\x1a"), "select": Opcode(b"\x1b"),
        "local.get": Opcode(b"\x20", ("local",)), "local.set": Opcode(b"\x21", ("local",)),
        "local.tee": Opcode(b"\x22", ("local",)),
        "global.get": Opcode(b"\x23", ("global",)), "global.set": Opcode(b"\x24", ("global",)),
        "memory.size": Opcode(b"\x3f", ("mem",)), "memory.grow": Opcode(b"\x40", ("mem",)),
        "i32.const": Opcode(b"\x41", ("i32",)), "i64.const": Opcode(b"\x42", ("i64",)),
        "f64.const": Opcode(b"\x44", ("f64",)),
        "memory.copy": Opcode(b"\xfc\x0a", ("mem", "mem")), "memory.fill": Opcode(b"\xfc\x0b", ("mem",)),
    }
    memory_ops = [
        ("i32.load", 0x28, 2), ("i64.load", 0x29, 3), ("f32.load", 0x2A, 2), ("f64.load", 0x2B, 3),
        ("i32.load8_s", 0x2C, 0), ("i32.load8_u", 0x2D, 0), ("i32.load16_s", 0x2E, 1),
        ("i32.load16_u", 0x2F, 1), ("i64.load8_s", 0x30, 0), ("i64.load8_u", 0x31, 0),
        ("i64.load16_s", 0x32, 1), ("i64.load16_u", 0x33, 1), ("i64.load32_s", 0x34, 2),
        ("i64.load32_u", 0x35, 2), ("i32.store", 0x36, 2), ("i64.store", 0x37, 3),
        ("f32.store", 0x38, 2), ("f64.store", 0x39, 3), ("i32.store8", 0x3A, 0),
        ("i32.store16", 0x3B, 1), ("i64.store8", 0x3C, 0), ("i64.store16", 0x3D, 1),
        ("i64.store32", 0x3E, 2),
    ]
    for name, code, align in memory_ops:
        t[name] = Opcode(bytes([code]), ("memarg",), align)
    simple = """
    i32.eqz 45 i32.eq 46 i32.ne 47 i32.lt_s 48 i32.lt_u 49 i32.gt_s 4a i32.gt_u 4b
    i32.le_s 4c i32.le_u 4d i32.ge_s 4e i32.ge_u 4f
    i64.eqz 50 i64.eq 51 i64.ne 52 i64.lt_s 53 i64.lt_u 54 i64.gt_s 55 i64.gt_u 56
    i64.le_s 57 i64.le_u 58 i64.ge_s 59 i64.ge_u 5a
    f64.eq 61 f64.ne 62 f64.lt 63 f64.gt 64 f64.le 65 f64.ge 66
    i32.clz 67 i32.ctz 68 i32.popcnt 69 i32.add 6a i32.sub 6b i32.mul 6c i32.div_s 6d
    i32.div_u 6e i32.rem_s 6f i32.rem_u 70 i32.and 71 i32.or 72 i32.xor 73 i32.shl 74
    i32.shr_s 75 i32.shr_u 76 i32.rotl 77 i32.rotr 78
    i64.clz 79 i64.ctz 7a i64.popcnt 7b i64.add 7c i64.sub 7d i64.mul 7e i64.div_s 7f
    i64.div_u 80 i64.rem_s 81 i64.rem_u 82 i64.and 83 i64.or 84 i64.xor 85 i64.shl 86
    i64.shr_s 87 i64.shr_u 88 i64.rotl 89 i64.rotr 8a
    f64.abs 99 f64.neg 9a f64.ceil 9b f64.floor 9c f64.trunc 9d f64.nearest 9e f64.sqrt 9f
    f64.add a0 f64.sub a1 f64.mul a2 f64.div a3 f64.min a4 f64.max a5 f64.copysign a6
    i32.wrap_i64 a7 i32.trunc_f64_s aa i64.extend_i32_s ac i64.extend_i32_u ad
    i64.trunc_f64_s b0 f64.convert_i32_s b7 f64.convert_i64_s b9
    i64.reinterpret_f64 bd f64.reinterpret_i64 bf
    """.split()
    for name, code in zip(simple[::2], simple[1::2]):
        t[name] = Opcode(bytes([int(code, 16)]))
    return t


OPCODES: dict[str, Opcode] = _table()
