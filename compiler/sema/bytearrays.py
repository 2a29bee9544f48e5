"""``bytearray``: a mutable bytes (compiler/runtime/bytearrays.py); memoryview in sema/memoryviews.py.

Problem: a bytearray reads like bytes but changes in place (aliases see it), and most of its
methods are bytes' own, returning bytearrays. Accepts: the ``bytearray`` annotation;
``bytearray()``, ``bytearray(n)``, ``bytearray(b)`` of bytes or a bytearray, ``bytearray(xs)`` of a
list of ints, ``bytearray(s, "utf-8")``, ``bytearray.fromhex(s)``; ``len``, truth, ``ba[i]``,
``ba[i:j:k]``, item, slice and augmented (``+=``, ``*=``) assignment, ``del ba[i]``/``del
ba[i:j:k]``, ``+`` and ``*``, comparisons and ``in`` with bytes and bytearrays, ``for`` loops and
comprehensions (live, as CPython's iterator), ``bytes(ba)``, repr/str/f-strings, the methods in
MUTATORS, and bytes' read-only methods (on a zero-copy view of the data block; bytes results
become new bytearrays). Guarantees: every operation is a runtime call (node.call = ("bytearray",
op, args), lower/bytearrays.py). A view is read when its operand is evaluated, so the operands
after it must not run code (``quiet``): otherwise a located compile error, never a stale read.
"""
from __future__ import annotations

import ast as py_ast

from .memoryviews import MemoryviewChecks, tobytes
from .methods import methods_of
from .types import holds_objects
from ..program import BOOL, BYTEARRAY, BYTES, INT, MEMORYVIEW, NONE, STR, DictType, TupleType, Type, list_of, tuple_of

# name -> (parameters: "int", "data" (bytes, bytearray or a list of ints) ; fewest arguments; result)
MUTATORS = {"append": (("int",), 1, NONE), "insert": (("int", "int"), 2, NONE), "pop": (("int",), 0, INT),
            "remove": (("int",), 1, NONE), "clear": ((), 0, NONE), "reverse": ((), 0, NONE),
            "copy": ((), 0, BYTEARRAY), "extend": (("data",), 1, NONE)}
PURE_BUILTINS = ("bytes", "bytearray", "memoryview", "ord", "chr")  # never run the program's code
# ... nor these, given no object of the program (its __len__, __str__, __lt__... would run)
TYPED_BUILTINS = ("len", "str", "int", "abs", "min", "max", "repr", "bool", "float")
QUIET_HELP = "compute it into a variable first: CPython reads the bytearray after evaluating it"


def runtime_call(node: py_ast.AST, op: str, args: list, ty: Type) -> py_ast.Call:
    """A checked call of the bytearray runtime (lower/bytearrays.py): ``args`` are (kind, node)."""
    call = py_ast.copy_location(py_ast.Call(func=py_ast.Name(id="bytearray", ctx=py_ast.Load()), args=[],
                                            keywords=[]), node)
    call.call = ("bytearray", op, args)
    call.ty = call.checked_as = ty  # checked already: sema/check_calls.py returns it as it is
    return call


def view(node: py_ast.expr) -> py_ast.Call:
    """The bytearray ``node``'s data block read as the bytes it is (no copy)."""
    return runtime_call(node, "view", [("obj", node)], BYTES)


def int_list(node: py_ast.expr) -> py_ast.Call:
    """A new list of the ints of ``node``, a checked bytearray or memoryview (what list() makes)."""
    op = "tolist" if node.ty == BYTEARRAY else "mv_tolist"
    return runtime_call(node, op, [("obj", node)], list_of(INT))


def of_bytes(ty: Type | None) -> bool:
    """A bytearray or memoryview: list(), tuple(), sorted(), min() and max() take its int_list."""
    return ty in (BYTEARRAY, MEMORYVIEW)


def is_bytes_like(ty: Type | None) -> bool:
    return ty in (BYTES, BYTEARRAY)


class BytearrayChecks(MemoryviewChecks):
    def quiet(self, node: py_ast.expr) -> bool:
        """Evaluating ``node`` (checked) runs none of the program's code (so changes no bytearray):
        no call but of built-ins given no object, no operator or item of objects, no property."""
        for sub in py_ast.walk(node):
            if isinstance(sub, (py_ast.NamedExpr, py_ast.Lambda, py_ast.Await, py_ast.Yield, py_ast.YieldFrom,
                                py_ast.ListComp, py_ast.GeneratorExp, py_ast.SetComp, py_ast.DictComp)):
                return False
            if hasattr(sub, "checked_as"):  # a runtime call made here: no code of the program, but its operands
                args = sub.call[2] if isinstance(sub.call[2], list) else [(None, sub.call[2])]
                if not all(self.quiet(arg) for _, arg in args if isinstance(arg, py_ast.expr)):
                    return False
                continue
            if isinstance(sub, py_ast.Call) and not self.pure_call(sub):
                return False
            if isinstance(sub, py_ast.Attribute) and hasattr(sub, "property_call"):
                return False
            if isinstance(sub, (py_ast.Compare, py_ast.BoolOp, py_ast.UnaryOp, py_ast.IfExp, py_ast.BinOp,
                                py_ast.Subscript)) and any(_objects(getattr(child, "ty", None))
                                                           for child in py_ast.iter_child_nodes(sub)):
                return False  # an __eq__, __lt__, __bool__... or a key's __hash__ may run
        return True

    def pure_call(self, call: py_ast.Call) -> bool:
        name = call.func.id if isinstance(call.func, py_ast.Name) else None
        if name is None or name in self.module.namespace or name in self.local_names or call.keywords:
            return False
        if name in TYPED_BUILTINS:  # checked already (else not known to be quiet)
            return all(hasattr(a, "ty") and not holds_objects(a.ty, calls=True) for a in call.args)
        return name in PURE_BUILTINS

    def require_quiet(self, later: list[py_ast.expr]) -> None:
        for node in later:
            if not self.quiet(node):
                raise self.fail(node, "this operand is evaluated after a bytearray's data is read, and may "
                                "change it", QUIET_HELP)

    # -- construction ------------------------------------------------------------
    def bytearray_call(self, node: py_ast.Call, name: str) -> Type:
        if name == "memoryview":
            return self.memoryview_call(node)  # sema/memoryviews.py
        if node.keywords or len(node.args) > 2:
            raise self.fail(node, "bytearray() takes its arguments by position here",
                            'write bytearray(), bytearray(n), bytearray(b) or bytearray(s, "utf-8")')
        if not node.args:
            node.call = ("bytearray", "new", [("int", py_ast.Constant(value=0)), ("kind", None)])
            node.call[2][0][1].ty = INT
            return BYTEARRAY
        source = node.args[0]
        ty = self.check(source)
        if len(node.args) == 2:
            return self.encoded(node, source, ty)
        if ty in (INT, BOOL):
            self.use_int(source, what="the size of bytearray()")
            node.call = ("bytearray", "new", [("int", source), ("kind", None)])
        elif ty == BYTES or ty == BYTEARRAY or ty == list_of(INT):
            node.call = ("bytearray", "from", [("data", source), ("kind", None)])
        elif ty == MEMORYVIEW:
            node.call = ("bytearray", "from", [("data", tobytes(source)), ("kind", None)])
        else:
            raise self.fail(source, f"bytearray() of {ty} is not supported",
                            'pass an int, bytes, a bytearray, a memoryview, a list of ints, or (str, "utf-8")')
        return BYTEARRAY

    def encoded(self, node: py_ast.Call, source: py_ast.expr, ty: Type) -> Type:
        encoding = node.args[1]
        if ty != STR or not (isinstance(encoding, py_ast.Constant) and isinstance(encoding.value, str)
                             and encoding.value.lower().replace("_", "-") in ("utf-8", "utf8")):
            raise self.fail(node, "bytearray(text, encoding) takes a str and the constant \"utf-8\" here",
                            'write bytearray(s, "utf-8"), or bytearray(s.encode(...))')
        encode = py_ast.copy_location(py_ast.Call(func=py_ast.Attribute(value=source, attr="encode",
                                                                        ctx=py_ast.Load()), args=[], keywords=[]), node)
        self.check(encode)
        node.call = ("bytearray", "from", [("data", encode), ("kind", None)])
        return BYTEARRAY

    def bytearray_fromhex(self, node: py_ast.Call) -> Type:
        hexed = py_ast.copy_location(py_ast.Call(func=py_ast.Attribute(value=py_ast.Name(id="bytes", ctx=py_ast.Load()),
                                                                       attr="fromhex", ctx=py_ast.Load()),
                                                 args=node.args, keywords=node.keywords), node)
        self.check(hexed)
        node.call = ("bytearray", "from", [("data", hexed), ("kind", None)])
        return BYTEARRAY

    def bytes_of_bytearray(self, node: py_ast.Call) -> bool:
        """``bytes(ba)``: a copy. False when the argument is not a bytearray: a name, field or item
        is then checked again as bytes()'s list of ints, anything else is checked only here."""
        arg = node.args[0]
        if isinstance(arg, (py_ast.Name, py_ast.Attribute, py_ast.Subscript)):
            ty = self.check_maybe_unknown(arg, list_of(INT))
            if ty not in (BYTEARRAY, MEMORYVIEW):
                return False
        else:
            ty = self.check(arg, list_of(INT))
            if ty not in (BYTEARRAY, MEMORYVIEW, list_of(INT)):
                raise self.fail(arg, f"the argument of bytes() (a list of ints) must be list[int], not {ty}",
                                "a bytearray's bytes: bytes(ba); a str's: s.encode()")
            if ty == list_of(INT):
                node.bound = [arg]
                node.call = ("builtin", "bytes")
                return True
        node.call = ("bytearray", "to_bytes" if ty == BYTEARRAY else "mv_tobytes", [("obj", arg)])
        return True

    # -- methods -------------------------------------------------------------------
    def bytearray_method(self, node: py_ast.Call, func: py_ast.Attribute) -> Type:
        name = func.attr
        if name == "__repr__" and not node.args and not node.keywords:  # repr(ba): sema/reprs.py
            node.call = ("bytearray", "repr", [("obj", func.value)])
            return STR
        if name in MUTATORS:
            params, fewest, result = MUTATORS[name]
            if node.keywords or not fewest <= len(node.args) <= len(params):
                raise self.fail(node, f"bytearray.{name}() takes {len(params)} positional argument(s)")
            args = [("obj", func.value)]
            for param, arg in zip(params, node.args):
                args.append(("int", arg) if param == "int" else ("data", arg))
                if param == "int":
                    self.use_int(arg, what=f"the argument of bytearray.{name}()")
                else:
                    self.data_operand(arg)
            if name == "pop" and not node.args:
                default = py_ast.Constant(value=-1)
                default.ty = INT
                args.append(("int", default))
            node.call = ("bytearray", name, args)
            return result
        if name not in methods_of(BYTES):
            raise self.fail(func, f"bytearray has no method '{name}' in this version",
                            "the bytes methods and append, extend, insert, pop, remove, clear, reverse, copy are "
                            "supported")
        inner_func = py_ast.copy_location(py_ast.Attribute(value=view(func.value), attr=name, ctx=py_ast.Load()), func)
        inner = py_ast.copy_location(py_ast.Call(func=inner_func, args=[self.viewed(a) for a in node.args],
                                                 keywords=node.keywords), node)
        ty = self.check(inner)
        self.require_quiet([*node.args, *(k.value for k in node.keywords)])  # evaluated after the view is read
        return self.as_bytearrays(node, inner, ty)

    def viewed(self, arg: py_ast.expr) -> py_ast.expr:
        """An argument of a bytes method: a bytearray one as its view (the arguments are quiet)."""
        if not isinstance(arg, (py_ast.Name, py_ast.Attribute, py_ast.Subscript)) \
                or self.check_maybe_unknown(arg) != BYTEARRAY:  # (an empty literal is settled by the call)
            return arg  # (anything else is checked once, where its type is known)
        return view(arg)

    def viewed_arguments(self, node: py_ast.Call) -> None:
        """A bytes method given bytearrays (``b.startswith(ba)``): their views. The arguments are then
        names, fields, items or constants (checked here) that run no code: else a located error."""
        viewed = [self.viewed(a) for a in node.args]
        if all(v is a for v, a in zip(viewed, node.args)):
            return
        for arg in [*node.args, *(k.value for k in node.keywords)]:
            if not isinstance(arg, (py_ast.Name, py_ast.Constant, py_ast.Attribute, py_ast.Subscript)) \
                    or not self.quiet(arg):
                raise self.fail(arg, "this argument is evaluated after a bytearray's data is read, and may "
                                "change it", QUIET_HELP)
        node.args = viewed

    def as_bytearrays(self, node: py_ast.Call, inner: py_ast.Call, ty: Type) -> Type:
        """A bytes method's result as bytearray's: bytes become new bytearrays (lists and tuples too)."""
        if ty == BYTES:
            node.call = ("bytearray", "from", [("data", inner), ("kind", None)])
            return BYTEARRAY
        if ty == list_of(BYTES):
            node.call = ("bytearray", "from_list", [("obj", inner), ("kind", None)])
            return list_of(BYTEARRAY)
        if isinstance(ty, TupleType) and set(ty.items) == {BYTES} and len(ty.items) == 3:
            result = tuple_of(tuple(BYTEARRAY if t == BYTES else t for t in ty.items))
            node.call = ("bytearray", "from_tuple", [("obj", inner), ("kind", None)])
            return result
        node.call = ("rewritten", inner)
        return ty

    def data_operand(self, arg: py_ast.expr) -> Type:
        ty = self.check(arg)
        if not (ty in (BYTES, BYTEARRAY) or ty == list_of(INT)):
            raise self.fail(arg, f"a bytearray takes bytes, a bytearray or a list of ints here, not {ty}",
                            "convert it first: bytes(...), s.encode()")
        return ty

    # -- operators -----------------------------------------------------------------
    def bytearray_subscript(self, node: py_ast.Subscript) -> Type:
        if isinstance(node.slice, py_ast.Slice):
            self.slice_bounds(node.slice)
            node.replaced_by = runtime_call(node, "slice", [("obj", node.value), ("bounds", node.slice)], BYTEARRAY)
            return BYTEARRAY
        self.use_int(node.slice, what="an index")
        node.replaced_by = runtime_call(node, "getitem", [("obj", node.value), ("int", node.slice)], INT)
        return INT

    def bytearray_binop(self, node: py_ast.BinOp, left: Type, right: Type) -> Type:
        augmented = getattr(node, "augmented", False)
        if isinstance(node.op, py_ast.Add) and is_bytes_like(left) and is_bytes_like(right):
            if left == BYTEARRAY:
                self.require_quiet([node.right])
            op = "iadd" if augmented and left == BYTEARRAY else "add" if left == BYTEARRAY else "radd"
            node.replaced_by = runtime_call(node, op, node, left)
            return left
        if isinstance(node.op, py_ast.Mult) and BYTEARRAY in (left, right) and {left, right} <= {BYTEARRAY, INT, BOOL}:
            op = "imul" if augmented and left == BYTEARRAY else "mul"
            node.replaced_by = runtime_call(node, op, node, BYTEARRAY)
            return BYTEARRAY
        raise self.fail(node, f"unsupported operand types for this operator: {left} and {right}",
                        "a bytearray takes + with bytes or a bytearray, and * with an int")

    def bytearray_compare(self, node: py_ast.Compare, types: list[Type]) -> None:
        """Bytearray operands compared as the bytes they hold (views): ==, <, in with bytes and ints."""
        operands = [node.left, *node.comparators]
        viewed: set[int] = set()
        for index, op in enumerate(node.ops):
            a, b = types[index], types[index + 1]
            if isinstance(op, (py_ast.In, py_ast.NotIn)):
                if b == BYTEARRAY and (is_bytes_like(a) or a in (INT, BOOL)):
                    viewed.add(index + 1)
                if a == BYTEARRAY and is_bytes_like(b):
                    viewed.add(index)
            elif not isinstance(op, (py_ast.Is, py_ast.IsNot)) and is_bytes_like(a) and is_bytes_like(b):
                viewed.update(i for i in (index, index + 1) if types[i] == BYTEARRAY)
        for index in sorted(viewed):
            if any(isinstance(op, (py_ast.Is, py_ast.IsNot)) for op in node.ops[max(index - 1, 0):index + 1]):
                raise self.fail(node, "a bytearray compared both by identity and by value in one chain",
                                "compare in two steps: (a is b) and (a == c)")
            self.require_quiet(operands[index + 1:])
            read = view(operands[index])
            if index == 0:
                node.left = read
            else:
                node.comparators[index - 1] = read
            types[index] = BYTES

    # -- statements ----------------------------------------------------------------
    def bytearray_store(self, target: py_ast.Subscript, value: py_ast.expr | None, ty: Type) -> None:
        """``ba[i] = v`` (an int) or ``ba[i:j:k] = data`` (bytes, a bytearray or a list of ints)."""
        if isinstance(target.slice, py_ast.Slice):
            if isinstance(value, py_ast.BinOp) and getattr(value, "augmented", False):
                raise self.fail(target, "augmented assignment to a slice is not supported",
                                "write ba[i:j] = ba[i:j] + other")
            if not (ty in (BYTES, BYTEARRAY) or ty == list_of(INT)):
                raise self.fail(target, f"a bytearray slice can be assigned bytes, a bytearray or a list of ints, "
                                f"not {ty}", "convert it first: bytes(...)")
            self.slice_bounds(target.slice)
            return
        if ty not in (INT, BOOL):
            raise self.fail(target, f"a bytearray item must be an int, not {ty}", "assign an int in range(256)")
        self.use_int(target.slice, what="an index")

    def bytearray_delete(self, target: py_ast.Subscript) -> None:
        if isinstance(target.slice, py_ast.Slice):
            self.slice_bounds(target.slice)
        else:
            self.use_int(target.slice, what="an index")


def _objects(ty: Type | None) -> bool:
    """A value whose use by an operator or as a key may run the program's code."""
    return holds_objects(ty, calls=True) or (isinstance(ty, DictType) and holds_objects(ty.key))
