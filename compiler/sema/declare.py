"""Declare: module-level names, function signatures, classes and globals.

Problem: before any body can be checked, every module-level name must be known
with its type, across all modules and their ``from X import name`` bindings.
Accepts: a loaded ``Program``. Guarantees: every module's ``namespace`` maps
its top-level names to ``FuncSym``/``GlobalSym``/``ClassInfo``/``Builtin``;
every function and method has typed parameters (with constant defaults) and a
result; every class has its fields in slot order (see ``sema/classes.py``);
every global either has a compile-time value and type, or a runtime
initializer (typed later by ``check``); ``program.module_order`` lists
imported modules before the modules importing them.
"""
from __future__ import annotations

import ast as py_ast

from ..diagnostics import CompileError, Diagnostic
from ..program import (BUILTIN_MODULES, NONE, Builtin, ClassInfo, FuncSym, GlobalSym, Param,
                       Program, SourceModule, var_tuple_of)
from . import classes
from .collections_types import unavailable_import
from .exceptions import bind_builtin_names
from .constants import ConstantError, fold
from .types import TypeError_, annotation, is_subclass, resolve
from .unsupported import UNSUPPORTED, describe
from .generator_functions import generator_result
from .var_keywords import var_keyword_param



def run(program: Program) -> Program:
    errors: list[Diagnostic] = []
    for module in program.modules.values():
        errors += _collect(program, module)
    errors += _bind_imports(program)
    if errors:
        raise CompileError(errors)
    program.module_order = _module_order(program)
    bind_builtin_names(program)
    errors += _guard(lambda: classes.declare_all(program))
    for fn in list(program.functions.values()):
        errors += _guard(lambda fn=fn: signature(fn))
    for g in program.globals.values():
        errors += _guard(lambda g=g: _global(g))
    if not errors:
        errors += _guard(lambda: classes.finish_all(program))
    for fn in list(program.functions.values()):
        errors += _guard(lambda fn=fn: _conditional_export(program, fn))
    if errors:
        raise CompileError(errors)
    return program


def _guard(step) -> list[Diagnostic]:
    try:
        step()
    except TypeError_ as err:
        return [err.diagnostic]
    except CompileError as err:
        return err.diagnostics
    return []


def fail(module: SourceModule, py_node: py_ast.AST, message: str, help: str = "") -> TypeError_:
    return TypeError_(Diagnostic(module.loc(py_node), message, help))


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
        elif isinstance(stmt, py_ast.ClassDef):
            info = ClassInfo(f"{module.name}.{stmt.name}", module, stmt)
            module.namespace[stmt.name] = program.classes[info.qualname] = info
        elif isinstance(stmt, (py_ast.Assign, py_ast.AnnAssign)) and _single_name(stmt):
            name = _single_name(stmt)
            g = GlobalSym(f"{module.name}.{name}", module, stmt)
            module.namespace[name] = program.globals[g.qualname] = g
        elif isinstance(stmt, py_ast.Expr) and isinstance(stmt.value, py_ast.Call):
            # run at start-up in source order, e.g. set_root_context(MyRoot()) in a filter
            g = GlobalSym(f"{module.name}.<call line {stmt.lineno}>", module, stmt, statement=True)
            g.runtime_init = stmt.value
            program.globals[g.qualname] = g
        elif isinstance(stmt, py_ast.If) and _is_main_guard(stmt):
            continue  # 'if __name__ == "__main__":' only runs under CPython
        else:
            errors.append(Diagnostic(module.loc(stmt), *_module_level_error(stmt)))
    return errors


def _module_level_error(stmt: py_ast.stmt) -> tuple[str, str]:
    """A construct unsupported anywhere says so; other code (if, for, raise, ...) belongs in a function."""
    if type(stmt) in UNSUPPORTED:
        return describe(stmt)
    return ("only imports, functions, classes, global assignments and calls are allowed at module level",
            "move this code into a function")


def _is_main_guard(stmt: py_ast.If) -> bool:
    test = stmt.test
    return (isinstance(test, py_ast.Compare) and isinstance(test.left, py_ast.Name) and test.left.id == "__name__"
            and len(test.comparators) == 1 and isinstance(test.comparators[0], py_ast.Constant)
            and test.comparators[0].value == "__main__")


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
            return [_import_error(m, s, a) for m, s, a in left]
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


def _import_error(module: SourceModule, stmt: py_ast.ImportFrom, alias: py_ast.alias) -> Diagnostic:
    if alias.name == "*":
        return Diagnostic(module.loc(stmt), "'from module import *' is not supported", "import the names you use")
    problem = unavailable_import(alias.name) if stmt.module == "collections" else None
    if problem is not None:
        return Diagnostic(module.loc(stmt), *problem)
    if stmt.module in BUILTIN_MODULES:
        return Diagnostic(module.loc(stmt), f"'{alias.name}' from '{stmt.module}' is not supported",
                          f"supported: {', '.join(BUILTIN_MODULES[stmt.module])}")
    return Diagnostic(module.loc(stmt), f"module '{stmt.module}' has no name '{alias.name}'",
                      "check the spelling, or define it in that module")


def _module_order(program: Program) -> list[str]:
    order: list[str] = []
    seen: set[str] = set()

    def visit(name: str) -> None:
        if name in seen or name not in program.modules:
            return
        seen.add(name)
        for stmt in program.modules[name].tree.body:
            if isinstance(stmt, py_ast.ImportFrom):
                visit(stmt.module or "")
        order.append(name)
    for name in program.modules:
        visit(name)
    return order


def signature(fn: FuncSym) -> None:
    node, module = fn.node, fn.module
    args = node.args
    _plain_parameters(module, args)
    defaults = [None] * (len(args.args) - len(args.defaults)) + list(args.defaults)
    for index, (arg, default) in enumerate(zip(args.args, defaults)):
        if index == 0 and fn.owner is not None:
            fn.params.append(Param(arg.arg, classes.self_type(fn.owner), "i32"))
            continue
        if arg.annotation is None:
            raise fail(module, arg, f"parameter '{arg.arg}' needs a type annotation", f"write '{arg.arg}: int'")
        ty, wasm = annotation(module, arg.annotation)
        if ty == NONE:
            raise fail(module, arg.annotation, "a parameter cannot have type None")
        if default is not None and not getattr(default, "factory", False):
            _constant_default(module, default)
        fn.params.append(Param(arg.arg, ty, wasm or "i32", default))
    if args.vararg:
        fn.params.append(_var_positional(module, args.vararg))
    for arg, default in zip(args.kwonlyargs, args.kw_defaults):
        fn.params.append(_keyword_only(module, arg, default))
    if args.kwarg:
        fn.params.append(var_keyword_param(module, args.kwarg, fn))  # sema/var_keywords.py
    fn.result, fn.result_wasm = generator_result(fn) or annotation(module, node.returns)  # sema/generator_functions.py
    for decorator in node.decorator_list:
        _apply_decorator(fn, decorator)
    if args.kwarg and (fn.export or fn.host):
        raise fail(module, args.kwarg, "an exported or imported function cannot take **kwargs",
                   "take each parameter, or a dict[str, T] inside the program")
    if args.vararg and (fn.export or fn.host):
        raise fail(module, args.vararg, "an exported or imported function cannot take *args",
                   "take each parameter, or a list[T] inside the program")


def _plain_parameters(module: SourceModule, args: py_ast.arguments) -> None:
    """Only plain parameters: each other kind is reported at the parameter itself."""
    if args.posonlyargs:
        raise fail(module, args.posonlyargs[-1], "positional-only parameters (before '/') are not supported",
                   "remove the '/'")


def _var_positional(module: SourceModule, arg: py_ast.arg) -> Param:
    """``*args: T``: the extra positional arguments of a call, a ``tuple[T, ...]`` (sema/star_args.py)."""
    if arg.annotation is None:
        raise fail(module, arg, f"parameter '*{arg.arg}' needs a type annotation", f"write '*{arg.arg}: int'")
    ty, _ = annotation(module, arg.annotation)
    if ty == NONE:
        raise fail(module, arg.annotation, "a parameter cannot have type None")
    return Param(arg.arg, var_tuple_of(ty), "i32", var_positional=True)


def _keyword_only(module: SourceModule, arg: py_ast.arg, default: py_ast.expr | None) -> Param:
    """A parameter after '*': bound by keyword only (sema/check_calls.bind)."""
    if arg.annotation is None:
        raise fail(module, arg, f"parameter '{arg.arg}' needs a type annotation", f"write '{arg.arg}: int'")
    ty, wasm = annotation(module, arg.annotation)
    if default is not None:
        _constant_default(module, default)
    return Param(arg.arg, ty, wasm or "i32", default, keyword_only=True)


def _constant_default(module: SourceModule, default: py_ast.expr) -> None:
    """A constant, or a tuple of them (immutable: a fresh equal tuple per call is what CPython's
    one shared tuple shows, short of ``is``)."""
    if isinstance(default, py_ast.Tuple) and not any(isinstance(e, py_ast.Starred) for e in default.elts):
        for item in default.elts:
            _constant_default(module, item)
        return
    try:
        fold(module, default)
    except ConstantError:
        raise fail(module, default, "a default value must be a constant or a tuple of them",
                   "use None as the default and build the value inside the function") from None


def _apply_decorator(fn: FuncSym, decorator: py_ast.expr) -> None:
    module = fn.module
    callee = decorator.func if isinstance(decorator, py_ast.Call) else decorator
    sym = module.namespace.get(callee.id) if isinstance(callee, py_ast.Name) else None
    if sym == Builtin("abi.export") and callee is decorator and fn.owner is None:
        fn.export = fn.node.name
        return
    if sym == Builtin("abi.export_if_overridden") and isinstance(decorator, py_ast.Call) and fn.owner is None:
        _overridden_methods(fn, decorator)  # checked here; decided by _conditional_export
        return
    if sym == Builtin("abi.wasm_import") and isinstance(decorator, py_ast.Call) and fn.owner is None:
        values = [a.value for a in decorator.args if isinstance(a, py_ast.Constant)]
        if len(values) == 2 == len(decorator.args) and all(isinstance(v, str) for v in values) and not decorator.keywords:
            fn.host = (values[0], values[1])
            return
        raise fail(module, decorator, "wasm_import takes two string constants", 'write @wasm_import("env", "proxy_log")')
    raise fail(module, decorator, "unsupported decorator",
               "only @export and @wasm_import(module, name) from abi (and @dataclass on classes) are supported")


def _overridden_methods(fn: FuncSym, decorator: py_ast.Call) -> list[tuple[ClassInfo, str]]:
    """The (class, method) pairs named by ``@export_if_overridden("Class.method", ...)``."""
    module = fn.module
    named = [a.value for a in decorator.args if isinstance(a, py_ast.Constant) and isinstance(a.value, str)]
    if not named or len(named) != len(decorator.args) or decorator.keywords:
        raise fail(module, decorator, "export_if_overridden takes \"Class.method\" string constants",
                   'write @export_if_overridden("HttpContext.on_log")')
    pairs = []
    for text in named:
        class_name, _, method = text.partition(".")
        info = module.namespace.get(class_name)
        if not isinstance(info, ClassInfo) or classes.inherited_method(info, method) is None:
            raise fail(module, decorator, f"export_if_overridden: '{text}' names no method of a class "
                       f"in module '{module.name}'", "name a class this module imports and one of its methods")
        pairs.append((info, method))
    return pairs


def _conditional_export(program: Program, fn: FuncSym) -> None:
    """Export ``fn`` if some class overrides (defines in a subclass) a method its decorator names."""
    for decorator in fn.node.decorator_list:
        callee = decorator.func if isinstance(decorator, py_ast.Call) else decorator
        sym = fn.module.namespace.get(callee.id) if isinstance(callee, py_ast.Name) else None
        if sym != Builtin("abi.export_if_overridden"):
            continue
        for info, method in _overridden_methods(fn, decorator):
            if any(method in cls.methods and cls is not info and is_subclass(cls, info)
                   for cls in program.classes.values()):
                fn.export = fn.node.name
                return


def _global(g: GlobalSym) -> None:
    if g.statement:
        return  # a module-level call: typed by check like an initializer
    node, module = g.node, g.module
    declared = None
    if isinstance(node, py_ast.AnnAssign):
        declared = resolve(module, node.annotation)
    try:
        g.value, g.ty = fold(module, node.value)
    except ConstantError as err:
        if err.hard:
            raise fail(module, err.node, err.message, err.help) from None
        g.runtime_init = node.value  # evaluated at start-up; typed by check
        g.ty = declared
        return
    if declared is not None and declared != g.ty:
        g.runtime_init, g.value, g.ty = node.value, None, declared  # e.g. Optional[int] = 5: let check coerce
