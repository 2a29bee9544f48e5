"""The compiled side of test_re.py: re's functions on a pattern, subject and replacement put in
memory; each run leaves a text describing every result (or the exception) in OUT. Under CPython
the same file runs with CPython's re."""
from abi import export
from abi.intrinsics import data_ptr
from re import (ASCII, DOTALL, IGNORECASE, MULTILINE, VERBOSE, Match, Pattern, compile, error, escape, findall,
                finditer, fullmatch, match, search, split, sub, subn)

INPUT: bytes = b""
OUT: bytes = b""


@export
def input_buffer(size: int) -> int:
    global INPUT
    INPUT = b" " * size
    return data_ptr(INPUT)


@export
def out_ptr() -> int:
    return data_ptr(OUT)


def shown(value: str | None) -> str:
    return "~" if value is None else "<" + value + ">"


def describe(m: Match | None) -> str:
    if m is None:
        return "none"
    out = f"{m.span()[0]},{m.span()[1]} {m.pos} {m.endpos} {shown(m.group())}"
    for index in range(m.re.groups + 1):
        out += f" {m.start(index)}:{m.end(index)}={shown(m.group(index))}"
    last = m.lastindex
    out += " last=" + ("~" if last is None else str(last)) + " " + shown(m.lastgroup)
    for value in m.groups("?"):
        out += " " + shown(value)
    for name, value in m.groupdict().items():
        out += f" {name}={shown(value)}"
    return out


def run_all(p: Pattern, subject: str, repl: str) -> str:
    out = describe(p.match(subject)) + "\n" + describe(p.search(subject)) + "\n"
    out += describe(p.fullmatch(subject)) + "\n" + describe(p.search(subject, 1, len(subject) - 1)) + "\n"
    out += describe(p.match(subject, 2, 1)) + describe(p.fullmatch(subject, -1, 99)) + "\n"
    for m in p.finditer(subject, 1, -3 + len(subject)):
        out += describe(m) + ";"
    for m in p.finditer(subject):
        out += describe(m) + ";"
    out += "\n" + guarded_sub(p, repl, subject) + "\n"
    try:
        out += "|".join(p.split(subject)) + "\n" + "|".join(p.split(subject, 1)) + "\n"
    except (NotImplementedError, TypeError):  # CPython's list holds None: join() raises TypeError
        out += "NIE-split\n"
    if p.groups <= 1:
        out += "|".join(p.findall(subject)) + "\n"
    return out


def guarded_sub(p: Pattern, repl: str, subject: str) -> str:
    try:
        text, n = p.subn(repl, subject)
        return text + f"/{n}/" + p.sub(repl, subject, 1)
    except error as e:
        return "error:" + explain(e)
    except IndexError as e:
        return f"IndexError:{e}"


def explain(e: error) -> str:
    pos = e.pos
    line = e.lineno
    col = e.colno
    where = "~" if pos is None else str(pos)
    if line is not None and col is not None:
        where += f":{line}:{col}"
    return f"{e}@{where}/{e.msg}"


@export
def run(bits: int) -> int:
    global OUT
    parts = INPUT.decode().split("\x00")
    try:
        p = compile(parts[0], (IGNORECASE if bits & 1 else 0) | (MULTILINE if bits & 2 else 0)
                    | (DOTALL if bits & 4 else 0) | (ASCII if bits & 8 else 0) | (VERBOSE if bits & 16 else 0))
        OUT = (f"{p.pattern} {p.flags} {p.groups}\n" + run_all(p, parts[1], parts[2])).encode()
    except error as e:
        OUT = ("error:" + explain(e)).encode()
    except OverflowError as e:
        OUT = f"OverflowError:{e}".encode()
    except ValueError as e:
        OUT = f"ValueError:{e}".encode()
    except NotImplementedError as e:
        OUT = f"NIE:{e}".encode()
    return len(OUT)


@export
def functions(bits: int) -> int:
    """The module-level functions, which compile (and cache) the pattern themselves."""
    global OUT
    parts = INPUT.decode().split("\x00")
    pattern = parts[0]
    subject = parts[1]
    flags = [0, 2, 8, 16, 256, 26, 258, 1, 4, 32][bits % 10]  # I, M, S, A as ints; TEMPLATE, LOCALE, UNICODE
    try:
        out = describe(match(pattern, subject, flags)) + "\n" + describe(search(pattern, subject, flags))
        out += "\n" + describe(fullmatch(pattern, subject, flags=flags)) + "\n" + ",".join([str(m.start()) for m in finditer(pattern, subject)])
        out += "\n" + sub(pattern, parts[2], subject, count=2, flags=flags)
        try:
            out += "\n" + "|".join(split(pattern, subject, maxsplit=2, flags=flags))
        except (NotImplementedError, TypeError):
            out += "\nNIE-split"
        out += "\n" + escape(subject)
        text, n = subn(pattern, parts[2], subject, 0, flags)
        out += f"\n{text}{n}"
        if "(" not in pattern:
            out += "\n" + "|".join(findall(pattern, subject, flags))
        OUT = out.encode()
    except error as e:
        OUT = ("error:" + explain(e)).encode()
    except IndexError as e:
        OUT = f"IndexError:{e}".encode()
    except ValueError as e:
        OUT = f"ValueError:{e}".encode()
    except NotImplementedError as e:
        OUT = f"NIE:{e}".encode()
    return len(OUT)


def bracketed(m: Match) -> str:
    return "[" + (m.group() or "") + f"@{m.start()}:{m.lastindex}]"


@export
def with_function(bits: int) -> int:
    """sub()/subn() with a function as the replacement: called on each match, in order."""
    global OUT
    parts = INPUT.decode().split("\x00")
    calls: list[str] = []

    def noted(m: Match) -> str:
        calls.append(str(m.span()))
        if m.group() == "!":
            raise ValueError("stop at " + str(m.start()))
        return str(len(calls))
    try:
        p = compile(parts[0], IGNORECASE if bits & 1 else 0)
        out = p.sub(bracketed, parts[1]) + "|" + sub(parts[0], lambda m: (m.group(0) or "").upper() * 2, parts[1],
                                                     count=bits % 3)
        text, n = p.subn(noted, parts[1], bits % 2)
        out += "|" + text + str(n) + " " + ",".join(calls) + "|" + subn(parts[0], lambda m: "", parts[1])[0]
        OUT = out.encode()
    except error as e:
        OUT = ("error:" + explain(e)).encode()
    except ValueError as e:
        OUT = f"ValueError:{e} {calls}".encode()
    except NotImplementedError as e:
        OUT = f"NIE:{e}".encode()
    return len(OUT)
