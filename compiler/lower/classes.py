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
from ..program import INT, ClassInfo, FuncSym, Program, TupleType, Type
from ..sema.constants import fold
from ..sema.classes import inherited_method as inherited
from ..sema.classes import truth_method
from .expressions import ExprLowerer


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

    def dispatcher_with_defaults(self, fn: FuncSym, info: ClassInfo, omitted: tuple[int, ...], layout) -> str | None:
        """For a call that leaves out the parameters ``omitted`` (indices after self): a dispatcher
        that passes each implementation its *own* defaults, as CPython does, taking only the given
        arguments. None when every implementation has the same defaults there."""
        impls = {id(m): m for m in (self._implementation(c, fn.name) for c in self._subclasses(info))}
        if all(_defaults(m, omitted) == _defaults(fn, omitted) for m in impls.values()):
            return None
        symbol = f"{fn.qualname}@dispatch.{info.name}.defaults" + "".join(f".{i}" for i in omitted)
        if symbol in self.module.functions:
            return symbol
        params = [(p.name, p.wasm) for i, p in enumerate(fn.params) if i - 1 not in omitted]
        function = ir.Function(symbol, params, [fn.result_wasm] if fn.result_wasm else [], [("class_id", "i32")])
        emitter = ExprLowerer(function, layout)
        emitter.emit("local.get", params[0][0])
        for instr in _class_id_of(params[0][0])[1:]:
            emitter.emit(*instr)
        emitter.emit("local.set", "class_id")
        for cls in sorted(self._subclasses(info), key=lambda c: -c.class_id):
            target = self._implementation(cls, fn.name)
            emitter.emit("local.get", "class_id")
            emitter.emit("i32.const", cls.class_id)
            emitter.emit("i32.eq")
            emitter.emit("if", "L", None)
            emitter.emit("local.get", params[0][0])
            for index, param in enumerate(target.params[1:]):
                if index in omitted:
                    _push_default(emitter, target, param)
                else:
                    emitter.emit("local.get", fn.params[index + 1].name)
            emitter.emit("call", target.qualname)
            emitter.emit("return")
            emitter.emit("end")
        emitter.emit("unreachable")
        self.module.functions[symbol] = function
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

    def comparison_function(self, info: ClassInfo, name: str) -> str:
        """A function (a, b) -> i32 giving ``a == b`` (name ``__eq__``) or ``a != b`` (``__ne__``,
        defined by the class) for objects whose static class is ``info``, switching on a's runtime
        class: identity when it has no such method; a dataclass's generated __eq__ only for two
        objects of the same class (else False: CPython ends up comparing identities); a written
        method with the operands swapped when b's class is a proper subclass of a's, since CPython
        tries the right operand's reflected method first then."""
        symbol = f"{info.qualname}@{name}"
        if symbol not in self.module.functions:
            body: list = [*_class_id_of("a"), ("local.set", "a_id"), *_class_id_of("b"), ("local.set", "b_id")]
            for cls in self._subclasses(info):
                body += [("local.get", "a_id"), ("i32.const", cls.class_id), ("i32.eq",), ("if", "L", None),
                         *_compare_instances(cls, inherited(cls, name)), ("return",), ("end",)]
            body += [("unreachable",)]
            self.module.functions[symbol] = ir.Function(symbol, [("a", "i32"), ("b", "i32")], ["i32"],
                                                        [("a_id", "i32"), ("b_id", "i32")], body)
        return symbol

    def record_table(self) -> bytes:
        maps = [0] * self.next_id
        for info in self.program.classes.values():
            maps[info.class_id] = _pointer_map(list(info.fields.values()))
        for ty, record_id in self.tuples.items():
            maps[record_id] = _pointer_map(list(ty.items))
        return b"".join(struct.pack("<Q", m) for m in maps)


def _defaults(fn: FuncSym, omitted: tuple[int, ...]) -> list:
    return [fold(fn.module, fn.params[index + 1].default) if fn.params[index + 1].default is not None else None
            for index in omitted]


def _push_default(emitter, fn: FuncSym, param) -> None:
    if param.default is None:  # an override without this default: CPython raises TypeError
        emitter.emit("call", "TypeError")
        emitter.emit("unreachable")
        return
    value, ty = fold(fn.module, param.default)
    if param.wasm == "i32" and param.ty == INT:
        emitter.emit("i32.const", value)
        return
    emitter.constant(value, ty)
    emitter.coerce(ty, param.ty)


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
            ("i64.lt_s",), ("if", "negative", None), ("call", "ValueError.len"), ("end",),
            ("local.get", "length"), ("i64.const", 0), ("i64.ne",)]


def _class_id_of(local: str) -> list:
    return [("local.get", local), ("i32.load", 4), ("i32.const", 8), ("i32.shr_u",)]


def _compare_instances(cls: ClassInfo, method: FuncSym | None) -> list:
    if method is None:
        return [("local.get", "a"), ("local.get", "b"), ("i32.eq",)]
    call = [("local.get", "a"), ("local.get", "b"), ("call", method.qualname)]
    if getattr(method.node, "generated", False):
        same_class = [("local.get", "a_id"), ("local.get", "b_id"), ("i32.eq",)]
        return [*same_class, ("if", "same", "i32"), *call, ("else",), ("i32.const", 0), ("end",)]
    # b's class id in (cls, its last descendant]: a proper subclass instance.
    swapped = [("local.get", "b_id"), ("i32.const", cls.class_id + 1), ("i32.sub",),
               ("i32.const", cls.last_descendant_id - cls.class_id - 1), ("i32.le_u",)]
    if cls.last_descendant_id == cls.class_id:
        return call
    return [*swapped, ("if", "swap", "i32"), ("local.get", "b"), ("local.get", "a"), ("call", method.qualname),
            ("else",), *call, ("end",)]
