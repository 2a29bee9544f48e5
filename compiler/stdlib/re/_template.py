"""The replacement template of sub() and Match.expand(), as CPython 3.11's parse_template reads
it: literal text, \\1 / \\g<1> / \\g<name> group references, escapes, CPython's errors."""
from re._tokens import (ASCIILETTERS, DIGITS, ESCAPE_CODES, OCTDIGITS, Tokens, check_group_name,
                        is_identifier, quoted, unsupported)

MAXGROUPS = 1073741823  # CPython's re._constants.MAXGROUPS on 64-bit builds


class Template:
    def __init__(self) -> None:
        self.literals: list[str] = []
        self.groups: list[int] = []  # per literal: the group to put there, or -1 for the literal


def add_group(source: Tokens, template: Template, literal: list[str], index: int, groups: int, offset: int) -> None:
    if index > groups:
        raise source.error("invalid group reference " + str(index), offset)
    if len(literal) > 0:
        template.literals.append("".join(literal))
        template.groups.append(-1)
        literal.clear()
    template.literals.append("")
    template.groups.append(index)


def group_name(source: Tokens, names: dict[str, int]) -> int:
    """The group of ``\\g<...>`` (the ``\\g`` read)."""
    if not source.match("<"):
        raise source.error("missing <", 0)
    name = source.getuntil(">", "group name")
    if is_identifier(name):
        check_group_name(source, name, 1)
        if name not in names:
            raise IndexError("unknown group name " + quoted(name))
        return names[name]
    for c in name:
        if c not in DIGITS:
            for d in name:
                if d in DIGITS:
                    raise unsupported("a group number written other than in ASCII digits")
            raise source.error("bad character in group name " + quoted(name), len(name) + 1)
    if len(name) > 18:
        raise unsupported("a group number of more than 18 digits")
    if int(name) >= MAXGROUPS:
        raise source.error("invalid group reference " + str(int(name)), len(name) + 1)
    return int(name)


def parse_template(repl: str, pattern: str, groups: int, names: dict[str, int]) -> Template:
    source = Tokens(repl)
    template = Template()
    literal: list[str] = []
    while True:
        this = source.get()
        if this == "":
            break
        if this[0] != "\\":
            literal.append(this)
            continue
        c = this[1]
        if c == "g":
            name_start = source.tell()
            index = group_name(source, names)
            add_group(source, template, literal, index, groups, source.tell() - name_start - 1)
        elif c == "0":
            if source.next != "" and source.next in OCTDIGITS:
                this += source.get()
                if source.next != "" and source.next in OCTDIGITS:
                    this += source.get()
            literal.append(chr(int(this[1:], 8) & 0xFF))
        elif c in DIGITS:
            octal = False
            if source.next != "" and source.next in DIGITS:
                this += source.get()
                if c in OCTDIGITS and this[2] in OCTDIGITS and source.next != "" and source.next in OCTDIGITS:
                    this += source.get()
                    octal = True
                    code = int(this[1:], 8)
                    if code > 0o377:
                        raise source.error("octal escape value " + this + " outside of range 0-0o377", len(this))
                    literal.append(chr(code))
            if not octal:
                add_group(source, template, literal, int(this[1:]), groups, len(this) - 1)
        elif c in ESCAPE_CODES:
            literal.append(chr(ESCAPE_CODES[c]))
        elif c in ASCIILETTERS:
            raise source.error("bad escape " + this, len(this))
        else:
            literal.append(this)
    if len(literal) > 0:
        template.literals.append("".join(literal))
        template.groups.append(-1)
    return template
