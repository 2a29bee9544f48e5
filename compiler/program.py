"""The program model shared by the passes: modules, symbols and source types.

The front end keeps CPython's own ``ast`` (imported as ``py_ast``) as the tree;
passes add what they learn as attributes on its nodes, always with these names:

- ``node.ty``: the source ``Type`` of an expression (set by ``sema.check``);
- ``node.sym``: what a ``Name`` (or a call's callee) refers to: a ``Local``,
  ``GlobalSym``, ``FuncSym`` or ``Builtin`` (set by ``sema.check``).

Source types (``Type``) are Python-level; each knows the wasm value type that
carries it. Nothing below ``lower/`` looks at a source type.
"""
from __future__ import annotations

import ast as py_ast
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Loc, loc_of


@dataclass(frozen=True)
class Type:
    """A source type. ``wasm`` is the value type carrying it (None for NoneType);
    ``pointer`` marks references to objects in linear memory (traced by the GC)."""

    name: str
    wasm: str | None
    pointer: bool = False

    def __str__(self) -> str:
        return self.name


INT = Type("int", "i64")
BOOL = Type("bool", "i32")
FLOAT = Type("float", "f64")
NONE = Type("None", None)
STR = Type("str", "i32", True)
BYTES = Type("bytes", "i32", True)
BYTEARRAY = Type("bytearray", "i32", True)  # compiler/sema/bytearrays.py, compiler/runtime/bytearrays.py
MEMORYVIEW = Type("memoryview", "i32", True)  # of bytes: compiler/sema/memoryviews.py
TYPE = Type("type", "i64")  # a class as a value: an i64 code (sema/type_values.py)
ANY = Type("Any", "i32", True)  # typing.Any / object: a pointer to an object or a tagged box; 0 is None


@dataclass(frozen=True)
class ListType(Type):
    item: Type = NONE


@dataclass(frozen=True)
class ViewType(Type):
    """``d.keys()``/``d.values()``/``d.items()`` used as a value: a snapshot list that may only be
    consumed at once (len, in, list(), sorted(), min/max, for), since CPython's views are live."""

    item: Type = NONE


def view_of(kind: str, item: Type) -> "ViewType":
    return ViewType(f"dict_{kind}[{item}]", "i32", True, item)


@dataclass(frozen=True)
class DictType(Type):
    key: Type = NONE
    value: Type = NONE


@dataclass(frozen=True)
class SetType(Type):
    """``set[T]`` or ``frozenset[T]`` (T: int, bool, str or bytes): compiler/runtime/sets.py,
    CPython's hash table; a frozenset has the same objects, and no method that changes them."""

    item: Type = NONE
    frozen: bool = False


@dataclass(frozen=True)
class TupleType(Type):
    items: tuple[Type, ...] = ()


@dataclass(frozen=True)
class VarTupleType(Type):
    """``tuple[T, ...]``: a tuple whose length is known only when it runs. Held in the list layout
    (compiler/runtime/lists.py): nothing may change a tuple, so the list's spare capacity and
    growth are never used, and every read-only list routine (len, get, slice, concat, compare,
    search) serves it as is. Only the operations the checker allows reach it: no list method that
    changes the object, and its own messages (``tuple index out of range``) and repr ``(1,)``."""

    item: Type = NONE


@dataclass(frozen=True)
class OptionalType(Type):
    """``T | None``: a null pointer is None; int/float/bool values are boxed."""

    inner: Type = NONE


@dataclass(frozen=True)
class UnionType(Type):
    """``A | B | ...`` beyond ``T | None``: held as an Any is (objects as they are, scalars in boxes
    tagged with their type), so ``isinstance`` tells the members apart at run time."""

    members: tuple[Type, ...] = ()


@dataclass(frozen=True)
class ClassType(Type):
    info: "ClassInfo | None" = None


@dataclass(frozen=True)
class DefaultDictType(DictType):
    """``collections.defaultdict[K, V]``: a dict whose ``d[k]`` inserts V's factory value (0, "",
    [], {}, set()...) for a missing key. The factory is V's own type, so the type says it all.
    Its own type, not a ``dict[K, V]``: code typed for a dict would raise KeyError where CPython
    inserts, and show ``{...}`` where CPython shows ``defaultdict(<class 'list'>, {...})``."""


@dataclass(frozen=True)
class CounterType(DictType):
    """``collections.Counter[K]``: a ``dict[K, int]`` whose ``c[k]`` reads 0 for a missing key
    (without inserting it), shown as ``Counter({...})`` by count."""


@dataclass(frozen=True)
class OrderedDictType(DictType):
    """``collections.OrderedDict[K, V]``: a dict (the same insertion order) with ``move_to_end`` and
    ``popitem``, shown as ``OrderedDict([('a', 1)])``; == between two is order-sensitive (refused)."""


@dataclass(frozen=True)
class DequeType(ListType):
    """``collections.deque[T]``: a list (the same layout, so every read-only list operation serves
    it) whose items also come and go at the front in O(1) (compiler/runtime/deques.py). Its own type,
    never a ``list[T]``: its methods, repr, index errors and iteration (RuntimeError once changed)
    are CPython's deque's (sema/deques.py)."""


def deque_of(item: Type) -> DequeType:
    return DequeType(f"deque[{item}]", "i32", True, item)


def ordered_dict_of(key: Type, value: Type) -> OrderedDictType:
    return OrderedDictType(f"OrderedDict[{key}, {value}]", "i32", True, key, value)


def default_dict_of(key: Type, value: Type) -> DefaultDictType:
    return DefaultDictType(f"defaultdict[{key}, {value}]", "i32", True, key, value)


def counter_of(key: Type) -> CounterType:
    return CounterType(f"Counter[{key}]", "i32", True, key, INT)


def list_of(item: Type) -> ListType:
    return ListType(f"list[{item}]", "i32", True, item)


def dict_of(key: Type, value: Type) -> DictType:
    return DictType(f"dict[{key}, {value}]", "i32", True, key, value)


def set_of(item: Type, frozen: bool = False) -> SetType:
    return SetType(f"{'frozenset' if frozen else 'set'}[{item}]", "i32", True, item, frozen)


def tuple_of(items: tuple[Type, ...]) -> TupleType:
    return TupleType(f"tuple[{', '.join(map(str, items))}]", "i32", True, tuple(items))


def var_tuple_of(item: Type) -> VarTupleType:
    return VarTupleType(f"tuple[{item}, ...]", "i32", True, item)


def optional_of(inner: Type) -> Type:
    if isinstance(inner, OptionalType) or inner in (NONE, ANY):
        return inner
    if isinstance(inner, UnionType):
        return union_of([inner, NONE])
    return OptionalType(f"{inner} | None", "i32", True, inner)


def members_of(ty: Type) -> tuple[Type, ...]:
    if isinstance(ty, UnionType):
        return ty.members
    if isinstance(ty, OptionalType):
        return (ty.inner, NONE)
    return (ty,)


def union_of(types: list[Type]) -> Type:
    """The type of a value of any of ``types``: one type, ``T | None``, Any, or a ``UnionType``."""
    members: list[Type] = []
    for ty in types:
        for member in members_of(ty):
            if member not in members:
                members.append(member)
    if ANY in members:
        return ANY
    if NONE in members:  # None last, as people write it
        members = [m for m in members if m != NONE] + [NONE]
    if len(members) == 1:
        return members[0]
    if len(members) == 2 and members[1] == NONE:
        return optional_of(members[0])
    return UnionType(" | ".join(map(str, members)), "i32", True, tuple(members))


# Object layout in linear memory: an 8-byte header (see compiler/runtime/memory.py),
# then the payload. str and bytes keep their length at 8 and their data at 16.
HEADER_SIZE = 8
BYTES_LEN_OFFSET = 8
STR_CHARS_OFFSET = 12
BYTES_DATA_OFFSET = 16
KIND_STR = 1
KIND_BYTES = 2


@dataclass
class SourceModule:
    name: str  # dotted module name, e.g. "filter.main"
    path: Path
    display_path: str
    text: str
    tree: py_ast.Module
    namespace: dict[str, "Symbol"] = field(default_factory=dict)

    def loc(self, py_node: py_ast.AST | None) -> Loc:
        return loc_of(self.display_path, self.text, py_node)


@dataclass(eq=False)
class ClassInfo:
    """A user class: fields in slot order (inherited first), methods by name."""

    qualname: str
    module: "SourceModule"
    node: py_ast.ClassDef
    base: "ClassInfo | None" = None
    fields: dict[str, Type] = field(default_factory=dict)
    defaults: dict[str, py_ast.expr] = field(default_factory=dict)
    methods: dict[str, "FuncSym"] = field(default_factory=dict)
    constants: dict[str, "GlobalSym"] = field(default_factory=dict)
    dataclass: bool = False
    class_id: int = 0
    last_descendant_id: int = 0
    eq_in_subtree: bool = False  # this class or a subclass has __eq__ (own, inherited or generated)
    constant_fields: set[str] = field(default_factory=set)  # class constants also held per instance
    factories: dict[str, str] = field(default_factory=dict)  # dataclass field -> default_factory call (source)

    @property
    def name(self) -> str:
        return self.node.name


@dataclass
class Param:
    name: str
    ty: Type
    wasm: str  # boundary wasm type (i32 for ``i32``-annotated ints)
    default: py_ast.expr | None = None  # a constant expression
    keyword_only: bool = False  # declared after '*': passed by keyword only
    var_positional: bool = False  # '*args: T': the extra positional arguments, a tuple[T, ...]
    var_keyword: bool = False  # '**kwargs: T': the extra keyword arguments, a dict[str, T]


@dataclass
class FuncSym:
    qualname: str
    module: SourceModule
    node: py_ast.FunctionDef
    params: list[Param] = field(default_factory=list)
    result: Type = NONE
    result_wasm: str | None = None
    export: str | None = None
    host: tuple[str, str] | None = None  # (module, name) for a host import
    locals: dict[str, Type] = field(default_factory=dict)
    owner: ClassInfo | None = None  # the class of a method

    @property
    def name(self) -> str:
        return self.node.name


@dataclass
class GlobalSym:
    qualname: str
    module: SourceModule
    node: py_ast.AST
    ty: Type | None = None
    value: object = None  # compile-time initial value (int, bool, float, str, bytes)
    assigned_in_functions: bool = False
    runtime_init: py_ast.expr | None = None  # initializer evaluated when the module starts
    statement: bool = False  # a module-level call run for its effect (no name, no wasm global)

    @property
    def is_constant(self) -> bool:
        return self.runtime_init is None and not self.assigned_in_functions


@dataclass(frozen=True)
class Builtin:
    name: str  # e.g. "len", "range", "abi.export", "abi.intrinsics.load_u8"


@dataclass(frozen=True)
class Local:
    name: str


Symbol = FuncSym | GlobalSym | Builtin | ClassInfo


@dataclass
class Program:
    modules: dict[str, SourceModule]
    entry: str
    functions: dict[str, FuncSym] = field(default_factory=dict)
    globals: dict[str, GlobalSym] = field(default_factory=dict)
    classes: dict[str, ClassInfo] = field(default_factory=dict)
    module_order: list[str] = field(default_factory=list)  # imported modules before importers
    unchecked: set[str] = field(default_factory=set)  # runtime functions checked when first lowered


# Runtime modules loaded into every program (only what is reachable is emitted). The loader
# takes them last first: modules added at the front keep the others' order (and main.wasm's layout).
RUNTIME_MODULES = ("compiler.runtime.float_arith", "compiler.runtime.dict_table", "compiler.runtime.list_cmp",
                   "compiler.runtime.str_fmt", "compiler.runtime.str_utf8", "compiler.runtime.str_case",
                   "compiler.runtime.str_split", "compiler.runtime.str_find", "compiler.runtime.str_items",
                   "compiler.runtime.text_translate", "compiler.runtime.numbers", "compiler.runtime.held_methods",
                   "compiler.runtime.tuple_builtin", "compiler.runtime.kwargs_unpack", "compiler.runtime.dynamic_ops",
                   "compiler.runtime.sorting", "compiler.runtime.ascii_text", "compiler.runtime.list_slices",
                   "compiler.runtime.dict_popitem", "compiler.runtime.ints", "compiler.runtime.text_case",
                   "compiler.runtime.text_pad", "compiler.runtime.text_split", "compiler.runtime.memory",
                   "compiler.runtime.lists", "compiler.runtime.strings", "compiler.runtime.dicts",
                   "compiler.runtime.floats", "compiler.runtime.float_parse", "compiler.runtime.float_format",
                   "compiler.runtime.exceptions", "compiler.runtime.dynamic", "compiler.runtime.reprs",
                   "compiler.runtime.held_items", "compiler.runtime.held_arith")
# Loaded only for programs that use sets (frontend/load.py): the others compile as fast as before.
SET_RUNTIME_MODULES = ("compiler.runtime.set_algebra", "compiler.runtime.sets", "compiler.runtime.set_table",
                       "compiler.runtime.set_keys",
                       "compiler.runtime.user_keys")
# And for programs that write __hash__ (sets load it too: runtime/set_keys.py calls it).
USER_KEY_RUNTIME_MODULES = ("compiler.runtime.user_keys",)
# And for programs that import from collections (Counter, OrderedDict): the same.
COLLECTIONS_RUNTIME_MODULES = ("compiler.runtime.dict_kinds",)
# And for programs that import collections.deque.
DEQUE_RUNTIME_MODULES = ("compiler.runtime.deques",)
# And for programs that name bytearray or memoryview.
BYTEARRAY_RUNTIME_MODULES = ("compiler.runtime.bytearrays", "compiler.runtime.memoryviews")
# And for programs that pass an encoding or error handler to str.encode/bytes.decode (sema/text_codecs.py).
CODEC_RUNTIME_MODULES = ("compiler.runtime.codecs_text",)
# And for programs that write "sort" (sorted, list.sort): CPython's own sort, for floats and __lt__.
SORT_RUNTIME_MODULES = ("compiler.runtime.timsort", "compiler.runtime.timsort_runs")
OPTIONAL_RUNTIME_MODULES = SORT_RUNTIME_MODULES + SET_RUNTIME_MODULES + USER_KEY_RUNTIME_MODULES + \
    COLLECTIONS_RUNTIME_MODULES + DEQUE_RUNTIME_MODULES + \
    BYTEARRAY_RUNTIME_MODULES + CODEC_RUNTIME_MODULES
RT_MEMORY = "compiler.runtime.memory"

# Modules the compiler provides itself: their names are intrinsics, not code.
BUILTIN_MODULES: dict[str, tuple[str, ...]] = {
    "typing": ("Optional", "Any", "Union", "Callable", "List", "Dict", "Set", "FrozenSet", "Tuple",
               "NamedTuple", "Iterator", "Iterable", "Generator"),
    "collections.abc": ("Callable", "Iterator", "Iterable", "Generator"),
    "collections": ("defaultdict", "Counter", "OrderedDict", "deque"),  # sema/collections_types.py, sema/deques.py
    "dataclasses": ("dataclass", "field"),
    "itertools": ("chain", "groupby", "islice", "count", "product", "accumulate", "pairwise", "repeat", "takewhile",
                  "dropwhile", "zip_longest"),  # sema/itertools_calls.py
    "functools": ("reduce", "lru_cache", "cache"),  # and frontend/function_caches.py
    "enum": ("Enum", "IntEnum", "Flag"),
    "__future__": ("annotations",),
    "abi": ("export", "export_if_overridden", "wasm_import", "i32", "i64"),
    "abi.intrinsics": (
        "load_u8", "load_u32", "load_i64", "store_u8", "store_u32", "store_i64",
        "memory_size", "memory_grow", "memory_fill", "memory_copy", "heap_base", "record_table",
        "data_ptr", "text_ptr", "text_size", "bytes_at", "unreachable", "float_bits", "float_from_bits",
        "wrap_add", "wrap_sub", "wrap_mul", "shr_u", "lt_u", "ctz", "div_u", "rem_u", "call_less",
        "raise_value_error", "raise_index_error", "raise_key_error",
        "raise_overflow_error", "raise_zero_division_error", "raise_memory_error",
        "raise_type_error", "raise_runtime_error", "raise_unicode_decode_error",
    ),
}

# raise_<error>() intrinsics trap through the runtime function named after the exception.
RAISE_INTRINSICS = {
    "raise_value_error": "ValueError", "raise_index_error": "IndexError", "raise_key_error": "KeyError",
    "raise_overflow_error": "OverflowError", "raise_zero_division_error": "ZeroDivisionError",
    "raise_memory_error": "MemoryError", "raise_type_error": "TypeError",
    "raise_runtime_error": "RuntimeError", "raise_unicode_decode_error": "UnicodeDecodeError",
}
