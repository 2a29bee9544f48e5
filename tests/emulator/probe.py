"""Build a proxy-wasm probe module (WAT) from a list of host calls, and read its report.

The same module runs in the emulator and in a real Envoy, so a test can
compare what each host answered. Each ``Op`` is one import call; its
arguments may be constants, bytes (passed as pointer and length of a data
segment) or out-parameters. The module appends, per op, the status and every
out-parameter's value to a report, and answers the request with the report as
the body of a local 200 response. Every callback also logs ``cb:<name>``
at info, which shows the order in which the host called them.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass, field

REPORT = 0x8000      # report area (the module has 4 pages)
SLOTS = 0x100        # out-parameter slots, 16 per op
DATA = 0x1000        # data segments
SENTINEL = 0xAAAAAAAA  # prefilled into scalar out-params: shows "the host did not write"


class Out:
    """Out-parameter pair (ptr, len): the report gets u32 len + the bytes."""


class Out32:
    """u32 out-parameter: the report gets the 4 bytes."""


class Out64:
    """u64 out-parameter: the report gets the 8 bytes."""


CTX = object()  # the context id of the callback running the op


@dataclass
class I64:
    value: int


@dataclass
class Op:
    name: str
    args: list = field(default_factory=list)


CALLBACKS = {  # export -> (number of params, has a result)
    "proxy_on_context_create": (2, False),
    "proxy_on_vm_start": (2, True),
    "proxy_on_configure": (2, True),
    "proxy_on_request_headers": (3, True),
    "proxy_on_request_body": (3, True),
    "proxy_on_response_headers": (3, True),
    "proxy_on_response_body": (3, True),
    "proxy_on_log": (1, False),
    "proxy_on_done": (1, True),
    "proxy_on_delete": (1, False),
}


class _Builder:
    def __init__(self) -> None:
        self.data: list[tuple[int, bytes]] = []
        self.next_data = DATA

    def bytes_at(self, value: bytes) -> int:
        addr = self.next_data
        self.data.append((addr, value))
        self.next_data += (len(value) + 15) // 16 * 16 or 16
        return addr

    def op_code(self, op: Op) -> list[str]:
        lines, args, outs = [], [], []
        slot = SLOTS
        for arg in op.args:
            if isinstance(arg, bytes):
                args += [f"(i32.const {self.bytes_at(arg)})", f"(i32.const {len(arg)})"]
            elif isinstance(arg, I64):
                args.append(f"(i64.const {arg.value})")
            elif arg is CTX:
                args.append("(local.get 0)")
            elif arg is Out:
                lines += [f"(i64.store (i32.const {slot}) (i64.const 0))"]
                args += [f"(i32.const {slot})", f"(i32.const {slot + 4})"]
                outs.append((Out, slot))
                slot += 16
            elif arg in (Out32, Out64):
                lines += [f"(i64.store (i32.const {slot}) (i64.const {SENTINEL | SENTINEL << 32}))"]
                args.append(f"(i32.const {slot})")
                outs.append((arg, slot))
                slot += 16
            else:
                args.append(f"(i32.const {arg})")
        lines.append(f"(call $emit32 (call ${op.name} {' '.join(args)}))")
        for kind, at in outs:
            if kind is Out:
                lines += [f"(call $emit32 (i32.load (i32.const {at + 4})))",
                          f"(call $emit_bytes (i32.load (i32.const {at})) (i32.load (i32.const {at + 4})))"]
            elif kind is Out32:
                lines.append(f"(call $emit_bytes (i32.const {at}) (i32.const 4))")
            else:
                lines.append(f"(call $emit_bytes (i32.const {at}) (i32.const 8))")
        return lines


def probe_module(request_ops: list[Op], configure_ops: list[Op] = (), *,
                 request_result: int = 1, reply: bool = True) -> str:
    """WAT of a probe: ``configure_ops`` run in on_configure, ``request_ops`` in
    on_request_headers, then (``reply``) a local 200 with the report as body."""
    from abi.emulator.table import IMPORTS
    b = _Builder()
    conf = [line for op in configure_ops for line in b.op_code(op)]
    req = [line for op in request_ops for line in b.op_code(op)]
    used = {"proxy_log", "proxy_send_local_response"} | {op.name for op in (*configure_ops, *request_ops)}
    imports = []
    for name in sorted(used):
        sig = IMPORTS[name]
        params = " ".join(f"(param {t})" for t in sig.param_types)
        imports.append(f'(import "env" "{name}" (func ${name} {params} (result i32)))')
    names = {cb: b.bytes_at(f"cb:{cb[len('proxy_on_'):]}".encode()) for cb in CALLBACKS}
    details = b.bytes_at(b"probe")
    funcs = []
    for cb, (nparams, has_result) in CALLBACKS.items():
        msg = f"cb:{cb[len('proxy_on_'):]}".encode()
        body = [f"(drop (call $proxy_log (i32.const 2) (i32.const {names[cb]}) (i32.const {len(msg)})))"]
        result = "1"
        if cb == "proxy_on_configure":
            body += conf
        if cb == "proxy_on_request_headers":
            body += req
            if reply:
                body.append(f"(drop (call $proxy_send_local_response (i32.const 200) (i32.const {details}) "
                            f"(i32.const 5) (i32.const {REPORT}) (i32.sub (global.get $out) "
                            f"(i32.const {REPORT})) (i32.const 0) (i32.const 0) (i32.const -1)))")
            result = str(request_result)
        if cb in ("proxy_on_request_body", "proxy_on_response_headers", "proxy_on_response_body"):
            result = "0"
        params = " ".join("(param i32)" for _ in range(nparams))
        funcs.append(f'(func (export "{cb}") {params} {"(result i32)" if has_result else ""}\n    '
                      + "\n    ".join(body) + (f"\n    (i32.const {result})" if has_result else "") + ")")
    data = "\n  ".join(f'(data (i32.const {addr}) "{_wat_string(value)}")' for addr, value in b.data)
    return f"""(module
  {chr(10).join('  ' + i for i in imports).strip()}
  (memory (export "memory") 4)
  {data}
  (global $out (mut i32) (i32.const {REPORT}))
  (global $heap (mut i32) (i32.const {0x20000}))
  (func (export "proxy_abi_version_0_2_1"))
  (func (export "proxy_on_memory_allocate") (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (global.get $heap))
    (global.set $heap (i32.and (i32.add (i32.add (local.get $ptr) (local.get $size)) (i32.const 7)) (i32.const -8)))
    (local.get $ptr))
  (func $emit32 (param $v i32)
    (i32.store (global.get $out) (local.get $v))
    (global.set $out (i32.add (global.get $out) (i32.const 4))))
  (func $emit_bytes (param $p i32) (param $n i32)
    (local $i i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (i32.store8 (i32.add (global.get $out) (local.get $i)) (i32.load8_u (i32.add (local.get $p) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (global.set $out (i32.add (global.get $out) (local.get $n))))
  {chr(10).join('  ' + f for f in funcs).strip()}
)
"""


def _wat_string(value: bytes) -> str:
    return "".join(chr(c) if 32 <= c < 127 and c not in (34, 92) else f"\\{c:02x}" for c in value)


def read_report(body: bytes, ops: list[Op]) -> list[tuple]:
    """The report as one tuple per op: (status, *out values); Out -> bytes, Out32/Out64 -> int
    (SENTINEL when the host did not write it)."""
    at, rows = 0, []
    for op in ops:
        (status,) = struct.unpack_from("<i", body, at)
        at += 4
        row = [status]
        for arg in op.args:
            if arg is Out:
                (n,) = struct.unpack_from("<I", body, at)
                row.append(body[at + 4:at + 4 + n])
                at += 4 + n
            elif arg is Out32:
                row.append(struct.unpack_from("<I", body, at)[0])
                at += 4
            elif arg is Out64:
                row.append(struct.unpack_from("<Q", body, at)[0])
                at += 8
        rows.append(tuple(row))
    assert at == len(body), f"report has {len(body) - at} extra bytes"
    return rows
