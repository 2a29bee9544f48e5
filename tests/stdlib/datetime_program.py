"""The compiled side of test_datetime.py: datetime's classes on fields, timestamps and ISO strings
written into memory as text; the answer (or the exception's class and message) read back as text.
now() and utcnow() read the host's clock, which the test serves."""
import datetime
import string
from datetime import MAXYEAR, MINYEAR, UTC, date, timedelta, timezone
from datetime import datetime as DateTime

from abi import export
from abi.intrinsics import data_ptr

INPUT = b""
OUT = b""


@export
def input_buffer(size: int) -> int:
    global INPUT
    INPUT = b" " * size
    return data_ptr(INPUT)


@export
def out_ptr() -> int:
    return data_ptr(OUT)


@export
def out_len() -> int:
    return len(OUT)


def zone(text: str) -> timezone | None:
    """'N' naive, 'U' timezone.utc, else an offset in microseconds (and a name after ':')."""
    if text == "N":
        return None
    if text == "U":
        return timezone.utc
    if ":" in text:
        us, name = text.split(":", 1)
        return timezone(timedelta(microseconds=int(us)), name)
    return timezone(timedelta(microseconds=int(text)))


def make(fields: list[str]) -> DateTime:
    n = [int(x) for x in fields[:7]]
    return DateTime(n[0], n[1], n[2], n[3], n[4], n[5], n[6], tzinfo=zone(fields[7]))


def delta(fields: list[str]) -> timedelta:
    n = [int(x) for x in fields]
    return timedelta(n[0], n[1], n[2], milliseconds=n[3], minutes=n[4], hours=n[5], weeks=n[6])


def attempt(parts: list[str], what: str, dt: DateTime) -> None:
    """One result that may raise, kept apart so the rest still shows."""
    try:
        if what == "timestamp":
            parts.append(str(dt.timestamp()))
        elif what == "utc":
            parts.append(repr(dt.astimezone(timezone.utc)))
    except (ValueError, OverflowError) as err:
        parts.append(f"{type(err).__name__}: {err}")


def describe(dt: DateTime) -> str:
    parts = [repr(dt), str(dt), dt.isoformat(), str(dt.weekday()), str(dt.isoweekday()), repr(dt.date()),
             str(dt.date()), str(dt.tzname()), repr(dt.utcoffset()), repr(dt.tzinfo), dt.ctime(),
             f"{dt.year} {dt.month} {dt.day} {dt.hour} {dt.minute} {dt.second} {dt.microsecond} {dt.fold}",
             str(dt.toordinal()), repr(dt.isocalendar()), str(dt.isocalendar()[1] + dt.isocalendar().week),
             f"{dt} {dt:%d.%m.%Y %H:%M} {dt:} {dt.date():%j %a}",
             dt.strftime("%Y|%m|%d|%H|%M|%S|%f|%z|%Z|%a|%A|%b|%B|%j|%y|%p|%I|%%|%e|%F|%T|%u|%w")]
    if dt.tzinfo is not None:
        attempt(parts, "timestamp", dt)
        attempt(parts, "utc", dt)
    return "\n".join(parts)


def describe_delta(td: timedelta) -> str:
    parts = [repr(td), str(td), str(td.total_seconds()), f"{td.days} {td.seconds} {td.microseconds}",
             repr(-td), repr(+td), repr(abs(td)), str(bool(td)), repr(td * 3), repr(-2 * td), repr(td // 7)]
    return "\n".join(parts)


def compare(a: DateTime, b: DateTime) -> str:
    parts = [str(a == b), str(a != b)]
    try:
        parts += [str(a < b), str(a <= b), str(a > b), str(a >= b)]
    except TypeError as err:
        parts.append(f"TypeError: {err}")
    try:
        parts.append(repr(a - b))
    except (TypeError, OverflowError) as err:
        parts.append(f"{type(err).__name__}: {err}")
    return "\n".join(parts)


def call(op: int, text: str) -> str:
    f = text.split(" ")
    if op == 0:
        return describe(make(f))
    if op == 1:
        t = float(f[0])
        parts = [repr(DateTime.utcfromtimestamp(t)), repr(DateTime.fromtimestamp(t, tz=timezone.utc))]
        tz = zone(f[1])
        if tz is not None:  # without one: local time, which a compiled filter does not know
            parts.append(repr(DateTime.fromtimestamp(t, tz)))
        return "\n".join(parts)
    if op == 2:
        return describe(DateTime.fromisoformat(text))
    if op == 3:
        return repr(date.fromisoformat(text))
    if op == 4:
        return describe_delta(delta(f))
    if op == 5:  # a datetime plus and minus a timedelta
        dt = make(f[:8])
        td = delta(f[8:])
        return repr(dt + td) + "\n" + repr(dt - td) + "\n" + repr(td + dt)
    if op == 6:
        return compare(make(f[:8]), make(f[8:]))
    if op == 7:
        a = delta(f[:7])
        b = delta(f[7:])
        parts = [repr(a + b), repr(a - b), str(a == b), str(a < b), str(a <= b), str(a >= b), str(a > b)]
        parts += [str(a / b), str(a // b), repr(a % b)]
        return "\n".join(parts)
    if op == 8:
        tz = zone(f[0])
        if tz is None:
            return ""
        return "\n".join([repr(tz), str(tz), tz.tzname(None), repr(tz.utcoffset(None))])
    if op == 9:
        dt = make(f[:8])
        spec = f[9][:3]
        return dt.isoformat(f[8], f[9]) + "\n" + dt.isoformat(sep=f[8], timespec=f[9]) + f"{dt:{spec}%Y}"
    if op == 10:
        d = date(int(f[0]), int(f[1]), int(f[2]))
        td = timedelta(days=int(f[3]))
        return "\n".join([repr(d), str(d), d.isoformat(), str(d.weekday()), str(d.isoweekday()),
                          str(d.toordinal()), f"{d.isocalendar()}", repr(date.fromordinal(d.toordinal())), d.strftime("%Y-%m-%d %a %j"),
                          repr(d + td), repr(td + d), repr(d - td), repr(d - date(2000, 1, 1)), str(d < date(2000, 1, 1)),
                          repr(d.replace(day=1))])
    if op == 11:
        dt = make(f)
        return "\n".join([repr(dt.replace(year=2000)), repr(dt.replace(tzinfo=None)), repr(dt.replace(tzinfo=UTC)),
                          repr(dt.replace(microsecond=0, second=0, minute=0, hour=0))])
    if op == 15:  # int timestamps: exact, no rounding
        seconds = int(f[0])
        return repr(DateTime.utcfromtimestamp(seconds)) + "\n" + repr(DateTime.fromtimestamp(seconds, zone(f[1]) or UTC))
    if op == 14:  # the host's clock (the test sets it)
        now = DateTime.now(timezone.utc)
        return f"{now.isoformat()} {DateTime.now(zone(text))!r} {DateTime.utcnow()!r} {now.timestamp()}"
    if op == 12:  # identity: CPython's timezone(timedelta(0)) is timezone.utc itself
        u = DateTime(2020, 1, 1, tzinfo=timezone.utc)
        z = timezone(timedelta(0))
        n = timezone(timedelta(0), "UTC")
        e = DateTime.fromisoformat("2020-01-01T00:00+00:00")
        checks = [u.tzinfo is timezone.utc, z is timezone.utc, n is timezone.utc, e.tzinfo is z, z is not UTC,
                  u.astimezone(z) is u, u.astimezone(n) is u, u.tzinfo is None, n is n, n is not n]
        return " ".join([str(c) for c in checks])
    return " ".join([string.ascii_letters, string.digits, string.hexdigits, string.octdigits, string.punctuation,
                     repr(string.whitespace), repr(string.printable), string.ascii_lowercase,
                     string.ascii_uppercase, string.capwords(" hello  wORLD "), string.capwords("a-b-c", "-"),
                     str(MINYEAR), str(MAXYEAR), repr(datetime.datetime.min), repr(datetime.datetime.max),
                     repr(timedelta.max), repr(timedelta.min), repr(timedelta.resolution), repr(date.max),
                     repr(datetime.timezone.utc), repr(datetime.UTC)])


@export
def run(op: int) -> int:
    global OUT
    try:
        OUT = call(op, INPUT.decode()).encode()
    except (ValueError, TypeError, OverflowError, ZeroDivisionError) as err:
        OUT = f"{type(err).__name__}: {err}".encode()
    except Exception as err:  # datetime's OSError (the subset cannot name it)
        OUT = f"{type(err).__name__}: {err}".encode()
    return 0
