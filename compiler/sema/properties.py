"""``@property`` (with an optional ``@name.setter``): reading ``obj.name`` calls the getter and
``obj.name = value`` the setter, each dispatched on the object's runtime class as any method
(a subclass may override them). The getter is the method ``name``, the setter the method
``name@set``; both are called by checking a synthesized call in place of the attribute.
Calling the getter explicitly (``obj.name()``) and augmented assignment (``obj.name += 1``)
are compile errors; the object of an assignment must be a local (``self.name = v``), so that
evaluating it after the value, as the synthesized call does, cannot change the outcome."""
from __future__ import annotations

import ast as py_ast

from ..program import ClassInfo, FuncSym, Type
from .classes import inherited_method

SETTER = "@set"
NAMES: set[str] = set()  # names of the properties declared so far (assignments to others skip the lookup)


def property_kind(node: py_ast.FunctionDef) -> str | None:
    """'get' for @property, 'set' for @name.setter (the decorator is dropped), else None."""
    for decorator in node.decorator_list:
        if isinstance(decorator, py_ast.Name) and decorator.id == "property":
            node.decorator_list = [d for d in node.decorator_list if d is not decorator]
            node.is_property = True
            NAMES.add(node.name)
            return "get"
        if isinstance(decorator, py_ast.Attribute) and decorator.attr == "setter" \
                and isinstance(decorator.value, py_ast.Name) and decorator.value.id == node.name:
            node.decorator_list = [d for d in node.decorator_list if d is not decorator]
            node.name += SETTER
            node.is_property = True
            return "set"
    return None


def override_problem(info: ClassInfo, node: py_ast.FunctionDef, kind: str | None) -> str | None:
    """What CPython would do differently from a method dispatch, as an error message (None: fine).
    A property replaces the base's whole property (getter and setter), so a subclass redefining
    one must define the setter exactly when the base has one; methods and properties do not
    override each other; a setter follows its getter in the same class."""
    name = node.name.removesuffix(SETTER)
    if kind == "set":
        own = info.methods.get(name)
        if own is None or not getattr(own.node, "is_property", False):
            return f"@{name}.setter must follow the @property '{name}' in the same class"
        return None
    base = inherited_method(info.base, name) if info.base is not None else None
    if base is not None and getattr(base.node, "is_property", False) != (kind == "get"):
        return f"'{name}' overrides a {'property' if kind != 'get' else 'method'} of a base class " \
               f"with a {'property' if kind == 'get' else 'method'}"
    if kind == "get" and base is not None:
        own_setter = any(isinstance(stmt, py_ast.FunctionDef) and _is_setter_of(stmt, name) for stmt in info.node.body)
        base_setter = inherited_method(info.base, name + SETTER) is not None
        if own_setter != base_setter:
            return f"the property '{name}' must have a setter here exactly when the base class's has one " \
                   "(a subclass's property replaces the base's getter and setter)"
    return None


def _is_setter_of(node: py_ast.FunctionDef, name: str) -> bool:
    return node.name == name + SETTER or node.name == name and any(
        isinstance(d, py_ast.Attribute) and d.attr == "setter" and isinstance(d.value, py_ast.Name)
        and d.value.id == name for d in node.decorator_list)


def getter(info: ClassInfo, name: str) -> FuncSym | None:
    fn = inherited_method(info, name)
    return fn if fn is not None and getattr(fn.node, "is_property", False) else None


def _call(obj: py_ast.expr, name: str, args: list[py_ast.expr], where: py_ast.AST) -> py_ast.Call:
    func = py_ast.Attribute(value=obj, attr=name, ctx=py_ast.Load())
    call = py_ast.Call(func=func, args=args, keywords=[])
    call.property_access = True
    py_ast.copy_location(func, where)
    return py_ast.copy_location(call, where)


class PropertyChecks:
    def property_read(self, node: py_ast.Attribute, info: ClassInfo) -> Type | None:
        if getter(info, node.attr) is None:
            return None
        node.property_call = _call(node.value, node.attr, [], node)
        return self.check(node.property_call)

    def property_assignment(self, stmt: py_ast.Assign) -> bool:
        """``obj.name = value`` of a property: checked as the setter call (``stmt.property_call``)."""
        target = stmt.targets[0]
        if len(stmt.targets) != 1 or not isinstance(target, py_ast.Attribute) or target.attr not in NAMES:
            return False
        base = self.check(target.value)
        info = getattr(base, "info", None)
        if info is None or target.attr in info.fields or getter(info, target.attr) is None:
            return False
        if inherited_method(info, target.attr + SETTER) is None:
            raise self.fail(target, f"property '{target.attr}' of '{info.name}' has no setter",
                            f"add one: @{target.attr}.setter")
        if not isinstance(target.value, py_ast.Name):
            raise self.fail(target.value, "a property is assigned through a local variable here",
                            "assign the object to a variable first")
        call = _call(target.value, target.attr + SETTER, [stmt.value], target)
        stmt.property_call = py_ast.copy_location(py_ast.Expr(value=call), stmt)
        self.check(call)
        return True

    def refuse_property_call(self, node: py_ast.Call, method: FuncSym) -> None:
        if getattr(method.node, "is_property", False) and not getattr(node, "property_access", False):
            name = method.name.removesuffix(SETTER)
            raise self.fail(node, f"'{name}' is a property: read it as obj.{name}, assign it as obj.{name} = value")
