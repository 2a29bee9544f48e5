"""Random whole programs for the differential fuzzer (``test_fuzz_programs.py``).

``programs()`` is a Hypothesis strategy for a ``FuzzProgram``: a well-typed
module in the compiled subset with
- classes: fields (int, str, list[int], dict[str, int]), class constants, an
  ``__init__`` with defaults, single inheritance (``super().__init__``),
  methods with defaults, overrides (``super().m()``) and a ``digest()``
  method that folds every field;
- module-level functions with typed parameters (containers and instances
  too, so callees mutate what callers see) and defaults;
- exports ``e0``, ``e1``, ... ``(a: int, b: int, c: int, p: bool) -> int``
  whose bodies declare, alias, mutate and loop over ints, strs, lists, dicts and
  instances (see ``fuzz_statements.py`` and ``fuzz_expressions.py``), fold
  what they see into ``h`` with ``mix``/``dig_*``, and return ``mix(h, G)``:
  one int checks a lot. ``G`` is the trace that ``t(v)`` appends to, so the
  order in which operands and arguments are evaluated is checked too.

Bodies also raise and catch (``fuzz_exceptions.py``): try/except/else/finally,
``raise`` of built-in classes and of the prelude's ``Oops``/``Worse``/``Odd``,
operations that fail at run time, exceptions crossing calls.

There is no recursion (a callable calls only callables of a lower rank, see
``fuzz_model.py``) and every loop is bounded, so every program runs fast.
Constructs that hit a known open compiler bug are off unless named in
``fuzz_model.FIXED`` or ``FUZZ_FEATURES`` (see ``fuzz_model.KNOWN_BUGS``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from hypothesis import strategies as st

from fuzz_model import (BOOL, DICT_INT_INT, DICT_STR_INT, INT, LIST_INT, LIST_STR, STR, VALUE_TYPES, ClassModel, Param, ProgramModel, Scope,
                        Signature, enabled_features)
from fuzz_exceptions import EXCEPTION_HELPERS
from fuzz_statements import Statements, digest_of, indent

EXPORT_PARAMS = {"a": INT, "b": INT, "c": INT, "p": BOOL}
FIELD_TYPES = [INT, INT, STR, STR, LIST_INT, DICT_STR_INT]
METHOD_PARAM_TYPES = [INT, INT, STR, BOOL, LIST_INT]
DEFAULTABLE = (INT, STR, BOOL)
FUNCTION_RANK, EXPORT_RANK = 1000, 10**6  # methods rank below functions, functions below exports

HELPERS = {  # name -> source; a program gets the ones it uses
    "G": "G = 0",
    "mix": "def mix(h: int, v: int) -> int:\n    return (h * 1000003 + v % 1000000007) % 1000000007",
    "t": "def t(v: int) -> int:\n    global G\n    G = mix(G, v)\n    return v",
    "dig_s": "def dig_s(s: str) -> int:\n    h = len(s) + 7\n    for c in s:\n        h = mix(h, ord(c))\n    return h",
    "dig_li": "def dig_li(xs: list[int]) -> int:\n    h = len(xs) + 11\n    for x in xs:\n        h = mix(h, x)\n"
              "    return h",
    "dig_ls": "def dig_ls(xs: list[str]) -> int:\n    h = len(xs) + 13\n    for x in xs:\n"
              "        h = mix(h, dig_s(x))\n    return h",
    "dig_dsi": "def dig_dsi(d: dict[str, int]) -> int:\n    h = len(d) + 17\n    for k, v in d.items():\n"
               "        h = mix(mix(h, dig_s(k)), v)\n    return h",
    "dig_dii": "def dig_dii(d: dict[int, int]) -> int:\n    h = len(d) + 19\n    for k, v in d.items():\n"
               "        h = mix(mix(h, k), v)\n    return h",
    **EXCEPTION_HELPERS,  # after dig_s, which dig_m uses
}


@dataclass(frozen=True)
class FuzzProgram:
    source: str
    exports: tuple[str, ...]


def with_helpers(body: str) -> str:
    """The helpers ``body`` uses (and the helpers those use), in HELPERS' order, then ``body``."""
    used = set()
    text = body
    for name in reversed(HELPERS):
        if re.search(rf"\b{name}\b", text):
            used.add(name)
            text += HELPERS[name]
    helpers = [source for name, source in HELPERS.items() if name in used]
    return "from abi import export\n\n" + "\n\n\n".join(helpers) + "\n\n\n" + body


@st.composite
def programs(draw, features: frozenset[str] | None = None) -> FuzzProgram:
    writer = ProgramWriter(draw, enabled_features() if features is None else features)
    return writer.write()


class ProgramWriter(Statements):
    def __init__(self, draw, features: frozenset[str]):
        super().__init__(draw)
        self.model = ProgramModel(features=features)
        self.ids = 0
        self.method_rank = 0

    def fresh(self, stem: str) -> str:
        self.ids += 1
        return f"{stem}{self.ids}"

    def write(self) -> FuzzProgram:
        for index in range(self.number(0, 3)):
            self.declare_class(index)
        for index in range(self.number(0, 3)):
            self.declare_function(index)
        parts = [self.class_source(c) for c in self.model.classes]
        parts += [self.function_source(f) for f in self.model.functions]
        exports = tuple(f"e{i}" for i in range(self.number(1, 2)))
        parts += [self.export_source(name) for name in exports]
        return FuzzProgram(with_helpers("\n\n\n".join(parts) + "\n"), exports)

    # -- declarations --------------------------------------------------------------------

    def parameters(self, types: list[str], stem: str) -> list[Param]:
        """Parameters of these types; a suffix of the int/str/bool ones gets constant defaults."""
        params = [Param(self.fresh(stem), ty) for ty in types]
        for param in reversed(params):
            if param.ty not in DEFAULTABLE or self.chance(2):
                break
            param.default = self.literal(self.bare_scope(), param.ty)
        return params

    def bare_scope(self) -> Scope:
        return Scope(self.model, {}, 0)

    def declare_class(self, index: int) -> None:
        base = self.pick(self.model.classes) if self.model.classes and self.chance(2) else None
        klass = ClassModel(f"C{index}", base)
        for _ in range(self.number(0 if base else 1, 2)):
            klass.fields[self.fresh("a")] = self.pick(FIELD_TYPES)
        for _ in range(self.number(0, 2)):
            ty = self.pick([INT, STR])
            klass.constants[self.fresh("K")] = (ty, self.literal(self.bare_scope(), ty))
        if base:
            base.subclasses.append(klass)
            for name, (ty, _) in base.all_constants().items():
                if self.chance(3):
                    klass.constants[name] = (ty, self.literal(self.bare_scope(), ty))
        klass.init = self.init_params(klass)
        self.declare_methods(klass)
        self.model.classes.append(klass)

    def init_params(self, klass: ClassModel) -> list[Param] | None:
        if klass.base and not klass.fields and self.chance(2):
            return None  # inherits the base's __init__
        inherited = [Param(p.name, p.ty, p.default) for p in klass.base.init_params()] if klass.base else []
        defaults_started = any(p.default is not None for p in inherited)
        own = []
        for name, ty in klass.fields.items():
            if self.chance(3) or (defaults_started and ty not in DEFAULTABLE):
                continue  # initialised from a literal
            param = Param("q" + name[1:], ty)
            if ty in DEFAULTABLE and (defaults_started or self.chance(2)):
                param.default, defaults_started = self.literal(self.bare_scope(), ty), True
            own.append(param)
        return inherited + sorted(own, key=lambda p: p.default is not None)

    def declare_methods(self, klass: ClassModel) -> None:
        if klass.base is None or klass.fields:
            klass.methods["digest"] = Signature("digest", [], INT, 0)
        for name, method in (klass.base.all_methods() if klass.base else {}).items():
            if name != "digest" and self.chance(2):
                params = [Param(p.name, p.ty, p.default) for p in method.params]
                if "override_defaults" in self.model.features:
                    for param in params:
                        if param.default is not None and self.chance(2):
                            param.default = self.literal(self.bare_scope(), param.ty)
                klass.methods[name] = Signature(name, params, method.result, method.rank)
        for _ in range(self.number(0 if klass.base else 1, 2)):
            self.method_rank += 1
            types = [self.pick(METHOD_PARAM_TYPES) for _ in range(self.number(0, 2))]
            result = self.pick([INT, INT, STR, BOOL, LIST_INT, "None"])
            name = self.fresh("m")
            klass.methods[name] = Signature(name, self.parameters(types, "x"), result, self.method_rank)

    def declare_function(self, index: int) -> None:
        kinds = list(VALUE_TYPES) + [c.name for c in self.model.classes]
        types = [self.pick(kinds) for _ in range(self.number(0, 3))]
        result = self.pick(kinds + ["None"])
        self.model.functions.append(Signature(f"f{index}", self.parameters(types, "p"), result,
                                              FUNCTION_RANK + index))

    # -- bodies ------------------------------------------------------------------------------

    def body(self, scope: Scope, depth: int, low: int, high: int) -> list[str]:
        lines = self.block(scope, depth, low, high, nested=False)
        if scope.result not in ("None", "export"):
            lines.append(f"return {self.expr(scope, scope.result, 2)}")
        return lines

    def class_source(self, klass: ClassModel) -> str:
        lines = [f"class {klass.name}({klass.base.name}):" if klass.base else f"class {klass.name}:"]
        lines += indent([f"{name} = {literal}" for name, (_, literal) in klass.constants.items()])
        methods = [self.init_source(klass)] if klass.init is not None else []
        for method in klass.methods.values():
            methods.append(self.digest_source(klass) if method.name == "digest" else self.method_source(klass, method))
        lines += ["", *indent("\n\n".join(methods).split("\n"))] if methods else indent(["pass"])
        return "\n".join(lines)

    def init_source(self, klass: ClassModel) -> str:
        params = Signature("__init__", klass.init or [], "None", 0)
        lines = []
        if klass.base:
            base_params = klass.base.init_params()
            if self.chance(2):
                arguments = ", ".join(p.name for p in base_params)
            else:
                arguments = ", ".join(f"{p.name}={p.name}" for p in self.draw(st.permutations(base_params)))
            lines.append(f"super().__init__({arguments})")
        by_field = {"a" + p.name[1:]: p.name for p in klass.init or [] if p.name.startswith("q")}
        for name, ty in klass.fields.items():
            value = by_field.get(name) or self.literal(self.bare_scope(), ty)
            if name not in by_field and ty in (LIST_INT, DICT_STR_INT) and self.chance(2):
                value = "[]" if ty == LIST_INT else "{}"
            lines.append(f"self.{name}: {ty} = {value}")
        return "\n".join([params.header(self_param=True), *indent(lines or ["pass"])])

    def digest_source(self, klass: ClassModel) -> str:
        start = "super().digest()" if klass.base else str(len(klass.name))
        lines = [f"h = {start}"] + [f"h = mix(h, {digest_of(ty, 'self.' + name)})" for name, ty in klass.fields.items()]
        return "\n".join(["def digest(self) -> int:", *indent(lines + ["return h"])])

    def method_source(self, klass: ClassModel, method: Signature) -> str:
        variables = {"self": klass.name, **{p.name: p.ty for p in method.params}}
        scope = Scope(self.model, variables, method.rank, klass, method, method.result)
        return "\n".join([method.header(self_param=True), *indent(self.body(scope, 2, 1, 3))])

    def function_source(self, function: Signature) -> str:
        scope = Scope(self.model, {p.name: p.ty for p in function.params}, function.rank, result=function.result)
        return "\n".join([function.header(), *indent(self.body(scope, 2, 1, 4))])

    def setup_types(self) -> list[str]:
        """What an export declares first: mostly containers and instances, for the body to work on."""
        shared = [LIST_INT, LIST_STR, DICT_STR_INT, DICT_INT_INT] + [c.name for c in self.model.classes] * 2
        return [self.pick(shared) for _ in range(self.number(1, 3))] + [self.pick(VALUE_TYPES)]

    def export_source(self, name: str) -> str:
        scope = Scope(self.model, {**EXPORT_PARAMS, "h": INT}, EXPORT_RANK, result="export",
                      readonly=frozenset({"h"}))
        lines = ["h = 1"]
        for ty in self.setup_types():
            lines += self.stmt_declare(scope, 0, ty)
        lines += self.block(scope, 3, 3, 8, nested=False)
        if self.chance(3):  # one more try, where the export surely gets (most of its tries are deeper)
            lines += self.stmt_try(scope, 2)
        lines += [f"h = mix(h, {digest_of(ty, v)})" for v, ty in scope.variables.items() if v != "h"]
        header = f"def {name}({', '.join(f'{p}: {t}' for p, t in EXPORT_PARAMS.items())}) -> int:"
        return "\n".join(["@export", header, *indent(lines + ["return mix(h, G)"])])
