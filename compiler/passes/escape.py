"""Escape analysis: records and tuples that never leave a function live in locals.

Problem: a record built and read in one function (``p = P(x & 255, 3); p.x + p.y``,
or a tuple an inlined helper returns) costs an allocation, stores and loads, and
range analysis (passes/ranges.py) knows nothing of a value read back from memory,
so ``p.x + p.y`` keeps its overflow check.
Accepts: a valid IR module (after passes/inline.py, so inlined constructors and
helpers show where their objects go).
Guarantees: the same behaviour, with an allocation ``i64.const SIZE; i64.const
KIND; call alloc`` removed where its address (held on the stack, carried by
``i32.wrap_i64``/``i64.extend_i32_u`` or a block's result, and in locals that
hold nothing else) is only ever
  - the address of a full-width load or store (``i32/i64/f32/f64``) at a constant
    offset inside its payload, every access of a slot of the same width and type,
    slots never overlapping;
  - dropped, or written to a local that is written once, and read only where that
    write dominates the read with no new allocation of its group in between.
A value that may be the object of one of several sites (``a if c else b`` of two
new tuples, an inlined helper returning a new tuple at each of its returns) puts
them in one group, whose objects share one set of slot locals (each of its
allocations zeroes them all). Each slot becomes a fresh local: a store ``addr;
value; store`` becomes ``local.set slot`` (``drop`` of the address unless it was
pushed by one ``local.get``/``local.tee``, then removed or made a ``local.set``),
a load ``addr; load`` becomes ``local.get slot``; the allocation pushes 0 (the dead
address), after zeroing the slots some path reads first when it is in a loop
(``alloc`` zeroes the payload; a local keeps the last iteration's value).
Anything else (a call, a global, a comparison, a store of the address as a value,
a return, ``select``) lets the object, and its group, escape: they stay.

Why no other object can be confused with it: at an allocation no address of its
group may be on the stack (checked) or in a local that is read later before being
written again (the write-dominates-read rule), so every address in use is the
newest object's, whose slots the locals hold. Such an object is never in a global,
so the collector (memory.mark_roots) never sees it; nothing finalizes objects.
How: an abstract stack of "which allocation site does this value point to" over
the structured body, locals flow-insensitive, repeated until the locals settle;
then propagate and dce remove the dead address's copies.
"""
from __future__ import annotations

from .. import ir
from . import dce, propagate
from .effects import CONSTS, CONTROL, address_push, effect, maybe_unset

ALLOC = "compiler.runtime.memory.alloc"
HEADER = 8
ACCESS = {"i32.load": ("i32", 4), "i64.load": ("i64", 8), "f32.load": ("f32", 4), "f64.load": ("f64", 8),
          "i32.store": ("i32", 4), "i64.store": ("i64", 8), "f32.store": ("f32", 4), "f64.store": ("f64", 8)}
CARRY = ("i32.wrap_i64", "i64.extend_i32_u")  # an address as i32 or i64: the same object
ROUNDS = 8
UNSET = object()


def run(module: ir.Module) -> ir.Module:
    for fn in module.functions.values():
        if any(instr == ("call", ALLOC) for instr in fn.body) and replace_aggregates(fn, module):
            for _ in range(2):  # the dead address's copies, then the writes nothing reads any more
                propagate.propagate(fn)
                dce.simplify(fn, module)
    return module


def replace_aggregates(fn: ir.Function, module: ir.Module) -> bool:
    """Removes the function's objects that do not escape; True when any was."""
    analysis = Escapes(fn, module)
    kept = analysis.run()
    if not kept:
        return False
    _rewrite(fn, analysis, kept)
    return True


class Bail(Exception):
    """Something the analysis does not model: the function is left alone."""


class Escapes:
    def __init__(self, fn: ir.Function, module: ir.Module):
        self.fn, self.module = fn, module
        self.params = {name for name, _ in fn.params}
        self.sites = {i for i, instr in enumerate(fn.body) if instr == ("call", ALLOC) and i >= 2
                      and fn.body[i - 2][0] == "i64.const" and fn.body[i - 1][0] == "i64.const"
                      and 0 <= fn.body[i - 2][1] <= 4096}
        self.escaped: set[int] = set()
        self.holds: dict[str, int] = {}  # local -> the site whose objects it holds
        self.slots: dict[int, dict[int, tuple[str, int]]] = {s: {} for s in self.sites}
        self.accesses: dict[int, tuple[int, int]] = {}  # load/store position -> (site, offset)
        self.roots: dict[int, int] = {s: s for s in self.sites}  # sites one value may come from: one group
        self.below: dict[int, set[int]] = {}  # site -> sites of the addresses on the stack at its allocation

    def root(self, site: int) -> int:
        while self.roots[site] != site:
            site = self.roots[site]
        return site

    def group(self, site: int) -> list[int]:
        found = self.root(site)
        return [s for s in self.sites if self.root(s) == found]

    def run(self) -> set[int]:
        if not self.sites:
            return set()
        try:
            for _ in range(ROUNDS):
                before = (dict(self.holds), set(self.escaped))
                self.interpret()
                if self.escaped >= self.sites:
                    return set()  # all escape (most do at once: an exception's, a constructor not inlined)
                if (self.holds, self.escaped) == before:
                    break
            else:
                return set()
        except Bail:
            return set()
        for site, below in self.below.items():
            if any(self.root(other) == self.root(site) for other in below):
                self.escaped.add(site)  # an older object of its group still in use
        self.check_locals()
        self.merge_groups()
        return {s for s in self.sites if not any(m in self.escaped for m in self.group(s))}

    # -- one abstract run over the body ---------------------------------------------------
    def interpret(self) -> None:
        self.accesses = {}
        self.written: dict[str, set] = {}  # local -> sites (None: anything else) written into it
        stack: list = []
        frames: list[list] = []  # [height, has result, label, op, result site, dead at entry]
        dead = False
        for index, instr in enumerate(self.fn.body):
            op = instr[0]
            if op in ("block", "loop", "if"):
                if op == "if" and not dead:
                    self.consume(stack.pop())
                frames.append([len(stack), instr[2] is not None, instr[1], op, UNSET, dead])
            elif op in ("else", "end"):
                frame = frames[-1] if op == "else" else frames.pop()
                if frame[1] and not dead and len(stack) > frame[0]:
                    frame[4] = self.join(frame[4], stack[-1])
                del stack[frame[0]:]
                if op == "end" and frame[1]:
                    stack.append(None if frame[4] is UNSET else frame[4])
                dead = frame[5]
            elif dead:
                continue
            elif op in ("br", "br_if"):
                if op == "br_if":
                    self.consume(stack.pop())
                target = next((f for f in reversed(frames) if f[2] == instr[1]), None)
                if target is not None and target[1] and target[3] != "loop":
                    target[4] = self.join(target[4], stack[-1] if stack else None)
                dead = op == "br"
            elif op in ("return", "unreachable"):
                if op == "return":
                    self.returned(stack)
                dead = True
            else:
                self.step(index, instr, stack)
        if not dead:
            self.returned(stack)
        self.settle_locals()

    def returned(self, stack: list) -> None:
        """The function's results leave it; the values below them are discarded."""
        for value in stack[len(stack) - len(self.fn.results):] if self.fn.results else ():
            self.consume(value)

    def step(self, index: int, instr: tuple, stack: list) -> None:
        op = instr[0]
        if index in self.sites:
            del stack[-2:]
            self.below[index] = {v for v in stack if v is not None}  # checked once the groups are known
            stack.append(index)
        elif op == "local.get":
            stack.append(self.holds.get(instr[1]))
        elif op in ("local.set", "local.tee"):
            value = stack[-1] if op == "local.tee" else stack.pop()
            self.written.setdefault(instr[1], set()).add(value)
        elif op in CARRY:
            pass
        elif op == "drop":
            stack.pop()
        elif op in ACCESS and op.endswith("load"):
            self.access(index, instr, stack.pop())
            stack.append(None)
        elif op in ACCESS:
            self.consume(stack.pop())
            self.access(index, instr, stack.pop())
        else:
            stack_effect = effect(instr, self.module)
            if stack_effect is None or stack_effect[0] > len(stack):
                raise Bail(op)
            popped, pushed = stack_effect
            for value in stack[len(stack) - popped:]:
                self.consume(value)
            del stack[len(stack) - popped:]
            stack += [None] * pushed

    def access(self, index: int, instr: tuple, site) -> None:
        """A load or store whose address is ``site``'s object: one of its slots, or an escape."""
        if site is None:
            return
        ty, width = ACCESS.get(instr[0], (None, 0))
        offset = instr[1] if len(instr) > 1 else 0
        slots = self.slots[site]
        if slots.get(offset) == (ty, width):  # a slot seen before
            self.accesses[index] = (site, offset)
        elif ty is None or offset < HEADER or offset + width > HEADER + self.fn.body[site - 2][1]:
            self.escaped.add(site)
        elif slots.get(offset, (ty, width)) != (ty, width) or any(
                o != offset and o < offset + width and offset < o + w for o, (_, w) in slots.items()):
            self.escaped.add(site)
        else:
            slots[offset] = (ty, width)
            self.accesses[index] = (site, offset)

    def consume(self, value) -> None:
        if value is not None:
            self.escaped.add(value)

    def join(self, known, value):
        """A block's result over its arms and branches: objects of one group (the sites whose
        objects it may be are joined into one), or none."""
        if known is UNSET or known == value:
            return value
        if known is None or value is None:
            self.consume(known)
            self.consume(value)
            return None
        self.roots[self.root(value)] = self.root(known)
        return known

    def merge_groups(self) -> None:
        """A group's objects share locals: its slots must agree, and fit in each member's payload."""
        for site in self.sites:
            members = self.group(site)
            if site != self.root(site) or len(members) == 1:
                continue
            merged: dict[int, tuple[str, int]] = {}
            for member in members:
                for offset, slot in self.slots[member].items():
                    if merged.setdefault(offset, slot) != slot:
                        self.escaped.add(site)
            spans = sorted((o, o + w) for o, (_, w) in merged.items())
            smallest = min(self.fn.body[m - 2][1] for m in members)
            if any(a[1] > b[0] for a, b in zip(spans, spans[1:])) or (spans and spans[-1][1] > HEADER + smallest):
                self.escaped.add(site)
            self.slots[site] = merged

    def settle_locals(self) -> None:
        holds: dict[str, int] = {}
        for name, values in self.written.items():
            sites = values - {None}
            if not sites:
                continue
            if len(values) > 1 or name in self.params:
                for site in sites:
                    self.escaped.add(site)
            else:
                holds[name] = next(iter(sites))
        self.holds = holds

    # -- each local's one write reaches its reads ----------------------------------------------
    def check_locals(self) -> None:
        paths = _paths(self.fn.body)
        writes: dict[str, list[int]] = {}
        reads: dict[str, list[int]] = {}
        for index, instr in enumerate(self.fn.body):
            if instr[0] in ("local.set", "local.tee") and instr[1] in self.holds:
                writes.setdefault(instr[1], []).append(index)
            elif instr[0] == "local.get" and instr[1] in self.holds:
                reads.setdefault(instr[1], []).append(index)
        for name, site in self.holds.items():
            (write, *more) = writes[name]
            group = self.group(site)
            if more or not all(_dominates(paths, write, read) and not any(write < s < read for s in group)
                               for read in reads.get(name, [])):
                self.escaped.add(site)


def _paths(body: list[tuple]) -> list[tuple]:
    """Each instruction's path of block arms (as in passes/propagate.py)."""
    paths: list[tuple] = []
    path: tuple = ()
    fresh = 0
    for instr in body:
        op = instr[0]
        if op in ("else", "end"):
            path = path[:-1]
        paths.append(path)
        if op in ("block", "loop", "if", "else"):
            fresh += 1
            path = path + (fresh,)
    return paths


def _dominates(paths: list[tuple], write: int, read: int) -> bool:
    return write < read and paths[read][:len(paths[write])] == paths[write]


def _in_loops(body: list[tuple]) -> set[int]:
    """Positions inside some loop."""
    inside: set[int] = set()
    opened: list[str] = []
    for index, instr in enumerate(body):
        if instr[0] in ("block", "loop", "if"):
            opened.append(instr[0])
        elif instr[0] == "end":
            opened.pop()
        if "loop" in opened:
            inside.add(index)
    return inside


def _rewrite(fn: ir.Function, analysis: Escapes, kept: set[int]) -> None:
    taken = {name for name, _ in fn.params + fn.locals}
    slot_locals: dict[tuple[int, int], str] = {}  # (group's root, offset) -> local
    for root in sorted({analysis.root(site) for site in kept}):
        for offset, (ty, _) in sorted(analysis.slots[root].items()):
            name = f"field.{root}.{offset}"
            while name in taken:
                name += "_"
            taken.add(name)
            fn.locals.append((name, ty))
            slot_locals[root, offset] = name
    looped = _in_loops(fn.body)
    removed: set[int] = set()  # the address pushes of rewritten accesses: a local.get, a tee (kept as a set)
    for index, (site, _) in analysis.accesses.items():
        if site in kept:
            removed.update(_address_push(fn.body, index, analysis.module) or ())
    out: list[tuple] = []
    for index, instr in enumerate(fn.body):
        if index in removed and instr[0] == "local.tee":
            out.append(("local.set", instr[1]))
            continue
        if index + 2 in kept or index + 1 in kept or index in removed:
            continue  # the allocation's size and kind, an address push
        if index in kept:
            grouped = len(analysis.group(index)) > 1  # another object of the group may have set them
            if index in looped or grouped:
                out.append(("zero", analysis.root(index), grouped))  # filled in below
            out.append(("i64.const", 0))
            continue
        access = analysis.accesses.get(index)
        if access is not None and access[0] in kept:
            slot = slot_locals[analysis.root(access[0]), access[1]]
            pushed = _address_push(fn.body, index, analysis.module) is not None
            if instr[0].endswith("load"):
                out += [("local.get", slot)] if pushed else [("drop",), ("local.get", slot)]
            else:
                out += [("local.set", slot)] if pushed else [("local.set", slot), ("drop",)]
            continue
        out.append(instr)
    fn.body = _zeroed(out, slot_locals, dict(fn.locals))


def _address_push(body: list[tuple], index: int, module: ir.Module) -> list[int] | None:
    return address_push(body, index, module, pushers=("local.get", "local.tee"))


def _zeroed(body: list[tuple], slot_locals: dict[tuple[int, int], str], types: dict[str, str]) -> list[tuple]:
    """An allocation in a loop zeroes the slots some path may read before writing them (alloc
    zeroes the payload; the locals would hold the last iteration's values). Writes come after
    the allocation, so those written first on every path from the function's entry (within the
    iteration: effects.maybe_unset ignores back edges) are written first after it. The objects of
    a group share locals: each of its allocations zeroes them all."""
    unset = maybe_unset([i for i in body if i[0] != "zero"], set(slot_locals.values()))
    out: list[tuple] = []
    for instr in body:
        if instr[0] != "zero":
            out.append(instr)
            continue
        for (root, _), name in sorted(slot_locals.items()):
            if root == instr[1] and (instr[2] or name in unset):
                out += [ir.ZERO[types[name]], ("local.set", name)]
    return _overwritten_zeros(out, set(slot_locals.values()))


def _overwritten_zeros(body: list[tuple], slots: set[str]) -> list[tuple]:
    """Drops a zeroing ``const 0; local.set slot`` that straight-line code after it overwrites
    before reading the slot (an object whose fields are all set as it is made)."""
    dead: set[int] = set()
    for index in range(1, len(body)):
        instr = body[index]
        if instr[0] != "local.set" or instr[1] not in slots or body[index - 1][0] not in CONSTS:
            continue
        for later in body[index + 1:]:
            if later[0] in ("local.set", "local.tee") and later[1] == instr[1]:
                dead.update((index - 1, index))
                break
            if later[0] in CONTROL or (later[0] == "local.get" and later[1] == instr[1]):
                break
    return [instr for index, instr in enumerate(body) if index not in dead]
