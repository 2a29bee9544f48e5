"""re.error, as CPython 3.11's (re._constants.error)."""


class error(Exception):
    def __init__(self, msg: str, pattern: str | None = None, pos: int | None = None) -> None:
        shown = msg
        lineno: int | None = None
        colno: int | None = None
        if pattern is not None and pos is not None:
            shown = msg + " at position " + str(pos)
            line = 1
            last_newline = -1
            for index in range(min(pos, len(pattern))):
                if pattern[index] == "\n":
                    line += 1
                    last_newline = index
            lineno = line
            colno = pos - last_newline
            if "\n" in pattern:
                shown = shown + " (line " + str(line) + ", column " + str(colno) + ")"
        super().__init__(shown)
        self.msg: str = msg
        self.pattern: str | None = pattern
        self.pos: int | None = pos
        self.lineno: int | None = lineno
        self.colno: int | None = colno
