"""The pattern parser of our ``re`` (CPython 3.11's re._parser, rewritten in the subset): the same
tree shape (non-capturing groups spliced, ``(?:x)*`` repeating ``x``), the same ``re.error``
messages and positions. What the matcher does not have yet raises NotImplementedError."""
from re._errors import error
from re._tokens import (ANY, ASSERT, AT, ATOMIC, AT_BEGINNING, AT_END, BRANCH, DIGITS, FLAG_A, FLAG_I, FLAG_L,
                        FLAG_M, FLAG_S, FLAG_U, FLAG_X, GROUP, GROUPREF, IN, INLINE_FLAGS, LIT, MAXREPEAT,
                        NOT_LIT, Node, Parsed, REPEAT, S_LIT, S_NEGATE, S_RANGE, Tokens, check_group_name,
                        check_lookbehind_group, class_escape, escape_node, is_alpha, quoted, unsupported,
                        width)


WHITESPACE = " \t\n\r\v\f"  # what VERBOSE skips (CPython's WHITESPACE)


def parse(pattern: str, flags: int) -> Parsed:
    if flags & ~(FLAG_I | FLAG_L | FLAG_M | FLAG_S | FLAG_U | FLAG_A | FLAG_X):
        raise unsupported("a flag other than IGNORECASE, MULTILINE, DOTALL, VERBOSE, ASCII and UNICODE")
    source = Tokens(pattern)
    state = Parsed([], 0, {}, flags)
    state.items = parse_sub(source, state, flags & FLAG_X != 0, 0)
    if state.flags & FLAG_L:
        raise ValueError("cannot use LOCALE flag with a str pattern")
    if state.flags & FLAG_A and state.flags & FLAG_U:
        raise ValueError("ASCII and UNICODE flags are incompatible")
    if source.next != "":
        raise source.error("unbalanced parenthesis", 0)
    return state


def parse_sub(source: Tokens, state: Parsed, verbose: bool, nested: int) -> list[Node]:
    alternatives: list[list[Node]] = []
    while True:
        alternatives.append(parse_seq(source, state, verbose, nested + 1, nested == 0 and len(alternatives) == 0))
        if not source.match("|"):
            break
        if nested == 0:  # global flags may have turned VERBOSE on
            verbose = state.flags & FLAG_X != 0
    if len(alternatives) == 1:
        return alternatives[0]
    node = Node(BRANCH, 0)
    node.alternatives = alternatives
    return [node]


def parse_seq(source: Tokens, state: Parsed, verbose: bool, nested: int, first: bool) -> list[Node]:
    items: list[Node] = []
    while True:
        this = source.next
        if this == "" or this == "|" or this == ")":
            break
        source.advance()
        if verbose and len(this) == 1 and this in WHITESPACE:
            continue
        if verbose and this == "#":
            while source.next != "" and source.get() != "\n":
                pass
            continue
        if this[0] == "\\":
            items.append(escape_node(source, this, state))
        elif this == "[":
            items.append(parse_set(source))
        elif this in "*+?{":
            if not parse_repeat(source, this, items):
                items.append(Node(LIT, ord(this)))
        elif this == ".":
            items.append(Node(ANY, 0))
        elif this == "(":
            if parse_group(source, state, verbose, nested, first and len(items) == 0, items):
                if nested == 1:  # global flags may have turned VERBOSE on
                    verbose = state.flags & FLAG_X != 0
                continue
        elif this == "^":
            items.append(Node(AT, AT_BEGINNING))
        elif this == "$":
            items.append(Node(AT, AT_END))
        else:
            items.append(Node(LIT, ord(this)))
    spliced: list[Node] = []
    for item in items:  # non-capturing groups unpacked, as CPython does once the sequence is read
        if item.kind == GROUP and item.value == 0 and item.add_flags == 0 and item.del_flags == 0:
            spliced += item.items
        else:
            spliced.append(item)
    return spliced


def parse_set(source: Tokens) -> Node:
    here = source.tell() - 1
    items: list[int] = []
    negate = source.match("^")
    count = 0
    while True:
        this = source.get()
        if this == "":
            raise source.error("unterminated character set", source.tell() - here)
        if this == "]" and count > 0:
            break
        count += 1
        low = class_escape(source, this, items) if this[0] == "\\" else ord(this)
        if not source.match("-"):
            if low >= 0:
                items.append(S_LIT)
                items.append(low)
            continue
        that = source.get()
        if that == "":
            raise source.error("unterminated character set", source.tell() - here)
        if that == "]":
            if low >= 0:
                items.append(S_LIT)
                items.append(low)
            items.append(S_LIT)
            items.append(45)
            break
        high = class_escape(source, that, items) if that[0] == "\\" else ord(that)
        if low < 0 or high < 0 or high < low:
            raise source.error("bad character range " + this + "-" + that, len(this) + 1 + len(that))
        items.append(S_RANGE)
        items.append(low)
        items.append(high)
    if len(items) == 2 and items[0] == S_LIT:
        return Node(NOT_LIT if negate else LIT, items[1])
    node = Node(IN, 0)
    node.charset = ([S_NEGATE] if negate else []) + items
    return node


def parse_repeat(source: Tokens, this: str, items: list[Node]) -> bool:
    """The quantifier ``this`` applied to the last item; False if ``{`` starts no quantifier."""
    here = source.tell()
    low = 0
    high = MAXREPEAT
    if this == "?":
        high = 1
    elif this == "+":
        low = 1
    elif this == "{":
        if source.next == "}":
            return False
        lo = ""
        hi = ""
        while source.next != "" and source.next in DIGITS:
            lo += source.get()
        if source.match(","):
            while source.next != "" and source.next in DIGITS:
                hi += source.get()
        else:
            hi = lo
        if not source.match("}"):
            source.seek(here)
            return False
        if lo != "":
            low = int(lo) if len(lo) < 12 else MAXREPEAT
            if low >= MAXREPEAT:
                raise OverflowError("the repetition number is too large")
        if hi != "":
            high = int(hi) if len(hi) < 12 else MAXREPEAT
            if high >= MAXREPEAT:
                raise OverflowError("the repetition number is too large")
            if high < low:
                raise source.error("min repeat greater than max repeat", source.tell() - here)
    if len(items) == 0 or items[-1].kind == AT:
        raise source.error("nothing to repeat", source.tell() - here + len(this))
    if items[-1].kind == REPEAT:
        raise source.error("multiple repeat", source.tell() - here + len(this))
    last = items[-1]
    node = Node(REPEAT, 0)
    node.low = low
    node.high = high
    plain = last.kind == GROUP and last.value == 0 and last.add_flags == 0 and last.del_flags == 0
    node.items = last.items if plain else [last]
    if source.match("?"):
        node.greedy = False
    elif source.match("+"):
        node.possessive = True
    items[-1] = node
    return True


def parse_group(source: Tokens, state: Parsed, verbose: bool, nested: int, first: bool, items: list[Node]) -> bool:
    """The group whose ``(`` was just read, appended to ``items``; True if it was a comment or
    global flags (nothing appended)."""
    start = source.tell() - 1
    capture = True
    atomic = False
    name = ""
    add_flags = 0
    del_flags = 0
    if source.match("?"):
        char = source.get()
        if char == "":
            raise source.error("unexpected end of pattern", 0)
        if char == "P":
            if source.match("<"):
                name = source.getuntil(">", "group name")
                check_group_name(source, name, 1)
            elif source.match("="):
                name = source.getuntil(")", "group name")
                check_group_name(source, name, 1)
                if name not in state.names:
                    raise source.error("unknown group name " + quoted(name), len(name) + 1)
                if state.names[name] not in state.widths:
                    raise source.error("cannot refer to an open group", len(name) + 1)
                check_lookbehind_group(source, state, state.names[name])
                items.append(Node(GROUPREF, state.names[name]))
                return False
            else:
                char = source.get()
                if char == "":
                    raise source.error("unexpected end of pattern", 0)
                raise source.error("unknown extension ?P" + char, len(char) + 2)
        elif char == ":":
            capture = False
        elif char == "#":
            while True:
                if source.next == "":
                    raise source.error("missing ), unterminated comment", source.tell() - start)
                if source.get() == ")":
                    return True
        elif char in "=!<":
            return parse_assert(source, state, verbose, nested, char, start, items)
        elif char == "(":
            raise unsupported("a conditional group")
        elif char == ">":
            capture = False
            atomic = True
        elif char in INLINE_FLAGS or char == "-":
            scoped = parse_flags(source, state, char)
            if scoped[0] or scoped[1]:
                capture = False
                add_flags = scoped[0]
                del_flags = scoped[1]
            elif not first:
                raise source.error("global flags not at the start of the expression", source.tell() - start)
            else:
                return True
        else:
            raise source.error("unknown extension ?" + char, len(char) + 1)
    group = 0
    if capture:
        state.groups += 1
        group = state.groups
        if name != "":
            if name in state.names:
                raise source.error("redefinition of group name " + quoted(name) + " as group " + str(group)
                                   + "; was group " + str(state.names[name]), len(name) + 1)
            state.names[name] = group
    sub_verbose = (verbose or add_flags & FLAG_X != 0) and del_flags & FLAG_X == 0
    body = parse_sub(source, state, sub_verbose, nested + 1)
    if not source.match(")"):
        raise source.error("missing ), unterminated subpattern", source.tell() - start)
    if group > 0:
        state.widths[group] = width(body, state)
    node = Node(ATOMIC if atomic else GROUP, group)
    node.items = body
    node.add_flags = add_flags
    node.del_flags = del_flags
    items.append(node)
    return False


def parse_assert(source: Tokens, state: Parsed, verbose: bool, nested: int, char: str, start: int,
                 items: list[Node]) -> bool:
    """A lookahead or lookbehind assertion, ``(?`` and ``char`` read."""
    direction = 1
    outer = state.lookbehind
    if char == "<":
        char = source.get()
        if char == "":
            raise source.error("unexpected end of pattern", 0)
        if char not in "=!":
            raise source.error("unknown extension ?<" + char, len(char) + 2)
        direction = -1
        if outer < 0:
            state.lookbehind = state.groups + 1
    body = parse_sub(source, state, verbose, nested + 1)
    if direction < 0 and outer < 0:
        state.lookbehind = -1
    if not source.match(")"):
        raise source.error("missing ), unterminated subpattern", source.tell() - start)
    node = Node(ASSERT, direction)
    node.negate = char == "!"
    node.items = body
    items.append(node)
    return False


def parse_flags(source: Tokens, state: Parsed, char: str) -> tuple[int, int]:
    """Inline flags after ``(?``: global ones are added to ``state.flags`` (returns (0, 0)); the
    flags a group ``(?i-s:...)`` turns on and off otherwise, checked as CPython checks them."""
    add = 0
    if char != "-":
        while True:
            if char == "L":
                raise source.error("bad inline flags: cannot use 'L' flag with a str pattern", 0)
            flag = INLINE_FLAGS[char]
            add |= flag
            if flag & (FLAG_A | FLAG_U) and add & (FLAG_A | FLAG_U) != flag:
                raise source.error("bad inline flags: flags 'a', 'u' and 'L' are incompatible", 0)
            char = source.get()
            if char == "":
                raise source.error("missing -, : or )", 0)
            if char in ")-:":
                break
            if char not in INLINE_FLAGS:
                raise source.error("unknown flag" if is_alpha(char) else "missing -, : or )", len(char))
    if char == ")":
        state.flags |= add
        return (0, 0)
    remove = 0
    if char == "-":
        char = source.get()
        if char == "":
            raise source.error("missing flag", 0)
        if char not in INLINE_FLAGS:
            raise source.error("unknown flag" if is_alpha(char) else "missing flag", len(char))
        while True:
            flag = INLINE_FLAGS[char]
            if flag & (FLAG_A | FLAG_U | FLAG_L):
                raise source.error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'", 0)
            remove |= flag
            char = source.get()
            if char == "":
                raise source.error("missing :", 0)
            if char == ":":
                break
            if char not in INLINE_FLAGS:
                raise source.error("unknown flag" if is_alpha(char) else "missing :", len(char))
    if add & remove:
        raise source.error("bad inline flags: flag turned on and off", 1)
    if (add | remove) & (FLAG_A | FLAG_U):
        raise unsupported("a flag other than i, m, s, x scoped to a group")
    return (add, remove)
