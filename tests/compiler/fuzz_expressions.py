"""Typed random expressions for the program fuzzer: every expression it writes has the type asked for.

``Expressions.expr(scope, ty, depth)`` returns source text of type ``ty``
built from what ``scope`` holds (locals, fields, class constants, callables of
a lower rank). Each result is a primary (a name, a call, a subscript or
something in parentheses), so it can be pasted anywhere. Leaves (depth 0) never
raise and have no side effect: keyword arguments passed out of parameter order
are leaves unless the ``kwarg_order`` feature is on. Integer divisors, shift
counts and repetition counts are mostly made safe (``x % 7 + 1``), so most
runs get far, but not always, so the raising paths are compared too.
"""
from __future__ import annotations

from hypothesis import strategies as st

from fuzz_model import (BOOL, DICT_INT_INT, DICT_STR_INT, DICTS, INT, LIST_INT, LIST_STR, LISTS, SIZED, STR,
                        Scope, Signature)
from samples import INT64_EDGES, INT_SPECS, STR_SPECS, texts

KINDS = {  # production -> weight, by result type (a production that cannot apply falls back to a leaf)
    INT: {"arith": 5, "divide": 2, "shift": 1, "power": 1, "unary": 1, "minmax": 1, "length": 3, "find": 1,
          "ord": 1, "item": 2, "list_method": 1, "dict_read": 2, "ifexp": 1, "call": 3, "method": 3,
          "constant": 2, "via_str": 1, "from_bool": 1, "trace": 2, "operand": 1},
    BOOL: {"compare": 4, "chain": 1, "compare_str": 2, "compare_list": 1, "contains": 3, "not": 1,
           "boolop": 2, "isinstance": 2, "str_test": 2, "truth": 1, "call": 2, "method": 2},
    STR: {"concat": 4, "repeat": 1, "slice": 2, "index": 1, "case": 1, "strip": 1, "replace": 1, "join": 1,
          "fstring": 2, "str_of": 2, "ifexp": 1, "call": 2, "method": 2, "constant": 2, "item": 1, "chr": 1,
          "operand": 1},
    LIST_INT: {"literal": 2, "concat": 2, "repeat": 1, "slice": 2, "sorted": 2, "copy": 1, "comprehension": 2,
               "ords": 1, "keys": 1, "call": 2, "method": 2, "operand": 1},
    LIST_STR: {"literal": 2, "concat": 2, "slice": 2, "sorted": 1, "split": 2, "comprehension": 2, "keys": 1,
               "call": 2, "method": 2},
    DICT_STR_INT: {"literal": 2, "copy": 1, "call": 2, "method": 1},
    DICT_INT_INT: {"literal": 2, "copy": 1, "call": 2, "method": 1},
}
CLASS_KINDS = {"construct": 3, "ifexp": 1, "call": 2}
COMPARE = ["<", "<=", ">", ">=", "==", "!="]
SAFE_TEXTS = ["''", "'a'", "'é'", "' b '", "'Σx'", "'1'"]  # usable inside an f-string field (3.11)


def weighted(kinds: dict[str, int]) -> list[str]:
    return [kind for kind, weight in kinds.items() for _ in range(weight)]


class Expressions:
    """Draws choices through Hypothesis' ``draw`` (so failing programs shrink)."""

    def __init__(self, draw):
        self.draw = draw
        self.bare = False  # inside an f-string field: no quotes or backslashes (Python 3.11)

    def pick(self, options):
        return self.draw(st.sampled_from(list(options)))

    def chance(self, one_in: int) -> bool:
        return self.draw(st.integers(0, one_in - 1)) == 0

    def number(self, low: int, high: int) -> int:
        return self.draw(st.integers(low, high))

    # -- the entry point ------------------------------------------------------------------

    def expr(self, scope: Scope, ty: str, depth: int) -> str:
        if depth <= 0 or self.chance(4):
            return self.leaf(scope, ty)
        klass = scope.program.cls(ty)
        kinds = CLASS_KINDS if klass else KINDS[ty]
        kind = self.pick(weighted(kinds))
        prefix = "object" if klass else ty.replace("[", "_").replace(", ", "_").rstrip("]")
        produce = getattr(self, f"{prefix}_{kind}", None) or getattr(self, f"any_{kind}")
        made = produce(scope, ty, depth - 1)
        return made if made is not None else self.leaf(scope, ty)

    def leaf(self, scope: Scope, ty: str) -> str:
        places = scope.names_of(ty) + scope.fields_of(ty)
        if places and not self.chance(3):
            return self.pick(places)
        return self.literal(scope, ty)

    def literal(self, scope: Scope, ty: str) -> str:
        if ty == INT:
            value = self.number(-3, 20) if not self.chance(6) else self.pick(INT64_EDGES)
            return f"({value})" if value < 0 else str(value)
        if ty == BOOL:
            return self.pick(["True", "False"])
        if ty == STR:
            return self.text()
        if ty in LISTS:
            return "[" + ", ".join(self.literal(scope, LISTS[ty]) for _ in range(self.number(1, 3))) + "]"
        if ty in DICTS:
            items = [f"{self.literal(scope, DICTS[ty])}: {self.literal(scope, INT)}" for _ in range(self.number(1, 2))]
            return "{" + ", ".join(items) + "}"
        return self.construct(scope, ty, 0)

    def text(self) -> str:
        if self.bare:
            return self.pick(SAFE_TEXTS)
        return repr(self.draw(texts))

    # -- int -----------------------------------------------------------------------------

    def int_arith(self, scope: Scope, ty: str, depth: int) -> str:
        return f"({self.expr(scope, INT, depth)} {self.pick('+-*&|^')} {self.expr(scope, INT, depth)})"

    def int_divide(self, scope: Scope, ty: str, depth: int) -> str:
        return f"({self.expr(scope, INT, depth)} {self.pick(['//', '%'])} {self.safe(scope, depth, 7, 1)})"

    def int_shift(self, scope: Scope, ty: str, depth: int) -> str:
        count = str(self.number(0, 66)) if self.chance(2) else self.safe(scope, depth, 8, 0)
        return f"({self.expr(scope, INT, depth)} {self.pick(['<<', '>>'])} {count})"

    def int_power(self, scope: Scope, ty: str, depth: int) -> str:
        exponent = str(self.number(0, 3))
        if scope.has("negative_power") and self.chance(2):
            exponent = self.expr(scope, INT, depth)
        return f"({self.expr(scope, INT, depth)} ** {exponent})"

    def safe(self, scope: Scope, depth: int, modulus: int, low: int) -> str:
        """Mostly an int in low..low+modulus-1 (a divisor or count that cannot raise); sometimes any int."""
        value = self.expr(scope, INT, depth)
        return value if self.chance(8) else f"({value} % {modulus} + {low})"

    def int_unary(self, scope: Scope, ty: str, depth: int) -> str:
        op = self.pick(["-", "~", "+", "abs"])
        return f"abs({self.expr(scope, INT, depth)})" if op == "abs" else f"({op}{self.expr(scope, INT, depth)})"

    def int_minmax(self, scope: Scope, ty: str, depth: int) -> str:
        if self.chance(3):
            return f"{self.pick(['min', 'max'])}({self.expr(scope, LIST_INT, depth)})"
        args = ", ".join(self.expr(scope, INT, depth) for _ in range(self.number(2, 3)))
        return f"{self.pick(['min', 'max'])}({args})"

    def int_length(self, scope: Scope, ty: str, depth: int) -> str:
        return f"len({self.expr(scope, self.pick(SIZED), depth)})"

    def int_find(self, scope: Scope, ty: str, depth: int) -> str:
        method = self.pick(["find", "rfind", "find", "rfind", "index"])
        return f"{self.expr(scope, STR, depth)}.{method}({self.expr(scope, STR, depth)})"

    def int_ord(self, scope: Scope, ty: str, depth: int) -> str:
        return f"ord({self.str_index(scope, STR, depth)})"

    def int_item(self, scope: Scope, ty: str, depth: int) -> str:
        return self.index_into(scope, LIST_INT, depth)

    def index_into(self, scope: Scope, sequence_type: str, depth: int) -> str:
        """``xs[i]``: with a variable, mostly an index within bounds (or a default when it is empty)."""
        names = scope.names_of(sequence_type)
        if names and not self.chance(4):
            name = self.pick(names)
            item = f"{name}[{self.expr(scope, INT, depth)} % len({name})]"
            item_type = STR if sequence_type == STR else LISTS[sequence_type]
            return f"({item} if {name} else {self.literal(scope, item_type)})" if not self.chance(6) else item
        index = self.expr(scope, INT, depth) if self.chance(4) else self.pick(["0", "0", "-1", "1"])
        return f"{self.expr(scope, sequence_type, depth)}[{index}]"

    def int_list_method(self, scope: Scope, ty: str, depth: int) -> str | None:
        names = scope.names_of(LIST_INT) + scope.fields_of(LIST_INT)
        target = self.pick(names) if names else self.expr(scope, LIST_INT, depth)
        method = self.pick(["count", "count", "index", "pop", "pop0"])
        if method == "pop0":
            return f"{target}.pop(0)"
        argument = "" if method == "pop" else self.expr(scope, INT, depth)
        return f"{target}.{method}({argument})"

    def int_dict_read(self, scope: Scope, ty: str, depth: int) -> str:
        dict_type = self.pick(list(DICTS))
        names = scope.names_of(dict_type) + scope.fields_of(dict_type)
        target = self.pick(names) if names else self.expr(scope, dict_type, depth)
        key = self.expr(scope, DICTS[dict_type], depth)
        how = self.pick(["get", "get", "get", "subscript", "pop", "setdefault"])
        if how == "subscript":
            return f"{target}[{key}]"
        return f"{target}.{how}({key}, {self.expr(scope, INT, depth)})"

    def int_via_str(self, scope: Scope, ty: str, depth: int) -> str:
        if self.chance(8):
            return f"int({self.expr(scope, STR, depth)})"
        return f"int(str({self.expr(scope, INT, depth)}))"

    def int_from_bool(self, scope: Scope, ty: str, depth: int) -> str:
        return f"int({self.expr(scope, BOOL, depth)})"

    def int_trace(self, scope: Scope, ty: str, depth: int) -> str:
        return f"t({self.expr(scope, INT, depth)})"

    # -- bool ----------------------------------------------------------------------------

    def bool_compare(self, scope: Scope, ty: str, depth: int) -> str:
        return f"({self.expr(scope, INT, depth)} {self.pick(COMPARE)} {self.expr(scope, INT, depth)})"

    def bool_chain(self, scope: Scope, ty: str, depth: int) -> str:
        parts = [self.expr(scope, INT, depth)]
        for _ in range(self.number(2, 3)):
            parts += [self.pick(COMPARE), self.expr(scope, INT, depth)]
        return "(" + " ".join(parts) + ")"

    def bool_compare_str(self, scope: Scope, ty: str, depth: int) -> str:
        return f"({self.expr(scope, STR, depth)} {self.pick(COMPARE)} {self.expr(scope, STR, depth)})"

    def bool_compare_list(self, scope: Scope, ty: str, depth: int) -> str:
        list_type = self.pick(list(LISTS))
        return f"({self.expr(scope, list_type, depth)} {self.pick(['==', '!='])} {self.expr(scope, list_type, depth)})"

    def bool_contains(self, scope: Scope, ty: str, depth: int) -> str:
        container = self.pick([STR, *LISTS, *DICTS])
        item = STR if container == STR else LISTS.get(container) or DICTS[container]
        op = self.pick(["in", "in", "not in"])
        return f"({self.expr(scope, item, depth)} {op} {self.expr(scope, container, depth)})"

    def bool_not(self, scope: Scope, ty: str, depth: int) -> str:
        return f"(not {self.condition(scope, depth)})"

    def bool_boolop(self, scope: Scope, ty: str, depth: int) -> str:
        op = f" {self.pick(['and', 'or'])} "
        return "(" + op.join(self.expr(scope, BOOL, depth) for _ in range(self.number(2, 3))) + ")"

    def bool_isinstance(self, scope: Scope, ty: str, depth: int) -> str | None:
        objects = scope.objects()
        if not objects:
            return None
        name, klass = self.pick(objects)
        # Not a base class of the static type: the compiler then narrows to the base (see the report).
        return f"isinstance({name}, {self.pick([klass, *klass.descendants()]).name})"

    def bool_str_test(self, scope: Scope, ty: str, depth: int) -> str:
        method = self.pick(["startswith", "endswith", "isdigit", "isspace"])
        argument = self.expr(scope, STR, depth) if method.endswith("with") else ""
        return f"{self.expr(scope, STR, depth)}.{method}({argument})"

    def bool_truth(self, scope: Scope, ty: str, depth: int) -> str:
        return f"{self.pick(['bool', 'not '])}({self.expr(scope, self.pick(SIZED), depth)})"

    # -- str -----------------------------------------------------------------------------

    def str_concat(self, scope: Scope, ty: str, depth: int) -> str:
        return f"({self.expr(scope, ty, depth)} + {self.expr(scope, ty, depth)})"

    def str_repeat(self, scope: Scope, ty: str, depth: int) -> str:
        return f"({self.expr(scope, ty, depth)} * {self.safe(scope, depth, 3, 0)})"

    def str_slice(self, scope: Scope, ty: str, depth: int) -> str:
        bound = lambda: self.pick(["", str(self.number(-3, 4)), self.expr(scope, INT, depth)])  # noqa: E731
        step = self.pick(["", "", ":-1", ":2", f":{self.number(-3, 3)}"])
        return f"{self.expr(scope, ty, depth)}[{bound()}:{bound()}{step}]"

    def str_index(self, scope: Scope, ty: str, depth: int) -> str:
        return self.index_into(scope, STR, depth)

    def str_case(self, scope: Scope, ty: str, depth: int) -> str:
        return f"{self.expr(scope, STR, depth)}.{self.pick(['upper', 'lower'])}()"

    def str_strip(self, scope: Scope, ty: str, depth: int) -> str:
        chars = self.expr(scope, STR, depth) if self.chance(3) else ""
        return f"{self.expr(scope, STR, depth)}.{self.pick(['strip', 'lstrip', 'rstrip'])}({chars})"

    def str_replace(self, scope: Scope, ty: str, depth: int) -> str:
        parts = [self.expr(scope, STR, depth) for _ in range(3)]
        return f"{parts[0]}.replace({parts[1]}, {parts[2]})"

    def str_join(self, scope: Scope, ty: str, depth: int) -> str:
        return f"{self.expr(scope, STR, depth)}.join({self.expr(scope, LIST_STR, depth)})"

    def str_fstring(self, scope: Scope, ty: str, depth: int) -> str | None:
        if self.bare:
            return None  # no f-string inside an f-string field
        self.bare = True
        try:
            parts = [self.fstring_field(scope, depth) + self.pick(["", "|", " = ", "é"])
                     for _ in range(self.number(1, 3))]
        finally:
            self.bare = False
        return 'f"' + "".join(parts) + '"'

    def fstring_field(self, scope: Scope, depth: int) -> str:
        if self.chance(2):
            value, spec = self.expr(scope, STR, depth), self.pick(STR_SPECS)
        else:
            value, spec = self.expr(scope, INT, depth), self.pick(INT_SPECS)
        value = " " + value if value.startswith("{") else value  # "{{" would be an escaped brace
        return "{" + value + (f":{spec}" if spec else "") + "}"

    def str_str_of(self, scope: Scope, ty: str, depth: int) -> str:
        return f"str({self.expr(scope, self.pick([INT, INT, BOOL]), depth)})"

    def str_item(self, scope: Scope, ty: str, depth: int) -> str:
        return self.index_into(scope, LIST_STR, depth)

    def str_chr(self, scope: Scope, ty: str, depth: int) -> str:
        return f"chr({self.pick([97, 945, 128512])} + {self.expr(scope, INT, depth)} % 26)"

    # -- lists and dicts -----------------------------------------------------------------

    def list_int_literal(self, scope: Scope, ty: str, depth: int) -> str:
        return "[" + ", ".join(self.expr(scope, LISTS[ty], depth) for _ in range(self.number(1, 4))) + "]"

    list_str_literal = list_int_literal
    list_int_concat = list_str_concat = str_concat
    list_int_repeat = str_repeat
    list_int_slice = list_str_slice = str_slice

    def list_int_sorted(self, scope: Scope, ty: str, depth: int) -> str:
        return f"sorted({self.expr(scope, ty, depth)})"

    list_str_sorted = list_int_sorted

    def list_int_copy(self, scope: Scope, ty: str, depth: int) -> str:
        return self.pick([f"{self.expr(scope, ty, depth)}.copy()", f"list({self.expr(scope, ty, depth)})"])

    def list_int_comprehension(self, scope: Scope, ty: str, depth: int) -> str:
        source_type = self.pick(list(LISTS))
        name = scope.fresh("w")
        inner = scope.nested()
        inner.variables[name] = LISTS[source_type]
        inner.readonly = inner.readonly | {name}
        element = self.expr(inner, LISTS[ty], depth)
        condition = f" if {self.condition(inner, depth)}" if self.chance(2) else ""
        return f"[{element} for {name} in {self.expr(scope, source_type, depth)}{condition}]"

    list_str_comprehension = list_int_comprehension

    def list_int_ords(self, scope: Scope, ty: str, depth: int) -> str:
        name = scope.fresh("w")
        return f"[ord({name}) for {name} in {self.expr(scope, STR, depth)}]"

    def list_int_keys(self, scope: Scope, ty: str, depth: int) -> str:
        """A dict's keys (of the matching key type) or values (ints, of either dict type)."""
        if ty == LIST_INT and self.chance(2):
            return f"list({self.expr(scope, self.pick(list(DICTS)), depth)}.values())"
        dict_type = DICT_INT_INT if ty == LIST_INT else DICT_STR_INT
        consume, view = self.pick([("list", ""), ("list", ".keys()"), ("sorted", ".keys()")])  # not sorted(d): refused
        return f"{consume}({self.expr(scope, dict_type, depth)}{view})"

    list_str_keys = list_int_keys

    def list_str_split(self, scope: Scope, ty: str, depth: int) -> str:
        separator = self.expr(scope, STR, depth) if self.chance(2) else ""
        return f"{self.expr(scope, STR, depth)}.split({separator})"

    def dict_str_int_literal(self, scope: Scope, ty: str, depth: int) -> str:
        items = [f"{self.expr(scope, DICTS[ty], depth)}: {self.expr(scope, INT, depth)}"
                 for _ in range(self.number(1, 3))]
        return "{" + ", ".join(items) + "}"

    dict_int_int_literal = dict_str_int_literal

    def dict_str_int_copy(self, scope: Scope, ty: str, depth: int) -> str:
        return f"{self.expr(scope, ty, depth)}.copy()"

    dict_int_int_copy = dict_str_int_copy

    # -- any type: conditional, constants, calls ------------------------------------------

    def any_operand(self, scope: Scope, ty: str, depth: int) -> str:
        """``x or y`` / ``x and y`` on non-bools: the operand itself, chosen by its truth."""
        op = f" {self.pick(['and', 'or'])} "
        return "(" + op.join(self.expr(scope, ty, depth) for _ in range(self.number(2, 3))) + ")"

    def condition(self, scope: Scope, depth: int) -> str:
        """A truth test: mostly a bool, sometimes an int, str, list or dict taken as true or false."""
        return self.expr(scope, self.pick([INT, *SIZED]) if self.chance(4) else BOOL, depth)

    def any_ifexp(self, scope: Scope, ty: str, depth: int) -> str:
        return f"({self.expr(scope, ty, depth)} if {self.condition(scope, depth)} else {self.expr(scope, ty, depth)})"

    def any_constant(self, scope: Scope, ty: str, depth: int) -> str | None:
        """``C.K``; through ``self``/an instance only where no subclass overrides K (or feature on)."""
        found = [f"{c.name}.{k}" for c in scope.program.classes for k, (t, _) in c.all_constants().items() if t == ty]
        objects = scope.objects()
        if objects and self.chance(2):
            found = []  # half the time through an instance (self.K), where the runtime class matters
        for name, klass in objects:
            for constant, (constant_type, _) in klass.all_constants().items():
                if constant_type == ty and (scope.has("self_constant")
                                            or not klass.constant_overridden_below(constant)):
                    found.append(f"{name}.{constant}")
        return self.pick(found) if found else None

    def any_call(self, scope: Scope, ty: str, depth: int) -> str | None:
        functions = [f for f in scope.program.functions if f.rank < scope.rank and scope.assignable(f.result, ty)]
        if not functions:
            return None
        function = self.pick(functions)
        return f"{function.name}({self.arguments(scope, function, depth)})"

    def any_method(self, scope: Scope, ty: str, depth: int) -> str | None:
        options = []
        for name, klass in scope.objects():
            options += [(name, m) for m in klass.all_methods().values()
                        if m.rank < scope.rank and scope.assignable(m.result, ty)]
        own = scope.self_class
        if own and own.base:
            options += [("super()", m) for m in own.base.all_methods().values()
                        if (m.rank < scope.rank or m.name == getattr(scope.method, "name", None))
                        and scope.assignable(m.result, ty)]
        if not options:
            return None
        receiver, method = self.pick(options)
        return f"{receiver}.{method.name}({self.arguments(scope, method, depth)})"

    def arguments(self, scope: Scope, signature: Signature, depth: int) -> str:
        """Required parameters always, defaulted ones sometimes; a positional prefix, then keywords in a
        random order (leaves when that order differs from the parameters' and kwarg_order is off)."""
        given = [p for p in signature.params if p.default is None or self.chance(2)]
        positional = 0
        while positional < len(given) and given[positional] is signature.params[positional] and self.chance(2):
            positional += 1
        keywords = self.draw(st.permutations(given[positional:]))
        in_order = keywords == given[positional:]
        keyword_depth = depth if in_order or scope.has("kwarg_order") else 0
        parts = [self.argument(scope, p.ty, depth) for p in given[:positional]]
        parts += [f"{p.name}={self.argument(scope, p.ty, keyword_depth)}" for p in keywords]
        return ", ".join(parts)

    def argument(self, scope: Scope, ty: str, depth: int) -> str:
        """Half the time a variable when there is one (the callee then mutates what the caller sees)."""
        names = scope.names_of(ty)
        if names and ty not in (INT, STR, BOOL) and self.chance(2):
            return self.pick(names)
        return self.expr(scope, ty, depth)

    # -- instances ---------------------------------------------------------------------------

    def object_construct(self, scope: Scope, ty: str, depth: int) -> str:
        return self.construct(scope, ty, depth)

    def construct(self, scope: Scope, ty: str, depth: int, exact: bool = False) -> str:
        klass = scope.program.cls(ty)
        concrete = klass if exact else self.pick([klass, *klass.descendants()])
        init = Signature(concrete.name, concrete.init_params(), concrete.name, 0)
        return f"{concrete.name}({self.arguments(scope, init, depth)})"

    def object_ifexp(self, scope: Scope, ty: str, depth: int) -> str:
        """Both branches of one class (the compiler refuses C1 vs C2 even where both are a C0)."""
        klass = scope.program.cls(ty)
        concrete = self.pick([klass, *klass.descendants()]).name
        exact = [n for n, t in scope.variables.items() if t == concrete]
        side = lambda: self.pick(exact) if exact and self.chance(2) else self.construct(scope, concrete, depth, True)  # noqa: E731
        return f"({side()} if {self.expr(scope, BOOL, depth)} else {side()})"

    object_call = any_call
