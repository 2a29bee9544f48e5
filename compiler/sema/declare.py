"""Declare: module-level names, function signatures and constant globals.

Problem: before any body can be checked, every module-level name must be known
with its type, across all modules and their ``from X import name`` bindings.
Accepts: a loaded ``Program``. Guarantees: every module's ``namespace`` maps
its top-level names to ``FuncSym``/``GlobalSym``/``Builtin``; every function
has typed parameters and a result; every global has a type and a compile-time
value; ``program.functions``/``program.globals`` list them. Anything else at
module level is a located diagnostic.
"""
from __future__ import annotations

import ast as py_ast
import operator

from ..diagnostics import CompileError, Diagnostic
from ..program import (BOOL, BUILTIN_MODULES, BYTES, INT, NONE, Builtin, FuncSym,
                       GlobalSym, Param, Program, SourceModule, Type)
from .unsupported import describe

INT64_MIN, INT64_MAX = -(1 << 63), (1 << 63) - 1
TYPE_NAMES = {"int": INT, "bool": BOOL, "bytes": BYTES}


class DeclareError(Exception):
    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic


def run(program: Program) -> Program:
    errors: list[Diagnostic] = []
    for module in program.modules.values():
        errors += _collect(program, module)
    errors += _bind_imports(program)
    if not errors:
        for fn in program.functions.values():
            errors += _guard(lambda fn=fn: _signature(fn))
        for g in program.globals.values():
            errors += _guard(lambda g=g: _global_value(program, g, set()))
    if errors:
        raise CompileError(errors)
    return program


def _guard(step) -> list[Diagnostic]:
    try:
        step()
    except DeclareError as err:
        return [err.diagnostic]
    return []


def _fail(module: SourceModule, py_node: py_ast.AST, message: str, help: str = "") -> DeclareError:
    return DeclareError(Diagnostic(module.loc(py_node), message, help))


def _collect(program: Program, module: SourceModule) -> list[Diagnostic]:
    errors = []
    for index, stmt in enumerate(module.tree.body):
        if isinstance(stmt, py_ast.ImportFrom):
            continue
        if index == 0 and isinstance(stmt, py_ast.Expr) and isinstance(stmt.value, py_ast.Constant):
            continue  # module docstring
        if isinstance(stmt, py_ast.FunctionDef):
            fn = FuncSym(f"{module.name}.{stmt.name}", module, stmt)
            module.namespace[stmt.name] = program.functions[fn.qualname] = fn
        elif isinstance(stmt, (py_ast.Assign, py_ast.AnnAssign)) and _single_name(stmt):
            name = _single_name(stmt)
            g = GlobalSym(f"{module.name}.{name}", module, stmt)
            module.namespace[name] = program.globals[g.qualname] = g
        else:
            message, help = describe(stmt)
            if isinstance(stmt, (py_ast.Assign, py_ast.AnnAssign, py_ast.Expr, py_ast.If, py_ast.For, py_ast.While)):
                message, help = ("only imports, functions and constant assignments are allowed at module level",
                                 "move this code into a function")
            errors.append(Diagnostic(module.loc(stmt), message, help))
    return errors


def _single_name(stmt: py_ast.Assign | py_ast.AnnAssign) -> str | None:
    targets = stmt.targets if isinstance(stmt, py_ast.Assign) else [stmt.target]
    if len(targets) == 1 and isinstance(targets[0], py_ast.Name) and stmt.value is not None:
        return targets[0].id
    return None


def _bind_imports(program: Program) -> list[Diagnostic]:
    """Bind ``from X import a as b``; repeat so re-exported names resolve too."""
    todo = [(m, stmt, alias) for m in program.modules.values()
            for stmt in m.tree.body if isinstance(stmt, py_ast.ImportFrom) for alias in stmt.names]
    while todo:
        left = [(m, s, a) for m, s, a in todo if not _bind_one(program, m, s, a)]
        if len(left) == len(todo):
            return [_import_error(program, m, s, a) for m, s, a in left]
        todo = left
    return []


def _bind_one(program: Program, module: SourceModule, stmt: py_ast.ImportFrom, alias: py_ast.alias) -> bool:
    target = stmt.module or ""
    local = alias.asname or alias.name
    if target in BUILTIN_MODULES:
        if alias.name not in BUILTIN_MODULES[target]:
            return False
        module.namespace[local] = Builtin(f"{target}.{alias.name}")
        return True
    found = program.modules[target].namespace.get(alias.name) if target in program.modules else None
    if found is None:
        return False
    module.namespace[local] = found
    return True


def _import_error(program: Program, module: SourceModule, stmt: py_ast.ImportFrom, alias: py_ast.alias) -> Diagnostic:
    if alias.name == "*":
        return Diagnostic(module.loc(stmt), "'from module import *' is not supported", "import the names you use")
    return Diagnostic(module.loc(stmt), f"module '{stmt.module}' has no name '{alias.name}'",
                      "check the spelling, or define it in that module")


def resolve_annotation(module: SourceModule, py_node: py_ast.AST | None) -> tuple[Type, str | None]:
    """(source type, boundary wasm type) of an annotation; ``i32`` is an int carried as i32."""
    if py_node is None or (isinstance(py_node, py_ast.Constant) and py_node.value is None):
        return NONE, None
    if isinstance(py_node, py_ast.Name):
        sym = module.namespace.get(py_node.id)
        if isinstance(sym, Builtin) and sym.name in ("abi.i32", "abi.i64"):
            return INT, sym.name[-3:]
        if sym is None and py_node.id in TYPE_NAMES:
            ty = TYPE_NAMES[py_node.id]
            return ty, ty.wasm
    raise _fail(module, py_node, "unsupported type annotation",
                "use int, bool, bytes or None (and i32/i64 from abi for host boundaries)")


def _signature(fn: FuncSym) -> None:
    node, module = fn.node, fn.module
    args = node.args
    if args.vararg or args.kwarg or args.kwonlyargs or args.posonlyargs or args.defaults:
        raise _fail(module, node, "*args, **kwargs, keyword-only parameters and defaults are not supported in this version",
                    "declare plain positional parameters")
    for arg in args.args:
        if arg.annotation is None:
            raise _fail(module, arg, f"parameter '{arg.arg}' needs a type annotation", f"write '{arg.arg}: int'")
        ty, wasm = resolve_annotation(module, arg.annotation)
        if ty is NONE:
            raise _fail(module, arg.annotation, "a parameter cannot have type None")
        fn.params.append(Param(arg.arg, ty, wasm or "i32"))
    fn.result, fn.result_wasm = resolve_annotation(module, node.returns)
    for decorator in node.decorator_list:
        _apply_decorator(fn, decorator)


def _apply_decorator(fn: FuncSym, decorator: py_ast.expr) -> None:
    module = fn.module
    callee = decorator.func if isinstance(decorator, py_ast.Call) else decorator
    sym = module.namespace.get(callee.id) if isinstance(callee, py_ast.Name) else None
    if sym == Builtin("abi.export") and callee is decorator:
        fn.export = fn.node.name
        return
    if sym == Builtin("abi.wasm_import") and isinstance(decorator, py_ast.Call):
        values = [a.value for a in decorator.args if isinstance(a, py_ast.Constant)]
        if len(values) == 2 == len(decorator.args) and all(isinstance(v, str) for v in values) and not decorator.keywords:
            fn.host = (values[0], values[1])
            return
        raise _fail(module, decorator, "wasm_import takes two string constants", 'write @wasm_import("env", "proxy_log")')
    raise _fail(module, decorator, "unsupported decorator", "only @export and @wasm_import(module, name) from abi are supported")


_BINARY = {py_ast.Add: operator.add, py_ast.Sub: operator.sub, py_ast.Mult: operator.mul,
           py_ast.FloorDiv: operator.floordiv, py_ast.Mod: operator.mod, py_ast.Pow: operator.pow,
           py_ast.LShift: operator.lshift, py_ast.RShift: operator.rshift,
           py_ast.BitAnd: operator.and_, py_ast.BitOr: operator.or_, py_ast.BitXor: operator.xor}
_UNARY = {py_ast.USub: operator.neg, py_ast.UAdd: operator.pos, py_ast.Invert: operator.invert,
          py_ast.Not: operator.not_}


def _global_value(program: Program, g: GlobalSym, active: set[str]) -> None:
    if g.ty is not None:
        return
    if g.qualname in active:
        raise _fail(g.module, g.node, "constant defined in terms of itself")
    active.add(g.qualname)
    node = g.node
    g.value = _constant(program, g.module, node.value, active)
    g.ty = BOOL if isinstance(g.value, bool) else INT if isinstance(g.value, int) else BYTES
    if isinstance(node, py_ast.AnnAssign):
        declared, _ = resolve_annotation(g.module, node.annotation)
        if declared is not g.ty:
            raise _fail(g.module, node.value, f"value of type {g.ty} does not match the annotation {declared}")


def _constant(program: Program, module: SourceModule, py_node: py_ast.expr, active: set[str]) -> object:
    """Evaluate a module-level initializer at compile time, with CPython's operators."""
    value = _constant_value(program, module, py_node, active)
    if not isinstance(value, (int, bytes)):
        raise _fail(module, py_node, f"constant expression gives a {type(value).__name__}, not an int",
                    "only int, bool and bytes constants are supported")
    if isinstance(value, int) and not isinstance(value, bool) and not INT64_MIN <= value <= INT64_MAX:
        raise _fail(module, py_node, "value does not fit in a 64-bit int", "int is 64-bit in compiled filters")
    return value


def _refuse_huge(module: SourceModule, py_node: py_ast.BinOp, left: int, right: int) -> None:
    """Stop before CPython would build a gigantic int (the result could not fit anyway)."""
    if isinstance(py_node.op, py_ast.LShift) and left != 0 and right > 64:
        raise _fail(module, py_node, "value does not fit in a 64-bit int", "int is 64-bit in compiled filters")
    if isinstance(py_node.op, py_ast.Pow) and abs(left) > 1 and right > 64:
        raise _fail(module, py_node, "value does not fit in a 64-bit int", "int is 64-bit in compiled filters")


def _constant_value(program: Program, module: SourceModule, py_node: py_ast.expr, active: set[str]) -> object:
    if isinstance(py_node, py_ast.Constant) and isinstance(py_node.value, (int, bytes)):
        return py_node.value
    if isinstance(py_node, py_ast.Name) and isinstance(module.namespace.get(py_node.id), GlobalSym):
        g = module.namespace[py_node.id]
        _global_value(program, g, active)
        return g.value
    if (isinstance(py_node, py_ast.UnaryOp) and isinstance(py_node.op, py_ast.USub)
            and isinstance(py_node.operand, py_ast.Constant) and py_node.operand.value == -INT64_MIN):
        return INT64_MIN
    try:
        if isinstance(py_node, py_ast.BinOp) and type(py_node.op) in _BINARY:
            left = _constant(program, module, py_node.left, active)
            right = _constant(program, module, py_node.right, active)
            if all(isinstance(v, int) for v in (left, right)):
                _refuse_huge(module, py_node, left, right)
                return _BINARY[type(py_node.op)](left, right)
        if isinstance(py_node, py_ast.UnaryOp) and type(py_node.op) in _UNARY:
            operand = _constant(program, module, py_node.operand, active)
            if isinstance(operand, int):
                return _UNARY[type(py_node.op)](operand)
    except (ArithmeticError, ValueError) as err:
        raise _fail(module, py_node, f"constant expression raises {type(err).__name__}: {err}")
    raise _fail(module, py_node, "module-level values must be int, bool or bytes constants in this version",
                "compute the value inside a function")
