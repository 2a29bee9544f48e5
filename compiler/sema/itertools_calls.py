"""itertools calls where CPython's lazy iterator is consumed at once, with CPython's order.

An itertools iterator is never a value here (as a generator expression is not, sema/generators.py):
a call is accepted as the iterable of a ``for`` loop or of a comprehension clause, and as the
argument of the consumers generator expressions have (``list()``, ``sorted()``, ``sum()``, ...),
where it is wrapped as ``(v for v in call)``. Elsewhere it is a located error.

- ``chain(a, b)``, ``chain.from_iterable(xss)`` and ``product(a, b, repeat=n)`` become the
  generator expressions they equal: ``(x for s in [a, b] for x in s)``; product's pools are
  copied when it is called, as CPython's ``tuple(pool)``.
- ``count``, ``repeat``, ``islice``, ``accumulate``, ``pairwise``, ``takewhile`` and
  ``dropwhile`` keep a state: they lower to a loop around their source's loop
  (lower/itertools_loops.py), pulling one item at a time as CPython does, so a loop body that
  changes the source list sees CPython's items; ``islice`` stops pulling where CPython's does.

A function argument (``takewhile``'s predicate, ``accumulate``'s function) is a lambda (its body
inlined) or a module-level function or built-in named directly. The other arguments are
evaluated before the source's own loop starts: they must be constants or variables unless the
source is one.
"""
from __future__ import annotations

import ast as py_ast
import copy
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic
from ..program import BOOL, FLOAT, INT, STR, Builtin, FuncSym, GlobalSym, tuple_of
from .check_expr import Bail
from .generators import _reads_only, as_generator, as_list
from .groupby_calls import GroupbyChecks
from .itertools_desugar import DesugaredItertools
from .reduce_calls import ReduceChecks
from .zip_longest import ZipLongestChecks

REDUCE = Builtin("functools.reduce")
PULL_FREE = ("list", "text", "range", "dict", "set")  # iteration kinds whose pulls run no code
CONSUMERS = ("list", "sorted", "set", "frozenset", "sum", "any", "all", "min", "max")
DESUGARED = ("chain", "chain.from_iterable", "product")
STATEFUL = ("groupby", "zip_longest", "count", "repeat", "islice", "accumulate", "pairwise", "takewhile", "dropwhile")
WHERE = ("is a lazy iterator: it is supported as the iterable of a for loop or comprehension, or as the "
         "argument of list(), tuple(), dict(), sorted(), set(), frozenset(), sum(), any(), all(), min(), max(), "
         "str.join() or list.extend()")


@dataclass
class Plan:
    """What lowering needs for a stateful itertools call."""
    kind: str
    call: py_ast.Call
    source: py_ast.Pass | None = None  # its .iteration: the source's loop
    item: py_ast.Name | None = None  # the hidden local each source item is stored into
    args: dict = field(default_factory=dict)  # name -> checked expression (or None)
    state: dict = field(default_factory=dict)  # name -> hidden local Name (stores and loads)
    item_ty: object = None


class ItertoolsChecks(DesugaredItertools, GroupbyChecks, ReduceChecks, ZipLongestChecks):
    hidden_counter = 0

    def itertools_name(self, node) -> str | None:
        """``chain`` for a call of itertools.chain (imported under any name), else None."""
        if not isinstance(node, py_ast.Call):
            return None
        func, suffix = node.func, ""
        if isinstance(func, py_ast.Attribute) and func.attr == "from_iterable":
            func, suffix = func.value, ".from_iterable"
        if not isinstance(func, py_ast.Name) or func.id in self.local_names:
            return None
        sym = self.module.namespace.get(func.id)
        if isinstance(sym, Builtin) and sym.name.startswith("itertools."):
            return sym.name.split(".", 1)[1] + suffix
        return None

    def check_Call(self, node: py_ast.Call, expected=None):
        name = self.itertools_name(node)
        if name is not None:
            raise self.fail(node, f"itertools.{name}() {WHERE}",
                            f"write list(itertools.{name}(...)) to keep its items in a list")
        func = node.func
        sym = self.module.namespace.get(func.id) if isinstance(func, py_ast.Name) \
            and func.id not in self.local_names else None
        if isinstance(sym, FuncSym) and getattr(sym.node, "lru_cache", False) and node.keywords:
            raise self.fail(node.keywords[0], "a cached function takes its arguments by position here",
                            f"CPython's cache keeps f(x=1) apart from f(1): write {func.id}(...) with "
                            "every argument by position")
        if sym == REDUCE:
            return self.check_reduce(node, expected)
        if node.args and (self.itertools_name(node.args[0]) is not None or self.is_group(node.args[0])):
            if isinstance(func, py_ast.Name) and func.id in CONSUMERS and func.id not in self.local_names \
                    and func.id not in self.module.namespace:
                self.refuse_keyed_pulls(node, func.id)
                node.args[0] = as_generator(node.args[0])
            elif isinstance(func, py_ast.Name) and func.id in ("tuple", "dict") and len(node.args) == 1 \
                    and not node.keywords and func.id not in self.local_names and func.id not in self.module.namespace:
                node.args[0] = as_list(as_generator(node.args[0]))  # drained first, inserting nothing of the program's
            elif isinstance(func, py_ast.Attribute) and func.attr in ("join", "extend"):
                node.args[0] = as_generator(node.args[0])
        return super().check_Call(node, expected)

    def refuse_keyed_pulls(self, node: py_ast.Call, name: str) -> None:
        """min()/max() with key= call the key between pulls: exact only when pulling runs nothing."""
        if name in ("min", "max") and any(k.arg == "key" for k in node.keywords) and pulls_run_code(self, node.args[0]):
            raise self.fail(node.args[0], f"{name}() with key= calls the key between the items of this "
                            "iterator, whose items run code: their order would differ",
                            f"compute the items into a list first, then call {name}(items, key=...)")

    def iteration_combined(self, owner, call):
        call.args = [as_generator(a) if self.itertools_name(a) is not None or self.is_group(a) else a
                     for a in call.args]
        return super().iteration_combined(owner, call)

    def iteration(self, owner, iterable):
        name = self.itertools_name(iterable)
        if name is None:
            group = self.group_iteration(owner, iterable)  # sema/groupby_calls.py
            return group if group is not None else super().iteration(owner, iterable)
        if iterable.keywords and any(k.arg is None for k in iterable.keywords) or \
                any(isinstance(a, py_ast.Starred) for a in iterable.args):
            raise self.fail(iterable, f"itertools.{name}() takes its arguments one by one here",
                            "pass each argument itself, without * or **")
        if name in DESUGARED:
            gen = getattr(self, f"desugar_{name.replace('.', '_')}")(iterable)
            try:
                return super().iteration(owner, gen)
            except Bail as bail:  # chain(a, b) of two types: the list [a, b] refused them
                problem = bail.diagnostic
                if name != "chain" or problem is None or not problem.message.startswith("a list element must be"):
                    raise
                raise Bail(Diagnostic(problem.loc, f"itertools.chain() takes lists, str or bytes of one type here: "
                                      f"{problem.message.replace('a list element', 'this one')}",
                                      "convert them to one type, or loop over each in turn")) from None
        if name not in STATEFUL:  # groupby, zip_longest, ...: not yet
            raise self.fail(iterable, f"itertools.{name}() is not available yet",
                            "see docs/stdlib.md for what itertools has")
        if name == "groupby":
            return self.groupby_iteration(owner, iterable)
        plan = Plan(name, iterable)
        ty = getattr(self, f"plan_{name}")(plan, iterable)
        owner.iteration = ("itertools", plan)
        return ty

    # -- stateful: lowered to loops (lower/itertools_loops.py) ----------------------------------
    def plan_count(self, plan, call):
        start, step = self.itertools_arguments(call, "count", 2, ("start", "step"), required=0)
        for arg in (start, step):
            if arg is not None:
                self.use_int(arg, what="an argument of itertools.count()")
        plan.args = {"start": start, "step": step}
        return INT

    def plan_repeat(self, plan, call):
        obj, times = self.itertools_arguments(call, "repeat", 2, ("object", "times"), required=1)
        plan.item_ty = self.check(obj)
        if times is not None:
            self.use_int(times, what="the times of itertools.repeat()")
        plan.args = {"object": obj, "times": times}
        return plan.item_ty

    def plan_islice(self, plan, call):
        if call.keywords:
            raise self.fail(call, "itertools.islice() takes no keyword arguments",
                            "pass them by position: islice(items, start, stop, step)")
        if not 2 <= len(call.args) <= 4:
            raise self.fail(call, "itertools.islice() takes an iterable and 1 to 3 ints: "
                            "islice(items, stop) or islice(items, start, stop[, step])",
                            "write islice(items, stop) or islice(items, start, stop, step)")
        bounds = call.args[1:]
        names = ["stop"] if len(bounds) == 1 else ["start", "stop", "step"][:len(bounds)]
        ty = self.source(plan, call, call.args[0], bounds)
        # islice(items, 0, 0) pulls nothing: where a pull may run code the loop is left out, which
        # must then not leave out the making of the iterable that CPython did
        plan.args["pull_free"] = plan.source.iteration[0] in PULL_FREE
        if not plan.args["pull_free"] and not self.quiet_source(call.args[0]):
            raise self.fail(call.args[0], "the iterable of islice() must be a variable here, or a generator "
                            "expression whose first iterable is one", "compute it into a variable first")
        for name, arg in zip(names, bounds):
            if isinstance(arg, py_ast.Constant) and arg.value is None:
                arg = None
            else:
                self.use_int(arg, what=f"the {name} of itertools.islice()")
            plan.args[name] = arg
        plan.args["raise"] = {m: self.error_value(call, "ValueError", m) for m in ISLICE_ERRORS}
        return ty

    def plan_accumulate(self, plan, call):
        iterable, func, initial = self.itertools_arguments(call, "accumulate", 2, ("iterable", "func", "initial"),
                                                 required=1, keyword_only=("initial",))
        item = self.source(plan, call, iterable, [initial] if initial is not None else [])
        if initial is not None and plan.source.iteration[0] not in ("list", "text"):
            raise self.fail(iterable, "accumulate() with initial= takes a list, str or bytes here",
                            "CPython yields initial before it pulls an item: make the items a list first")
        if isinstance(func, py_ast.Constant) and func.value is None:
            func = None
        total_ty = item if initial is None else self.check(initial)
        if initial is not None and total_ty != item and func is None:
            raise self.fail(initial, f"the initial value of accumulate() is {total_ty} and its items {item}",
                            "use an initial value of the items' type")
        total = self.hidden(call, total_ty)
        if func is None:
            if item not in (INT, FLOAT, STR):
                raise self.fail(iterable, f"accumulate() adds int, float or str items here, not {item}",
                                "pass the function: accumulate(items, func)")
            step = _at(py_ast.BinOp(left=total["load"], op=py_ast.Add(), right=plan.item_load), call)
            self.check(step)
        else:
            step = self.applied(func, [total["load"], plan.item_load], "accumulate()")
            got = step.ty
            if got != total_ty:
                raise self.fail(func, f"the function of accumulate() returns {got}, not {total_ty} as its "
                                "running value", "return the type of the items (or of initial=)")
        plan.args = {"initial": initial, "step": step}
        plan.state = {"total": total, "started": self.hidden(call, BOOL)}
        return total_ty

    def plan_pairwise(self, plan, call):
        (iterable,) = self.itertools_arguments(call, "pairwise", 1, ("iterable",))
        item = self.source(plan, call, iterable, [])
        plan.state = {"previous": self.hidden(call, item), "started": self.hidden(call, BOOL)}
        return tuple_of((item, item))

    def plan_takewhile(self, plan, call):
        return self.predicated(plan, call, "takewhile")

    def plan_dropwhile(self, plan, call):
        ty = self.predicated(plan, call, "dropwhile")
        plan.state = {"dropping": self.hidden(call, BOOL)}
        return ty

    def predicated(self, plan, call, name: str):
        predicate, iterable = self.itertools_arguments(call, name, 2, ("predicate", "iterable"))
        ty = self.source(plan, call, iterable, [])
        plan.args = {"test": self.applied(predicate, [plan.item_load], f"{name}()")}
        return ty

    # -- helpers ---------------------------------------------------------------------------------
    def itertools_arguments(self, call, name: str, most: int, names: tuple, required: int | None = None,
                  keyword_only: tuple = ()) -> list:
        """The arguments by parameter (None where not given), positional then keywords."""
        required = len(names) if required is None else required
        positional = [n for n in names if n not in keyword_only]
        if len(call.args) > min(most, len(positional)) and names:
            raise self.fail(call, f"itertools.{name}() takes at most {min(most, len(positional))} "
                            "positional argument(s)", f"pass the others by name, as in CPython's {name}()")
        bound = dict(zip(positional, call.args)) if names else {}
        for keyword in call.keywords:
            if keyword.arg not in names or keyword.arg in bound:
                raise self.fail(keyword, f"itertools.{name}() has no keyword argument '{keyword.arg}' here",
                                f"the parameters are {', '.join(names)}")
            bound[keyword.arg] = keyword.value
        missing = [n for n in names[:required] if n not in bound]
        if missing:
            raise self.fail(call, f"itertools.{name}() is missing its argument '{missing[0]}'",
                            f"pass it: {name}(..., {missing[0]}=...)")
        return [bound.get(n) for n in names]

    def source(self, plan, call, iterable, others: list) -> object:
        """Check the source iterable, binding a hidden local to its items; the other arguments
        are evaluated before the source's loop starts, which CPython evaluates after it."""
        if not self.quiet_source(iterable):
            busy = next((a for a in others if a is not None and not quiet(a)), None)
            if busy is not None:
                raise self.fail(busy, "this argument must be a constant or a variable here",
                                "CPython evaluates it after the iterable before it: compute it into a variable first")
        plan.source = py_ast.Pass()
        item = self.iteration(plan.source, iterable)
        plan.item = self.hidden(call, item)
        plan.item_load = plan.item["load"]
        return item

    def quiet_source(self, iterable) -> bool:
        """Whether making this iterable (what CPython evaluates when the call is made) runs nothing."""
        if isinstance(iterable, py_ast.GeneratorExp):
            return _reads_only(iterable.generators[0].iter)
        if self.itertools_name(iterable) is not None:
            return all(isinstance(a, py_ast.Lambda) or self.quiet_source(a)
                       for a in iterable.args + [k.value for k in iterable.keywords])
        return quiet(iterable)

    def hidden(self, where, ty) -> dict:
        """A hidden local of type ``ty``: {'store': Name, 'load': checked Name, 'ty': ty}."""
        name = f"__itertools{self.fresh_hidden()}"
        store = _name(name, where, py_ast.Store())
        self.local_names.add(name)
        self.assign_to(store, None, ty)
        load = _name(name, where)
        self.check(load)
        return {"store": store, "load": load, "ty": ty}

    def fresh_hidden(self) -> int:
        ItertoolsChecks.hidden_counter += 1
        return ItertoolsChecks.hidden_counter

    def applied(self, func, args: list, what: str) -> py_ast.expr:
        """``func(*args)`` as a checked expression: a lambda's body with its parameters replaced
        by ``args``, or a call of a module-level function or built-in named directly."""
        if isinstance(func, py_ast.Lambda):
            params = func.args
            if len(params.args) != len(args) or params.vararg or params.kwarg or params.kwonlyargs \
                    or params.defaults or params.posonlyargs:
                raise self.fail(func, f"the lambda of {what} takes {len(args)} plain parameter(s) here",
                                "write lambda " + ", ".join("abcd"[:len(args)]) + ": ...")
            names = {a.arg: arg for a, arg in zip(params.args, args)}
            if any(isinstance(n, (py_ast.Lambda, py_ast.NamedExpr, py_ast.ListComp, py_ast.SetComp,
                                  py_ast.DictComp, py_ast.GeneratorExp)) for n in py_ast.walk(func.body)):
                raise self.fail(func, f"the lambda of {what} cannot hold a lambda, comprehension or := here",
                                "write a module-level function and pass its name")
            body = _Substitute(names).visit(copy.deepcopy(func.body))
            self.check(body)
            return body
        if isinstance(func, py_ast.Name) and func.id not in self.local_names \
                and not isinstance(self.module.namespace.get(func.id), GlobalSym):  # rebindable: read once by CPython
            call = _at(py_ast.Call(func=func, args=list(args), keywords=[]), func)
            self.check(call)
            return call
        raise self.fail(func, f"the function of {what} must be a lambda or a function's name here",
                        "write a lambda: lambda x: f(x)")

    def error_value(self, where, exception: str, message: str) -> py_ast.expr:
        """A checked ``Exception(message)``, which lowering raises."""
        exc = _at(py_ast.Call(func=_name(exception, where), args=[_at(py_ast.Constant(message), where)],
                              keywords=[]), where)
        self.check(exc)
        return exc


ISLICE_ERRORS = ("Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
                 "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
                 "Step for islice() must be a positive integer or None.")


def quiet(node: py_ast.expr) -> bool:
    """Whether evaluating ``node`` can neither run code of the program nor raise: constants,
    variables, displays of those, ``%``/``//`` by a non-zero constant, bitwise operations."""
    if _reads_only(node):
        return True
    if isinstance(node, (py_ast.List, py_ast.Tuple)):
        return all(quiet(e) for e in node.elts)
    if isinstance(node, py_ast.BinOp) and quiet(node.left) and quiet(node.right):
        if isinstance(node.op, (py_ast.BitAnd, py_ast.BitOr, py_ast.BitXor)):
            return True
        divisor = node.right
        return isinstance(node.op, (py_ast.Mod, py_ast.FloorDiv)) and isinstance(divisor, py_ast.Constant) \
            and type(divisor.value) is int and divisor.value != 0
    return False


def pulls_run_code(checker, call: py_ast.expr) -> bool:
    """Whether pulling an item of this itertools call may run code of the program: a generator's
    items, a function called per item, accumulate's additions (which may overflow)."""
    if checker.is_group(call):  # pulling calls the key, unless groupby has none
        plan = checker.group_plans()[call.id]
        return plan.args["key"] is not plan.item_load
    return any(isinstance(node, (py_ast.Lambda, py_ast.GeneratorExp))
               or checker.itertools_name(node) in ("takewhile", "dropwhile", "accumulate", "groupby")
               for node in py_ast.walk(call))


class _Substitute(py_ast.NodeTransformer):
    def __init__(self, names: dict):
        self.names = names

    def visit_Name(self, node):
        if node.id in self.names and isinstance(node.ctx, py_ast.Load):
            return copy.copy(self.names[node.id])
        return node


def _name(name: str, where, ctx=None) -> py_ast.Name:
    return _at(py_ast.Name(id=name, ctx=ctx or py_ast.Load()), where)


def _at(node, where):
    return py_ast.copy_location(node, where)

