"""The matcher: CPython 3.11's backtracking engine (Modules/_sre/sre_lib.h, SRE(match)) over our
code (re/_emit.py), with the same choices, so the same match and the same groups. Like CPython's it
keeps its backtracking points in an explicit stack of contexts, not in recursion; the marks it
saves go on a data stack. A context calls a child (``call``) and resumes at a jump label once the
child returns."""
from re._emit import (OP_ANY, OP_ANY_ALL, OP_ASSERT, OP_ASSERT_NOT, OP_AT, OP_BRANCH, OP_FAILURE,
                      OP_GROUPREF, OP_GROUPREF_IGNORE, OP_IN, OP_IN_IGNORE, OP_JUMP, OP_LITERAL,
                      OP_LITERAL_IGNORE, OP_MARK, OP_MAX_UNTIL, OP_MIN_REPEAT_ONE, OP_MIN_UNTIL,
                      OP_NOT_LITERAL, OP_NOT_LITERAL_IGNORE, OP_REPEAT, OP_REPEAT_ONE, OP_SUCCESS,
                      OP_ATOMIC_GROUP, OP_POSSESSIVE_REPEAT, OP_POSSESSIVE_REPEAT_ONE)
from re._state import (CALL, Context, DONE, J_ASSERT, J_ASSERT_NOT, J_BRANCH, J_MAX_UNTIL_1,
                       J_MAX_UNTIL_2, J_MAX_UNTIL_3, J_MIN_REPEAT_ONE, J_MIN_UNTIL_1, J_MIN_UNTIL_2,
                       J_MIN_UNTIL_3, J_NONE, J_REPEAT, J_REPEAT_ONE, Repeat)
from re._possessive import J_ATOMIC, J_POSSESSIVE_1, J_POSSESSIVE_2, Possessive
from re._tokens import MAXREPEAT


class State(Possessive):
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
            elif op == OP_POSSESSIVE_REPEAT_ONE or op == OP_ATOMIC_GROUP or op == OP_POSSESSIVE_REPEAT:
                ctx.pc = pc  # re/_possessive.py
                if op == OP_POSSESSIVE_REPEAT_ONE:
                    return self.possessive_one(ctx, ptr)
                if op == OP_ATOMIC_GROUP:
                    return self.atomic_group(ctx, ptr)
                return self.possessive_repeat(ctx, ptr)
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

    def resume(self, ctx: Context, jump: int) -> int:
        if jump == J_ASSERT or jump == J_ASSERT_NOT:
            return self.assertion_resume(ctx, jump == J_ASSERT)
        if jump == J_BRANCH:
            return self.branch_resume(ctx)
        if jump == J_ATOMIC:
            return self.atomic_resume(ctx)
        if jump == J_POSSESSIVE_1 or jump == J_POSSESSIVE_2:
            return self.possessive_resume(ctx, jump)
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
