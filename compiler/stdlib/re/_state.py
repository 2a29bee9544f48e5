"""The matcher's state and the operations on it that do not backtrack (marks, single-character
items, counting, anchors, backreferences); re/_engine.py runs the pattern on it.

The subject's code points are read from memory: an ASCII str's UTF-8 bytes (one byte each), else
a copy of them as 4-byte words (``code_points``). No list of ints, no call per character."""
from abi.intrinsics import data_ptr, load_u8, load_u32, shr_u, store_u8, store_u32, wrap_add
from re._emit import (AT_BEGINNING_LINE, AT_END_LINE, OP_ANY, OP_ANY_ALL, OP_IN, OP_IN_IGNORE, OP_LITERAL,
                      OP_LITERAL_IGNORE, OP_NOT_LITERAL, OP_NOT_LITERAL_IGNORE, lower_ascii)
from re._sets import fold, in_set, in_set_ignore, is_word
from re._tokens import AT_BEGINNING, AT_BEGINNING_STRING, AT_BOUNDARY, AT_END, AT_END_STRING, MAXREPEAT

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


class Core:
    """What State (re/_engine.py) runs the pattern on."""

    def __init__(self, code: list[int], tables: dict[int, bytes], text: bytes, wide: bool, groups: int,
                 start: int, end: int, ascii: bool) -> None:
        """``text``: the subject's code points, a byte each, or 4-byte words when ``wide``;
        ``tables``: the pattern's ``ascii_table`` of a set by its position in ``code``."""
        self.code = code
        self.tables = tables
        self.text = text  # kept alive: ``base`` points into it
        self.base: int = data_ptr(text)
        self.wide = wide
        self.length: int = len(text) // 4 if wide else len(text)
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

    def char(self, ptr: int) -> int:
        """The code point at ``ptr`` (0 <= ptr < length)."""
        if self.wide:
            return load_u32(wrap_add(self.base, ptr << 2))
        return load_u8(wrap_add(self.base, ptr))

    def one(self, pc: int, ptr: int) -> bool:
        """Whether the single-character item at ``pc`` matches the character at ``ptr``."""
        if ptr >= self.end:
            return False
        op = self.code[pc]
        ch = self.char(ptr)
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
        if (op == OP_IN or op == OP_IN_IGNORE) and not self.wide:
            return self.count_ascii_in(pc, ptr, end) - start
        if op == OP_IN or op == OP_IN_IGNORE:  # the ASCII bitmap inline, the set's other items for the rest
            code = self.code
            while ptr < end:
                ch = self.char(ptr)
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

    def count_ascii_in(self, pc: int, ptr: int, end: int) -> int:
        """Where the run of ASCII characters in the set at ``pc`` from ``ptr`` stops: the common
        case (``[A-Za-z0-9_-]*``), a byte load and a table load per step."""
        table = self.tables.get(pc)
        if table is None:
            table = ascii_table(self.code, pc)
            self.tables[pc] = table
        base = self.base
        at_table = data_ptr(table)
        if ptr >= end:
            return ptr
        for at in range(ptr, end):
            if load_u8(wrap_add(at_table, load_u8(wrap_add(base, at)))) == 0:
                return at
        return end

    def at(self, ptr: int, kind: int) -> bool:
        if kind == AT_BEGINNING or kind == AT_BEGINNING_STRING:
            return ptr == 0
        if kind == AT_BEGINNING_LINE:
            return ptr == 0 or self.char(ptr - 1) == 10
        if kind == AT_END:
            return ptr == self.end or (ptr + 1 == self.end and self.char(ptr) == 10)
        if kind == AT_END_LINE:
            return ptr == self.end or (ptr < self.length and self.char(ptr) == 10)  # past endpos too
        if kind == AT_END_STRING:
            return ptr == self.end
        if self.end == 0:
            return False
        before = ptr > 0 and is_word(self.char(ptr - 1), self.ascii)
        after = ptr < self.end and is_word(self.char(ptr), self.ascii)
        return (before != after) == (kind == AT_BOUNDARY)

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
            a = self.char(ptr)
            b = self.char(p)
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



def code_points(data: bytes, length: int) -> bytes:
    """The ``length`` code points of the UTF-8 ``data`` (a str's: valid) as 4-byte words."""
    out = b"\x00" * (4 * length)  # a new object: a repetition is not folded inside a function
    src = data_ptr(data)
    dst = data_ptr(out)
    i = 0
    for k in range(length):
        lead = load_u8(wrap_add(src, i))
        if lead < 0x80:
            c = lead
            i += 1
        elif lead < 0xE0:
            c = (lead & 0x1F) << 6 | (load_u8(wrap_add(src, i + 1)) & 0x3F)
            i += 2
        elif lead < 0xF0:
            c = (lead & 0x0F) << 12 | (load_u8(wrap_add(src, i + 1)) & 0x3F) << 6 | (load_u8(wrap_add(src, i + 2)) & 0x3F)
            i += 3
        else:
            c = ((lead & 0x07) << 18 | (load_u8(wrap_add(src, i + 1)) & 0x3F) << 12
                 | (load_u8(wrap_add(src, i + 2)) & 0x3F) << 6 | (load_u8(wrap_add(src, i + 3)) & 0x3F))
            i += 4
        store_u32(wrap_add(dst, k << 2), c)
    return out


def ascii_table(code: list[int], pc: int) -> bytes:
    """1 for each ASCII character in the set at ``pc`` (its 128-bit bitmap), 0 for the others."""
    table = b"\x00" * 128  # a new object: a repetition is not folded inside a function
    at = data_ptr(table)
    for word in range(4):
        bits = code[pc + 2 + word]
        for bit in range(32):
            store_u8(wrap_add(at, word * 32 + bit), shr_u(bits, bit) & 1)
    return table
