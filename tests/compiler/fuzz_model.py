"""What the program fuzzer knows about the program it is writing: types, signatures, classes, scopes.

Types are the annotation text itself (``"int"``, ``"list[str]"``, ``"C2"``),
so a type can be pasted into the source as it is. Every callable has a
``rank``: code may only call callables of a lower rank (a method's overrides
share its rank), so the generated call graph has no cycle and no program
recurses. ``Scope`` is what one body can see: its typed locals, the class of
``self``, the rank it may call below and whether it is inside a loop, a try body or a handler.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

INT, BOOL, STR = "int", "bool", "str"
LIST_INT, LIST_STR = "list[int]", "list[str]"
DICT_STR_INT, DICT_INT_INT = "dict[str, int]", "dict[int, int]"
LISTS = {LIST_INT: INT, LIST_STR: STR}  # list type -> item type
DICTS = {DICT_STR_INT: STR, DICT_INT_INT: INT}  # dict type -> key type (values are ints)
VALUE_TYPES = (INT, BOOL, STR, LIST_INT, LIST_STR, DICT_STR_INT, DICT_INT_INT)
SIZED = (STR, LIST_INT, LIST_STR, DICT_STR_INT, DICT_INT_INT)

# Constructs that hit a known compiler bug (issue 11), off by default so that CI stays
# green; each goes into FIXED when the compiler is fixed, or is switched on by hand with
# FUZZ_FEATURES=name,name (FUZZ_FEATURES=all: every one). Two are compile errors now (the
# program is refused, so generating them only wastes programs).
KNOWN_BUGS = {
    "list_inplace": "list += / *= rebinds instead of mutating in place (aliases keep the old list)",
    "self_constant": "a class constant read through self/an instance resolves on the static class",
    "override_defaults": "a call through the base type uses the base method's default arguments",
    "kwarg_order": "keyword arguments are evaluated in parameter order, not source order",
    "negative_power": "int ** an int that may be negative (CPython: a float): a compile error now",
    "exception_str": "str(e) ignores a __str__ defined by the exception's class",
    "exception_format_spec": "f'{e:>8}' (CPython: TypeError): a compile error now",
    "keyerror_repr": "str(KeyError(key)) is the key itself, not its repr, for keys with quotes, escapes or non-ASCII",
}
# Fixed: no mismatch in 150 programs with every feature (FUZZ_SEED=7) and 50 with these (FUZZ_SEED=11).
FIXED: frozenset[str] = frozenset({"list_inplace", "self_constant", "override_defaults", "kwarg_order",
                                   "exception_str", "keyerror_repr"})


def enabled_features() -> frozenset[str]:
    chosen = os.environ.get("FUZZ_FEATURES", "")
    if chosen.strip() == "all":
        return frozenset(KNOWN_BUGS)
    names = frozenset(n.strip() for n in chosen.split(",") if n.strip())
    unknown = names - set(KNOWN_BUGS)
    assert not unknown, f"FUZZ_FEATURES names unknown features {sorted(unknown)}; known: {sorted(KNOWN_BUGS)}"
    return FIXED | names


@dataclass
class Param:
    name: str
    ty: str
    default: str | None = None  # the source text of a constant default


@dataclass
class Signature:
    name: str
    params: list[Param]
    result: str  # a type, or "None"
    rank: int

    def header(self, self_param: bool = False) -> str:
        params = ["self"] if self_param else []
        for p in self.params:
            params.append(f"{p.name}: {p.ty}" + (f" = {p.default}" if p.default is not None else ""))
        return f"def {self.name}({', '.join(params)}) -> {self.result}:"


@dataclass
class ClassModel:
    name: str
    base: ClassModel | None
    fields: dict[str, str] = field(default_factory=dict)  # own fields: name -> type
    constants: dict[str, tuple[str, str]] = field(default_factory=dict)  # own: name -> (type, literal)
    methods: dict[str, Signature] = field(default_factory=dict)  # defined here (new or overriding)
    init: list[Param] | None = None  # None: inherits the base's __init__
    subclasses: list[ClassModel] = field(default_factory=list)

    def chain(self) -> list[ClassModel]:
        """This class and its bases, nearest first (the method resolution order)."""
        return [self] + (self.base.chain() if self.base else [])

    def all_fields(self) -> dict[str, str]:
        return {name: ty for c in reversed(self.chain()) for name, ty in c.fields.items()}

    def all_constants(self) -> dict[str, tuple[str, str]]:
        return {name: v for c in reversed(self.chain()) for name, v in c.constants.items()}

    def all_methods(self) -> dict[str, Signature]:
        return {name: sig for c in reversed(self.chain()) for name, sig in c.methods.items()}

    def init_params(self) -> list[Param]:
        return next(c.init for c in self.chain() if c.init is not None)

    def descendants(self) -> list[ClassModel]:
        return [d for s in self.subclasses for d in [s, *s.descendants()]]

    def is_subclass_of(self, other: ClassModel) -> bool:
        return other in self.chain()

    def constant_overridden_below(self, name: str) -> bool:
        return any(name in d.constants for d in self.descendants())


@dataclass
class ProgramModel:
    classes: list[ClassModel] = field(default_factory=list)
    functions: list[Signature] = field(default_factory=list)
    features: frozenset[str] = frozenset()

    def cls(self, name: str) -> ClassModel | None:
        return next((c for c in self.classes if c.name == name), None)


@dataclass
class Scope:
    program: ProgramModel
    variables: dict[str, str]  # visible locals and parameters: name -> type
    rank: int  # callables below this rank may be called
    self_class: ClassModel | None = None
    method: Signature | None = None  # the method being written (for super().m())
    result: str = "None"  # the result type of the body being written
    in_loop: bool = False
    readonly: frozenset[str] = frozenset({"self"})
    counter: list[int] = field(default_factory=lambda: [0])  # fresh names, shared by nested scopes
    in_try: bool = False  # inside a try body: risky operations are likelier
    in_handler: bool = False  # inside an except block: a bare ``raise`` re-raises
    exception: str | None = None  # the ``as`` name of the innermost handler (for ``raise ... from``)

    def fresh(self, stem: str) -> str:
        self.counter[0] += 1
        return f"{stem}{self.counter[0]}"

    def nested(self, in_loop: bool | None = None) -> Scope:
        """A block inside this one: it sees these names; its own new names stay inside."""
        return Scope(self.program, dict(self.variables), self.rank, self.self_class, self.method, self.result,
                     self.in_loop if in_loop is None else in_loop, self.readonly, self.counter, self.in_try,
                     self.in_handler, self.exception)

    def has(self, feature: str) -> bool:
        return feature in self.program.features

    def names_of(self, ty: str, writable: bool = False) -> list[str]:
        """Variables whose values have type ``ty`` (an instance of a subclass counts for a class)."""
        return [n for n, t in self.variables.items()
                if self.assignable(t, ty) and not (writable and n in self.readonly)]

    def assignable(self, actual: str, wanted: str) -> bool:
        if actual == wanted:
            return True
        actual_class, wanted_class = self.program.cls(actual), self.program.cls(wanted)
        return bool(actual_class and wanted_class and actual_class.is_subclass_of(wanted_class))

    def objects(self) -> list[tuple[str, ClassModel]]:
        """Variables holding instances, with their static classes."""
        return [(n, c) for n, t in self.variables.items() if (c := self.program.cls(t)) is not None]

    def fields_of(self, ty: str) -> list[str]:
        """``obj.field`` places of type ``ty`` reachable from the visible objects."""
        return [f"{n}.{f}" for n, c in self.objects() for f, t in c.all_fields().items() if t == ty]
