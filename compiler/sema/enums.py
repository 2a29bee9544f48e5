"""``enum.Enum`` with int or str values: each member is one object (fields ``name`` and ``value``)
made at start-up, read as ``Color.RED``; members compare by identity, as CPython's do.

Uses of the class as a collection are rewritten before checking into calls and reads of
generated functions and globals (names no source can spell): ``Color(v)`` looks a member up by
value (ValueError "v is not a valid Color"), ``Color["RED"]`` by name (KeyError), and ``Color``
iterated (``for``, comprehensions, ``len``, ``list``, ``sorted``..., ``in``) is the list of members
in definition order. Fields cannot be assigned (CPython raises AttributeError); aliases (two names
for one value), ``auto()``, Flag and subclassing an enum are refused. IntEnum: sema/int_enums.py.
"""
from __future__ import annotations

import ast as py_ast

from ..diagnostics import Diagnostic
from . import flags
from ..program import INT, STR, Builtin, optional_of, ClassInfo, FuncSym, GlobalSym, Program
from .types import TypeError_

SHOWN = "<repr>"  # each member's repr, <Color.RED: 1>: the third field (runtime/dicts.py KEY_ENUM reads it)
ITERATING_CALLS = ("len", "list", "sorted", "tuple", "enumerate", "reversed", "set", "frozenset", "any", "all")


def _fail(info: ClassInfo, py_node: py_ast.AST, message: str, help: str = "") -> TypeError_:
    return TypeError_(Diagnostic(info.module.loc(py_node), message, help))


def is_enum_base(info: ClassInfo, base: py_ast.expr) -> bool:
    sym = info.module.namespace.get(base.id) if isinstance(base, py_ast.Name) else None
    if isinstance(sym, ClassInfo) and getattr(sym, "enum", False):
        raise _fail(info, base, f"{sym.name} is an Enum and cannot be subclassed", "CPython raises TypeError")
    if sym not in (Builtin("enum.Enum"), Builtin("enum.IntEnum"), Builtin("enum.Flag")):
        return False
    info.enum = True
    info.flag = sym == Builtin("enum.Flag")  # sema/flags.py
    info.int_enum = sym == Builtin("enum.IntEnum")  # its members act as ints: sema/int_enums.py
    info.dataclass_options = {"frozen": True}  # no field assignment (sema/dataclass_options.py)
    return True


def is_member_read(module, node: py_ast.expr) -> bool:
    """``Color.RED`` of an enum class of the program."""
    if not (isinstance(node, py_ast.Attribute) and isinstance(node.value, py_ast.Name)):
        return False
    info = module.namespace.get(node.value.id)
    return isinstance(info, ClassInfo) and getattr(info, "enum", False) and node.attr in info.constants


def hidden(kind: str, info: ClassInfo) -> str:
    return f"<enum {kind} {info.qualname}>"


def declare_enum(program: Program, info: ClassInfo, declare_method) -> None:
    members: dict[str, py_ast.Assign] = {}
    for index, stmt in enumerate(info.node.body):
        if index == 0 and isinstance(stmt, py_ast.Expr) and isinstance(stmt.value, py_ast.Constant) \
                or isinstance(stmt, py_ast.Pass):
            continue
        if isinstance(stmt, py_ast.FunctionDef):
            if stmt.name.startswith("__"):
                raise _fail(info, stmt, f"{stmt.name} in an Enum is not supported",
                            "CPython's Enum machinery calls it: write an ordinary method")
            declare_method(program, info, stmt)
        elif isinstance(stmt, py_ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], py_ast.Name) \
                and not stmt.targets[0].id.startswith("_"):
            members[stmt.targets[0].id] = stmt
        else:
            raise _fail(info, stmt, "an Enum body holds members (NAME = int or str constant) and methods",
                        "move this code to module level")
    values = [_member_value(info, stmt) for stmt in members.values()]
    if not values:
        raise _fail(info, info.node, "an Enum needs at least one member", "add NAME = value lines")
    kinds = {type(v) for v in values}
    if getattr(info, "int_enum", False) and kinds != {int}:
        raise _fail(info, info.node, "IntEnum values must be int constants here", "write the values as int constants")
    if len(kinds) != 1:
        raise _fail(info, info.node, "Enum values must be all int or all str here",
                    "use one kind of value (write numbers as str, or codes as int)")
    for (name, stmt), value in zip(members.items(), values):
        stmt.member_value = value
        if values.index(value) != list(members).index(name):
            raise _fail(info, stmt, f"{name} is an alias (its value {value!r} is taken)",
                        "give each member its own value")
    if info.flag:
        flags.check_values(info, members, values, _fail)
        info.flag_mask = sum(values)
    value_ty = INT if int in kinds else STR
    info.fields = {"name": optional_of(STR) if info.flag else STR, "value": value_ty, SHOWN: STR}
    lookup = flags.lookup_source(info, values, list(members)) if info.flag else ""
    _generated(program, info, declare_method, value_ty, lookup)
    info.module.namespace[hidden("new", info)] = info
    for name, stmt in members.items():
        value = stmt.member_value
        call = py_ast.Call(func=py_ast.Name(id=hidden("new", info), ctx=py_ast.Load()),
                           args=[py_ast.Constant(name), stmt.value, py_ast.Constant(_shown(info, name, value))],
                           keywords=[])
        g = GlobalSym(f"{info.qualname}.{name}", info.module, _assign(name, call, stmt))
        info.constants[name] = program.globals[g.qualname] = g
    element = [py_ast.Attribute(value=py_ast.Name(id=info.name, ctx=py_ast.Load()), attr=n, ctx=py_ast.Load())
               for n in members]
    g = GlobalSym(hidden("members", info), info.module, _assign("members", py_ast.List(elts=element, ctx=py_ast.Load()),
                                                                info.node))
    program.globals[g.qualname] = info.module.namespace[g.qualname] = g
    if info.flag:  # composite values made by the lookup, each once (sema/flags.py)
        empty = py_ast.Subscript(value=py_ast.Name(id=hidden("members", info), ctx=py_ast.Load()),
                                 slice=py_ast.Slice(upper=py_ast.Constant(0)), ctx=py_ast.Load())
        g = GlobalSym(hidden("pseudo", info), info.module, _assign("pseudo", empty, info.node))
        program.globals[g.qualname] = info.module.namespace[g.qualname] = g


def _member_value(info: ClassInfo, stmt: py_ast.Assign) -> object:
    value = stmt.value
    if isinstance(value, py_ast.Constant) and type(value.value) in (int, str):
        return value.value
    if isinstance(value, py_ast.UnaryOp) and isinstance(value.op, py_ast.USub) and isinstance(value.operand, py_ast.Constant) \
            and type(value.operand.value) is int:
        return -value.operand.value
    raise _fail(info, value, "an Enum member's value must be an int or str constant", "auto() is not supported")


def _shown(info: ClassInfo, name: str, value: object) -> str:
    return f"<{info.name}.{name}: {value!r}>"


def _assign(name: str, value: py_ast.expr, where: py_ast.AST) -> py_ast.Assign:
    node = py_ast.Assign(targets=[py_ast.Name(id=name, ctx=py_ast.Store())], value=value)
    for sub in py_ast.walk(node):
        py_ast.copy_location(sub, where)
    return node


ENUM_STR = """
    def __str__(self) -> str:
        return "{name}." + self.name
"""


def _generated(program: Program, info: ClassInfo, declare_method, value_ty, flag_lookup: str) -> None:
    name, quoted = info.name, repr(info.name)
    source = f"""
class {name}:
    def __init__(self, name: {info.fields["name"]}, value: {value_ty}, shown: str) -> None:
        self.name = name
        self.value = value
        self.SHOWN = shown
{flags.STR_METHOD.format(name=name) if flag_lookup else "" if info.int_enum else ENUM_STR.format(name=name)}
def by_value(value: {value_ty}) -> {quoted}:
    for member in MEMBERS:
        if member.value == value:
            return member
    raise ValueError(f"{{value!r}} is not a valid {name}")
def by_name(name: str) -> {quoted}:
    for member in MEMBERS:
        if member.name == name:
            return member
    raise KeyError(name)
""" + flag_lookup
    tree = py_ast.parse(source)
    if flag_lookup:  # by_value replaced by the Flag's
        tree.body[1] = tree.body.pop(3)
    for sub in py_ast.walk(tree):
        if hasattr(sub, "lineno"):
            sub.lineno, sub.col_offset = info.node.lineno, info.node.col_offset
            sub.end_lineno, sub.end_col_offset = info.node.lineno, None
        if isinstance(sub, py_ast.Name) and sub.id in ("MEMBERS", "PSEUDO", "BITS"):
            sub.id = hidden({"MEMBERS": "members", "PSEUDO": "pseudo", "BITS": "bits"}[sub.id], info)
    init = tree.body[0].body[0]
    init.body[2].targets[0].attr = SHOWN  # a field no source can name
    init.generated = True
    declare_method(program, info, init)
    for method in tree.body[0].body[1:]:  # str(): Color.RED; a Flag's P.R|W, P(0) and `in` (sema/flags.py)
        method.generated = True
        declare_method(program, info, method)
    for node, kind in zip(tree.body[1:], ("lookup", "by-name", "bits")):
        node.name = hidden(kind, info)
        node.generated = True
        fn = FuncSym(f"{info.module.name}.{node.name}", info.module, node)
        program.functions[fn.qualname] = info.module.namespace[node.name] = fn


def enums_first(program: Program) -> None:
    """Members are made before any other global's initializer, which may read them."""
    for key in [k for k, g in program.globals.items() if not g.qualname.startswith("<enum")
                and not _is_member(program, g)]:
        program.globals[key] = program.globals.pop(key)


def _is_member(program: Program, g: GlobalSym) -> bool:
    owner = program.classes.get(g.qualname.rsplit(".", 1)[0])
    return owner is not None and getattr(owner, "enum", False)


def rewrite_uses(program: Program) -> None:
    """Rewrite every use of an enum class as a collection (see the module docstring)."""
    for module in program.modules.values():
        enums = {n: s for n, s in module.namespace.items() if isinstance(s, ClassInfo) and getattr(s, "enum", False)
                 and not n.startswith("<")}
        if enums:
            _Rewriter(module, enums).visit(module.tree)


class _Rewriter(py_ast.NodeTransformer):
    def __init__(self, module, enums: dict[str, ClassInfo]):
        self.module, self.enums = module, enums

    def enum_of(self, node: py_ast.AST) -> ClassInfo | None:
        return self.enums.get(node.id) if isinstance(node, py_ast.Name) and isinstance(node.ctx, py_ast.Load) else None

    def name(self, kind: str, info: ClassInfo, where: py_ast.AST) -> py_ast.Name:
        ident = hidden(kind, info)
        self.module.namespace[ident] = info.module.namespace[ident]
        return py_ast.copy_location(py_ast.Name(id=ident, ctx=py_ast.Load()), where)

    def members(self, node: py_ast.expr) -> py_ast.expr:
        info = self.enum_of(node)
        return self.name("members", info, node) if info is not None else node

    def visit_Call(self, node: py_ast.Call) -> py_ast.AST:
        self.generic_visit(node)
        info = self.enum_of(node.func)
        if info is not None:
            node.func = self.name("lookup", info, node.func)
        elif isinstance(node.func, py_ast.Name) and node.func.id in ITERATING_CALLS and node.args:
            node.args[0] = self.members(node.args[0])
        return node

    def visit_Subscript(self, node: py_ast.Subscript) -> py_ast.AST:
        self.generic_visit(node)
        info = self.enum_of(node.value)
        if info is None or not isinstance(node.ctx, py_ast.Load):
            return node
        call = py_ast.Call(func=self.name("by-name", info, node.value), args=[node.slice], keywords=[])
        return py_ast.copy_location(call, node)

    def visit_For(self, node: py_ast.For) -> py_ast.AST:
        self.generic_visit(node)
        node.iter = self.members(node.iter)
        return node

    def visit_comprehension(self, node: py_ast.comprehension) -> py_ast.AST:
        self.generic_visit(node)
        node.iter = self.members(node.iter)
        return node

    def visit_Compare(self, node: py_ast.Compare) -> py_ast.AST:
        self.generic_visit(node)
        node.comparators = [self.members(c) if isinstance(op, (py_ast.In, py_ast.NotIn)) else c
                            for op, c in zip(node.ops, node.comparators)]
        return node
