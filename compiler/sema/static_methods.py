"""``@staticmethod``: a function declared in a class body, called through its class
(``C.m(...)``, also from a subclass's name, as CPython finds it on the base). It is a plain
function (no ``self``); calling it through an instance (``obj.m()``) is refused, since CPython
would look it up on the object's runtime class."""
from __future__ import annotations

import ast as py_ast

from ..program import ClassInfo, ClassType, FuncSym, Program, Type


def is_static(node: py_ast.FunctionDef) -> bool:
    return any(isinstance(d, py_ast.Name) and d.id == "staticmethod" for d in node.decorator_list)


def declare_static(program: Program, info: ClassInfo, node: py_ast.FunctionDef) -> None:
    node.decorator_list = [d for d in node.decorator_list if not (isinstance(d, py_ast.Name)
                                                                   and d.id == "staticmethod")]
    fn = FuncSym(f"{info.qualname}.{node.name}", info.module, node)
    if not hasattr(info, "static_methods"):
        info.static_methods = {}
    info.static_methods[node.name] = program.functions[fn.qualname] = fn


def static_method(info: ClassInfo | None, name: str) -> FuncSym | None:
    while info is not None:
        found = getattr(info, "static_methods", {}).get(name)
        if found is not None or name in info.methods:
            return found
        info = info.base
    return None


class StaticMethodChecks:
    def static_call(self, node: py_ast.Call, func: py_ast.Attribute) -> Type | None:
        """``C.m(...)`` of a static method (None: not one)."""
        receiver = func.value
        if not isinstance(receiver, py_ast.Name):
            return None
        if receiver.id in self.local_names:
            declared = self.fn.locals.get(receiver.id)
            if isinstance(declared, ClassType) and static_method(declared.info, func.attr) is not None:
                raise self.fail(func, f"call the static method through its class: "
                                f"{declared.info.name}.{func.attr}(...)",
                                "CPython would look it up on the object's runtime class")
            return None
        info = self.module.namespace.get(receiver.id)
        fn = static_method(info, func.attr) if isinstance(info, ClassInfo) else None
        if fn is None:
            return None
        node.call = ("function", fn)
        return self.bind(node, fn.params, func.attr, node.args, fn.result)
