"""Which fields a call may assign, so one that cannot assign ``.f`` keeps what was proved about ``x.f``.

mypy keeps ``if self.origin: ... g(); use(self.origin)`` narrowed whatever ``g`` does; CPython then
may read a None. We keep it only where no code that may run can assign a field of that name, found
over the source of every module, by name, so what it misses is only ever more code:

- a function's own stores: ``x.f = ...``, ``x.f += ...``, ``del x.f``, ``for x.f in ...``; a class's
  constructor also stores its annotated fields (a dataclass's generated ``__init__``);
- what a function calls: every function or method of that name in any module (so every override), a
  class's ``__init__``/``__post_init__``/``__new__`` and its bases' by name;
- code that may run with no call of its name anywhere (``IMPLICIT``): dunder methods other than
  ``__init__`` (operators, ``str()``, hashing, iteration, ``with``), decorated functions (properties),
  lambdas, generator bodies (run by ``next`` on a generator made earlier), and every function or
  class named outside a call's callee position (a function value, a callback, a class value).

A call of an unknown kind, or a memory store, may assign any field (``None``).
"""
from __future__ import annotations

import ast as py_ast

Def = py_ast.FunctionDef | py_ast.Lambda
# An export runs when the host calls it, never inside a call of the program (the host calls back
# only proxy_on_memory_allocate, which runs no code of the program).
PLAIN_DECORATORS = ("staticmethod", "classmethod", "export", "export_if_overridden", "wasm_import")
INIT_METHODS = ("__init__", "__post_init__", "__new__")
OPAQUE_BASES = ("object", "Exception", "BaseException", "NamedTuple", "Enum", "IntEnum", "Flag")


class FieldStores:
    """The program's function bodies, indexed once: ``assigned_by(call)`` is the field names code
    that a call may run can assign, or None for any."""

    def __init__(self, trees: list[py_ast.Module]) -> None:
        self.trees = trees  # indexed on first use: most functions narrow no field
        self.indexed = False

    def _index_all(self) -> None:
        self.indexed = True
        self.defs: dict[str, list[Def]] = {}
        self.classes: dict[str, list[py_ast.ClassDef]] = {}
        self.stores: dict[Def, set[str]] = {}
        self.calls: dict[Def, set[str]] = {}
        self.implicit: list[Def] = []
        self.named: set[str] = set()  # names read other than as a callee
        self.aliases: dict[str, set[str]] = {}  # 'as' name -> the names imported under it
        self.owner: dict[Def, py_ast.ClassDef] = {}
        for tree in self.trees:
            self._index(tree)
        self.implicit += [d for name in self.named for d in self.defs.get(name, ())]
        self.implicit_classes = [name for name in self.named if name in self.classes]
        self._implicit_stores: frozenset[str] | None = None
        self._memo: dict[tuple[str, ...], frozenset[str]] = {}

    def assigned_by(self, node: py_ast.expr) -> frozenset[str] | None:
        """Field names that evaluating ``node`` (a call or an operation that may run code of the
        program, sema/types.py ``runs_user_code``) may assign; None: any."""
        callees = self._callees(node)
        if callees is None:
            return None
        if not self.indexed:
            self._index_all()
        return self.implicitly_assigned() | self._names_reach(callees)

    def implicitly_assigned(self) -> frozenset[str]:
        """Field names code that runs with no call of its name (a dunder, a property, a function
        value) may assign."""
        if not self.indexed:
            self._index_all()
        if self._implicit_stores is None:
            self._implicit_stores = self._reach(list(self.implicit), list(self.implicit_classes))
        return self._implicit_stores

    def _callees(self, node: py_ast.expr) -> tuple[str, ...] | None:
        """The names a call reaches by (``"C()"`` for a class's construction); () for none beyond
        the implicit code; None when anything may run."""
        call = getattr(node, "call", None) if isinstance(node, py_ast.Call) else None
        kind = call[0] if call else ""
        if kind in ("function", "method", "super"):
            return (call[1].name,)  # by name: every override of a method too
        if kind == "new":
            return (f"{call[1].name}()",)
        if kind == "intrinsic" and (call[1].startswith("store_") or call[1] in ("memory_fill", "memory_copy")):
            return None
        return ()  # a builtin, a function value, an operator: only implicit code runs

    def _names_reach(self, names: tuple[str, ...]) -> frozenset[str]:
        if names not in self._memo:
            defs = [d for name in names if not name.endswith("()") for d in self.defs.get(name, ())]
            classes = [name[:-2] for name in names if name.endswith("()")]
            self._memo[names] = self._reach(defs, classes)
        return self._memo[names]

    def _reach(self, defs: list[Def], classes: list[str]) -> frozenset[str]:
        """Field names stored by ``defs``, the construction of ``classes``, and all they call."""
        seen: set[int] = set()
        seen_classes: set[str] = set()
        stored: set[str] = set()
        while defs or classes:
            while classes:
                name = classes.pop()
                if name in seen_classes:
                    continue
                seen_classes.add(name)
                found = self._classes_named(name)
                if found is None:  # a base not found by name: any class's construction
                    defs += [d for init in INIT_METHODS for d in self.defs.get(init, ())]
                for cls in found or ():
                    stored |= _annotated_fields(cls)
                    defs += [d for d in _methods(cls) if d.name in INIT_METHODS]
                    classes += _base_names(cls)
            if defs:
                fn = defs.pop()
                if id(fn) in seen:
                    continue
                seen.add(id(fn))
                stored |= self.stores[fn]
                for name in self.calls[fn]:
                    if name.startswith("super:"):
                        defs += self._super_methods(fn, name[len("super:"):])
                        continue
                    for real in (name, *self.aliases.get(name, ())):
                        defs += self.defs.get(real, ())
                        if real in self.classes:
                            classes.append(real)
        return frozenset(stored)

    def _super_methods(self, fn: Def, name: str) -> list[Def]:
        """What ``super().name(...)`` in ``fn`` may run: the nearest definition up each base;
        every method of that name where a base is not found by name."""
        cls = self.owner.get(fn)
        bases = _base_names(cls) if cls else [""]
        found: list[Def] = []
        while bases:
            classes = self._classes_named(bases.pop())
            if classes is None:
                return list(self.defs.get(name, ()))
            for cls in classes:
                own = [m for m in _methods(cls) if m.name == name]
                found += own
                if not own:
                    bases += _base_names(cls)
        return found

    def _classes_named(self, name: str) -> list[py_ast.ClassDef] | None:
        """The classes a base or callee ``name`` may be (through 'import ... as' too); None when
        none is found and it is not a class whose construction runs none of the program's code."""
        found = [c for real in (name, *self.aliases.get(name, ())) for c in self.classes.get(real, ())]
        if not found and name not in OPAQUE_BASES:
            return None
        return found

    def _index(self, tree: py_ast.Module) -> None:
        """One pass over ``tree``: each function's own stores, calls and reads of names."""
        reads: dict[Def | None, list[str]] = {None: []}  # names loaded other than as a callee
        local: dict[Def | None, set[str]] = {None: set()}
        stack: list[tuple[py_ast.AST, Def | None, bool]] = [(tree, None, False)]
        while stack:
            node, fn, callee = stack.pop()
            kind = type(node)
            if kind is py_ast.Name:
                if isinstance(node.ctx, py_ast.Load):
                    if not callee:
                        reads[fn].append(node.id)
                else:
                    local[fn].add(node.id)
                continue
            if kind is py_ast.Attribute:
                if not isinstance(node.ctx, py_ast.Load):
                    if fn is not None:
                        self.stores[fn].add(node.attr)
                elif not callee:
                    self.named.add(node.attr)
                stack.append((node.value, fn, False))
                continue
            if kind is py_ast.FunctionDef or kind is py_ast.Lambda:
                stack += [(d, fn, False) for d in getattr(node, "decorator_list", ())]
                stack += [(d, fn, False) for d in (*node.args.defaults, *node.args.kw_defaults) if d is not None]
                self._start_def(node, reads, local)
                body = [node.body] if kind is py_ast.Lambda else node.body
                stack += [(child, node, False) for child in body]
                continue
            if kind is py_ast.Call:
                self._note_call(node, fn)
                stack.append((node.func, fn, True))
                stack += [(a, fn, False) for a in node.args] + [(k.value, fn, False) for k in node.keywords]
                continue
            if kind is py_ast.AnnAssign:
                stack += [(c, fn, False) for c in (node.target, node.value) if c is not None]
                continue  # the annotation is a type, not a value
            self._note_other(node, fn, local)
            stack += [(child, fn, False) for child in py_ast.iter_child_nodes(node)]
        for fn, names in reads.items():
            declared = {n[1:] for n in local[fn] if n.startswith("\0")}
            self.named.update(n for n in names if n not in local[fn] or n in declared)

    def _start_def(self, fn: Def, reads: dict, local: dict) -> None:
        if isinstance(fn, py_ast.FunctionDef):
            self.defs.setdefault(fn.name, []).append(fn)
        self.stores[fn], self.calls[fn] = set(), set()
        args = fn.args
        params = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}
        reads[fn], local[fn] = [], params | {a.arg for a in (args.vararg, args.kwarg) if a is not None}
        if isinstance(fn, py_ast.Lambda) or _dunder(fn.name) or _decorated(fn):
            self.implicit.append(fn)

    def _note_call(self, node: py_ast.Call, fn: Def | None) -> None:
        if fn is None:
            return  # module-level code runs at start-up, inside no call
        callee = node.func
        if isinstance(callee, py_ast.Name):
            self.calls[fn].add(callee.id)
        elif isinstance(callee, py_ast.Attribute):
            self.calls[fn].add(f"super:{callee.attr}" if _is_super(callee.value) else callee.attr)

    def _note_other(self, node: py_ast.AST, fn: Def | None, local: dict) -> None:
        if isinstance(node, py_ast.ClassDef):
            self.classes.setdefault(node.name, []).append(node)
            self.owner.update((m, node) for m in _methods(node))
        elif isinstance(node, (py_ast.Import, py_ast.ImportFrom)):
            for alias in node.names:
                if alias.asname:
                    self.aliases.setdefault(alias.asname, set()).add(alias.name.rsplit(".", 1)[-1])
        elif fn is None:
            return
        elif isinstance(node, (py_ast.Yield, py_ast.YieldFrom)) and fn not in self.implicit:
            self.implicit.append(fn)  # a generator's body runs when it is iterated
        elif isinstance(node, (py_ast.Global, py_ast.Nonlocal)):
            local[fn].update(f"\0{name}" for name in node.names)  # not local: see _index's end


def _annotated_fields(cls: py_ast.ClassDef) -> set[str]:
    return {s.target.id for s in cls.body if isinstance(s, py_ast.AnnAssign) and isinstance(s.target, py_ast.Name)}


def _methods(cls: py_ast.ClassDef) -> list[py_ast.FunctionDef]:
    return [s for s in cls.body if isinstance(s, py_ast.FunctionDef)]


def _dunder(name: str) -> bool:
    return name.startswith("__") and name.endswith("__") and name not in INIT_METHODS


def _decorated(fn: py_ast.FunctionDef) -> bool:
    return any(_decorator_name(d) not in PLAIN_DECORATORS for d in fn.decorator_list)


def _decorator_name(node: py_ast.expr) -> str:
    if isinstance(node, py_ast.Call):
        node = node.func  # @export_if_overridden("Class.method")
    return node.id if isinstance(node, py_ast.Name) else node.attr if isinstance(node, py_ast.Attribute) else ""


def _is_super(node: py_ast.expr) -> bool:
    return isinstance(node, py_ast.Call) and isinstance(node.func, py_ast.Name) and node.func.id == "super"




def _base_names(cls: py_ast.ClassDef) -> list[str]:
    """Its bases' names (``m.Base`` by its last part); "" for a base written otherwise."""
    return [b.id if isinstance(b, py_ast.Name) else b.attr if isinstance(b, py_ast.Attribute) else ""
            for b in cls.bases]
