"""Random statements for the program fuzzer: declarations, mutation, aliasing, control flow.

Every loop starts with a guard: it breaks after ``LOOP_LIMIT`` iterations, or
once the str/list values in scope hold more than ``SIZE_LIMIT`` items, so no
program runs long or grows without bound (``s += s`` in nested loops would
otherwise double it thousands of times). New locals get fresh names and are
seen only in the block that declares them, so every read is of an assigned
local, as the compiler requires. ``return`` appears only inside a compound
statement, so no code after it is dead.
"""
from __future__ import annotations

import re

from fuzz_exceptions import ExceptionStatements
from fuzz_expressions import weighted
from fuzz_model import BOOL, DICTS, INT, LISTS, SIZED, STR, VALUE_TYPES, Scope

LOOP_LIMIT = 4
SIZE_LIMIT = 200
SIMPLE = {"declare": 2, "alias": 4, "assign": 3, "swap": 1, "augment": 8, "field_assign": 4, "list_mutate": 8,
          "dict_mutate": 6, "call": 3, "use": 8, "trace": 1, "digest": 6, "assert": 1,
          "raise": 1}
COMPOUND = {"if": 6, "narrow": 2, "while": 2, "for_range": 4, "for_each": 4, "for_dict": 2, "for_enumerate": 2,
            "try": 2}
IN_TRY = {"risky": 5, "raise": 3, "use": 3}  # more of what raises in a try body
AUG_OPS = ["+=", "-=", "*=", "//=", "%=", "&=", "|=", "^=", "<<=", ">>=", "**="]
DIGESTS = {INT: "{}", BOOL: "int({})", STR: "dig_s({})", "list[int]": "dig_li({})", "list[str]": "dig_ls({})",
           "dict[str, int]": "dig_dsi({})", "dict[int, int]": "dig_dii({})"}


def digest_of(ty: str, value: str) -> str:
    """An int that changes with every part of the value (``obj.digest()`` for an instance)."""
    return DIGESTS[ty].format(value) if ty in DIGESTS else f"{value}.digest()"


def indent(lines: list[str]) -> list[str]:
    return ["    " + line if line else line for line in lines]


class Statements(ExceptionStatements):

    def block(self, scope: Scope, depth: int, low: int = 1, high: int = 4, nested: bool = True) -> list[str]:
        lines: list[str] = []
        for _ in range(self.number(low, high)):
            lines += self.statement(scope, depth, nested)
        return lines or ["pass"]

    def statement(self, scope: Scope, depth: int, nested: bool) -> list[str]:
        kinds = weighted(SIMPLE) + (weighted(COMPOUND) if depth > 0 else [])
        kinds += ["break", "continue"] if scope.in_loop else []
        kinds += weighted(IN_TRY) if scope.in_try else []
        kinds += ["return"] if nested else []
        for _ in range(3):  # a kind may not apply (no list in scope to mutate, ...): try another
            made = getattr(self, f"stmt_{self.pick(kinds)}")(scope, depth)
            if made:
                return made
        return self.stmt_declare(scope, depth)

    def value_types(self, scope: Scope) -> list[str]:
        return list(VALUE_TYPES) + [c.name for c in scope.program.classes]

    # -- names and places --------------------------------------------------------------------

    def stmt_declare(self, scope: Scope, depth: int, ty: str | None = None) -> list[str]:
        ty = ty or self.pick(self.value_types(scope))
        name = scope.fresh("v")
        if (ty in LISTS or ty in DICTS) and self.chance(4):
            value = "[]" if ty in LISTS else "{}"
        else:
            value = self.expr(scope, ty, 2)
        annotation = f": {ty}" if ty not in (INT, STR, BOOL) or self.chance(2) else ""
        scope.variables[name] = ty
        return [f"{name}{annotation} = {value}"]

    def stmt_alias(self, scope: Scope, depth: int) -> list[str] | None:
        shared = [(n, t) for n, t in scope.variables.items() if t not in (INT, STR, BOOL)]
        if not shared:
            return None
        source, ty = self.pick(shared)
        writable = [n for n in scope.names_of(ty, writable=True) if n != source and scope.variables[n] == ty]
        if writable and self.chance(2):
            return [f"{self.pick(writable)} = {source}"]
        name = scope.fresh("v")
        scope.variables[name] = ty
        return [f"{name}: {ty} = {source}"]

    def stmt_assign(self, scope: Scope, depth: int) -> list[str] | None:
        targets = [n for n in scope.variables if n not in scope.readonly]
        if not targets:
            return None
        name = self.pick(targets)
        return [f"{name} = {self.expr(scope, scope.variables[name], 3)}"]

    def stmt_swap(self, scope: Scope, depth: int) -> list[str] | None:
        """``x, y = y, x`` (both sides evaluated before either store)."""
        ty = self.pick(self.value_types(scope))
        names = [n for n in scope.names_of(ty, writable=True) if scope.variables[n] == ty]
        places = names + scope.fields_of(ty)
        if len(places) < 2:
            return None
        first, second = self.pick(places), self.pick(places)
        return [f"{first}, {second} = {second}, {first}"]

    def stmt_field_assign(self, scope: Scope, depth: int) -> list[str] | None:
        places = [(p, t) for t in VALUE_TYPES for p in scope.fields_of(t)]
        if not places:
            return None
        place, ty = self.pick(places)
        return [f"{place} = {self.expr(scope, ty, 2)}"]

    def stmt_augment(self, scope: Scope, depth: int) -> list[str] | None:
        ty = self.pick([INT, INT, STR, *LISTS] if scope.has("list_inplace") else [INT, INT, INT, STR])
        places = [n for n in scope.names_of(ty, writable=True)] + scope.fields_of(ty)
        if ty == INT:
            places += self.item_places(scope)
        if not places:
            return None
        place = self.pick(places)
        if ty != INT:
            if self.chance(3):
                return [f"{place} *= {self.safe(scope, 2, 3, 0)}"]
            return [f"{place} += {self.expr(scope, ty, 2)}"]
        op = self.pick(AUG_OPS)
        if op in ("//=", "%="):
            value = self.safe(scope, 2, 7, 1)
        elif op in ("<<=", ">>=", "**="):
            value = str(self.number(0, 3)) if op == '**=' else self.safe(scope, 2, 8, 0)
        else:
            value = self.expr(scope, INT, 2)
        return self.guarded(scope, place, [f"{place} {op} {value}"])

    def item_places(self, scope: Scope) -> list[str]:
        """``xs[i % len(xs)]`` and ``d[k]`` targets with int values (an empty list or missing key raises)."""
        places = [f"{n}[{self.leaf(scope, INT)} % len({n})]" for n in scope.names_of("list[int]")]
        for dict_type, key_type in DICTS.items():
            places += [f"{n}[{self.leaf(scope, key_type)}]" for n in scope.names_of(dict_type)]
        return places

    def guarded(self, scope: Scope, place: str, lines: list[str]) -> list[str]:
        """Mostly behind a check that the item exists: ``if xs:`` / ``if k in d:`` (leaves: no side effects)."""
        match = re.fullmatch(r"(\w+)\[(.*?)( % len\(\w+\))?\]", place)
        if match is None or self.chance(5):
            return lines
        name, key, modulo = match.groups()
        if scope.variables.get(name) in DICTS:
            return [f"if {key} in {name}:", *indent(lines)]
        return [f"if {name}:", *indent(lines)] if modulo else lines

    # -- containers ----------------------------------------------------------------------------

    def stmt_list_mutate(self, scope: Scope, depth: int) -> list[str] | None:
        ty = self.pick(list(LISTS))
        places = scope.names_of(ty) + scope.fields_of(ty)
        if not places:
            return None
        xs, item = self.pick(places), LISTS[ty]
        how = self.pick(["append", "append", "insert", "extend", "pop", "remove", "sort", "reverse", "clear",
                         "store", "delete"])
        if how in ("append", "extend"):
            return [f"{xs}.{how}({self.expr(scope, item if how == 'append' else ty, 2)})"]
        if how == "insert":
            return [f"{xs}.insert({self.expr(scope, INT, 1)}, {self.expr(scope, item, 2)})"]
        if how == "pop":
            return [f"{xs}.pop({self.pick(['', '0', '-1', self.leaf(scope, INT)])})"]
        if how == "remove":
            value = self.leaf(scope, item)
            return [f"if {value} in {xs}:", f"    {xs}.remove({value})"] if self.chance(4) else \
                [f"{xs}.remove({value})"]
        if how in ("sort", "reverse", "clear"):
            return [f"{xs}.{how}()"]
        index = f"{self.leaf(scope, INT)} % len({xs})" if not self.chance(3) else self.leaf(scope, INT)
        if how == "store":
            return self.guarded(scope, f"{xs}[{index}]", [f"{xs}[{index}] = {self.expr(scope, item, 2)}"])
        return self.guarded(scope, f"{xs}[{index}]", [f"del {xs}[{index}]"])

    def stmt_dict_mutate(self, scope: Scope, depth: int) -> list[str] | None:
        ty = self.pick(list(DICTS))
        places = scope.names_of(ty) + scope.fields_of(ty)
        if not places:
            return None
        d, key = self.pick(places), self.leaf(scope, DICTS[ty])
        how = self.pick(["store", "store", "store", "delete", "update", "clear", "pop", "setdefault"])
        if how == "store":
            return [f"{d}[{self.expr(scope, DICTS[ty], 2)}] = {self.expr(scope, INT, 2)}"]
        if how == "delete":
            return [f"if {key} in {d}:", f"    del {d}[{key}]"] if not self.chance(4) else [f"del {d}[{key}]"]
        if how == "update":
            return [f"{d}.update({self.expr(scope, ty, 2)})"]
        if how == "clear":
            return [f"{d}.clear()"]
        return [f"{d}.{how}({key}, {self.expr(scope, INT, 1)})"]

    # -- calls and observations ----------------------------------------------------------------

    def stmt_call(self, scope: Scope, depth: int) -> list[str] | None:
        """A call for its effect (its result, if any, is dropped)."""
        ty = self.pick(["None", *self.value_types(scope)])
        first, second = (self.any_call, self.any_method) if self.chance(2) else (self.any_method, self.any_call)
        called = first(scope, ty, 2) or second(scope, ty, 2)
        return [called] if called else None

    def stmt_use(self, scope: Scope, depth: int) -> list[str] | None:
        """Call a function or a method with what is in scope, and digest its result."""
        options = [("", f) for f in scope.program.functions if f.rank < scope.rank]
        options += [(f"{name}.", m) for name, klass in scope.objects() for m in klass.all_methods().values()
                    if m.rank < scope.rank and m.name != "digest"]
        if not options:
            return None
        receiver, signature = self.pick(options)
        call = f"{receiver}{signature.name}({self.arguments(scope, signature, 2)})"
        if signature.result == "None":
            return [call]
        if "h" not in scope.variables:  # in a function or method: into the trace G
            return [f"t({digest_of(signature.result, call)})"]
        return [f"h = mix(h, {digest_of(signature.result, call)})"]

    def stmt_trace(self, scope: Scope, depth: int) -> list[str]:
        return [f"t({self.expr(scope, INT, 2)})"]

    def stmt_digest(self, scope: Scope, depth: int) -> list[str] | None:
        if "h" not in scope.variables:
            return None
        ty = self.pick(self.value_types(scope))
        names = scope.names_of(ty)
        value = self.pick(names) if names and self.chance(2) else self.expr(scope, ty, 2)
        return [f"h = mix(h, {digest_of(ty, value)})"]

    def stmt_assert(self, scope: Scope, depth: int) -> list[str] | None:
        if not self.chance(3):
            return None
        message = f", {self.message(scope)}" if self.chance(2) else ""  # evaluated only when the test fails
        return [f"assert {self.expr(scope, BOOL, 2)}{message}"]

    def stmt_return(self, scope: Scope, depth: int) -> list[str]:
        if scope.result == "export":
            return ["return mix(h, G)"]
        return ["return"] if scope.result == "None" else [f"return {self.expr(scope, scope.result, 2)}"]

    def stmt_break(self, scope: Scope, depth: int) -> list[str]:
        return ["break"]

    def stmt_continue(self, scope: Scope, depth: int) -> list[str]:
        return ["continue"]

    # -- control flow --------------------------------------------------------------------------

    def stmt_if(self, scope: Scope, depth: int) -> list[str]:
        lines = [f"if {self.condition(scope, 2)}:", *indent(self.block(scope.nested(), depth - 1))]
        for _ in range(self.number(0, 2)):
            lines += [f"elif {self.condition(scope, 2)}:", *indent(self.block(scope.nested(), depth - 1))]
        if self.chance(2):
            lines += ["else:", *indent(self.block(scope.nested(), depth - 1))]
        return lines

    def stmt_narrow(self, scope: Scope, depth: int) -> list[str] | None:
        """``if isinstance(o, Sub):`` where the body uses what only Sub has (``o`` is not reassigned there:
        the compiler forgets the narrowing on assignment)."""
        candidates = [(n, c) for n, c in scope.objects() if c.descendants()]
        if not candidates:
            return None
        name, klass = self.pick(candidates)
        sub = self.pick(klass.descendants())
        inner = scope.nested()
        inner.variables[name], inner.readonly = sub.name, inner.readonly | {name}
        test = f"isinstance({name}, {sub.name})"
        if self.chance(3):
            test = f"{self.expr(scope, BOOL, 1)} and {test}"  # and/or operands: one type
        lines = [f"if {test}:", *indent(self.block(inner, depth - 1))]
        if self.chance(2):
            lines += ["else:", *indent(self.block(scope.nested(), depth - 1))]
        return lines

    def loop(self, scope: Scope, depth: int, head: str, variables: dict[str, str]) -> list[str]:
        """``head`` with a guard that ends the loop (see the module docstring), maybe an ``else``."""
        guard = scope.fresh("n")
        sizes = [f"len({p})" for t in SIZED for p in scope.names_of(t) + scope.fields_of(t)]
        limit = f"{guard} > {LOOP_LIMIT}" + (f" or {' + '.join(sizes)} > {SIZE_LIMIT}" if sizes else "")
        body_scope = scope.nested(in_loop=True)
        body_scope.variables.update(variables)
        body = [f"{guard} += 1", f"if {limit}:", "    break", *self.block(body_scope, depth - 1)]
        lines = [f"{guard} = 0", head, *indent(body)]
        if self.chance(4):
            lines += ["else:", *indent(self.block(scope.nested(), depth - 1))]
        return lines

    def stmt_while(self, scope: Scope, depth: int) -> list[str]:
        return self.loop(scope, depth, f"while {self.condition(scope, 2)}:", {})

    def stmt_for_range(self, scope: Scope, depth: int) -> list[str]:
        name = scope.fresh("i")
        bounds = [self.expr(scope, INT, 2) for _ in range(self.number(1, 3))]
        return self.loop(scope, depth, f"for {name} in range({', '.join(bounds)}):", {name: INT})

    def stmt_for_each(self, scope: Scope, depth: int) -> list[str]:
        ty = self.pick([STR, *LISTS])
        name = scope.fresh("i")
        item = STR if ty == STR else LISTS[ty]
        return self.loop(scope, depth, f"for {name} in {self.expr(scope, ty, 2)}:", {name: item})

    def stmt_for_dict(self, scope: Scope, depth: int) -> list[str]:
        ty = self.pick(list(DICTS))
        key, value = scope.fresh("k"), scope.fresh("i")
        d = self.expr(scope, ty, 1)
        how = self.pick(["keys", "items", "values", "plain"])
        if how == "items":
            return self.loop(scope, depth, f"for {key}, {value} in {d}.items():", {key: DICTS[ty], value: INT})
        if how == "values":
            return self.loop(scope, depth, f"for {value} in {d}.values():", {value: INT})
        view = ".keys()" if how == "keys" else ""
        return self.loop(scope, depth, f"for {key} in {d}{view}:", {key: DICTS[ty]})

    def stmt_for_enumerate(self, scope: Scope, depth: int) -> list[str]:
        index, item = scope.fresh("i"), scope.fresh("i")
        if self.chance(2):
            ty = self.pick(list(LISTS))
            head = f"for {index}, {item} in enumerate({self.expr(scope, ty, 2)}):"
            return self.loop(scope, depth, head, {index: INT, item: LISTS[ty]})
        first, second = self.pick(list(LISTS)), self.pick([STR, *LISTS])
        head = f"for {index}, {item} in zip({self.expr(scope, first, 2)}, {self.expr(scope, second, 2)}):"
        return self.loop(scope, depth, head, {index: LISTS[first], item: STR if second == STR else LISTS[second]})
