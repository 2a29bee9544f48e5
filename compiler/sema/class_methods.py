"""``@classmethod``: compiled once per class that has it (the defining class and each subclass
that inherits it), with ``cls`` bound to that class, so ``cls(...)``, ``cls.CONST`` and
``cls.other(...)`` mean what CPython's ``cls`` would for that class.

Each copy is a plain function named ``C.m`` for its class C. In the copy every read of ``cls`` is a
name no source can spell (``<cls C>``) bound to C in the defining module's namespace. ``C.m(...)``
calls C's copy; ``obj.m(...)`` through a local variable calls the copy of its declared class when that
class has no subclass (else CPython would pick the copy of the object's runtime class: refused).
"""
from __future__ import annotations

import ast as py_ast
import copy

from ..program import ClassInfo, ClassType, FuncSym, Program, Type


def is_class_method(node: py_ast.FunctionDef) -> bool:
    return any(isinstance(d, py_ast.Name) and d.id == "classmethod" for d in node.decorator_list)


def declare_class_method(info: ClassInfo, node: py_ast.FunctionDef) -> str | None:
    """Record a classmethod for specialization; a problem message when it cannot be one."""
    if not node.args.args or node.args.posonlyargs:
        return "a classmethod needs 'cls' as its first parameter"
    if not hasattr(info, "class_method_nodes"):
        info.class_method_nodes = {}
    info.class_method_nodes[node.name] = node
    node.defining_module = info.module  # names in its body resolve there, for every copy
    return None


def specialize_all(program: Program, order: list[ClassInfo]) -> None:
    """One copy per class and classmethod it sees (its own, else the nearest base's)."""
    for info in order:
        found: dict[str, FuncSym] = {}
        base_copies = getattr(info.base, "class_methods", {}) if info.base is not None else {}
        for name, base_fn in base_copies.items():
            if name not in info.methods and name not in getattr(info, "static_methods", {}):
                found[name] = _copy(program, info, base_fn.class_method_node)
        for name, node in getattr(info, "class_method_nodes", {}).items():
            found[name] = _copy(program, info, node)
        info.class_methods = found


def _copy(program: Program, info: ClassInfo, original: py_ast.FunctionDef) -> FuncSym:
    node = copy.deepcopy(original)
    node.decorator_list = [d for d in node.decorator_list if not (isinstance(d, py_ast.Name) and d.id == "classmethod")]
    cls = node.args.args.pop(0).arg
    hidden = f"<cls {info.qualname}>"
    for sub in py_ast.walk(node):
        if isinstance(sub, py_ast.Name) and sub.id == cls:
            sub.id = hidden
    defining = original.defining_module
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
            declared = self.fn.locals.get(receiver.id)
            if not isinstance(declared, ClassType) or class_method(declared.info, func.attr) is None:
                return None
            info = declared.info
            if info.last_descendant_id != info.class_id:
                raise self.fail(func, f"call the classmethod through a class: {info.name}.{func.attr}(...)",
                                f"{info.name} has subclasses, and CPython would pass the object's runtime class as cls")
        else:
            info = self.module.namespace.get(receiver.id)
            if not isinstance(info, ClassInfo):
                return None
        fn = class_method(info, func.attr)
        if fn is None:
            return None
        node.call = ("function", fn)
        return self.bind(node, fn.params, func.attr, node.args, fn.result)
