"""Records (class instances and tuples): type ids, pointer maps and method dispatch.

Every record's header kind word carries its record id (``kind | id << 8``).
Class ids come from ``sema.classes`` (depth-first, so a class and its
subclasses form one id range); tuple types get ids after them. The record
table in the data segment holds one u64 pointer map per id: bit i set when
slot i holds a pointer the GC must trace. A method call on a class whose
subclasses override the method goes through a generated dispatcher that
switches on the record id.
"""
from __future__ import annotations

import struct

from .. import ir
from ..program import ClassInfo, FuncSym, Program, TupleType, Type
from ..sema.classes import truth_method


class ClassSupport:
    def __init__(self, program: Program, module: ir.Module):
        self.program = program
        self.module = module
        self.next_id = 1 + max((c.last_descendant_id for c in program.classes.values()), default=0)
        self.tuples: dict[TupleType, int] = {}

    def record_id(self, info: ClassInfo) -> int:
        return info.class_id

    def tuple_id(self, ty: TupleType) -> int:
        if ty not in self.tuples:
            self.tuples[ty] = self.next_id
            self.next_id += 1
        return self.tuples[ty]

    def dispatcher(self, fn: FuncSym, info: ClassInfo) -> str:
        """The function to call for ``fn`` on a receiver whose static class is ``info``."""
        overrides = [c for c in self._subclasses(info) if fn.name in c.methods and c.methods[fn.name] is not fn]
        if not overrides:
            return fn.qualname
        symbol = f"{fn.qualname}@dispatch.{info.name}"
        if symbol not in self.module.functions:
            self.module.functions[symbol] = self._dispatch_function(symbol, fn, info)
        return symbol

    def _subclasses(self, info: ClassInfo) -> list[ClassInfo]:
        return [c for c in self.program.classes.values() if info.class_id <= c.class_id <= info.last_descendant_id]

    def _implementation(self, cls: ClassInfo, name: str) -> FuncSym:
        while name not in cls.methods:
            cls = cls.base
        return cls.methods[name]

    def _dispatch_function(self, symbol: str, fn: FuncSym, info: ClassInfo) -> ir.Function:
        params = [(p.name if p.wasm == p.ty.wasm else f"{p.name}.arg", p.wasm) for p in fn.params]
        results = [fn.result_wasm] if fn.result_wasm else []
        body: list = [("local.get", params[0][0]), ("i32.load", 4), ("i32.const", 8), ("i32.shr_u",),
                      ("local.set", "class_id")]
        # Most derived classes first, so the first id match is the right implementation.
        for cls in sorted(self._subclasses(info), key=lambda c: -c.class_id):
            target = self._implementation(cls, fn.name)
            body += [("local.get", "class_id"), ("i32.const", cls.class_id), ("i32.eq",), ("if", "L", None)]
            body += [("local.get", name) for name, _ in params]
            body += [("call", target.qualname), ("return",), ("end",)]
        body += [("unreachable",)]
        return ir.Function(symbol, params, results, [("class_id", "i32")], body)

    def truth_function(self, info: ClassInfo) -> str | None:
        """A function (obj) -> i32 giving the truth value of an object whose static class is
        ``info``, switching on its runtime class; None when every such object is true."""
        classes = self._subclasses(info)
        if all(truth_method(c) is None for c in classes):
            return None
        symbol = f"{info.qualname}@truth"
        if symbol not in self.module.functions:
            body: list = [("local.get", "obj"), ("i32.load", 4), ("i32.const", 8), ("i32.shr_u",),
                          ("local.set", "class_id")]
            for cls in classes:
                body += [("local.get", "class_id"), ("i32.const", cls.class_id), ("i32.eq",), ("if", "L", None),
                         *_truth_of_instance(truth_method(cls)), ("return",), ("end",)]
            body += [("unreachable",)]
            self.module.functions[symbol] = ir.Function(symbol, [("obj", "i32")], ["i32"],
                                                        [("class_id", "i32"), ("length", "i64")], body)
        return symbol

    def record_table(self) -> bytes:
        maps = [0] * self.next_id
        for info in self.program.classes.values():
            maps[info.class_id] = _pointer_map(list(info.fields.values()))
        for ty, record_id in self.tuples.items():
            maps[record_id] = _pointer_map(list(ty.items))
        return b"".join(struct.pack("<Q", m) for m in maps)


def _pointer_map(types: list[Type]) -> int:
    if len(types) > 64:
        raise ValueError("records are limited to 64 fields")
    return sum(1 << index for index, ty in enumerate(types) if ty.pointer)


def _truth_of_instance(method: FuncSym | None) -> list:
    """The truth of ``obj`` given the method its class uses: __bool__'s result, __len__() != 0
    (a negative length raises ValueError, as in CPython), or true."""
    if method is None:
        return [("i32.const", 1)]
    if method.name == "__bool__":
        return [("local.get", "obj"), ("call", method.qualname)]
    return [("local.get", "obj"), ("call", method.qualname), ("local.tee", "length"), ("i64.const", 0),
            ("i64.lt_s",), ("if", "negative", None), ("call", "ValueError"), ("end",),
            ("local.get", "length"), ("i64.const", 0), ("i64.ne",)]
