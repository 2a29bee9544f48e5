"""Range analysis: plain wasm arithmetic where a CPython int cannot leave int64.

Problem: lowering turns every ``+ - * // % << >>`` on ints into a call of a
checked helper (``rt.add``, ...) that traps where CPython would need a bigger
int. Most operands are small (lengths, bytes, indices, masked hashes), so the
check can never fire, yet it is half of a request's work.
Accepts: a lowered IR module.
Guarantees: a call ``rt.add/sub/mul/neg/floordiv/mod/lshift/rshift/to_i32/abs``
is replaced by the plain instruction(s) only where the interval of every
operand proves the plain instruction gives the same result and the helper
could not trap; an i64 comparison whose operands are pure pushes (``local.get``, a constant,
``global.get``) or ``local.tee`` (made ``local.set``) is replaced by ``i32.const`` 0 or 1 where their intervals decide it (``x & 255 >
255``: 0), and passes/dce.py then removes the ``if`` on it. Nothing else changes.

How: each function is interpreted over intervals of int64 values (an abstract
stack mirrors the wasm stack). Locals are flow-insensitive: a local's interval
is the join of every value stored into it, found by iterating until what the
body stores stays inside them; after ROUNDS a bound still moving is widened to
int64's limit (the other bound and the other locals keep theirs). Function
results are joined over their returns, and parameters over the arguments of
every call, iterated over the module with callees (for results) or callers
(for parameters) first, so a chain of calls settles in one round; a block's
result is joined over the branches to it and its end (an inlined body's
returns). Exports' parameters are unknown (any int64).

Counters: a store ``x = x + c`` (``c`` a constant, ``|c| <= COUNTER_STEP``) would
make every interval unbounded. Such a local is instead given its other values
widened by ``COUNTER_STEPS * c``: reaching int64's limits from there takes more
than ``COUNTER_STEPS`` (2**48, days of one core doing nothing else) executions,
longer than any proxy-wasm callback runs.
"""
from __future__ import annotations

from .. import cache, ir
from .effects import signature
from .intervals import (ADDRESSES, BINARY, CALL, CHECKED, CLOSE, COMPARE, COMPARISONS, CONST, CONSTANT_CHECKS,
                        CONVERT, ENDS,
                        EXTENDED, INT64_MAX, INT64_MIN, KINDS, LOAD, LOADED, LOCAL_GET, OPEN, POP, POP2_TOP,
                        POP3, PUSH_TOP, SELECT, SET, STORE, TOP, Value, _new, as_signed, binary, join, span,
                        compared, stack_kind, widened)

COUNTER_STEP = 256
COUNTER_STEPS = 1 << 48
ROUNDS = 6  # then whatever still changes is unbounded
ALTERNATIONS = 1
WIDEN_AFTER = ROUNDS - 1  # rounds of a function's locals before a bound still moving is widened
LOCAL_ROUNDS = 4 * ROUNDS  # then every local is unbounded (widening settles long before)


def run(module: ir.Module) -> ir.Module:
    analyses = Analyses(module)
    results: dict[str, Value] = {}
    params: dict[str, list[Value]] = {}
    for _ in range(ALTERNATIONS):  # parameters given sound results, then results given those parameters
        params = analyses.parameter_ranges(results)
        results = analyses.result_ranges(params)
    for fn in module.functions.values():
        if (any(callee in CHECKED for callee in analyses.callees[fn.symbol])
                or any(instr[0] in FOLDED for instr in fn.body)):  # else nothing to replace
            fn.body = analyses.of(fn, results, params).rewritten()
    return module


class Analyses:
    """Function analyses, reused while what they assume (parameters, callees' results) is unchanged."""

    def __init__(self, module: ir.Module):
        self.module = module
        self.cache: dict[str, tuple[tuple, "FunctionRanges"]] = {}
        self.ids: dict[str, int | None] = {}
        self.callees = {fn.symbol: sorted({i[1] for i in fn.body if i[0] == "call"})
                        for fn in module.functions.values()}
        self.signatures = {symbol: signature(module, symbol) for symbol in (*module.functions, *module.imports)}
        # only functions that call functions of the module give their parameters ranges
        callees_first = postorder(module, self.callees)
        self.callers = [module.functions[symbol] for symbol in reversed(callees_first)
                        if any(callee in module.functions for callee in self.callees[symbol])]
        self.returning = [module.functions[symbol] for symbol in callees_first
                          if module.functions[symbol].results == ["i64"]]

    def of(self, fn: ir.Function, results: dict[str, Value], params: dict[str, list[Value]]) -> "FunctionRanges":
        given = None if fn.export or fn.symbol == self.module.start else params.get(fn.symbol)
        key = (tuple(given) if given is not None else None,
               tuple(results.get(callee) for callee in self.callees[fn.symbol]))
        cached = self.cache.get(fn.symbol)
        if cached is None or cached[0] != key:
            memo = self.function_id(fn)
            cached = self.cache[fn.symbol] = (key, FunctionRanges(fn, self.module, results, given,
                                                                  None if memo is None else (memo, key),
                                                                  self.signatures))
        return cached[1]

    def function_id(self, fn: ir.Function) -> int | None:
        """compiler/cache.py's number for what the analysis of ``fn`` reads besides its assumptions."""
        if fn.symbol not in self.ids:
            callees = tuple((c, c in self.module.functions, *map(tuple, signature(self.module, c)))
                            for c in self.callees[fn.symbol])
            self.ids[fn.symbol] = cache.function_id((fn.symbol, tuple(fn.body), tuple(fn.params), tuple(fn.locals),
                                                     tuple(fn.results), bool(fn.export), callees))
        return self.ids[fn.symbol]

    def result_ranges(self, params: dict[str, list[Value]]) -> dict[str, Value]:
        """Each round assumes the results known so far, starting from "any int64", callees before
        their callers (a chain of calls settles in one round): every result is sound when found,
        so stopping after ROUNDS (or when nothing changes) is too."""
        results: dict[str, Value] = {}
        for _ in range(ROUNDS):
            changed = False
            for fn in self.returning:
                found = self.of(fn, results, params).returned or TOP
                if results.get(fn.symbol) != found:
                    results[fn.symbol] = found
                    changed = True
            if not changed:
                break
        return results

    def parameter_ranges(self, results: dict[str, Value]) -> dict[str, list[Value]]:
        """Each internal function's parameters: the join of its arguments at every call site (the
        host may pass anything to exports), given sound ``results`` of calls. Callers go before their
        callees and a callee sees its grown parameters in the same round, so a chain of calls settles
        in one round; rounds repeat up to a fixpoint, and past ROUNDS a parameter that still changes
        is unknown."""
        params: dict[str, list[Value]] = {}
        for round_ in range(1000):  # ends: past ROUNDS, a parameter that changes becomes TOP for good
            changed = False
            for fn in self.callers:
                for symbol, args in self.of(fn, results, params).calls.items():
                    old = params.get(symbol, [None] * len(args))
                    new = [join(o, a) for o, a in zip(old, args)]
                    if round_ >= ROUNDS:
                        new = [TOP if n != o else n for o, n in zip(old, new)]
                    if new != old:
                        params[symbol] = new
                        changed = True
            if not changed:
                return params
        return {}


def postorder(module: ir.Module, callees: dict[str, list[str]]) -> list[str]:
    """The module's functions, each after those it calls (a cycle in any order)."""
    done: set[str] = set()
    order: list[str] = []
    for root in module.functions:
        if root in done:
            continue
        done.add(root)
        stack = [(root, iter(callees[root]))]
        while stack:
            symbol, pending = stack[-1]
            for callee in pending:
                if callee in module.functions and callee not in done:
                    done.add(callee)
                    stack.append((callee, iter(callees[callee])))
                    break
            else:
                stack.pop()
                order.append(symbol)
    return order


class FunctionRanges:
    """One function's abstract interpretation (see the module docstring)."""

    def __init__(self, fn: ir.Function, module: ir.Module, results: dict[str, Value],
                 params: list[Value | None] | None = None, memo: tuple | None = None,
                 signatures: dict | None = None):
        self.fn, self.module, self.results, self.memo = fn, module, results, memo
        self.signatures = signatures if signatures is not None else {}
        self.i64_locals = {name for name, ty in fn.params + fn.locals if ty == "i64"}
        given = params if params is not None and not fn.export else [TOP] * len(fn.params)
        self.locals: dict[str, Value] = {name: (value or TOP) for (name, ty), value in zip(fn.params, given)
                                         if ty == "i64"}
        self.given = dict(self.locals)  # a parameter holds its arguments, and what the body stores in it
        for name, ty in fn.locals:
            if ty == "i64":
                self.locals[name] = Value(0, 0)  # wasm locals start at zero
        known = cache.ranges_get(memo)  # the same IR, assumptions and callees: the same fixpoint
        if known is not None:
            locals_, self.returned, calls = known
            self.locals, self.calls = dict(locals_), {s: list(args) for s, args in calls.items()}
            return
        self.settle_locals()
        cache.ranges_put(memo, (dict(self.locals), self.returned, {s: tuple(a) for s, a in self.calls.items()}))

    # -- fixpoints ------------------------------------------------------------------
    def settle_locals(self) -> None:
        """Iterate the locals to a fixpoint; the last interpretation (whose ``returned`` and
        ``calls`` hold for the final intervals) stays on the object."""
        for round_ in range(LOCAL_ROUNDS):
            stored, steps = self.interpret(rewrite=False)[:2]
            settled = {name: self.widen(name, stored.get(name), steps.get(name, 0))
                       for name in self.locals}
            if all(self.locals[name].lo <= value.lo and value.hi <= self.locals[name].hi
                   for name, value in settled.items()):  # what the body stores stays in them
                return
            if round_ >= WIDEN_AFTER:  # a bound still moving goes to int64's limit: few rounds more
                settled = {name: widened(self.locals[name], value) for name, value in settled.items()}
            self.locals = settled
        self.locals = {name: TOP for name in self.locals}
        self.interpret(rewrite=False)

    def widen(self, name: str, stored: Value | None, step: int) -> Value:
        base = join(stored, self.given[name]) if name in self.given else stored
        if base is None:
            base = Value(0, 0)
        if name not in dict(self.fn.params):
            base = join(base, Value(0, 0))
        if step:
            return span(base.lo - COUNTER_STEPS * step, base.hi + COUNTER_STEPS * step)
        return base

    def rewritten(self) -> list:
        """The body with the checks the intervals make needless replaced; memoised with the fixpoint
        (the same IR, assumptions and callees: the same body)."""
        memo = None if self.memo is None else ("rewritten", *self.memo)
        known = cache.ranges_get(memo)
        if known is None:  # the rewrite may add TEMP to the locals: kept with the body
            known = (tuple(self.interpret(rewrite=True)[3]), tuple(self.fn.locals))
            cache.ranges_put(memo, known)
        self.fn.locals = list(known[1])
        return list(known[0])

    # -- the interpreter --------------------------------------------------------------
    def interpret(self, rewrite: bool):
        """(values stored per local, counter step per local, joined result, rewritten body).
        The hot loop of the pass: instructions dispatch on their kind (``_kind``), and the
        rewritten body is only built when asked for."""
        self.stored: dict[str, Value] = {}
        self.steps: dict[str, int] = {}
        self.returned: Value | None = None
        self.calls: dict[str, list[Value]] = {}
        stack: list[Value] = []
        controls: list[list] = []  # [height at entry, results, dead at entry, label, op, joined result]
        dead = False
        out: list = []
        self.out = out
        kinds, locals_, i64_locals = KINDS, self.locals, self.i64_locals
        returns_i64 = self.fn.results == ["i64"]
        for instr in self.fn.body:
            op = instr[0]
            kind = kinds.get(op) or stack_kind(op)
            if kind == OPEN:
                if op == "if" and not dead:
                    stack.pop()
                controls.append([len(stack), int(instr[2] is not None), dead, instr[1], op, None])
            elif kind == CLOSE:
                if controls:  # (the function body's own end is not in the IR)
                    frame = controls[-1] if op == "else" else controls.pop()
                    height, count, was_dead = frame[0], frame[1], frame[2]
                    if count and not dead and len(stack) > height:  # the value an arm falls through with
                        frame[5] = join(frame[5], Value(stack[-1].lo, stack[-1].hi))
                    del stack[height:]
                    if op == "end":
                        stack += [frame[5] or TOP] * count
                    dead = was_dead
            elif dead:
                pass
            elif kind == LOCAL_GET:
                name = instr[1]
                if name in i64_locals:
                    value = locals_[name]
                    stack.append(_new(Value, (value.lo, value.hi, name, 0)))
                else:
                    stack.append(TOP)
            elif kind == PUSH_TOP:
                stack.append(TOP)
            elif kind == CONST:
                stack.append(span(instr[1], instr[1]))
            elif kind == CALL:
                replaced = self.call(instr, stack, rewrite)
                if replaced is not None:
                    out += replaced
                    continue
            elif kind == POP2_TOP:
                del stack[-1]
                stack[-1] = TOP
            elif kind == CONVERT:
                stack[-1] = EXTENDED.get(op, TOP)
            elif kind == SET:
                value = stack.pop()
                self.store(instr[1], value)
                if op == "local.tee":
                    stack.append(Value(value.lo, value.hi, instr[1], 0) if instr[1] in i64_locals else TOP)
            elif kind == ENDS:
                if op == "br":
                    self.branch_value(controls, instr[1], stack)
                elif op == "return" and returns_i64 and stack:
                    self.returned = join(self.returned, stack[-1])
                dead = True
            elif kind == POP:
                stack.pop()
                if op == "br_if":
                    self.branch_value(controls, instr[1], stack)
            elif kind == LOAD:
                stack[-1] = LOADED.get(op, TOP)
            elif kind == STORE:
                del stack[-2:]
            elif kind == BINARY:
                b = stack.pop()
                stack[-1] = binary(op, stack[-1], b)
            elif kind == COMPARE:
                operands = 1 if op == "i64.eqz" else 2
                known = compared("i64.eq", stack[-1], ZERO) if operands == 1 else compared(op, stack[-2], stack[-1])
                del stack[len(stack) - operands:]
                stack.append(TOP)
                if rewrite and known is not None and self.fold_compare(operands, known):
                    continue
            elif kind == SELECT:
                stack.pop()
                b, a = stack.pop(), stack.pop()
                stack.append(join(a, b))
            elif kind == POP3:
                del stack[-3:]
            if rewrite:
                out.append(instr)
        if not dead and returns_i64 and stack:
            self.returned = join(self.returned, stack[-1])
        return self.stored, self.steps, self.returned, out

    def fold_compare(self, operands: int, known: int) -> bool:
        """The comparison's operands, each pushed by a pure push (removed) or a ``local.tee`` (made a
        ``local.set``), replaced by its known result; False (nothing changed) for other operands."""
        pushes = self.out[len(self.out) - operands:]
        # a tee leaves the value of the code before it: only the first operand may be one
        if len(pushes) < operands or not (pushes[0][0] in PURE or pushes[0][0] == "local.tee") \
                or not all(i[0] in PURE for i in pushes[1:]):
            return False
        del self.out[len(self.out) - operands:]
        self.out += [("local.set", i[1]) for i in pushes if i[0] == "local.tee"]
        self.out.append(("i32.const", known))
        return True

    @staticmethod
    def branch_value(controls: list[list], label: str, stack: list[Value]) -> None:
        """A branch to a block (or if) with a result carries its value to the block's end."""
        for frame in reversed(controls):
            if frame[3] == label:
                if frame[1] and frame[4] != "loop" and stack:
                    frame[5] = join(frame[5], Value(stack[-1].lo, stack[-1].hi))
                elif frame[1] and frame[4] != "loop":
                    frame[5] = TOP
                return

    def store(self, name: str, value: Value) -> None:
        if name not in self.i64_locals:
            return
        if value.base == name and value.offset and abs(value.offset) <= COUNTER_STEP:
            self.steps[name] = max(self.steps.get(name, 0), abs(value.offset))
            return
        self.stored[name] = join(self.stored.get(name), Value(value.lo, value.hi))

    def call(self, instr: tuple, stack: list[Value], rewrite: bool) -> list | None:
        symbol = instr[1]
        params, results = self.signature(symbol)
        args = stack[len(stack) - len(params):] if params else []
        del stack[len(stack) - len(params):]
        if symbol in self.module.functions:
            known = self.calls.get(symbol)
            plain_args = [_new(Value, (a.lo, a.hi, None, 0)) for a in args]
            self.calls[symbol] = plain_args if known is None else [join(k, a) for k, a in zip(known, plain_args)]
        plain = CHECKED.get(symbol)
        if plain is not None:
            value, replacement = plain(*args)
            stack.append(value)
            if rewrite and replacement is None and symbol in CONSTANT_CHECKS:
                replacement = self.constant_operand_check(symbol, args[1])
            return replacement if rewrite and replacement is not None else None
        for ty in results:
            stack.append(ADDRESSES if symbol == ALLOC else self.results.get(symbol, TOP) if ty == "i64" else TOP)
        return None

    def constant_operand_check(self, symbol: str, operand: Value) -> list | None:
        """``x + c``, ``x - c``, ``x * c`` with ``c`` just pushed by ``i64.const``: one range test
        of ``x`` (the values for which the result fits) instead of a call of the general check."""
        c = operand.const
        if c is None or not self.out or self.out[-1] != ("i64.const", c) or symbol not in INLINE_CHECKS:
            return None
        lo, hi = CONSTANT_CHECKS[symbol](c)
        lo, hi = max(lo, INT64_MIN), min(hi, INT64_MAX)
        self.out.pop()
        if TEMP not in {name for name, _ in self.fn.locals}:
            self.fn.locals.append((TEMP, "i64"))
        if lo == INT64_MIN:
            test = [("i64.const", hi), ("i64.gt_s",)]
        elif hi == INT64_MAX:
            test = [("i64.const", lo), ("i64.lt_s",)]
        else:  # outside [lo, hi]: (x - lo) as unsigned beyond hi - lo
            test = [("i64.const", lo), ("i64.sub",), ("i64.const", as_signed(hi - lo)), ("i64.gt_u",)]
        return [("local.tee", TEMP), *test, ("if", "overflow", None), ("call", "OverflowError"), ("end",),
                ("local.get", TEMP), ("i64.const", c), (f"i64.{symbol[3:]}",)]

    def signature(self, symbol: str) -> tuple[list[str], list[str]]:
        known = self.signatures.get(symbol)
        return known if known is not None else signature(self.module, symbol)



TEMP = "range.tmp"
ZERO = Value(0, 0)
PURE = ("local.get", "i64.const", "global.get")  # pushes of one value, with no effect
FOLDED = {*COMPARISONS, "i64.eqz"}
ALLOC = "compiler.runtime.memory.alloc"  # returns an address in wasm32 memory: below 4 GiB
INLINE_CHECKS = ("rt.add", "rt.sub")  # rt.mul by a constant: longer inline than the call it saves
