"""re for compiled filters: CPython 3.11's regular expressions on str, with the same matches,
groups and errors (re.error with CPython's message and position). A pattern is parsed and
compiled when first used (re/_syntax.py, re/_emit.py) and run by a port of CPython's
backtracking matcher (re/_engine.py). What is not there yet raises NotImplementedError (and is a
compile error for a constant pattern): see docs/stdlib.md."""
from typing import Any, Callable

from re._emit import emit_program
from re._engine import State
from re._state import code_points
from re._errors import error  # re.error (re-exported)
from re._syntax import parse
from re._tokens import FLAG_A, FLAG_U
from re._template import Template, parse_template

NOFLAG = 0
IGNORECASE = 2
I = 2
MULTILINE = 8
M = 8
DOTALL = 16
S = 16
VERBOSE = 64
X = 64
UNICODE = 32
U = 32
ASCII = 256
A = 256
MAXSIZE = 9223372036854775807
_cache: dict[str, "Pattern"] = {}


class Pattern:
    def __init__(self, pattern: str, flags: int) -> None:
        parsed = parse(pattern, flags)
        self.pattern: str = pattern
        self.flags: int = parsed.flags if parsed.flags & FLAG_A else parsed.flags | FLAG_U
        self.groups: int = parsed.groups
        self._re_names: dict[str, int] = parsed.names
        self._re_code: list[int] = emit_program(parsed)
        self._re_tables: dict[int, bytes] = {}  # re/_state.py's ascii_table, built when first used

    def _re_state(self, string: str, pos: int, endpos: int) -> State:
        length = len(string)
        start = min(max(pos, 0), length)
        end = min(max(endpos, 0), length)
        data = string.encode()  # ASCII text: its bytes are its code points
        wide = len(data) != length
        text = code_points(data, length) if wide else data
        return State(self._re_code, self._re_tables, text, wide, self.groups, start, end, self.flags & FLAG_A != 0)

    def _re_found(self, string: str, state: State, pos: int) -> "Match":
        return Match(self, string, state, pos)

    def match(self, string: str, pos: int = 0, endpos: int = 9223372036854775807) -> "Match | None":
        state = self._re_state(string, pos, endpos)
        if not state.run(0, True):  # even past endpos, as CPython (an empty pattern matches there)
            return None
        return Match(self, string, state, state.start)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = 9223372036854775807) -> "Match | None":
        state = self._re_state(string, pos, endpos)
        state.match_all = True
        if not state.run(0, True):  # even past endpos, as CPython (an empty pattern matches there)
            return None
        return Match(self, string, state, state.start)

    def search(self, string: str, pos: int = 0, endpos: int = 9223372036854775807) -> "Match | None":
        state = self._re_state(string, pos, endpos)
        first = state.start
        if not state.search():
            return None
        return Match(self, string, state, first)

    def finditer(self, string: str, pos: int = 0, endpos: int = 9223372036854775807) -> "list[Match]":
        """All matches, as a list (CPython's iterator gives the same ones in the same order)."""
        state = self._re_state(string, pos, endpos)
        first = state.start
        found: list[Match] = []
        while state.start <= state.end:
            state.reset()
            state.ptr = state.start
            if not state.search():
                break
            found.append(Match(self, string, state, first))
            state.must_advance = state.ptr == state.start
            state.start = state.ptr
        return found

    def findall(self, string: str, pos: int = 0, endpos: int = 9223372036854775807) -> list[str]:
        if self.groups > 1:
            raise NotImplementedError("findall() with more than one group (a list of tuples in CPython) "
                                      "is not supported by the compiled re yet: use finditer()")
        return [m.group(self.groups) or "" for m in self.finditer(string, pos, endpos)]

    def subn(self, repl: "str | Callable[[Match], str]", string: str, count: int = 0) -> tuple[str, int]:
        """A str repl is a template (parsed first, as CPython does); a function is called on each match."""
        template: Template | None = None
        function: "Callable[[Match], str] | None" = None
        if isinstance(repl, str):
            template = parse_template(repl, self.pattern, self.groups, self._re_names)
        else:
            function = repl
        state = self._re_state(string, 0, MAXSIZE)
        parts: list[str] = []
        last = 0
        n = 0
        while count == 0 or n < count:
            state.reset()
            state.ptr = state.start
            if not state.search():
                break
            if last < state.start:
                parts.append(string[last:state.start])
            found = Match(self, string, state, 0)
            if template is not None:
                parts.append(_expand_template(template, found))
            elif function is not None:
                parts.append(function(found))
            last = state.ptr
            n += 1
            state.must_advance = state.ptr == state.start
            state.start = state.ptr
        if last < state.end:
            parts.append(string[last:state.end])
        return ("".join(parts), n)

    def sub(self, repl: "str | Callable[[Match], str]", string: str, count: int = 0) -> str:
        result, _ = self.subn(repl, string, count)
        return result

    def split(self, string: str, maxsplit: int = 0) -> list[str]:
        state = self._re_state(string, 0, MAXSIZE)
        parts: list[str] = []
        last = state.start
        n = 0
        while maxsplit == 0 or n < maxsplit:
            state.reset()
            state.ptr = state.start
            if not state.search():
                break
            parts.append(string[last:state.start])
            found = Match(self, string, state, 0)
            for index in range(1, self.groups + 1):
                part = found.group(index)
                if part is None:
                    raise NotImplementedError("split() with a group that did not take part in the match "
                                              "(None in CPython's list) is not supported by the compiled re yet")
                parts.append(part)
            n += 1
            state.must_advance = state.ptr == state.start
            last = state.ptr
            state.start = state.ptr
        parts.append(string[last:state.end])
        return parts


class Match:
    def __init__(self, pattern: Pattern, string: str, state: State, pos: int) -> None:
        self.re: Pattern = pattern
        self.string: str = string
        self.pos: int = pos
        self.endpos: int = state.end
        spans = [state.start, state.ptr]
        for j in range(0, 2 * pattern.groups, 2):
            if j + 1 <= state.lastmark and state.marks[j] >= 0 and state.marks[j + 1] >= 0:
                spans += [state.marks[j], state.marks[j + 1]]
            else:
                spans += [-1, -1]
        self._re_spans: list[int] = spans
        self.lastindex: int | None = state.lastindex if state.lastindex >= 0 else None
        self.lastgroup: str | None = None
        for name, number in pattern._re_names.items():
            if number == state.lastindex:
                self.lastgroup = name

    def _re_index(self, group: Any) -> int:
        if isinstance(group, int) and not isinstance(group, bool):
            if 0 <= group and group <= self.re.groups:
                return group
        elif isinstance(group, str):
            if group in self.re._re_names:
                return self.re._re_names[group]
        raise IndexError("no such group")

    def group(self, group: Any = 0) -> str | None:
        index = self._re_index(group)
        start = self._re_spans[2 * index]
        if start < 0:
            return None
        return self.string[start:self._re_spans[2 * index + 1]]

    def groups(self, default: str | None = None) -> list[str | None]:
        return [self.group(index) if self._re_spans[2 * index] >= 0 else default
                for index in range(1, self.re.groups + 1)]

    def groupdict(self, default: str | None = None) -> dict[str, str | None]:
        result: dict[str, str | None] = {}
        for name, index in self.re._re_names.items():
            result[name] = self.group(index) if self._re_spans[2 * index] >= 0 else default
        return result

    def start(self, group: Any = 0) -> int:
        return self._re_spans[2 * self._re_index(group)]

    def end(self, group: Any = 0) -> int:
        return self._re_spans[2 * self._re_index(group) + 1]

    def span(self, group: Any = 0) -> tuple[int, int]:
        index = self._re_index(group)
        return (self._re_spans[2 * index], self._re_spans[2 * index + 1])

    def expand(self, template: str) -> str:
        return _expand_template(parse_template(template, self.re.pattern, self.re.groups, self.re._re_names), self)


def _expand_template(template: Template, found: Match) -> str:
    out: list[str] = []
    for index in range(len(template.literals)):
        group = template.groups[index]
        if group < 0:
            out.append(template.literals[index])
        else:
            out.append(found.group(group) or "")
    return "".join(out)


def compile(pattern: str, flags: int = 0) -> Pattern:
    key = str(flags) + ":" + pattern
    if key in _cache:
        return _cache[key]
    compiled = Pattern(pattern, flags)
    if len(_cache) >= 64:
        _cache.clear()
    _cache[key] = compiled
    return compiled


def purge() -> None:
    _cache.clear()


def match(pattern: str, string: str, flags: int = 0) -> Match | None:
    return compile(pattern, flags).match(string)


def fullmatch(pattern: str, string: str, flags: int = 0) -> Match | None:
    return compile(pattern, flags).fullmatch(string)


def search(pattern: str, string: str, flags: int = 0) -> Match | None:
    return compile(pattern, flags).search(string)


def sub(pattern: str, repl: "str | Callable[[Match], str]", string: str, count: int = 0, flags: int = 0) -> str:
    return compile(pattern, flags).sub(repl, string, count)


def subn(pattern: str, repl: "str | Callable[[Match], str]", string: str, count: int = 0,
         flags: int = 0) -> tuple[str, int]:
    return compile(pattern, flags).subn(repl, string, count)


def split(pattern: str, string: str, maxsplit: int = 0, flags: int = 0) -> list[str]:
    return compile(pattern, flags).split(string, maxsplit)


def findall(pattern: str, string: str, flags: int = 0) -> list[str]:
    return compile(pattern, flags).findall(string)


def finditer(pattern: str, string: str, flags: int = 0) -> list[Match]:
    return compile(pattern, flags).finditer(string)


def escape(pattern: str) -> str:
    out: list[str] = []
    for c in pattern:
        if c in "()[]{}?*+-|^$\\.&~# \t\n\r\v\f":
            out.append("\\")
        out.append(c)
    return "".join(out)
