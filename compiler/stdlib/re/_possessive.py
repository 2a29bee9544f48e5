"""The matcher's ops that never backtrack into what they matched (CPython 3.11's sre_lib.h):
ATOMIC_GROUP ``(?>...)``, POSSESSIVE_REPEAT ``(...)*+`` and POSSESSIVE_REPEAT_ONE ``a*+``. Each
runs its body as a child context that is not top-level (CPython's DO_JUMP0), then goes on with
the tail from where the body ended, keeping no way back into it."""
from re._state import CALL, Context, Core
from re._tokens import MAXREPEAT

J_ATOMIC = 13
J_POSSESSIVE_1 = 14  # an iteration below the minimum
J_POSSESSIVE_2 = 15  # an iteration beyond it


class Possessive(Core):
    def possessive_one(self, ctx: Context, ptr: int) -> int:
        """[POSSESSIVE_REPEAT_ONE, tail, min, max, item, SUCCESS]: as many as fit, then the tail."""
        pc = ctx.pc
        low = self.code[pc + 2]
        if low > self.end - ptr:
            return self.done(False)
        self.ptr = ptr
        count = self.count(pc + 4, ptr, self.code[pc + 3])
        if count < low:
            return self.done(False)
        self.ptr = ptr + count
        ctx.pc = self.code[pc + 1]
        return CALL

    def atomic_group(self, ctx: Context, ptr: int) -> int:
        """[ATOMIC_GROUP, tail, body..., SUCCESS]."""
        self.ptr = ptr
        ctx.ptr = ptr
        self.push_context(ctx.pc + 2, False, J_ATOMIC)
        return CALL

    def atomic_resume(self, ctx: Context) -> int:
        if not self.ret:
            self.ptr = ctx.ptr
            return self.done(False)
        ctx.pc = self.code[ctx.pc + 1]  # the tail, from where the body ended (self.ptr)
        return CALL

    def possessive_repeat(self, ctx: Context, ptr: int) -> int:
        """[POSSESSIVE_REPEAT, tail, min, max, body..., SUCCESS]."""
        self.ptr = ptr
        ctx.ptr = ptr if self.code[ctx.pc + 2] > 0 else -1  # -1: CPython's NULL, see possessive_resume
        ctx.count = 0
        return self.possessive_next(ctx)

    def possessive_next(self, ctx: Context) -> int:
        pc = ctx.pc
        if ctx.count < self.code[pc + 2]:
            self.push_context(pc + 4, False, J_POSSESSIVE_1)
            return CALL
        high = self.code[pc + 3]
        if (ctx.count < high or high == MAXREPEAT) and self.ptr != ctx.ptr:
            self.lastmark_save(ctx)
            self.mark_push(ctx.lastmark)
            ctx.ptr = self.ptr  # an iteration that matches nothing ends the loop
            self.push_context(pc + 4, False, J_POSSESSIVE_2)
            return CALL
        ctx.pc = self.code[pc + 1]
        return CALL

    def possessive_resume(self, ctx: Context, jump: int) -> int:
        if jump == J_POSSESSIVE_1:
            if not self.ret:
                self.ptr = ctx.ptr
                return self.done(False)
            ctx.count += 1
            if ctx.count >= self.code[ctx.pc + 2]:
                ctx.ptr = -1  # CPython's NULL: the first optional iteration always runs
            return self.possessive_next(ctx)
        if self.ret:
            self.mark_discard(ctx.lastmark)
            ctx.count += 1
            return self.possessive_next(ctx)
        self.mark_pop(ctx.lastmark, False)
        self.lastmark_restore(ctx)
        self.ptr = ctx.ptr
        ctx.pc = self.code[ctx.pc + 1]
        return CALL
