"""``@classmethod``: compiled once per class that has it (the defining class and each subclass
that inherits it), with ``cls`` bound to that class, so ``cls(...)``, ``cls.CONST`` and
``cls.other(...)`` mean what CPython's ``cls`` would for that class.

Each copy is a plain function named ``C.m`` for its class C. In the copy every read of ``cls`` is a
name no source can spell (``<cls C>``) bound to C in the defining module's namespace. ``C.m(...)``
calls C's copy; ``obj.m(...)`` calls a generated method ``<classmethod m>`` of each class that calls
its class's copy, dispatched on the object's runtime class, as CPython passes that class as cls.
"""
from __future__ import annotations

import ast as py_ast
import copy

from ..program import ClassInfo, FuncSym, Program, Type


def is_class_method(node: py_ast.FunctionDef) -> bool:
    return any(isinstance(d, py_ast.Name) and d.id == "classmethod" for d in node.decorator_list)


def declare_class_method(info: ClassInfo, node: py_ast.FunctionDef) -> str | None:
    """Record a classmethod for specialization; a problem message when it cannot be one."""
    if not node.args.args or node.args.posonlyargs:
        return "a classmethod needs 'cls' as its first parameter"
    if not hasattr(info, "class_method_nodes"):
        info.class_method_nodes = {}
    info.class_method_nodes[node.name] = node
    return None


def specialize_all(program: Program, order: list[ClassInfo]) -> None:
    """One copy per class and classmethod it sees (its own, else the nearest base's)."""
    for info in order:
        found: dict[str, FuncSym] = {}
        base_copies = getattr(info.base, "class_methods", {}) if info.base is not None else {}
        for name, base_fn in base_copies.items():
            if name not in info.methods and name not in getattr(info, "static_methods", {}):
                found[name] = _copy(program, info, base_fn.class_method_node, base_fn.module)
        for name, node in getattr(info, "class_method_nodes", {}).items():
            found[name] = _copy(program, info, node, info.module)
        info.class_methods = found
        for name, fn in found.items():
            _instance_wrapper(program, info, fn)


def wrapper_name(name: str) -> str:
    return f"<classmethod {name}>"


def _instance_wrapper(program: Program, info: ClassInfo, fn: FuncSym) -> None:
    """A method ``(self, args) -> C.m(args)`` for each class C, so ``obj.m(args)`` dispatches on
    the object's runtime class like any method and passes that class as cls."""
    args = fn.node.args
    if args.vararg or args.kwarg or args.kwonlyargs:
        return
    params = [py_ast.arg(arg="self"), *copy.deepcopy(args.args)]
    call = py_ast.Call(func=py_ast.Attribute(value=py_ast.Name(id=f"<cls {info.qualname}>", ctx=py_ast.Load()),
                                             attr=fn.node.name, ctx=py_ast.Load()),
                       args=[py_ast.Name(id=a.arg, ctx=py_ast.Load()) for a in args.args], keywords=[])
    node = py_ast.FunctionDef(name=wrapper_name(fn.node.name), body=[py_ast.Return(value=call)], decorator_list=[],
                              args=py_ast.arguments(posonlyargs=[], args=params, kwonlyargs=[], kw_defaults=[],
                                                    defaults=copy.deepcopy(args.defaults)),
                              returns=copy.deepcopy(fn.node.returns))
    for sub in py_ast.walk(node):
        if not hasattr(sub, "lineno"):
            py_ast.copy_location(sub, fn.node)
    node.generated = True  # overrides may differ in signature: checked where an instance call needs them
    method = FuncSym(f"{info.qualname}.{node.name}", fn.module, node, owner=info)
    method.family = program.classes  # for the signature check of instance calls
    info.methods[node.name] = program.functions[method.qualname] = method


def instance_wrapper(checker, func: py_ast.Attribute, info: ClassInfo) -> FuncSym | None:
    """The wrapper method ``obj.m(...)`` calls (None: m is no classmethod); refused when the
    classes an object typed ``info`` may be declare m with different signatures."""
    from .classes import inherited_method
    name = wrapper_name(func.attr)
    fn = inherited_method(info, name)
    if fn is None:
        return None
    for cls in fn.family.values():
        other = cls.methods.get(name)
        if other is not None and info.class_id <= cls.class_id <= info.last_descendant_id and \
                ([p.ty for p in other.params[1:]], other.result) != ([p.ty for p in fn.params[1:]], fn.result):
            raise checker.fail(func, f"{cls.name}.{func.attr} has another signature than {info.name}.{func.attr}",
                               "call the classmethod through a class, or keep the same parameter and result types")
    return fn


def _copy(program: Program, info: ClassInfo, original: py_ast.FunctionDef, defining) -> FuncSym:
    """``defining``: the module of the class that wrote it; names in its body resolve there."""
    node = copy.deepcopy(original)
    node.decorator_list = [d for d in node.decorator_list if not (isinstance(d, py_ast.Name) and d.id == "classmethod")]
    cls = node.args.args.pop(0).arg
    hidden = f"<cls {info.qualname}>"
    for sub in py_ast.walk(node):
        if isinstance(sub, py_ast.Name) and sub.id == cls:
            sub.id = hidden
    defining.namespace[hidden] = info
    fn = FuncSym(f"{info.qualname}.{node.name}", defining, node)
    fn.class_method_node = original
    program.functions[fn.qualname] = fn
    return fn


def class_method(info: ClassInfo | None, name: str) -> FuncSym | None:
    return getattr(info, "class_methods", {}).get(name) if info is not None else None


class ClassMethodChecks:
    def class_method_call(self, node: py_ast.Call, func: py_ast.Attribute) -> Type | None:
        """``C.m(...)`` or ``obj.m(...)`` of a classmethod (None: not one)."""
        receiver = func.value
        if not isinstance(receiver, py_ast.Name):
            return None
        if receiver.id in self.local_names:
            return None  # obj.m(...): the wrapper method (instance_wrapper)
        info = self.module.namespace.get(receiver.id)
        if not isinstance(info, ClassInfo):
            return None
        fn = class_method(info, func.attr)
        if fn is None:
            return None
        node.call = ("function", fn)
        return self.bind(node, fn.params, func.attr, node.args, fn.result)
