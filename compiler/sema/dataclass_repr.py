"""The ``__repr__`` a @dataclass generates: ``Box(v=1, name='x')``, the runtime class's name and
each field's repr in order (``field(repr=False)`` left out), for a dataclass with repr=True (the
default) whose class body defines no ``__repr__``.

Problem: a field whose repr CPython makes from an address (an object of a class without
``__repr__``), or a dataclass that can hold itself (CPython shows ``...`` for a cycle), cannot be
shown the same here. Accepts: the declared classes, before their methods are checked.
Guarantees: every other such dataclass gets a generated ``__repr__`` (source lines declared like
the generated ``__init__``); a refused one gets none and ``info.repr_refusal`` says why, and
``info.repr_refused_below`` on it and its bases makes sema/reprs.py refuse repr()/str() of any
value whose runtime object may be one of it.
"""
from __future__ import annotations

from ..program import (ANY, BOOL, BYTEARRAY, BYTES, FLOAT, INT, NONE, STR, ClassInfo, ClassType, DictType, ListType,
                       OptionalType, Program, SetType, TupleType, Type, UnionType, ViewType)
from .dataclass_options import option
from .sets import identity_item
from .stdlib_operators import never_held
from .types import is_exception_class_info, is_subclass

SCALARS = (INT, BOOL, STR, FLOAT, BYTES, NONE)
TEXT_METHODS = ("__str__", "__repr__", "__format__")


def written_text_methods(program: Program) -> bool:
    """A class of the program defines __str__, __repr__ or __format__ in its body (generated reprs
    and exception classes are not counted: an Any never holds a dataclass or an exception,
    sema/types.py ``to_any``)."""
    return any(name in c.methods and not getattr(c.methods[name].node, "generated", False)
               and not is_exception_class_info(c) and not never_held(c)
               for c in program.classes.values() for name in TEXT_METHODS)


def generates_repr(info: ClassInfo) -> bool:
    return info.dataclass and option(info, "repr") and "__repr__" not in info.methods


def generate_reprs(program: Program, add_methods) -> None:
    shower = _Showability(program)
    chosen = [c for c in program.classes.values() if generates_repr(c)]
    refusals = {c.qualname: shower.fields_problem(c, (c,)) for c in chosen}
    for info in chosen:
        if refusals[info.qualname] is None:
            add_methods(program, info, repr_source(info))
        else:
            info.repr_refusal = f"{refusals[info.qualname]}, so the repr CPython generates for {info.name} is not made here"
    for info in program.classes.values():
        below = [c for c in program.classes.values() if is_subclass(c, info) and getattr(c, "repr_refusal", None)]
        info.repr_refused_below = below[0].repr_refusal if below else None


def repr_source(info: ClassInfo) -> list[str]:
    shown = [name for name in info.fields if name not in getattr(info, "hidden_fields", ())]
    parts = ['type(self).__name__ + "("']
    for index, name in enumerate(shown):
        parts += [repr(", " * bool(index) + f"{name}="), f"repr(self.{name})"]
    parts.append('")"')
    return ["    def __repr__(self) -> str:", f"        return {' + '.join(parts)}"]


class _Showability:
    """Why the repr of a type would not be CPython's text here, or None."""

    def __init__(self, program: Program):
        self.program = program
        self.any_shown = not written_text_methods(program)
        self.showable: set[str] = set()  # dataclasses whose fields all show (whatever the path to them)

    def fields_problem(self, info: ClassInfo, path: tuple[ClassInfo, ...]) -> str | None:
        if info.qualname in self.showable:
            return None
        shadowed = [n for n in ("repr", "type", "isinstance") if n in info.module.namespace]
        if shadowed:  # the generated source calls the built-ins by these names
            return f"the module of {info.name} defines its own '{shadowed[0]}'"
        outer, self.module = getattr(self, "module", None), info.module  # where the source names union members
        try:
            for name, ty in info.fields.items():
                problem = None if name in getattr(info, "hidden_fields", ()) else self.problem(ty, path)
                if problem is not None:
                    return f"field '{name}' of {info.name}: {problem}"
        finally:
            self.module = outer
        self.showable.add(info.qualname)
        return None

    def problem(self, ty: Type, path: tuple[ClassInfo, ...]) -> str | None:
        if ty in SCALARS or ty == BYTEARRAY:  # bytearray(b'..'): sema/reprs.py
            return None
        if ty == ANY:
            return None if self.any_shown else ("str() of an Any is not decided: a class of this program "
                                                "defines __str__, __repr__ or __format__")
        if isinstance(ty, ClassType):
            return self.object_problem(ty.info, path)
        if isinstance(ty, OptionalType):
            return self.problem(ty.inner, path)
        if isinstance(ty, UnionType):
            odd = [m for m in ty.members if not (m in SCALARS or isinstance(m, (ListType, DictType)) or (
                isinstance(m, ClassType) and self.module.namespace.get(m.info.name) is m.info))]  # isinstance(v, C)
            return f"a union holding {odd[0]} is not told apart here" if odd else self.first(ty.members, path)
        if isinstance(ty, SetType) and identity_item(ty.item):
            return f"CPython shows a set of {ty.item} objects in the order of their addresses"
        if isinstance(ty, (ListType, ViewType, SetType)):
            return self.problem(ty.item, path)
        if isinstance(ty, DictType):
            return self.first((ty.key, ty.value), path)
        if isinstance(ty, TupleType):
            return self.first(ty.items, path)
        return f"{ty} has no repr here"

    def first(self, types, path: tuple[ClassInfo, ...]) -> str | None:
        return next((p for p in (self.problem(t, path) for t in types) if p is not None), None)

    def object_problem(self, info: ClassInfo, path: tuple[ClassInfo, ...]) -> str | None:
        """The object may be of any class below ``info``: each one's repr must show."""
        for cls in self.program.classes.values():
            if not is_subclass(cls, info):
                continue
            owner = _repr_owner(cls)
            if owner is None:
                return f"CPython shows the address of a {cls.name} object (its class defines no __repr__)"
            if not generates_repr(owner):
                continue  # a written __repr__
            if owner in path:
                return f"{owner.name} can hold itself, which CPython shows as '...' in a cycle"
            problem = self.fields_problem(owner, path + (owner,))
            if problem is not None:
                return problem
        return None


def _repr_owner(info: ClassInfo | None) -> ClassInfo | None:
    """The class whose __repr__ (written or generated) an object of ``info`` runs."""
    while info is not None:
        if "__repr__" in info.methods or generates_repr(info):
            return info
        info = info.base
    return None
