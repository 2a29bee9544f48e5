"""Classes: bases, fields in slot order, methods, class constants, @dataclass.

A class instance is a record: the object header, then one 8-byte slot per
field, inherited fields first, so a subclass instance can be used wherever
its base is expected. Fields come from annotations in the class body and from
``self.name = ...`` in ``__init__``. ``@dataclass`` generates ``__init__`` and
``__eq__`` as ordinary methods (their source is built here and parsed).
Class ids are numbered in depth-first order, so ``isinstance(x, C)`` is a range
check on the id stored in the object's header.
"""
from __future__ import annotations

import ast as py_ast

from ..diagnostics import CompileError, Diagnostic
from ..program import BOOL, INT, NONE, ClassInfo, ClassType, FuncSym, GlobalSym, Program, Type
from .class_fields import declare_field, promote_instance_constants
from .class_keys import mark_identity_keys
from .mixins import add_mixin_methods, mark_mixins, split_bases
from .class_methods import declare_class_method, is_class_method, specialize_all
from .constants import ConstantError, fold
from .ordering import NAMES as ORDERING_NAMES, check_order_family, order_methods_source
from .enums import declare_enum, enums_first, is_enum_base, rewrite_uses
from .dataclass_repr import generate_reprs
from .named_tuples import check_body as check_named_tuple_body, is_named_tuple_base
from .dataclass_options import check_frozen_inheritance, dataclass_decorator, mark_frozen_families, option
from .field_inference import attribute_type, class_constant_type, empty_field_type, global_type, infer_to_fixed_point, set_operation_type
from .static_methods import declare_static, is_static
from .stdlib_operators import add_stdlib_class_attributes
from .types import TypeError_, class_type, is_subclass, resolve


def self_type(info: ClassInfo) -> ClassType:
    return class_type(info)


def _fail(info: ClassInfo, py_node: py_ast.AST, message: str, help: str = "") -> TypeError_:
    return TypeError_(Diagnostic(info.module.loc(py_node), message, help))


def declare_all(program: Program) -> None:
    mark_mixins(program)  # sema/mixins.py
    for info in program.classes.values():
        _base_and_decorators(info)
    mark_identity_keys(program)  # before annotations are resolved: sema/class_keys.py
    for info in _inheritance_order(program):
        _body(program, info)
    generate_reprs(program, add_generated_methods)  # needs every class's methods: sema/dataclass_repr.py
    specialize_all(program, _inheritance_order(program))
    rewrite_uses(program)  # Color(v), Color["A"], for c in Color: sema/enums.py
    enums_first(program)


def _base_and_decorators(info: ClassInfo) -> None:
    node = info.node
    if node.keywords:
        raise _fail(info, node.keywords[0], "class keywords (metaclass=...) are not supported", "remove the keyword")
    base = split_bases(info)  # the one base that is not a mixin: sema/mixins.py
    if base is not None:
        sym = info.module.namespace.get(base.id) if isinstance(base, py_ast.Name) else None
        if isinstance(base, py_ast.Name) and base.id == "object" and sym is None:
            pass
        elif is_enum_base(info, base):  # sema/enums.py
            pass
        elif is_named_tuple_base(info, base):  # sema/named_tuples.py
            pass
        elif isinstance(sym, ClassInfo):
            info.base = sym
        else:
            raise _fail(info, base, "a base class must be a class of the program", "inherit from one of your classes")
    if (getattr(info, "enum", False) or getattr(info, "named_tuple", False)) and info.mixins_before + info.mixins_after:
        raise _fail(info, node.bases[0], "mixins of an Enum or NamedTuple are not supported",
                    "write the methods in the class, or as module-level functions")
    for decorator in node.decorator_list:
        if not dataclass_decorator(info, decorator):  # sema/dataclass_options.py
            raise _fail(info, decorator, "unsupported class decorator", "only @dataclass (from dataclasses) is supported")


def _inheritance_order(program: Program) -> list[ClassInfo]:
    order: list[ClassInfo] = []

    def visit(info: ClassInfo, active: tuple[ClassInfo, ...]) -> None:
        if info in order:
            return
        if info in active:
            raise _fail(info, info.node, "a class cannot inherit from itself")
        if info.base is not None:
            visit(info.base, active + (info,))
        order.append(info)
    for info in program.classes.values():
        visit(info, ())
    return order


def _body(program: Program, info: ClassInfo) -> None:
    if getattr(info, "enum", False):
        return declare_enum(program, info, _method)
    if info.base is not None:
        info.fields.update(info.base.fields)
        info.defaults.update(info.base.defaults)
        info.factories.update(info.base.factories)  # default_factory is inherited too
        info.hidden_fields = set(getattr(info.base, "hidden_fields", ()))  # field(repr=False) is inherited
    for index, stmt in enumerate(info.node.body):
        if index == 0 and isinstance(stmt, py_ast.Expr) and isinstance(stmt.value, py_ast.Constant):
            continue  # docstring
        if isinstance(stmt, py_ast.Pass):
            continue
        if isinstance(stmt, py_ast.FunctionDef):
            if not getattr(info, "mixin", False):  # declared on each class using the mixin instead
                _method(program, info, stmt)
        elif isinstance(stmt, py_ast.AnnAssign) and isinstance(stmt.target, py_ast.Name):
            declare_field(program, info, stmt)
        elif isinstance(stmt, py_ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], py_ast.Name):
            _class_constant(program, info, stmt)
        else:
            raise _fail(info, stmt, "only fields, constants and methods are allowed in a class body",
                        "move this code into a method, or to module level")
    add_mixin_methods(program, info, _method, inherited_method)  # sema/mixins.py
    add_stdlib_class_attributes(program, info)  # datetime's timezone.utc (sema/stdlib_operators.py)
    check_named_tuple_body(info)  # sema/named_tuples.py
    if info.dataclass:
        _generate_dataclass_methods(program, info)


def _class_constant(program: Program, info: ClassInfo, stmt: py_ast.Assign) -> None:
    name = stmt.targets[0].id
    g = GlobalSym(f"{info.qualname}.{name}", info.module, stmt)
    try:
        g.value, g.ty = fold(info.module, stmt.value)
    except ConstantError:
        raise _fail(info, stmt.value, "class attributes must be constants",
                    "declare a field with an annotation (name: type) for per-instance values") from None
    info.constants[name] = program.globals[g.qualname] = g


def _method(program: Program, info: ClassInfo, node: py_ast.FunctionDef) -> None:
    if is_static(node):
        return declare_static(program, info, node)  # sema/static_methods.py
    from .properties import override_problem, property_kind
    problem = override_problem(info, node, property_kind(node))  # @property, @name.setter: sema/properties.py
    if problem is not None:
        raise _fail(info, node, problem, "define the property (and its setter) the same way in both classes")
    if is_class_method(node):  # copied per class by sema/class_methods.py
        problem = declare_class_method(info, node)
        if problem is not None:
            raise _fail(info, node, problem)
        return
    if not node.args.args:
        raise _fail(info, node, "a method needs 'self' as its first parameter",
                    "for a function without self write @staticmethod, or use a module-level function")
    fn = FuncSym(f"{info.qualname}.{node.name}", info.module, node, owner=info)
    info.methods[node.name] = program.functions[fn.qualname] = fn


def inherited_method(info: ClassInfo, name: str) -> FuncSym | None:
    while info is not None:
        if name in info.methods:
            return info.methods[name]
        info = info.base
    return None


def _generate_dataclass_methods(program: Program, info: ClassInfo) -> None:
    """Write __init__ and __eq__ as source, exactly as dataclasses would behave, and parse them."""
    lines = []
    if "__init__" not in info.methods:
        params = []
        for name, ty in info.fields.items():
            default = info.defaults.get(name)
            text = info.factories.get(name) or (py_ast.unparse(default) if default else "")
            params.append(f"{name}: {_source(ty)}" + (f" = {text}" if text else ""))
        body = [f"        self.{name} = {name}" for name in info.fields]
        if inherited_method(info, "__post_init__") is not None:
            body.append("        self.__post_init__()")  # dataclasses call it after the fields are set
        body = body or ["        pass"]
        lines += [f"    def __init__(self, {', '.join(params)}) -> None:".replace("(self, )", "(self)"), *body]
    if "__eq__" not in info.methods and option(info, "eq"):
        compare = " and ".join(f"self.{n} == other.{n}" for n in info.fields) or "True"
        lines += [f"    def __eq__(self, other: '{info.name}') -> bool:", f"        return {compare}"]
    if option(info, "order"):  # sema/ordering.py
        lines += order_methods_source(info, [c for c in program.classes.values() if c is not info and is_subclass(c, info)])
    add_generated_methods(program, info, lines)


def add_generated_methods(program: Program, info: ClassInfo, lines: list[str]) -> None:
    """Parse methods written as source lines and declare them, located at the class line."""
    if not lines:
        return
    source = f"class {info.name}:\n" + "\n".join(lines) + "\n"
    for stmt in py_ast.parse(source).body[0].body:
        for sub in py_ast.walk(stmt):  # report problems at the class line
            sub.lineno, sub.col_offset = info.node.lineno, info.node.col_offset
            sub.end_lineno, sub.end_col_offset = info.node.lineno, None
        stmt.generated = True
        for sub in py_ast.walk(stmt):
            if isinstance(sub, py_ast.Compare):
                sub.item_equality = True  # dataclasses compare tuples of the fields
        if stmt.name == "__init__":
            for arg, default in zip(stmt.args.args[::-1], stmt.args.defaults[::-1]):
                default.factory = arg.arg in info.factories  # evaluated afresh at every call
        _method(program, info, stmt)


def _source(ty: Type) -> str:
    return repr(str(ty)) if isinstance(ty, ClassType) else str(ty)


def finish_all(program: Program) -> None:
    """Fields assigned in __init__, override checks, then class ids in depth-first order."""
    errors: list[Diagnostic] = []
    try:
        promote_instance_constants(program, _inheritance_order(program))
    except TypeError_ as err:
        raise CompileError([err.diagnostic]) from None
    infer_to_fixed_point(_inheritance_order(program), _init_fields, TypeError_)  # root.x read before its class
    for info in _inheritance_order(program):
        try:
            _init_fields(info)
            if info.base is not None:  # inherited slots first, in the base's (now complete) order
                own = {k: v for k, v in info.fields.items() if k not in info.base.fields}
                info.fields = {**info.base.fields, **own}
                info.defaults = {**info.base.defaults, **info.defaults}
            _check_overrides(info)
            check_frozen_inheritance(info)
            check_order_family(info)
            _check_special_methods(info)
        except TypeError_ as err:
            errors.append(err.diagnostic)
    if errors:
        raise CompileError(errors)
    mark_frozen_families(program)
    next_id = 1
    roots = [c for c in program.classes.values() if c.base is None]
    children: dict[int, list[ClassInfo]] = {}
    for c in program.classes.values():
        if c.base is not None:
            children.setdefault(id(c.base), []).append(c)

    def number(info: ClassInfo) -> None:
        nonlocal next_id
        info.class_id = next_id
        next_id += 1
        for child in children.get(id(info), []):
            number(child)
        info.last_descendant_id = next_id - 1
    for root in roots:
        number(root)
    for info in program.classes.values():
        info.eq_in_subtree = any(inherited_method(c, "__eq__") is not None for c in program.classes.values()
                                 if info.class_id <= c.class_id <= info.last_descendant_id)
        # a subclass writing __lt__ (or friends): CPython may call its method with the operands swapped
        info.order_below = any(name in c.methods for c in program.classes.values() for name in ORDER_NAMES
                               if info.class_id < c.class_id <= info.last_descendant_id)
        # a class below a subclass: objects of two classes, one below the other (sema/ordering.py)
        info.deep_below = any(c.base is not info for c in program.classes.values()
                              if info.class_id < c.class_id <= info.last_descendant_id)


def _init_fields(info: ClassInfo) -> None:
    init = info.methods.get("__init__")
    if init is None or getattr(init.node, "generated", False):
        return
    params = {p.name: p.ty for p in init.params}
    for stmt in py_ast.walk(init.node):
        target, value, annotated = None, None, None
        if isinstance(stmt, py_ast.Assign) and len(stmt.targets) == 1:
            target, value = stmt.targets[0], stmt.value
        elif isinstance(stmt, py_ast.AnnAssign):
            target, value, annotated = stmt.target, stmt.value, stmt.annotation
        if not (isinstance(target, py_ast.Attribute) and isinstance(target.value, py_ast.Name)
                and target.value.id == init.params[0].name):
            continue
        name = target.attr
        ty = resolve(info.module, annotated) if annotated is not None else _infer(info, value, params)
        if ty is None and annotated is None:  # self.items = [] then self.items.append(x): field_inference.py
            ty = empty_field_type(init.node, init.params[0].name, name, value, lambda v: _infer(info, v, params))
        if ty is None:
            if name in info.fields:
                continue
            raise _fail(info, stmt, f"cannot infer the type of field '{name}'",
                        f"annotate it: self.{name}: <type> = ... (or declare '{name}: <type>' in the class body)")
        if name in info.fields and info.fields[name] != ty:
            raise _fail(info, stmt, f"field '{name}' is declared as {info.fields[name]}, not {ty}")
        info.fields.setdefault(name, ty)


def _infer(info: ClassInfo, value: py_ast.expr | None, params: dict[str, Type]) -> Type | None:
    if isinstance(value, (py_ast.Name, py_ast.Attribute)):
        ty = attribute_type(value, params)  # a parameter, or a field of one: sema/field_inference.py
        if ty is not None:
            return ty
    ty = set_operation_type(value, lambda v: _infer(info, v, params)) or global_type(info.module, value) \
        or class_constant_type(info, value, next(iter(params), ""))  # Limits.DEFAULT, self.DEFAULT
    if ty is not None:
        return ty
    if isinstance(value, py_ast.Call) and isinstance(value.func, py_ast.Name):
        sym = info.module.namespace.get(value.func.id)
        if isinstance(sym, ClassInfo):
            return class_type(sym)
    try:
        value_, ty = fold(info.module, value)
        return None if ty == NONE else ty
    except (ConstantError, AttributeError):
        return None


def _check_overrides(info: ClassInfo) -> None:
    for name in info.fields:  # obj.name would run CPython's property, here read or store the field
        prop = inherited_method(info, name)
        if prop is not None and getattr(prop.node, "is_property", False):
            raise _fail(info, prop.node, f"'{name}' is both a field and a property of '{info.name}'",
                        "rename one of them: CPython's property takes the field's place")
    if info.base is None:
        return
    for name, fn in info.methods.items():
        base_fn = inherited_method(info.base, name)
        if base_fn is None or name == "__init__":
            continue
        mine = [(p.ty, p.var_positional, p.var_keyword) for p in fn.params[1:]], fn.result
        theirs = [(p.ty, p.var_positional, p.var_keyword) for p in base_fn.params[1:]], base_fn.result
        if mine != theirs and not getattr(fn.node, "generated", False) and not _narrower_getter(fn, base_fn):
            raise _fail(info, fn.node, f"'{name}' overrides {base_fn.qualname} with a different signature",
                        "keep the parameter and result types of the base method")


def _narrower_getter(fn: FuncSym, base_fn: FuncSym) -> bool:
    """A property getter returning objects of a subclass of what the base's returns
    (IPv4Network.network_address: an IPv4Address): code typed for the base still gets a base."""
    return getattr(fn.node, "is_property", False) and getattr(base_fn.node, "is_property", False) \
        and len(fn.params) == len(base_fn.params) == 1 and isinstance(fn.result, ClassType) \
        and isinstance(base_fn.result, ClassType) and is_subclass(fn.result.info, base_fn.result.info)


ORDER_NAMES = tuple(ORDERING_NAMES.values())


# Methods CPython calls implicitly for a truth value (``if obj``, ``not obj``, ``and``/``or``, ``bool(obj)``):
# name -> the result type the compiled call relies on.
TRUTH_METHODS = {"__bool__": BOOL, "__len__": INT}


# Special methods CPython would call with no visible call in the source; the compiled code never does.
IMPLICIT_METHODS = {
    "__del__": "when the object is freed", "__new__": "to create each instance",
    "__getattr__": "for missing attributes", "__getattribute__": "for every attribute read",
    "__setattr__": "for every attribute assignment", "__delattr__": "for attribute deletion",
    "__init_subclass__": "when a subclass is defined", "__class_getitem__": "for C[...]",
}


def _check_special_methods(info: ClassInfo) -> None:
    for name, when in IMPLICIT_METHODS.items():
        if name in info.methods:
            raise _fail(info, info.methods[name].node, f"{name} is not supported: CPython calls it {when}",
                        "use an ordinary method and call it explicitly")
    _check_equality_methods(info)
    fn = info.methods.get("__hash__")
    if fn is not None and (len(fn.params) != 1 or fn.result != INT or fn.result_wasm != INT.wasm):
        raise _fail(info, fn.node, "__hash__ must be declared as 'def __hash__(self) -> int'",
                    "CPython's hash() takes the int it returns (a TypeError for any other type)")
    for name, result in TRUTH_METHODS.items():
        fn = info.methods.get(name)
        if fn is None:
            continue
        if len(fn.params) != 1 or fn.result != result or fn.result_wasm != result.wasm:
            raise _fail(info, fn.node, f"{name} must be declared as 'def {name}(self) -> {result}'",
                        "CPython calls it for the truth value of the object")


def truth_method(info: ClassInfo) -> FuncSym | None:
    """What decides the truth of an instance of exactly this class: __bool__, else __len__, else nothing."""
    return inherited_method(info, "__bool__") or inherited_method(info, "__len__")


def _check_equality_methods(info: ClassInfo) -> None:
    """A written __eq__/__ne__ only in a class without a base, taking that class, and no dataclass
    below one: then every comparison runs the one method CPython would choose (CPython prefers a
    subclass's different __eq__, reflected, when the right operand is a subclass instance)."""
    for name in ("__eq__", "__ne__"):
        fn = info.methods.get(name)
        if fn is None or getattr(fn.node, "generated", False):
            continue
        if info.base is not None:
            raise _fail(info, fn.node, f"{name} is only supported in a class without a base class",
                        "CPython would choose between the base's and the subclass's method by operand types")
        if len(fn.params) != 2 or fn.params[1].ty != class_type(info) or fn.result != BOOL:
            raise _fail(info, fn.node, f"{name} must be declared as 'def {name}(self, other: \"{info.name}\") -> bool'",
                        f"== here only ever compares two {info.name} objects (comparing one with another type is a "
                        "compile error), so 'other: object' and NotImplemented are not needed")
    written = inherited_method(info.base, "__eq__") if info.base is not None else None
    if info.dataclass and written is not None and not getattr(written.node, "generated", False):
        raise _fail(info, info.node, f"a dataclass cannot inherit the written __eq__ of {written.qualname}",
                    "CPython would run the base's __eq__ with the operands swapped: drop @dataclass here, "
                    "or the __eq__ of the base")
