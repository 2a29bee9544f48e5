"""Inlining: small helpers' bodies in place of their calls.

Problem: the runtime and the SDK are written as many small functions (a
length is a load, an index check a compare), so a request spends work on
calls, on moving arguments into parameters, and range analysis
(passes/ranges.py) sees each helper's parameters joined over every caller:
one caller passing an unknown int keeps the overflow checks for all.
Accepts: a valid IR module.
Guarantees: a call is replaced by the callee's body, with the same
behaviour, where the callee is
  - not on a call-graph cycle (passes/recursion.py must still see those),
  - not an exception stand-in (a body that reaches ``unreachable``: a trap's
    backtrace names the exception through that function), not exported,
  - not one of ``skip`` (the checked helpers ranges.py recognises by name),
  - small: at most ``HELPER_SIZE`` instructions for the runtime and the SDK
    (symbols under ``HELPERS``), or one whose copies add at most ``GROWTH``
    instructions over its call sites; the program's own functions stay named
    in a trap's backtrace, so only those of at most ``USER_SIZE``
    instructions that cannot trap (no call, memory access or division), and
    constructors of at most ``INIT_SIZE`` whose only memory accesses store into
    ``self`` (passes/escape.py then sees where the new object goes).
Inlined functions no export (or the start function) reaches any more are removed.

How: callees before callers (post-order over the call graph), so a helper's
body is final, and its size known, before anything inlines it. Every
function reached is simplified first (passes/propagate.py, passes/dce.py), so
sizes count what would be copied, and arguments are folded constants. At a call,
the arguments are popped into fresh locals (last argument first), except an
argument pushed by one ``local.get``/constant that nothing writes before the
call, into a parameter the callee never writes: that instruction moves into
the callee's body in place of the parameter's reads. The callee's locals and
labels are renamed apart, its body is wrapped in ``block`` with its result
type, and ``return`` becomes ``br`` to that block (a ``br`` keeps the top
values and drops the rest, as ``return`` does). Wasm zeroes locals only on
function entry: inside a loop, a callee local that may be read before it is
written (effects.maybe_unset) is set to zero before the inlined body.
"""
from __future__ import annotations

from .. import ir
from ..wasm.emit import reachable
from . import dce, function_memo, propagate
from .effects import CONSTS, LOADS, STORES, address_push, effect, maybe_unset
from .recursion import call_graph, recursive_functions

HELPERS = ("compiler.runtime.", "rt.", "abi.")
HELPER_SIZE = 8  # instructions: inlined at every call (12 gave +565 bytes for the same request fuel)
GROWTH = 60  # instructions a larger helper may add by being copied to its call sites
USER_SIZE = 8
INIT_SIZE = 24  # a constructor that only stores into its fields: up to 8 of them
USER_FRAMES = True  # tests turn it off to inline the program's own functions that may trap
TRAPS = {"call", "unreachable", "i64.div_s", "i64.div_u", "i64.rem_s", "i64.rem_u", "i32.div_s", "i32.div_u",
         "i32.rem_s", "i32.rem_u", "i64.trunc_f64_s", "i32.trunc_f64_s", "memory.copy", "memory.fill"}


def run(module: ir.Module, skip: frozenset[str] = frozenset(), tag: str = "i") -> ir.Module:
    graph = call_graph(module)
    recursive = recursive_functions(module, graph)
    live = [s for s in reachable(module) if s in module.functions]
    sites: dict[str, int] = {}
    for symbol in live:
        for instr in module.functions[symbol].body:
            if instr[0] == "call":
                sites[instr[1]] = sites.get(instr[1], 0) + 1
    inliner = Inliner(module, tag)
    for symbol in _post_order(live, graph):
        fn = module.functions[symbol]
        if any(instr[0] == "call" and instr[1] in inliner.inlinable for instr in fn.body):
            inliner.inline_into(fn)
        # sizes and arguments as they will be: copies and constants folded, dead code gone
        function_memo.apply("inline.simplify", fn, lambda fn: _simplify(fn, module), module)
        if symbol not in recursive and symbol not in skip and _worth_it(fn, sites.get(symbol, 0), module):
            inliner.inlinable.add(symbol)
    _remove_inlined(module, inliner.inlinable - set(reachable(module)))
    return module


def _simplify(fn: ir.Function, module: ir.Module) -> None:
    propagate.propagate(fn)
    dce.simplify(fn, module)


def _remove_inlined(module: ir.Module, unreachable: set[str]) -> None:
    """Inlined functions nothing calls any more (an unreachable function may still call one)."""
    while unreachable:
        called = {i[1] for fn in module.functions.values() for i in fn.body if i[0] == "call"}
        gone = unreachable - called
        if not gone:
            return
        for symbol in gone:
            del module.functions[symbol]
        unreachable -= gone


def _post_order(roots: list[str], graph: dict[str, list[str]]) -> list[str]:
    order: list[str] = []
    seen: set[str] = set()
    for root in roots:
        if root in seen:
            continue
        seen.add(root)
        work = [(root, iter(graph[root]))]
        while work:
            node, callees = work[-1]
            callee = next(callees, None)
            if callee is None:
                work.pop()
                order.append(node)
            elif callee not in seen:
                seen.add(callee)
                work.append((callee, iter(graph[callee])))
    return order


def _worth_it(fn: ir.Function, sites: int, module: ir.Module) -> bool:
    if fn.export or fn.symbol == module.start or len(fn.results) > 1 or sites == 0:
        return False
    if any(instr[0] == "unreachable" for instr in fn.body):  # live: dce ran on the body
        return False
    size = len(fn.body)
    if not fn.symbol.startswith(HELPERS):  # the program's own: kept for backtraces unless it cannot trap
        if size <= INIT_SIZE and _fills_self(fn, module):
            return True
        return size <= USER_SIZE and not (USER_FRAMES and any(i[0] in TRAPS or i[0] in LOADS or i[0] in STORES
                                                              for i in fn.body))
    return size <= HELPER_SIZE or (sites - 1) * size <= GROWTH


def _fills_self(fn: ir.Function, module: ir.Module) -> bool:
    """A constructor that only stores into its own fields: ``self`` is the new object, so each
    ``local.get self; value; store offset`` is in bounds and nothing in it can trap."""
    if not fn.symbol.endswith(".__init__") or not fn.params or fn.results:
        return False
    self_name = fn.params[0][0]
    for index, instr in enumerate(fn.body):
        if instr[0] in TRAPS or instr[0] in LOADS:
            return False
        if instr[0] in STORES:
            pushed = address_push(fn.body, index, module, carried=())
            if pushed is None or fn.body[pushed[0]] != ("local.get", self_name):
                return False
        elif instr[0] in ("local.set", "local.tee") and instr[1] == self_name:
            return False
    return True


class Inliner:
    def __init__(self, module: ir.Module, tag: str):
        self.module, self.tag = module, tag
        self.inlinable: set[str] = set()
        self.count = 0

    def inline_into(self, fn: ir.Function) -> None:
        out: list[tuple] = []
        loops: list[bool] = []  # per open construct: is it a loop
        for instr in fn.body:
            op = instr[0]
            if op == "call" and instr[1] in self.inlinable:
                out += self.expand(fn, self.module.functions[instr[1]], out, any(loops))
                continue
            if op in ("block", "loop", "if"):
                loops.append(op == "loop")
            elif op == "end":
                loops.pop()
            out.append(instr)
        fn.body = out

    def expand(self, fn: ir.Function, callee: ir.Function, out: list[tuple], in_loop: bool) -> list[tuple]:
        """The inlined body of one call; moves substituted argument pushes out of ``out``."""
        self.count += 1
        suffix = f"@{self.tag}{self.count}"
        written = {i[1] for i in callee.body if i[0] in ("local.set", "local.tee")}
        moved = _movable_arguments(out, callee, written, self.module)
        rename = {name: name + suffix for name, _ in callee.params + callee.locals}
        replace: dict[str, tuple] = {}
        for index in sorted(moved, key=moved.get, reverse=True):
            replace[callee.params[index][0]] = out.pop(moved[index])
        code: list[tuple] = []
        for name, ty in reversed(callee.params):
            if name not in replace:
                code.append(("local.set", rename[name]))
        fn.locals += [(rename[n], t) for n, t in callee.params if n not in replace]
        fn.locals += [(rename[n], t) for n, t in callee.locals]
        if in_loop:
            for name in sorted(maybe_unset(callee.body, {n for n, _ in callee.locals})):
                code += [ir.ZERO[dict(callee.locals)[name]], ("local.set", rename[name])]
        exit_label = "inline" + suffix
        code.append(("block", exit_label, callee.results[0] if callee.results else None))
        for instr in callee.body:
            code.append(self.renamed(instr, rename, replace, suffix, exit_label))
        code.append(("end",))
        return code

    @staticmethod
    def renamed(instr: tuple, rename: dict, replace: dict, suffix: str, exit_label: str) -> tuple:
        op = instr[0]
        if op == "local.get" and instr[1] in replace:
            return replace[instr[1]]
        if op in ("local.get", "local.set", "local.tee"):
            return (op, rename[instr[1]])
        if op in ("block", "loop", "if"):
            return (op, instr[1] + suffix, instr[2])
        if op in ("br", "br_if"):
            return (op, instr[1] + suffix)
        if op == "return":
            return ("br", exit_label)
        return instr


def _movable_arguments(out: list[tuple], callee: ir.Function, written: set[str],
                       module: ir.Module) -> dict[int, int]:
    """Parameter index -> position in ``out`` of the single pure instruction that pushed its
    argument, for arguments that may move into the callee's body (see the module docstring)."""
    needs: list[int | None] = list(range(len(callee.params)))  # values on the stack, top last
    found: dict[int, int] = {}
    position = len(out) - 1
    while position >= 0 and any(n is not None for n in needs):
        instr = out[position]
        stack_effect = effect(instr, module)
        if stack_effect is None or stack_effect[1] > len(needs):
            break
        popped, pushed = stack_effect
        produced = needs[len(needs) - pushed:]
        del needs[len(needs) - pushed:]
        if pushed == 1 and popped == 0 and produced[0] is not None \
                and callee.params[produced[0]][0] not in written and _stable(instr, out, position):
            found[produced[0]] = position
        needs += [None] * popped
        position -= 1
    return found


def _stable(instr: tuple, out: list[tuple], position: int) -> bool:
    """A constant, or a local nothing writes between ``position`` and the call."""
    if instr[0] in CONSTS:
        return True
    if instr[0] != "local.get":
        return False
    return not any(i[0] in ("local.set", "local.tee") and i[1] == instr[1] for i in out[position + 1:])
