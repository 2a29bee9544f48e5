"""An exception's arguments: ``ValueError("bad", 3)``, ``KeyError(5)``, and ``e.args``.

CPython keeps every constructor argument in ``e.args`` and shows them in ``str(e)``/``repr(e)``.
One str argument, or none, takes the plain path (the message field: runtime/exceptions.py).
Any other arguments are passed as a list of Anys (``_exc_arguments``), whose text the runtime
makes as CPython (runtime/exception_args.py). An argument must be a value whose text is exact
here: None, a number, str, bytes or an Any (an object's would be its own __str__/__repr__).

``e.args`` has a length known only at run time, and a tuple's type here fixes its length, so it is
read through the exception's methods: ``e.args[i]`` (an Any; IndexError as CPython's),
``len(e.args)``, ``str()``/``repr()``/f-string of it (a tuple's text) and ``for x in e.args``.

A class whose ``__init__`` may not reach ``BaseException.__init__`` keeps what its constructor was
passed by position as ``e.args``, as CPython's ``BaseException.__new__`` does (lower/exceptions.py
``keeping_arguments``). Also here: the located refusals of ``e.__context__`` and its kin.
"""
from __future__ import annotations

import ast as py_ast

from ..program import ANY, BOOL, BYTES, FLOAT, INT, NONE, STR, DictType, FuncSym, ListType, dict_of, list_of, \
    OptionalType, Type, UnionType
from .classes import inherited_method
from .exceptions import RUNTIME_EXCEPTIONS, is_exception

SCALARS = (INT, BOOL, FLOAT, STR, BYTES, NONE, ANY)
ARGS_HELP = "read e.args[0], len(e.args) or str(e.args), or loop over it: for item in e.args"


def takes_arguments(init: FuncSym | None) -> bool:
    """BaseException.__init__ or KeyError.__init__ of the runtime: CPython's ``*args``."""
    return init is not None and init.module.name == RUNTIME_EXCEPTIONS and init.owner is not None \
        and init.owner.name in ("BaseException", "KeyError")


def reaches_base_init(init: FuncSym) -> bool:
    """Every run of ``init`` calls BaseException.__init__ (through super() calls), which sets
    e.args: a top-level ``super().__init__(...)`` with no ``return`` before it."""
    if init.module.name == RUNTIME_EXCEPTIONS:
        return True
    body = init.node.body
    for index, stmt in enumerate(body):
        if isinstance(stmt, py_ast.Expr) and _is_super_init(stmt.value):
            if any(isinstance(n, py_ast.Return) for s in body[:index] for n in py_ast.walk(s)):
                return False
            parent = inherited_method(init.owner.base, "__init__")
            return parent is not None and reaches_base_init(parent)
    return False


def _is_super_init(node: py_ast.AST) -> bool:
    return (isinstance(node, py_ast.Call) and isinstance(node.func, py_ast.Attribute) and node.func.attr == "__init__"
            and isinstance(node.func.value, py_ast.Call) and isinstance(node.func.value.func, py_ast.Name)
            and node.func.value.func.id == "super")


def _plain_text(node: py_ast.expr) -> bool:
    """A str for sure without checking it (if it checks at all): a str literal, an f-string, a sum
    with one of them, or a choice between two of them."""
    if isinstance(node, py_ast.BinOp) and isinstance(node.op, py_ast.Add):
        return _plain_text(node.left) or _plain_text(node.right)
    if isinstance(node, py_ast.IfExp):
        return _plain_text(node.body) and _plain_text(node.orelse)
    return isinstance(node, py_ast.JoinedStr) or (isinstance(node, py_ast.Constant) and isinstance(node.value, str))


def _shown_exactly(ty: Type) -> bool:
    if isinstance(ty, OptionalType):
        return _shown_exactly(ty.inner)
    if isinstance(ty, UnionType):
        return all(_shown_exactly(m) for m in ty.members)
    if isinstance(ty, (ListType, DictType)):
        return ty == list_of(ANY) or ty == dict_of(STR, ANY)
    return ty in SCALARS


def _at(new: py_ast.AST, old: py_ast.AST) -> py_ast.AST:
    return py_ast.copy_location(new, old)


class ExceptionArgsChecks:
    """Mixed into the call checker."""

    def keep_constructor_arguments(self, node: py_ast.Call, name: str, init: FuncSym) -> None:
        """``E(a, b)`` where E's ``__init__`` may not call ``super().__init__``: CPython's
        ``BaseException.__new__`` sets ``e.args = (a, b)`` before ``__init__`` runs (a later
        ``super().__init__(...)`` replaces them): lower/exceptions.py keeps the arguments so."""
        params = init.params[1:]
        if getattr(node, "evaluation_order", None) is not None:
            raise self.fail(node, f"{name}() must take its keyword arguments in parameter order here: its __init__ "
                            "does not always call super().__init__, so e.args are kept as the call passes them",
                            f"reorder them, or call super().__init__(...) first in {name}.__init__")
        for param in params[:len(node.args)]:  # e.args: the arguments passed by position
            if not _shown_exactly(param.ty) or param.wasm != param.ty.wasm:
                raise self.fail(node, f"{name}() keeps its arguments in e.args (its __init__ does not always call "
                                f"super().__init__), and '{param.name}' is a {param.ty}",
                                f"call super().__init__(...) first in {name}.__init__")
        node.keeps_arguments = True

    def constructor_arguments(self, node: py_ast.Call, name: str) -> bool:
        bare = _at(py_ast.Call(func=node.func, args=[], keywords=[]), node)
        return self.exception_arguments(node, name, bare)

    def super_arguments(self, node: py_ast.Call) -> bool:
        myself = _at(py_ast.Name(id=self.fn.node.args.args[0].arg, ctx=py_ast.Load()), node)
        return self.exception_arguments(node, "super().__init__", myself)

    def exception_arguments(self, node: py_ast.Call, name: str, receiver: py_ast.expr) -> bool:
        """``E(a, b)`` -> ``E()._exc_with_args([a, b])`` and ``super().__init__(a, b)`` ->
        ``self._exc_init_args([a, b])`` (``receiver`` is ``E()`` or ``self``), checked, unless the
        call passes one str or nothing (then False: the plain __init__ takes it)."""
        if node.keywords:
            raise self.fail(node, f"{name}() takes no keyword arguments",
                            f"pass the arguments by position: {name}(\"...\")")
        args = node.args
        if self.module.name.startswith("compiler.runtime."):
            return False  # the runtime's own exceptions pass what their __init__ takes
        if not args or (len(args) == 1 and (_plain_text(args[0]) or self._str_name(args[0]))):
            return False
        for arg in args:
            if isinstance(arg, py_ast.Starred):
                raise self.unsupported(arg)
        items = _at(py_ast.List(elts=list(args), ctx=py_ast.Load()), args[0])
        self.use(items, list_of(ANY), what=f"the arguments of {name}()")
        for arg in args:
            ty = getattr(arg, "ty", None)
            if not _shown_exactly(ty):
                raise self.fail(arg, f"an exception's argument must be None, a number, str, bytes or an Any, not {ty}",
                                f"pass its text: {name}(f\"...\")")
            if ty == ANY:
                self.held_text_allowed(arg, ANY)  # str(e) shows it
        method = "_exc_init_args" if isinstance(receiver, py_ast.Name) else "_exc_with_args"
        func = _at(py_ast.Attribute(value=receiver, attr=method, ctx=py_ast.Load()), node)
        replacement = _at(py_ast.Call(func=func, args=[items], keywords=[]), node)
        self.check(replacement)
        node.call = ("rewritten", replacement)
        return True

    def _str_name(self, arg: py_ast.expr) -> bool:
        """A name holding a str (a name's check has no effect, so checking it again is harmless)."""
        return isinstance(arg, py_ast.Name) and self.check(arg) == STR

    # -- e.args ------------------------------------------------------------------------------
    def args_receiver(self, node: py_ast.expr) -> py_ast.expr | None:
        """``X`` of ``X.args`` where X is a name bound to an exception, else None."""
        if not (isinstance(node, py_ast.Attribute) and node.attr == "args" and isinstance(node.value, py_ast.Name)):
            return None
        if node.value.id not in self.local_names and node.value.id not in self.comp_renames:
            return None
        ty = self.check(node.value)
        if not is_exception(ty) or "args" in ty.info.fields:
            return None
        return node.value

    def args_method(self, receiver: py_ast.expr, method: str, args: list[py_ast.expr]) -> py_ast.Call:
        func = _at(py_ast.Attribute(value=receiver, attr=method, ctx=py_ast.Load()), receiver)
        call = _at(py_ast.Call(func=func, args=args, keywords=[]), receiver)
        self.check(call)
        return call

    def args_item(self, node: py_ast.Subscript) -> Type | None:
        """``e.args[i]``: an Any."""
        receiver = self.args_receiver(node.value)
        if receiver is None:
            return None
        if isinstance(node.slice, py_ast.Slice):
            raise self.fail(node, "e.args cannot be sliced here", ARGS_HELP)
        self.use_int(node.slice, what="an index")
        node.replaced_by = self.args_method(receiver, "_exc_arg", [node.slice])
        return ANY

    def args_list(self, node: py_ast.expr) -> py_ast.Call | None:
        """``e.args`` where its items are taken in turn (len(), a for loop): a list of Anys."""
        receiver = self.args_receiver(node)
        return None if receiver is None else self.args_method(receiver, "_exc_args", [])

    def args_text(self, node: py_ast.expr) -> py_ast.Call | None:
        """str(e.args) and repr(e.args): the tuple's text."""
        receiver = self.args_receiver(node)
        return None if receiver is None else self.args_method(receiver, "_exc_args_repr", [])

    def refuse_exception_attribute(self, node: py_ast.Attribute, base: Type) -> None:
        if not is_exception(base) or node.attr in base.info.fields:
            return
        if node.attr == "args" and isinstance(node.ctx, py_ast.Store):
            raise self.fail(node, "e.args cannot be assigned: CPython makes the value a tuple, which str(e) then shows",
                            "raise a new exception with those arguments: raise ValueError(...) from e")
        if node.attr == "__class__":
            raise self.fail(node, "e.__class__ is supported as e.__class__.__name__",
                            "test the class with isinstance(e, ValueError), or read type(e).__name__")
        if node.attr == "args":
            raise self.fail(node, "e.args (a tuple whose length is known only when it runs) is read here only as "
                            "e.args[i], len(e.args), str(e.args) or a for loop over it, of a name bound to the "
                            "exception", ARGS_HELP)
        if node.attr in UNTRACKED:
            raise self.fail(node, f"{node.attr} of an exception is not supported: {UNTRACKED[node.attr]}",
                            "chain explicitly: raise NewError(...) from e, and read e.__cause__")


def missing_method_help(base: Type, name: str) -> str:
    """The hint for a method an exception does not have here (CPython's traceback methods)."""
    if not is_exception(base):
        return ""
    if name == "with_traceback":
        return "there are no traceback objects: raise the exception itself"
    if name == "add_note":
        return "notes only change CPython's traceback: put the text in the message"
    return "define it in an exception class of the program"


def args_field_node(info) -> py_ast.AST | None:
    """Where a class of the program declares or assigns a field ``args``."""
    for node in py_ast.walk(info.node):
        if isinstance(node, py_ast.Attribute) and node.attr == "args" and isinstance(node.ctx, py_ast.Store):
            return node
        if isinstance(node, py_ast.AnnAssign) and isinstance(node.target, py_ast.Name) and node.target.id == "args":
            return node
    return None


# What CPython keeps of an exception that is not kept here, and why.
UNTRACKED = {
    "__traceback__": "there are no traceback objects",
    "__notes__": "add_note() is not supported",
}
