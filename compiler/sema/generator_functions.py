"""Generator functions (``yield``, ``yield from``) where CPython consumes the generator at once.

A generator object is never a value here. A call ``gen(args)`` is accepted where a generator
expression is (sema/generators.py): as the iterable of a ``for`` loop or a comprehension, and as
the argument of any/all/sum/min/max/sorted/list/set/frozenset/str.join/list.extend/enumerate.
Lowering inlines the generator's body at each such place (lower/generator_inline.py): each
``yield v`` runs the consumer's work for the item ``v`` there, so the generator's code and the
consumer's interleave exactly as CPython's lazy iterator makes them.

Refused, because the inlined body would then differ from CPython: a generator kept as a value,
generators calling each other recursively, ``yield`` inside ``try`` (the consumer's exceptions
would meet the generator's handlers, and CPython raises GeneratorExit at an abandoned yield),
``yield`` used as a value (what ``send()`` passes), ``return value``, generator methods and
nested generator functions.
"""
from __future__ import annotations

import ast as py_ast

from .. import cache
from ..diagnostics import Diagnostic
from ..program import BOOL, BYTES, FLOAT, INT, NONE, STR, Builtin, FuncSym
from .types import TypeError_, resolve

ITERATOR_NAMES = ("typing.Iterator", "typing.Iterable", "typing.Generator",
                  "collections.abc.Iterator", "collections.abc.Iterable", "collections.abc.Generator")
KEPT = "a generator is supported only where it is consumed at once: as the iterable of a for loop " \
       "or a comprehension, or the argument of any(), all(), sum(), min(), max(), sorted(), list(), " \
       "set(), frozenset(), str.join() or list.extend()"
KEPT_HELP = "iterate it where it is made (for x in gen(...)), or keep list(gen(...))"
TAKES_ONE = ("list", "sorted", "set", "frozenset", "min", "max", "any", "all", "sum", "enumerate", "zip")
PLAIN_ITEMS = (INT, FLOAT, BOOL, STR, BYTES)  # comparing or hashing them runs no code of the program


def _fail(fn: FuncSym, node: py_ast.AST, message: str, help: str = "") -> TypeError_:
    return TypeError_(Diagnostic(fn.module.loc(node), message, help))


def own_nodes(body: list[py_ast.stmt]):
    """The nodes of a function body, not entering nested functions, lambdas or classes."""
    todo = list(body)
    while todo:
        node = todo.pop()
        yield node
        if not isinstance(node, (py_ast.FunctionDef, py_ast.AsyncFunctionDef, py_ast.Lambda, py_ast.ClassDef)):
            todo.extend(py_ast.iter_child_nodes(node))


def generator_result(fn: FuncSym):
    """(result, wasm) of a generator function: None, the items' type kept as ``fn.generator_item``;
    None for other functions. Checks what the inlining needs of the body (module docstring)."""
    if "yield" not in fn.module.text:
        return None  # most modules: no body to walk
    if not cache.function_fact(fn, "yields", lambda: (any(isinstance(n, (py_ast.Yield, py_ast.YieldFrom))
                                                          for n in own_nodes(fn.node.body)),))[0]:
        return None  # memoised per function's text: the walk below is for the few generators
    yields = [n for n in own_nodes(fn.node.body) if isinstance(n, (py_ast.Yield, py_ast.YieldFrom))]
    if not yields:
        return None
    if fn.owner is not None or "<locals>" in fn.qualname:
        raise _fail(fn, yields[0], "generator methods and nested generator functions are not supported",
                    "define a module-level generator function and pass it the object or values it needs")
    if fn.node.decorator_list:
        raise _fail(fn, fn.node.decorator_list[0], "a generator function takes no decorators (it cannot be "
                    "exported)", "export a function that consumes it: return list(gen(...))")
    fn.generator_item = _item_type(fn)
    statements = {id(s.value) for s in own_nodes(fn.node.body) if isinstance(s, py_ast.Expr)}
    for node in yields:
        if id(node) not in statements:
            raise _fail(fn, node, "'yield' is supported as a statement only: its value (what send() "
                        "passes in) is not", "write 'yield value' on its own line")
        if node.value is None:
            raise _fail(fn, node, "'yield' without a value is not supported", "yield a value: yield item")
    for node in own_nodes(fn.node.body):
        _refuse_in_generator(fn, node)
    fn.node.body = [_rewrite(s) for s in fn.node.body]
    return NONE, None


def _item_type(fn: FuncSym):
    ann = fn.node.returns
    if isinstance(ann, py_ast.Constant) and isinstance(ann.value, str):
        try:
            ann = py_ast.parse(ann.value, mode="eval").body
        except SyntaxError:
            ann = None
    name = ann.value.id if isinstance(ann, py_ast.Subscript) and isinstance(ann.value, py_ast.Name) else None
    sym = fn.module.namespace.get(name) if name else None
    args = (ann.slice.elts if isinstance(ann.slice, py_ast.Tuple) else [ann.slice]) if name else []
    if not (isinstance(sym, Builtin) and sym.name in ITERATOR_NAMES) or not args:
        raise _fail(fn, fn.node.returns or fn.node, f"generator function '{fn.name}' must be annotated "
                    "as returning Iterator[T]", "write '-> Iterator[int]' (from typing import Iterator)")
    if sym.name.endswith("Generator") and (len(args) != 3 or any(
            not (isinstance(a, py_ast.Constant) and a.value is None) for a in args[1:])):
        raise _fail(fn, ann, "a generator is supported as Generator[T, None, None] (nothing sent, "
                    "nothing returned)", "write '-> Iterator[T]'")
    if not sym.name.endswith("Generator") and len(args) != 1:
        raise _fail(fn, ann, f"{name} takes one type", f"write '-> {name}[int]'")
    item = resolve(fn.module, args[0])
    if item == NONE:
        raise _fail(fn, args[0], "a generator of None is not supported", "yield values of a type")
    return item


def _refuse_in_generator(fn: FuncSym, node: py_ast.AST) -> None:
    if isinstance(node, (py_ast.FunctionDef, py_ast.Lambda)):
        raise _fail(fn, node, "nested functions and lambdas are not supported in a generator function",
                    "define them at module level")
    if isinstance(node, py_ast.Return) and node.value is not None:
        raise _fail(fn, node, "a generator's 'return value' is not supported (only yield from or "
                    "StopIteration would see it)", "write a bare 'return'")
    if isinstance(node, (py_ast.Try, py_ast.With)):  # a with statement is a try/finally
        parts = node.body + getattr(node, "handlers", []) + getattr(node, "orelse", []) + getattr(node, "finalbody", [])
        inside = next((n for s in parts
                       for n in own_nodes([s]) if isinstance(n, (py_ast.Yield, py_ast.YieldFrom))), None)
        if inside is not None:
            raise _fail(fn, inside, "'yield' inside 'try' is not supported: the consumer's exceptions "
                        "would meet the generator's handlers, and CPython raises GeneratorExit at an "
                        "abandoned yield", "move the yield out of the try: compute the value inside it, "
                        "yield it after")


class YieldStatement(py_ast.Expr):
    """``yield value`` as a statement (lowered where the generator is inlined)."""


class GeneratorReturn(py_ast.Return):
    """A generator's bare ``return``: the end of its items."""


def _rewrite(stmt: py_ast.stmt) -> py_ast.stmt:
    """``yield from xs`` as ``for item in xs: yield item`` (what CPython does without send()),
    yields and returns as the statements above."""
    for node in own_nodes([stmt]):
        for field, value in py_ast.iter_fields(node):
            if isinstance(value, list) and value and isinstance(value[0], py_ast.stmt):
                setattr(node, field, [_statement(s) for s in value])
    return _statement(stmt)


def _statement(stmt: py_ast.stmt) -> py_ast.stmt:
    loc = dict(lineno=stmt.lineno, col_offset=stmt.col_offset, end_lineno=stmt.end_lineno,
               end_col_offset=stmt.end_col_offset)
    if isinstance(stmt, py_ast.Return):
        return GeneratorReturn(value=None, **loc)
    if not isinstance(stmt, py_ast.Expr):
        return stmt
    if isinstance(stmt.value, py_ast.Yield):
        return YieldStatement(value=stmt.value, **loc)
    if not isinstance(stmt.value, py_ast.YieldFrom):
        return stmt
    name = f"yielded@{stmt.lineno}.{stmt.col_offset}"
    each = YieldStatement(value=py_ast.Yield(value=py_ast.Name(id=name, ctx=py_ast.Load(), **loc), **loc), **loc)
    return py_ast.For(target=py_ast.Name(id=name, ctx=py_ast.Store(), **loc), iter=stmt.value.value,
                      body=[each], orelse=[], type_comment=None, **loc)


def generator_of(checker, node: py_ast.AST) -> FuncSym | None:
    """The generator function ``node`` calls, if it is a call of one by name."""
    if not (isinstance(node, py_ast.Call) and isinstance(node.func, py_ast.Name)):
        return None
    name = checker.comp_renames.get(node.func.id, node.func.id)
    if name in checker.local_names and name not in checker.global_names:
        return None
    sym = checker.module.namespace.get(name)
    return sym if isinstance(sym, FuncSym) and hasattr(sym, "generator_item") else None


def calls_itself(fn: FuncSym) -> bool:
    """Whether ``fn`` reaches a call of itself through the generator functions its body names."""
    seen: set[str] = set()
    todo = [fn]
    while todo:
        current = todo.pop()
        for node in own_nodes(current.node.body):
            if isinstance(node, py_ast.Call) and isinstance(node.func, py_ast.Name):
                callee = current.module.namespace.get(node.func.id)
                if isinstance(callee, FuncSym) and hasattr(callee, "generator_item"):
                    if callee is fn:
                        return True
                    if callee.qualname not in seen:
                        seen.add(callee.qualname)
                        todo.append(callee)
    return False


class GeneratorFunctionChecks:
    """Mixed into sema.check.FunctionChecker, before GeneratorChecks."""

    def stmt_YieldStatement(self, stmt: YieldStatement) -> None:
        self.use(stmt.value.value, self.fn.generator_item, what="a yielded value")
        stmt.value.ty = NONE
        self.forget_fields()  # the consumer's code runs here, and may assign any field

    def stmt_GeneratorReturn(self, stmt: GeneratorReturn) -> None:
        self.stmt_Return(stmt)

    def check_Yield(self, node, expected=None):
        if not hasattr(self.fn, "generator_item"):  # at module level
            raise self.unsupported(node)
        raise self.fail(node, "'yield' is supported as a statement only", "write 'yield value' on its own line")

    def check_Name(self, node, expected=None):
        self.refuse_generator_value(node)
        return super().check_Name(node, expected)

    def refuse_generator_value(self, node: py_ast.expr) -> None:
        name = self.comp_renames.get(node.id, node.id) if isinstance(node, py_ast.Name) else None
        sym = self.module.namespace.get(name) if name else None
        if hasattr(sym, "generator_item") and not (name in self.local_names and name not in self.global_names):
            raise self.fail(node, "a generator function is not a value here", KEPT_HELP)

    def check_Call(self, node: py_ast.Call, expected=None):
        if generator_of(self, node) is not None:
            raise self.fail(node, KEPT, KEPT_HELP)
        for keyword in node.keywords:  # sorted(xs, key=gen) names the key without checking it
            self.refuse_generator_value(keyword.value)
        self.consumed_generators(node)
        return super().check_Call(node, expected)

    def consumed_generators(self, node: py_ast.Call) -> None:
        """Make a generator call argument of a consumer ``(v for v in gen(...))``: the generator
        expression's paths then consume it (sema/generators.py)."""
        from .generators import as_generator
        func = node.func
        name = func.id if isinstance(func, py_ast.Name) and self.module.namespace.get(func.id) is None else \
            func.attr if isinstance(func, py_ast.Attribute) and func.attr in ("join", "extend") else None
        if name not in TAKES_ONE + ("join", "extend"):
            return
        for index, arg in enumerate(node.args):
            callee = generator_of(self, arg)
            if callee is None:
                continue
            if name in ("min", "max", "set", "frozenset") and callee.generator_item not in PLAIN_ITEMS:
                raise self.fail(arg, f"{name}() compares or hashes the items of a generator as they come: "
                                f"for {callee.generator_item} items that may run code of the program between them",
                                "make the list first: items = list(gen(...)), then " + f"{name}(items)")
            if name in ("min", "max") and node.keywords and any(k.arg == "key" for k in node.keywords):
                raise self.fail(arg, f"{name}() with key= calls the key between the items of a generator",
                                f"make the list first: items = list(gen(...)), then {name}(items, key=...)")
            node.args[index] = as_generator(arg)

    def iteration(self, owner, iterable):
        if isinstance(iterable, py_ast.Call):
            self.consumed_generators(iterable)  # enumerate(gen(...)), zip(gen(...), xs)
        fn = generator_of(self, iterable)
        if fn is None:
            return super().iteration(owner, iterable)
        if any(k.arg is None for k in iterable.keywords) or any(isinstance(a, py_ast.Starred) for a in iterable.args):
            raise self.fail(iterable, "a generator function is called with its arguments written out here",
                            "pass each argument: gen(a, b, key=c)")
        if calls_itself(fn):
            raise self.fail(iterable, f"generator function '{fn.name}' calls itself (directly or through "
                            "another generator): it is inlined where it is consumed", "build the items "
                            "with a recursive function returning a list")
        iterable.call = ("function", fn)
        self.bind(iterable, fn.params, fn.name, iterable.args, NONE)
        iterable.ty = NONE
        self.forget_fields()  # the generator's code runs between the items
        owner.iteration = ("generator_function", iterable, fn)
        return fn.generator_item
