"""The matcher: CPython 3.11's backtracking engine (Modules/_sre/sre_lib.h, SRE(match)) over our
code (re/_emit.py), with the same choices, so the same match and the same groups. Like CPython's it
keeps its backtracking points in an explicit stack of contexts, not in recursion; the marks it
saves go on a data stack. A context calls a child (``call``) and resumes at a jump label once the
child returns."""
from re._emit import (AT_BEGINNING_LINE, AT_END_LINE, OP_ANY, OP_ANY_ALL, OP_AT, OP_BRANCH, OP_FAILURE,
                      OP_IN, OP_IN_IGNORE, OP_JUMP, OP_LITERAL, OP_LITERAL_IGNORE, OP_MARK, OP_MAX_UNTIL,
                      OP_MIN_REPEAT_ONE, OP_MIN_UNTIL, OP_NOT_LITERAL, OP_NOT_LITERAL_IGNORE, OP_REPEAT,
                      OP_REPEAT_ONE, OP_SUCCESS, OP_ASSERT, OP_ASSERT_NOT, OP_GROUPREF, OP_GROUPREF_IGNORE)
from re._emit import lower_ascii
from re._sets import in_set, in_set_ignore, is_word, fold
from re._syntax import (AT_BEGINNING, AT_BEGINNING_STRING, AT_BOUNDARY, AT_END, AT_END_STRING, AT_NON_BOUNDARY,
                        MAXREPEAT)

J_NONE = 0
J_BRANCH = 1
J_REPEAT_ONE = 2
J_MIN_REPEAT_ONE = 3
J_REPEAT = 4
J_MAX_UNTIL_1 = 5
J_MAX_UNTIL_2 = 6
J_MAX_UNTIL_3 = 7
J_MIN_UNTIL_1 = 8
J_MIN_UNTIL_2 = 9
J_MIN_UNTIL_3 = 10
J_ASSERT = 11
J_ASSERT_NOT = 12
CALL = 1  # run the context on top of the stack (a new child, or one that goes on after its child)
DONE = 0


class Repeat:
    def __init__(self, pc: int, prev: "Repeat | None") -> None:
        self.count = -1
        self.pc = pc
        self.prev = prev
        self.last_ptr = -1  # CPython's NULL


class Context:
    """A frame of the explicit stack; frames are reused (``State.depth``), so backtracking
    allocates nothing once the stack is as deep as it gets."""

    def __init__(self) -> None:
        self.pc = 0
        self.toplevel = False
        self.jump = J_NONE
        self.ptr = 0
        self.count = 0
        self.lastmark = -1
        self.lastindex = -1
        self.rep: Repeat | None = None


class State:
    def __init__(self, code: list[int], chars: list[int], groups: int, start: int, end: int, ascii: bool) -> None:
        self.code = code
        self.chars = chars
        self.ascii = ascii
        self.start = start
        self.end = end
        self.ptr = start
        self.marks: list[int] = [-1] * (2 * groups)
        self.lastmark = -1
        self.lastindex = -1
        self.repeat: Repeat | None = None
        self.data: list[int] = []
        self.top = 0
        self.ret = False
        self.match_all = False
        self.must_advance = False
        self.stack: list[Context] = []
        self.depth = 0  # contexts in use at the bottom of ``stack``
        self.spare: list[Repeat] = []  # Repeat records to reuse

    def reset(self) -> None:
        self.lastmark = -1
        self.lastindex = -1
        self.repeat = None
        self.top = 0

    def search(self) -> bool:
        """SRE(search)'s general case: try each position from ``start``."""
        ptr = self.start
        if ptr > self.end:
            return False
        self.ptr = ptr
        status = self.run(0, True)
        self.must_advance = False
        first = self.first_item()
        while not status and ptr < self.end:
            ptr += 1
            if first >= 0:  # no match can start where the first character does not fit (CPython's INFO)
                while ptr < self.end and not self.one(first, ptr):
                    ptr += 1
                if ptr >= self.end:
                    break
            self.lastmark = -1
            self.lastindex = -1
            self.start = ptr
            self.ptr = ptr
            status = self.run(0, False)
        return status

    def first_item(self) -> int:
        """Where the single-character item is that every match starts with, or -1."""
        pc = 0
        while self.code[pc] == OP_MARK:  # marks set by an attempt that fails at once are reset anyway
            pc += 2
        op = self.code[pc]
        if op == OP_REPEAT_ONE or op == OP_MIN_REPEAT_ONE:
            return pc + 4 if self.code[pc + 2] > 0 else -1
        if op == OP_LITERAL or op == OP_NOT_LITERAL or op == OP_LITERAL_IGNORE or op == OP_NOT_LITERAL_IGNORE \
                or op == OP_IN or op == OP_IN_IGNORE or op == OP_ANY or op == OP_ANY_ALL:
            return pc
        return -1

    def run(self, pc: int, toplevel: bool) -> bool:
        base = self.depth
        action = self.enter(self.push_context(pc, toplevel, J_NONE))
        while True:
            if action == CALL:
                action = self.enter(self.stack[self.depth - 1])
                continue
            self.depth -= 1
            if self.depth == base:
                return self.ret
            action = self.resume(self.stack[self.depth - 1], self.stack[self.depth].jump)

    def push_context(self, pc: int, toplevel: bool, jump: int) -> Context:
        if self.depth == len(self.stack):
            self.stack.append(Context())
        ctx = self.stack[self.depth]
        self.depth += 1
        ctx.pc = pc
        ctx.toplevel = toplevel
        ctx.jump = jump
        ctx.rep = None
        return ctx

    def call(self, ctx: Context, jump: int, pc: int, ptr: int) -> int:
        ctx.ptr = ptr
        self.push_context(pc, ctx.toplevel, jump)
        return CALL

    def new_repeat(self, pc: int) -> Repeat:
        if len(self.spare) == 0:
            return Repeat(pc, self.repeat)
        rep = self.spare.pop()
        rep.count = -1
        rep.pc = pc
        rep.prev = self.repeat
        rep.last_ptr = -1
        return rep

    def done(self, ret: bool) -> int:
        self.ret = ret
        return DONE

    def push(self, value: int) -> None:
        if self.top < len(self.data):
            self.data[self.top] = value
        else:
            self.data.append(value)
        self.top += 1

    def mark_push(self, lastmark: int) -> None:
        for index in range(lastmark + 1):
            self.push(self.marks[index])

    def mark_pop(self, lastmark: int, keep: bool) -> None:
        if lastmark < 0:
            return
        base = self.top - lastmark - 1
        for index in range(lastmark + 1):
            self.marks[index] = self.data[base + index]
        if not keep:
            self.top = base

    def mark_discard(self, lastmark: int) -> None:
        if lastmark >= 0:
            self.top -= lastmark + 1

    def lastmark_save(self, ctx: Context) -> None:
        ctx.lastmark = self.lastmark
        ctx.lastindex = self.lastindex

    def lastmark_restore(self, ctx: Context) -> None:
        self.lastmark = ctx.lastmark
        self.lastindex = ctx.lastindex

    def set_mark(self, i: int, ptr: int) -> None:
        if i & 1:
            self.lastindex = i // 2 + 1
        if i > self.lastmark:
            for j in range(self.lastmark + 1, i):
                self.marks[j] = -1
            self.lastmark = i
        self.marks[i] = ptr

    def one(self, pc: int, ptr: int) -> bool:
        """Whether the single-character item at ``pc`` matches the character at ``ptr``."""
        if ptr >= self.end:
            return False
        op = self.code[pc]
        ch = self.chars[ptr]
        if op == OP_LITERAL:
            return ch == self.code[pc + 1]
        if op == OP_NOT_LITERAL:
            return ch != self.code[pc + 1]
        if op == OP_ANY:
            return ch != 10
        if op == OP_ANY_ALL:
            return True
        if op == OP_LITERAL_IGNORE:
            return fold(ch, self.ascii) == self.code[pc + 1]
        if op == OP_NOT_LITERAL_IGNORE:
            return fold(ch, self.ascii) != self.code[pc + 1]
        if op == OP_IN or op == OP_IN_IGNORE:
            if ch < 128:
                return (self.code[pc + 2 + (ch >> 5)] >> (ch & 31)) & 1 == 1
            if op == OP_IN:
                return in_set(self.code, pc + 6, ch, self.ascii)
            return in_set_ignore(self.code, pc + 6, ch, self.ascii)
        return False

    def count(self, pc: int, ptr: int, maxcount: int) -> int:
        end = self.end
        if maxcount < end - ptr and maxcount != MAXREPEAT:
            end = ptr + maxcount
        start = ptr
        op = self.code[pc]
        if op == OP_IN or op == OP_IN_IGNORE:  # the common case, with the ASCII bitmap inline
            code = self.code
            chars = self.chars
            while ptr < end:
                ch = chars[ptr]
                if ch >= 128:
                    if not self.one(pc, ptr):
                        break
                elif (code[pc + 2 + (ch >> 5)] >> (ch & 31)) & 1 == 0:
                    break
                ptr += 1
            return ptr - start
        while ptr < end and self.one(pc, ptr):
            ptr += 1
        return ptr - start

    def at(self, ptr: int, kind: int) -> bool:
        if kind == AT_BEGINNING or kind == AT_BEGINNING_STRING:
            return ptr == 0
        if kind == AT_BEGINNING_LINE:
            return ptr == 0 or self.chars[ptr - 1] == 10
        if kind == AT_END:
            return ptr == self.end or (ptr + 1 == self.end and self.chars[ptr] == 10)
        if kind == AT_END_LINE:
            return ptr == self.end or self.chars[ptr] == 10
        if kind == AT_END_STRING:
            return ptr == self.end
        if self.end == 0:
            return False
        before = ptr > 0 and is_word(self.chars[ptr - 1], self.ascii)
        after = ptr < self.end and is_word(self.chars[ptr], self.ascii)
        return (before != after) == (kind == AT_BOUNDARY)

    def enter(self, ctx: Context) -> int:
        """Run the ops from ``ctx.pc`` at ``self.ptr`` until the context returns or calls."""
        code = self.code
        pc = ctx.pc
        ptr = self.ptr
        while True:
            op = code[pc]
            if op == OP_MARK:
                self.set_mark(code[pc + 1], ptr)
                pc += 2
            elif op == OP_JUMP:
                pc = code[pc + 1]
            elif op == OP_AT:
                if not self.at(ptr, code[pc + 1]):
                    return self.done(False)
                pc += 2
            elif op == OP_SUCCESS:
                if ctx.toplevel and ((self.match_all and ptr != self.end)
                                     or (self.must_advance and ptr == self.start)):
                    return self.done(False)
                self.ptr = ptr
                return self.done(True)
            elif op == OP_FAILURE:
                return self.done(False)
            elif op == OP_BRANCH:
                ctx.pc = pc
                return self.branch(ctx, ptr)
            elif op == OP_REPEAT_ONE:
                ctx.pc = pc
                return self.repeat_one(ctx, ptr)
            elif op == OP_MIN_REPEAT_ONE:
                ctx.pc = pc
                return self.min_repeat_one(ctx, ptr)
            elif op == OP_REPEAT:
                ctx.pc = pc
                rep = self.new_repeat(pc)
                self.repeat = rep
                ctx.rep = rep
                self.ptr = ptr
                return self.call(ctx, J_REPEAT, code[pc + 1], ptr)
            elif op == OP_MAX_UNTIL:
                ctx.pc = pc
                return self.max_until(ctx, ptr)
            elif op == OP_MIN_UNTIL:
                ctx.pc = pc
                return self.min_until(ctx, ptr)
            elif op == OP_ASSERT or op == OP_ASSERT_NOT:
                back = code[pc + 2]
                if ptr >= back:
                    ctx.pc = pc
                    return self.assertion(ctx, ptr, op == OP_ASSERT)
                if op == OP_ASSERT:
                    return self.done(False)
                pc = code[pc + 1]
            elif op == OP_GROUPREF or op == OP_GROUPREF_IGNORE:
                ptr = self.groupref(code[pc + 1], ptr, op == OP_GROUPREF_IGNORE)
                if ptr < 0:
                    return self.done(False)
                pc += 2
            else:
                if not self.one(pc, ptr):
                    return self.done(False)
                ptr += 1
                pc = code[pc + 1] if op == OP_IN or op == OP_IN_IGNORE else pc + 2 if op != OP_ANY \
                    and op != OP_ANY_ALL else pc + 1

    def assertion(self, ctx: Context, ptr: int, positive: bool) -> int:
        """CPython's ASSERT / ASSERT_NOT: the body runs as a child that is not top-level."""
        self.ptr = ptr - self.code[ctx.pc + 2]
        if not positive:
            self.lastmark_save(ctx)
            if self.repeat is not None:
                self.mark_push(ctx.lastmark)
        ctx.ptr = ptr
        self.push_context(ctx.pc + 3, False, J_ASSERT if positive else J_ASSERT_NOT)
        return CALL

    def assertion_resume(self, ctx: Context, positive: bool) -> int:
        if positive and not self.ret:
            return DONE
        if not positive:
            if self.ret:
                if self.repeat is not None:
                    self.mark_discard(ctx.lastmark)
                return self.done(False)
            if self.repeat is not None:
                self.mark_pop(ctx.lastmark, False)
            self.lastmark_restore(ctx)
        ctx.pc = self.code[ctx.pc + 1]
        self.ptr = ctx.ptr
        return CALL

    def groupref(self, mark: int, ptr: int, ignore: bool) -> int:
        """Where a match of the text group ``mark // 2 + 1`` captured ends, or -1."""
        if mark >= self.lastmark:
            return -1
        p = self.marks[mark]
        e = self.marks[mark + 1]
        if p < 0 or e < 0 or e < p:
            return -1
        while p < e:
            if ptr >= self.end:
                return -1
            a = self.chars[ptr]
            b = self.chars[p]
            if a != b:
                if not ignore:
                    return -1
                if (a >= 128 or b >= 128) and not self.ascii:
                    raise NotImplementedError("a backreference with IGNORECASE meeting a non-ASCII character is "
                                              "not supported by the compiled re yet")
                if lower_ascii(a) != lower_ascii(b):
                    return -1
            p += 1
            ptr += 1
        return ptr

    def resume(self, ctx: Context, jump: int) -> int:
        if jump == J_ASSERT or jump == J_ASSERT_NOT:
            return self.assertion_resume(ctx, jump == J_ASSERT)
        if jump == J_BRANCH:
            return self.branch_resume(ctx)
        if jump == J_REPEAT_ONE:
            return self.repeat_one_resume(ctx)
        if jump == J_MIN_REPEAT_ONE:
            return self.min_repeat_one_resume(ctx)
        rep = ctx.rep
        assert rep is not None
        if jump == J_REPEAT:
            self.repeat = rep.prev
            self.spare.append(rep)
            return DONE
        if jump == J_MAX_UNTIL_1 or jump == J_MIN_UNTIL_1:
            if self.ret:
                return DONE
            rep.count = ctx.count - 1
            self.ptr = ctx.ptr
            return DONE
        if jump == J_MAX_UNTIL_2:
            return self.max_until_resume(ctx, rep)
        if jump == J_MAX_UNTIL_3:
            self.repeat = rep
            if not self.ret:
                self.ptr = ctx.ptr
            return DONE
        if jump == J_MIN_UNTIL_2:
            return self.min_until_resume(ctx, rep)
        self.top -= 1  # J_MIN_UNTIL_3
        rep.last_ptr = self.data[self.top]
        if not self.ret:
            rep.count = ctx.count - 1
            self.ptr = ctx.ptr
        return DONE

    def branch(self, ctx: Context, ptr: int) -> int:
        self.lastmark_save(ctx)
        if self.repeat is not None:
            self.mark_push(ctx.lastmark)
        ctx.ptr = ptr
        ctx.pc += 1
        return self.branch_next(ctx)

    def branch_next(self, ctx: Context) -> int:
        if self.code[ctx.pc] != 0:
            self.ptr = ctx.ptr
            return self.call(ctx, J_BRANCH, ctx.pc + 1, ctx.ptr)
        if self.repeat is not None:
            self.mark_discard(ctx.lastmark)
        return self.done(False)

    def branch_resume(self, ctx: Context) -> int:
        if self.ret:
            if self.repeat is not None:
                self.mark_discard(ctx.lastmark)
            return DONE
        if self.repeat is not None:
            self.mark_pop(ctx.lastmark, True)
        self.lastmark_restore(ctx)
        ctx.pc = self.code[ctx.pc]
        return self.branch_next(ctx)

    def repeat_one(self, ctx: Context, ptr: int) -> int:
        pc = ctx.pc
        low = self.code[pc + 2]
        if low > self.end - ptr:
            return self.done(False)
        self.ptr = ptr
        count = self.count(pc + 4, ptr, self.code[pc + 3])
        ptr += count
        if count < low:
            return self.done(False)
        if self.code[self.code[pc + 1]] == OP_SUCCESS and ptr == self.end and \
                not (ctx.toplevel and self.must_advance and ptr == self.start):
            self.ptr = ptr
            return self.done(True)
        self.lastmark_save(ctx)
        if self.repeat is not None:
            self.mark_push(ctx.lastmark)
        ctx.count = count
        ctx.ptr = ptr
        return self.repeat_one_next(ctx)

    def repeat_one_next(self, ctx: Context) -> int:
        if ctx.count >= self.code[ctx.pc + 2]:
            self.ptr = ctx.ptr
            return self.call(ctx, J_REPEAT_ONE, self.code[ctx.pc + 1], ctx.ptr)
        if self.repeat is not None:
            self.mark_discard(ctx.lastmark)
        return self.done(False)

    def repeat_one_resume(self, ctx: Context) -> int:
        if self.ret:
            if self.repeat is not None:
                self.mark_discard(ctx.lastmark)
            return DONE
        if self.repeat is not None:
            self.mark_pop(ctx.lastmark, True)
        self.lastmark_restore(ctx)
        ctx.ptr -= 1
        ctx.count -= 1
        return self.repeat_one_next(ctx)

    def min_repeat_one(self, ctx: Context, ptr: int) -> int:
        pc = ctx.pc
        low = self.code[pc + 2]
        if low > self.end - ptr:
            return self.done(False)
        self.ptr = ptr
        count = 0
        if low > 0:
            count = self.count(pc + 4, ptr, low)
            if count < low:
                return self.done(False)
            ptr += count
        if self.code[self.code[pc + 1]] == OP_SUCCESS and not (ctx.toplevel and (
                (self.match_all and ptr != self.end) or (self.must_advance and ptr == self.start))):
            self.ptr = ptr
            return self.done(True)
        self.lastmark_save(ctx)
        if self.repeat is not None:
            self.mark_push(ctx.lastmark)
        ctx.count = count
        ctx.ptr = ptr
        return self.min_repeat_one_next(ctx)

    def min_repeat_one_next(self, ctx: Context) -> int:
        high = self.code[ctx.pc + 3]
        if high == MAXREPEAT or ctx.count <= high:
            self.ptr = ctx.ptr
            return self.call(ctx, J_MIN_REPEAT_ONE, self.code[ctx.pc + 1], ctx.ptr)
        if self.repeat is not None:
            self.mark_discard(ctx.lastmark)
        return self.done(False)

    def min_repeat_one_resume(self, ctx: Context) -> int:
        if self.ret:
            if self.repeat is not None:
                self.mark_discard(ctx.lastmark)
            return DONE
        if self.repeat is not None:
            self.mark_pop(ctx.lastmark, True)
        self.lastmark_restore(ctx)
        self.ptr = ctx.ptr
        if self.count(ctx.pc + 4, ctx.ptr, 1) == 0:
            if self.repeat is not None:
                self.mark_discard(ctx.lastmark)
            return self.done(False)
        ctx.ptr += 1
        ctx.count += 1
        return self.min_repeat_one_next(ctx)

    def max_until(self, ctx: Context, ptr: int) -> int:
        rep = self.repeat
        assert rep is not None
        ctx.rep = rep
        self.ptr = ptr
        ctx.ptr = ptr
        ctx.count = rep.count + 1
        if ctx.count < self.code[rep.pc + 2]:
            rep.count = ctx.count
            return self.call(ctx, J_MAX_UNTIL_1, rep.pc + 4, ptr)
        high = self.code[rep.pc + 3]
        if (ctx.count < high or high == MAXREPEAT) and ptr != rep.last_ptr:
            rep.count = ctx.count
            self.lastmark_save(ctx)
            self.mark_push(ctx.lastmark)
            self.push(rep.last_ptr)
            rep.last_ptr = ptr
            return self.call(ctx, J_MAX_UNTIL_2, rep.pc + 4, ptr)
        return self.max_until_tail(ctx, rep)

    def max_until_tail(self, ctx: Context, rep: Repeat) -> int:
        self.repeat = rep.prev
        return self.call(ctx, J_MAX_UNTIL_3, ctx.pc + 1, ctx.ptr)

    def max_until_resume(self, ctx: Context, rep: Repeat) -> int:
        self.top -= 1
        rep.last_ptr = self.data[self.top]
        if self.ret:
            self.mark_discard(ctx.lastmark)
            return DONE
        self.mark_pop(ctx.lastmark, False)
        self.lastmark_restore(ctx)
        rep.count = ctx.count - 1
        self.ptr = ctx.ptr
        return self.max_until_tail(ctx, rep)

    def min_until(self, ctx: Context, ptr: int) -> int:
        rep = self.repeat
        assert rep is not None
        ctx.rep = rep
        self.ptr = ptr
        ctx.ptr = ptr
        ctx.count = rep.count + 1
        if ctx.count < self.code[rep.pc + 2]:
            rep.count = ctx.count
            return self.call(ctx, J_MIN_UNTIL_1, rep.pc + 4, ptr)
        self.repeat = rep.prev
        self.lastmark_save(ctx)
        if self.repeat is not None:
            self.mark_push(ctx.lastmark)
        return self.call(ctx, J_MIN_UNTIL_2, ctx.pc + 1, ptr)

    def min_until_resume(self, ctx: Context, rep: Repeat) -> int:
        tail_repeat = self.repeat
        self.repeat = rep
        if self.ret:
            if tail_repeat is not None:
                self.mark_discard(ctx.lastmark)
            return DONE
        if tail_repeat is not None:
            self.mark_pop(ctx.lastmark, False)
        self.lastmark_restore(ctx)
        self.ptr = ctx.ptr
        high = self.code[rep.pc + 3]
        if (ctx.count >= high and high != MAXREPEAT) or ctx.ptr == rep.last_ptr:
            return self.done(False)
        rep.count = ctx.count
        self.push(rep.last_ptr)
        rep.last_ptr = ctx.ptr
        return self.call(ctx, J_MIN_UNTIL_3, rep.pc + 4, ctx.ptr)
