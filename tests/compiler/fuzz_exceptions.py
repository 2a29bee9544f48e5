"""Exceptions for the program fuzzer: ``try``/``except``/``else``/``finally``, ``raise`` and risky operations.

A ``try`` has one to three handlers (a class, a tuple of classes or a bare
``except``, maybe ``as e``), maybe ``else`` and ``finally``; its blocks are
ordinary blocks, so they nest, loop, ``break``/``continue``/``return`` and raise
(a bare ``raise`` in handlers). A handler first traces its own number, so the
path taken is checked; ``as e`` folds ``dig_m(str(e))`` (only messages that
start with ``!``, which only the ``raise`` statements write: runtime errors'
messages are not compared yet) and ``e.code``/``e.weight()`` for the prelude's
user classes (``EXCEPTION_HELPERS``). Sometimes one name is bound in the try
body and in every handler: it is then definitely assigned after the ``try``.
Inside a try body "risky" statements are likelier: unguarded ``//``, ``%``,
indexes, dict keys, ``int(s)``, shifts and int64 overflow.
"""
from __future__ import annotations

from fuzz_expressions import Expressions
from fuzz_model import DICTS, INT, LIST_INT, LIST_STR, LISTS, STR, Scope

# class -> (base, has ``code`` and ``weight()``); the built-ins the compiler knows, then the prelude's.
EXCEPTIONS = {
    "Exception": (None, False), "ArithmeticError": ("Exception", False),
    "OverflowError": ("ArithmeticError", False), "ZeroDivisionError": ("ArithmeticError", False),
    "LookupError": ("Exception", False), "IndexError": ("LookupError", False), "KeyError": ("LookupError", False),
    "ValueError": ("Exception", False), "AssertionError": ("Exception", False), "RuntimeError": ("Exception", False),
    "NotImplementedError": ("RuntimeError", False), "TypeError": ("Exception", False),
    "Oops": ("Exception", True), "Worse": ("Oops", True), "Odd": ("ValueError", False), "Loud": ("Worse", True),
}
CAUGHT = ["Exception", "ArithmeticError", "OverflowError", "ZeroDivisionError", "LookupError", "IndexError",
          "KeyError", "ValueError", "ValueError", "AssertionError", "RuntimeError", "Oops", "Oops", "Worse", "Odd"]
RAISED = ["ValueError", "KeyError", "IndexError", "ZeroDivisionError", "RuntimeError", "NotImplementedError",
          "TypeError", "Exception", "Oops", "Oops", "Worse", "Worse", "Odd", "Odd"]
EXCEPTION_HELPERS = {
    "dig_m": "def dig_m(s: str) -> int:\n    return dig_s(s) if s[:1] == \"!\" else 5",
    "Oops": "class Oops(Exception):\n    def __init__(self, message: str, code: int) -> None:\n"
            "        super().__init__(message)\n        self.code = code\n\n"
            "    def weight(self) -> int:\n        return self.code * 3 + 1",
    "Worse": "class Worse(Oops):\n    def __init__(self, message: str) -> None:\n"
             "        super().__init__(message, 99)\n\n    def weight(self) -> int:\n        return self.code - 5",
    "Odd": "class Odd(ValueError):\n    pass",
    "Loud": "class Loud(Worse):\n    def __str__(self) -> str:\n        return \"!loud\" + str(self.code)",
}
RISKY = ["divide", "divide", "index", "key", "int", "shift", "overflow", "overflow", "pop", "find", "minmax",
         "remove"]


class ExceptionStatements(Expressions):
    """Mixed into ``Statements`` (uses its ``block``)."""

    def stmt_try(self, scope: Scope, depth: int) -> list[str]:
        body_scope = scope.nested()
        body_scope.in_try = True
        bound = scope.fresh("v") if self.chance(3) else None
        bound_type = self.pick([INT, STR]) if bound else None
        raising = self.stmt_risky(body_scope, depth) if self.chance(2) else None
        body = [*self.block(body_scope, depth - 2, 0, 1), *(raising or self.stmt_raise(body_scope, depth)),
                *self.block(body_scope, depth - 2, 0, 2)]
        if bound:
            assignment = f"{bound} = {self.expr(scope, bound_type, 2)}"  # not the body's names: it may go first
            body = [assignment, *body] if self.chance(2) else [*body, assignment]
        body = [line for line in body if line != "pass"]
        lines = ["try:", *self.indented(body)]
        handlers = 0 if self.chance(6) else 3 if self.chance(6) else self.number(1, 2)
        finally_ = handlers == 0 or self.chance(3)
        for index in range(handlers):
            last = index == handlers - 1
            lines += self.handler(scope, depth, bare=last and self.chance(8), broad=last and self.chance(2),
                                  bound=bound, bound_type=bound_type)
        if handlers and self.chance(3):
            lines += ["else:", *self.indented(self.block(scope.nested(), depth - 2, 1, 2))]
        if finally_:
            lines += ["finally:", *self.indented(self.block(scope.nested(), depth - 2, 1, 2))]
        if bound:
            scope.variables[bound] = bound_type  # bound on every path that gets past the try
        return lines

    def handler(self, scope: Scope, depth: int, bare: bool, broad: bool, bound: str | None,
                bound_type: str | None) -> list[str]:
        """``broad``: catches ``Exception`` (so that most raises in a try body get caught somewhere)."""
        inner = scope.nested()
        inner.in_handler = True
        classes = [] if bare else list(dict.fromkeys(self.pick(CAUGHT) for _ in range(1 if self.chance(2) else 2)))
        classes = ["Exception"] if broad and not bare else classes
        spec = classes[0] if len(classes) == 1 else f"({', '.join(classes)})"
        # "e" again and again (but not inside a handler: an inner ``as e`` would unbind the outer one)
        name = None if bare or self.chance(3) else self.pick([scope.fresh("e")] + ["e"] * (not scope.in_handler))
        head = "except:" if bare else f"except {spec}" + (f" as {name}:" if name else ":")
        lines = [f"t({self.number(100, 999)})"]
        if name:
            spec = ['f"{' + name + ':>8}"'] * scope.has("exception_format_spec")
            text = self.pick([f"str({name})", 'f"{' + name + '}"', *spec])
            lines.append(f"t(dig_m({text}))")
            if all(EXCEPTIONS[c][1] for c in classes):
                lines.append(f"t({name}.{self.pick(['code', 'weight()'])})")
                if self.chance(3):
                    lines.append(f"{name}.code += {self.number(1, 9)}")
            inner.exception = name
        if bound:
            lines.append(f"{bound} = {self.expr(inner, bound_type, 1)}")
            inner.variables[bound] = bound_type
        lines += [line for line in self.block(inner, depth - 2, 0, 1) if line != "pass"]
        return [head, *self.indented(lines)]

    def indented(self, lines: list[str]) -> list[str]:
        return ["    " + line if line else line for line in lines]

    # -- raise -------------------------------------------------------------------------------

    def stmt_raise(self, scope: Scope, depth: int) -> list[str]:
        """Mostly behind an ``if``; a bare ``raise`` or ``raise ... from e`` in a handler."""
        if scope.in_handler and self.chance(3):
            raised = "raise" if not scope.exception or self.chance(2) else f"raise {scope.exception}"
        else:
            raised = f"raise {self.new_exception(scope)}"
            if scope.exception and self.chance(3):
                raised += f" from {scope.exception}"
            elif self.chance(8):
                raised += " from None"
        if self.chance(4):
            name = scope.fresh("r")  # not "x": method parameters are x1, x2, ...
            built = raised[6:].split(" from ")[0]
            if "(" in built and self.chance(2):  # built before it is raised (an instance: not a bare class)
                return [f"{name} = {built}", f"if {self.condition(scope, 1)}:", f"    raise {name}"]
        if self.chance(5):
            return [raised]  # what follows in the block is dead code
        return [f"if {self.condition(scope, 2)}:", f"    {raised}"]

    def new_exception(self, scope: Scope) -> str:
        klass = self.pick(RAISED + ["Loud"] * scope.has("exception_str"))
        if klass != "Oops" and klass != "Worse" and self.chance(5):
            return self.pick([klass, f"{klass}()"])
        if klass == "KeyError" and not scope.has("keyerror_repr"):
            return f"KeyError({self.pick(['!bad', '!k=1', '!'])!r})"  # printable ASCII: repr() without escapes
        message = self.message(scope)
        if klass == "Oops":
            return f"Oops({message}, {self.expr(scope, INT, 1)})"
        return f"{klass}({message})"

    def message(self, scope: Scope) -> str:
        """Starts with ``!`` (so ``dig_m`` folds it), sometimes with a value in it."""
        if self.chance(2):
            return repr("!" + self.pick(["bad", "no", "é", "Σx", "", "k=1"]))
        return f'"!" + str({self.expr(scope, self.pick([STR, INT]), 1)})'

    # -- operations that may raise --------------------------------------------------------------

    def stmt_risky(self, scope: Scope, depth: int) -> list[str] | None:
        how = self.pick(RISKY)
        if how == "divide":
            return [f"t({self.expr(scope, INT, 1)} {self.pick(['//', '%'])} {self.leaf(scope, INT)})"]
        if how == "index":
            sequence = self.pick([LIST_INT, LIST_STR, STR])
            item = f"{self.expr(scope, sequence, 1)}[{self.leaf(scope, INT)}]"
            return [f"t({item if sequence == LIST_INT else f'len({item})'})"]
        if how == "key":
            dict_type = self.pick(list(DICTS))
            return [f"t({self.expr(scope, dict_type, 1)}[{self.leaf(scope, DICTS[dict_type])}])"]
        if how == "int":
            return [f"t(int({self.expr(scope, STR, 1)}))"]
        if how == "shift":
            return [f"t({self.leaf(scope, INT)} {self.pick(['<<', '>>'])} {self.leaf(scope, INT)})"]
        if how == "overflow":
            op = self.pick(["+", "-", "*"])
            return [f"t({self.leaf(scope, INT)} {op} {self.pick(['a', '4611686018427387904', '(-3037000500)'])})"
                    if "a" in scope.variables else f"t({self.leaf(scope, INT)} * 4611686018427387904)"]
        if how == "pop":
            return [f"t({self.expr(scope, LIST_INT, 1)}.pop({self.pick(['', self.leaf(scope, INT)])}))"]
        if how == "find":
            return [f"t({self.expr(scope, STR, 1)}.index({self.leaf(scope, STR)}))"]
        if how == "minmax":
            return [f"t({self.pick(['min', 'max'])}({self.expr(scope, LIST_INT, 1)}))"]
        names = scope.names_of(self.pick(list(LISTS)))
        if not names:
            return None
        xs = self.pick(names)
        return [f"{xs}.remove({self.leaf(scope, LISTS[scope.variables[xs]])})"]

