"""Lowering of statements and whole functions (loops and iteration: ``loops.py``)."""
from __future__ import annotations

import ast as py_ast

from .. import ir
from ..program import ANY, BYTEARRAY, INT, NONE, DictType, FuncSym, GlobalSym, ListType, Type, VarTupleType
from ..sema.named_tuples import named_items
from .collections_ops import dict_read
from .comprehensions import ComprehensionLowerer
from .deletion import DeleteLowerer
from .dynamic_ops import DynamicOpLowerer
from .exceptions import ExceptionLowerer
from .loops import LoopLowerer
from .sets import SetLowerer
from .layout import Layout
from .list_unpack import ListUnpackLowerer
from .deques import item_access
from .user_keys import dict_symbol
from .generators import GeneratorLowerer
from .generator_inline import GeneratorInliner
from .itertools_loops import ItertoolsLowerer
from .walrus import WalrusLowerer


class FunctionLowerer(GeneratorInliner, ItertoolsLowerer, GeneratorLowerer, ComprehensionLowerer, WalrusLowerer, DeleteLowerer,
                      ExceptionLowerer, SetLowerer,
                      LoopLowerer, ListUnpackLowerer, DynamicOpLowerer):
    def __init__(self, fn: FuncSym, layout: Layout, classes):
        params = [(p.name if p.wasm == p.ty.wasm else f"{p.name}.arg", p.wasm) for p in fn.params]
        results = [fn.result_wasm] if fn.result_wasm else []
        super().__init__(ir.Function(fn.qualname, params, results, export=fn.export), layout)
        self.source = fn
        self.classes = classes
        self.loops: list[tuple[str, str]] = []  # (break label, continue label)
        self.try_frames: list = []  # exceptions.TryFrame of the try statements being lowered
        self.result_local: str | None = None  # a return's value while finally code runs

    def run(self) -> ir.Function:
        fn = self.source
        params = {p.name: p for p in fn.params}
        for name, ty in fn.locals.items():
            if name not in params or params[name].wasm != ty.wasm:
                self.fn.locals.append((name, ty.wasm))
        for p in fn.params:
            if p.wasm != p.ty.wasm:  # an int carried as i32 at the boundary
                self.emit("local.get", f"{p.name}.arg")
                self.emit("i64.extend_i32_s")
                self.emit("local.set", p.name)
        self.block(fn.node.body)
        if fn.result != NONE:
            self.emit("unreachable")  # the checker proved the end is never reached
        self.finish_closure()  # cells and captured variables (lower/closures.py)
        return self.fn

    def block(self, body: list[py_ast.stmt]) -> None:
        for stmt in body:
            getattr(self, f"stmt_{type(stmt).__name__}")(stmt)

    # -- assignment ------------------------------------------------------------------
    def store(self, target: py_ast.expr, ty: Type) -> None:
        """Pop a value of type ``ty`` into ``target``."""
        goal = self.target_type(target, ty) if isinstance(target, (py_ast.Name, py_ast.Attribute)) else ty
        if goal != ty:  # an unpacked item: an int boxed into an int | None, as assignments convert
            self.coerce(ty, goal)
            ty = goal
        if isinstance(target, py_ast.Name):
            sym = getattr(target, "sym", None)
            if isinstance(sym, GlobalSym):
                self.emit("global.set", sym.qualname)
            else:
                self.emit("local.set", getattr(target, "local_name", target.id))
        elif isinstance(target, py_ast.Tuple) and hasattr(target, "star_unpack"):
            self.store_starred_items(target, ty)  # first, *rest = parts (lower/list_unpack.py)
        elif isinstance(target, py_ast.Tuple) and isinstance(ty, (ListType, VarTupleType)):
            self.store_list_items(target, ty)  # a, b = lst (lower/list_unpack.py)
        elif isinstance(target, py_ast.Tuple):
            obj = self.stash("i32")
            items = named_items(ty) or ty.items  # a NamedTuple's slots are its fields in order
            for index, (element, item) in enumerate(zip(target.elts, items)):
                self.emit("local.get", obj)
                self.emit("i64.load", 8 + 8 * index)
                self.from_slot(item)
                self.store(element, item)
        elif isinstance(target, py_ast.Attribute):
            value = self.stash(ty.wasm)
            info = target.value.ty.info
            self.value(target.value)
            if target.attr == "__cause__" and "__suppress_context__" in info.fields:
                error = self.stash("i32")  # CPython's __cause__ setter also sets __suppress_context__
                self.emit("local.get", error)
                self.emit("i64.const", 1)
                self.emit("i64.store", self.field_offset(info, "__suppress_context__"))
                self.emit("local.get", error)
            self.emit("local.get", value)
            self.to_slot(ty)
            self.emit("i64.store", self.field_offset(info, target.attr))
        else:
            self.store_item(target, ty)

    def store_item(self, target: py_ast.Subscript, ty: Type) -> None:
        value = self.stash(ty.wasm)
        if isinstance(target.slice, py_ast.Slice) and target.value.ty != BYTEARRAY:
            return self.store_slice(target, value)
        base = target.value.ty
        if base == BYTEARRAY:
            return self.bytearray_store(target, value, ty)  # lower/bytearrays.py
        if base == ANY:
            return self.held_store_item(target, value)  # lower/dynamic_ops.py
        self.slot(target.value)
        if isinstance(base, DictType):
            self.slot(target.slice, base.key)
        else:
            self.value(target.slice, INT)
        self.emit("local.get", value)
        self.to_slot(ty)
        self.emit("call", dict_symbol(self, base, "dict_set") if isinstance(base, DictType) else item_access(base, True))

    def target_type(self, target: py_ast.expr, fallback: Type) -> Type:
        """The storage type of an assignment target (values are converted to it)."""
        if isinstance(target, py_ast.Name):
            sym = getattr(target, "sym", None)
            if isinstance(sym, GlobalSym):
                return sym.ty
            return self.source.locals[getattr(target, "local_name", target.id)]
        if isinstance(target, py_ast.Attribute):
            return target.value.ty.info.fields[target.attr]
        if isinstance(target, py_ast.Subscript):
            base = target.value.ty
            if base == ANY:
                return ANY
            if base == BYTEARRAY:
                return fallback  # an int, or the bytes-like assigned to a slice (lower/bytearrays.py)
            if isinstance(target.slice, py_ast.Slice):
                return fallback  # items[i:j] = a list of the same type (sema/deletion.py assign_slice)
            return base.value if isinstance(base, DictType) else base.item
        return fallback

    def stmt_Assign(self, stmt: py_ast.Assign) -> None:
        if hasattr(stmt, "property_call"):  # obj.name = value of a property: the setter's call
            return self.stmt_Expr(stmt.property_call)
        ty = self.target_type(stmt.targets[0], stmt.value.ty)
        self.value(stmt.value, ty)
        if len(stmt.targets) > 1:
            tmp = self.stash(ty.wasm)
            for target in stmt.targets:
                self.emit("local.get", tmp)
                self.store(target, self.target_type(target, ty))
            return
        self.store(stmt.targets[0], ty)

    def stmt_AnnAssign(self, stmt: py_ast.AnnAssign) -> None:
        if stmt.value is not None:
            ty = self.target_type(stmt.target, stmt.value.ty)
            self.value(stmt.value, ty)
            self.store(stmt.target, ty)

    def stmt_AugAssign(self, stmt: py_ast.AugAssign) -> None:
        target = stmt.target
        if isinstance(target, py_ast.Name):
            ty = self.target_type(target, stmt.operation.ty)
            self.value(stmt.operation, ty)
            self.store(target, ty)
            return
        if isinstance(target, py_ast.Subscript) and target.value.ty == ANY:
            return self.held_augmented(stmt, _Temp)  # lower/dynamic_ops.py
        # Evaluate the container (and key) once, as CPython does.
        holder = target.value
        self.value(holder)
        holder_tmp = self.stash("i32")
        key_tmp = None
        if isinstance(target, py_ast.Subscript):
            key_ty = holder.ty.key if isinstance(holder.ty, DictType) else INT
            self.value(target.slice, key_ty)
            key_tmp = self.stash(key_ty.wasm)
        temp = _Temp(holder_tmp, key_tmp, target)
        temp.ty = stmt.operation.left.ty
        stmt.operation.left = temp
        ty = self.target_type(target, stmt.operation.ty)
        self.value(stmt.operation, ty)
        result = self.stash(ty.wasm)
        self.emit("local.get", holder_tmp)
        if isinstance(target, py_ast.Attribute):
            self.emit("local.get", result)
            self.to_slot(ty)
            self.emit("i64.store", self.field_offset(holder.ty.info, target.attr))
            return
        self.emit("i64.extend_i32_u")
        self.emit("local.get", key_tmp)
        self.to_slot(holder.ty.key if isinstance(holder.ty, DictType) else INT)
        self.emit("local.get", result)
        self.to_slot(ty)
        self.emit("call", dict_symbol(self, holder.ty, "dict_set") if isinstance(holder.ty, DictType)
                  else item_access(holder.ty, True))

    def lower__Temp(self, node: "_Temp") -> None:
        """Re-read an augmented assignment's target from the temporaries holding its parts."""
        target = node.target
        if getattr(node, "held", False):
            return self.held_reread(node)  # lower/dynamic_ops.py
        self.emit("local.get", node.holder)
        if isinstance(target, py_ast.Attribute):
            self.emit("i64.load", self.field_offset(target.value.ty.info, target.attr))
            self.from_slot(node.ty)
            return
        base = target.value.ty
        self.emit("i64.extend_i32_u")
        self.emit("local.get", node.key)
        if isinstance(base, DictType):
            self.to_slot(base.key)
            dict_read(self, base, node.ty)  # d[k] += 1 of a defaultdict or Counter too
        else:
            self.call_runtime(item_access(base, False), node.ty)

    # -- simple statements ----------------------------------------------------------------
    def stmt_Expr(self, stmt: py_ast.Expr) -> None:
        if not hasattr(stmt.value, "ty"):
            return  # docstring
        self.lower(stmt.value)
        if stmt.value.ty != NONE:
            self.emit("drop")

    def stmt_Pass(self, stmt: py_ast.Pass) -> None:
        pass

    def stmt_Global(self, stmt: py_ast.Global) -> None:
        pass

    def stmt_Assert(self, stmt: py_ast.Assert) -> None:
        self.truthy(stmt.test)
        self.emit("i32.eqz")
        self.emit("if", self.fresh("L"), None)
        if stmt.msg is None:
            self.emit("call", "AssertionError")
        else:
            self.stmt_Raise(stmt.raised)
        self.emit("end")

    def stmt_Return(self, stmt: py_ast.Return) -> None:
        fn = self.source
        if stmt.value is not None and fn.result != NONE:
            self.boundary_argument(stmt.value, fn.result, fn.result_wasm)
        self.leave(("return",))

    def stmt_Break(self, stmt: py_ast.Break) -> None:
        self.leave(("br", self.loops[-1][0], len(self.loops) - 1))

    def stmt_Continue(self, stmt: py_ast.Continue) -> None:
        self.leave(("br", self.loops[-1][1], len(self.loops) - 1))

    def stmt_If(self, stmt: py_ast.If) -> None:
        self.truthy(stmt.test)
        self.emit("if", self.fresh("L"), None)
        self.block(stmt.body)
        if stmt.orelse:
            self.emit("else")
            self.block(stmt.orelse)
        self.emit("end")

    # -- loops --------------------------------------------------------------------------------
    def stmt_While(self, stmt: py_ast.While) -> None:
        def test(exit_label: str) -> None:
            self.truthy(stmt.test)
            self.emit("i32.eqz")
            self.emit("br_if", exit_label)
        self.loop_frame(lambda: self.block(stmt.body), test, lambda: None, lambda: self.block(stmt.orelse))

    def stmt_For(self, stmt: py_ast.For) -> None:
        self.iterate(stmt, stmt.target, lambda: self.block(stmt.body), lambda: self.block(stmt.orelse))


class _Temp(py_ast.expr):
    """An augmented assignment's target, read back from temporaries."""

    def __init__(self, holder: str, key: str | None, target: py_ast.expr):
        super().__init__()
        self.holder, self.key, self.target = holder, key, target
        self.ty = None
