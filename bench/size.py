"""Module size: bytes of a wasm module per section, and per part (runtime, SDK, filter).

The binary is parsed here (no wasm tooling): the section headers give the
per-section sizes; the code section gives each function body's size; the
``name`` custom section names each function by its Python module, which tells
its part:

    abi.*, and every import                 SDK (the proxy-wasm ABI layer and host imports)
    rt.*, FooError, and every export's      runtime (heap, collector, str/list/dict, traps, and
    wrapper (named as the export)           the compiler's glue around each export)
    anything else (filter.main.*, limiter.*) filter (the user's own modules)

The data section is one segment built by the compiler, so the binary cannot say
which part its bytes belong to: it is reported whole.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

SECTION_NAMES = {0: "custom", 1: "type", 2: "import", 3: "function", 4: "table", 5: "memory",
                 6: "global", 7: "export", 8: "start", 9: "element", 10: "code", 11: "data",
                 12: "datacount"}
PARTS = ("runtime", "SDK", "filter")


class WasmFormatError(ValueError):
    pass


class _Reader:
    def __init__(self, data: bytes, pos: int = 0, end: int | None = None) -> None:
        self.data, self.pos, self.end = data, pos, len(data) if end is None else end

    def byte(self) -> int:
        if self.pos >= self.end:
            raise WasmFormatError(f"unexpected end at byte {self.pos}")
        self.pos += 1
        return self.data[self.pos - 1]

    def uleb(self) -> int:
        result = shift = 0
        while True:
            b = self.byte()
            result |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                return result

    def name(self) -> str:
        size = self.uleb()
        if self.pos + size > self.end:
            raise WasmFormatError(f"name runs past its section at byte {self.pos}")
        self.pos += size
        return self.data[self.pos - size:self.pos].decode("utf-8", errors="replace")

    def skip_limits(self) -> None:
        flags = self.byte()
        self.uleb()
        if flags & 1:
            self.uleb()


@dataclass
class Section:
    id: int
    name: str      # "code", "data", or "custom:name" for custom sections
    offset: int    # of the section id byte
    size: int      # whole section: id byte + size field + payload
    payload_start: int
    payload_end: int


@dataclass
class WasmModule:
    size: int
    sections: list[Section]
    imported_functions: int = 0
    function_names: dict[int, str] = field(default_factory=dict)
    code_sizes: dict[int, int] = field(default_factory=dict)   # func index -> body bytes (+ size field)
    name_bytes: dict[int, int] = field(default_factory=dict)   # func index -> its bytes in `name`


def parse(data: bytes) -> WasmModule:
    if data[:4] != b"\x00asm" or data[4:8] != b"\x01\x00\x00\x00":
        raise WasmFormatError("not a wasm binary (version 1)")
    module = WasmModule(size=len(data), sections=[])
    reader = _Reader(data, 8)
    while reader.pos < len(data):
        offset = reader.pos
        section_id = reader.byte()
        length = reader.uleb()
        start, end = reader.pos, reader.pos + length
        if end > len(data):
            raise WasmFormatError(f"section {section_id} runs past the end of the module")
        name = SECTION_NAMES.get(section_id, f"unknown{section_id}")
        if section_id == 0:
            name = "custom:" + _Reader(data, start, end).name()
        module.sections.append(Section(section_id, name, offset, end - offset, start, end))
        reader.pos = end
    for section in module.sections:
        if section.id == 2:
            module.imported_functions = _count_function_imports(data, section)
    for section in module.sections:
        if section.id == 10:
            _read_code(data, section, module)
        elif section.name == "custom:name":
            _read_names(data, section, module)
    return module


def _count_function_imports(data: bytes, section: Section) -> int:
    reader = _Reader(data, section.payload_start, section.payload_end)
    functions = 0
    for _ in range(reader.uleb()):
        reader.name()
        reader.name()
        kind = reader.byte()
        if kind == 0:      # function: type index
            reader.uleb()
            functions += 1
        elif kind == 1:    # table: reftype + limits
            reader.byte()
            reader.skip_limits()
        elif kind == 2:    # memory: limits
            reader.skip_limits()
        elif kind == 3:    # global: valtype + mutability
            reader.byte()
            reader.byte()
        else:
            raise WasmFormatError(f"unknown import kind {kind}")
    return functions


def _read_code(data: bytes, section: Section, module: WasmModule) -> None:
    reader = _Reader(data, section.payload_start, section.payload_end)
    for i in range(reader.uleb()):
        start = reader.pos
        body = reader.uleb()
        reader.pos += body
        module.code_sizes[module.imported_functions + i] = reader.pos - start


def _read_names(data: bytes, section: Section, module: WasmModule) -> None:
    reader = _Reader(data, section.payload_start, section.payload_end)
    reader.name()  # "name"
    while reader.pos < reader.end:
        sub_id = reader.byte()
        length = reader.uleb()
        sub = _Reader(data, reader.pos, reader.pos + length)
        reader.pos += length
        if sub_id == 1:       # function names
            for _ in range(sub.uleb()):
                start = sub.pos
                index = sub.uleb()
                module.function_names[index] = sub.name()
                module.name_bytes[index] = module.name_bytes.get(index, 0) + sub.pos - start
        elif sub_id == 2:     # local names, per function
            for _ in range(sub.uleb()):
                start = sub.pos
                index = sub.uleb()
                for _ in range(sub.uleb()):
                    sub.uleb()
                    sub.name()
                module.name_bytes[index] = module.name_bytes.get(index, 0) + sub.pos - start


def part_of(function_name: str | None) -> str:
    """Which part of the program a function comes from, by its Python-module prefix."""
    if function_name is None:
        return "unnamed"
    if function_name.endswith("@export") or function_name.startswith(("compiler.runtime.", "rt.")):
        return "runtime"  # export glue, the runtime library, the compiler's helpers
    if function_name.startswith("abi."):
        return "SDK"
    if "." not in function_name:
        return "runtime"  # named traps: OverflowError, IndexError, ...
    return "filter"


def measure(data: bytes) -> dict:
    """Sizes of one module: total, per section, and per part (code and names bytes)."""
    module = parse(data)
    sections: dict[str, int] = {}
    for section in module.sections:
        sections[section.name] = sections.get(section.name, 0) + section.size
    sections["header"] = 8
    parts: dict[str, dict[str, int]] = {}
    indices = set(module.code_sizes) | set(module.function_names)
    for index in sorted(indices):
        part = "SDK" if index < module.imported_functions else part_of(module.function_names.get(index))
        entry = parts.setdefault(part, {"functions": 0, "imports": 0, "code": 0, "names": 0})
        if index < module.imported_functions:
            entry["imports"] += 1
        else:
            entry["functions"] += 1
        entry["code"] += module.code_sizes.get(index, 0)
        entry["names"] += module.name_bytes.get(index, 0)
    largest = sorted(((size, module.function_names.get(i, f"func[{i}]"))
                      for i, size in module.code_sizes.items()), reverse=True)[:10]
    return {"total": module.size, "sections": sections,
            "parts": {p: parts[p] for p in (*PARTS, "unnamed") if p in parts},
            "largest_functions": [{"name": n, "code": s} for s, n in largest]}


def run(modules: dict[str, Path]) -> dict:
    """`modules`: label -> wasm file. Returns {label: measure(...)} with the file named."""
    return {label: {"file": str(path), **measure(path.read_bytes())} for label, path in modules.items()}


def opcode_bytes(data: bytes) -> dict[str, int]:
    """Bytes of the code section per instruction mnemonic, immediates included; the locals
    declarations and body-size fields count as ``(locals)``."""
    from compiler.wasm.opcodes import OPCODES
    by_code = {op.code: (name, op.immediates) for name, op in OPCODES.items()}
    module = parse(data)
    totals: dict[str, int] = {}
    for section in module.sections:
        if section.id != 10:
            continue
        reader = _Reader(data, section.payload_start, section.payload_end)
        for _ in range(reader.uleb()):
            start = reader.pos
            end = reader.uleb() + reader.pos
            for _ in range(reader.uleb()):
                reader.uleb()
                reader.byte()
            totals["(locals)"] = totals.get("(locals)", 0) + reader.pos - start
            while reader.pos < end:
                start = reader.pos
                name = _instruction(reader, by_code)
                totals[name] = totals.get(name, 0) + reader.pos - start
    return dict(sorted(totals.items(), key=lambda kv: -kv[1]))


def _instruction(reader: _Reader, by_code: dict) -> str:
    code = bytes([reader.byte()])
    if code == b"\xfc":
        code += bytes([reader.uleb()])
    if code not in by_code:
        raise WasmFormatError(f"opcode {code.hex()} not in compiler/wasm/opcodes.py")
    name, immediates = by_code[code]
    for kind in immediates:
        if kind == "f64":
            reader.pos += 8
        elif kind in ("block", "mem"):
            reader.byte()
        elif kind == "memarg":
            reader.uleb()
            reader.uleb()
        else:  # local, global, func, label, i32, i64: one LEB128
            while reader.byte() & 0x80:
                pass
    return name


def report(data: bytes, top: int = 25) -> str:
    """A readable breakdown: sections, parts, the largest functions and the bytes per opcode."""
    figures, module = measure(data), parse(data)
    lines = [f"total {figures['total']:,} bytes", "", "section        bytes"]
    lines += [f"{name:<14} {size:>6,}" for name, size in sorted(figures["sections"].items(), key=lambda kv: -kv[1])]
    lines += ["", "part      functions   code  names"]
    lines += [f"{p:<9} {e['functions']:>9} {e['code']:>6,} {e['names']:>6,}" for p, e in figures["parts"].items()]
    rows = sorted(((size, module.function_names.get(i, f"func[{i}]")) for i, size in module.code_sizes.items()),
                  reverse=True)
    lines += ["", f"largest {top} of {len(rows)} functions (code bytes)"]
    lines += [f"{size:>6,}  {name}" for size, name in rows[:top]]
    lines += ["", "code bytes per instruction"]
    lines += [f"{size:>6,}  {name}" for name, size in list(opcode_bytes(data).items())[:top]]
    return "\n".join(lines)


if __name__ == "__main__":
    import argparse
    import json
    parser = argparse.ArgumentParser(description="Bytes of wasm modules per section, part, function, opcode.")
    parser.add_argument("modules", nargs="+", type=Path)
    parser.add_argument("--json", action="store_true", help="the figures bench/run.py records, as JSON")
    parser.add_argument("--top", type=int, default=25, help="how many functions and opcodes to list")
    args = parser.parse_args()
    if args.json:
        print(json.dumps(run({p.name: p for p in args.modules}), indent=2))
    else:
        print("\n\n".join(f"== {p}\n" + report(p.read_bytes(), args.top) for p in args.modules))
