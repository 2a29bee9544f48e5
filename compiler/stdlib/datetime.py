"""datetime for compiled filters: timedelta, fixed-offset timezone (timezone.utc), date and
datetime, with CPython 3.11's results, reprs and exceptions (its C module's, which CPython uses).

The host's clock is time.time_ns (Envoy's wall clock), read as CPython reads the system clock.
CPython picks ``dt - x``'s method by x's runtime type; ours are one method per operand type
(``__sub__``, ``__sub_datetime__``), which the compiler picks by the static type
(compiler/sema/stdlib_operators.py). A compiled filter does not know the host's local time zone,
so what CPython computes in it (naive ``timestamp()``, ``now()`` without a tz) raises here;
compiler/frontend/stdlib_datetime.py refuses the calls it can see at compile time.
"""
from time import time_ns

from compiler.stdlib.datetime_calendar import (MAX_ORDINAL, check_date, check_time, ord_to_ymd,
                                               ymd_to_ord)
from compiler.stdlib.datetime_iso import parse_date_only, parse_datetime
from compiler.stdlib.datetime_text import offset_text, strftime as format_time

MINYEAR = 1
MAXYEAR = 9999
EPOCH_ORDINAL = 719163  # 1970-01-01
MAX_DAYS = 999999999
LOCAL_TIME = ("the host's local time zone is not known to a compiled filter: "
              "use an aware datetime (tzinfo=timezone.utc)")
TIMESPECS = ("auto", "hours", "minutes", "seconds", "milliseconds", "microseconds")


class timedelta:
    _days: int
    _seconds: int
    _microseconds: int

    def __init__(self, days: int = 0, seconds: int = 0, microseconds: int = 0, milliseconds: int = 0,
                 minutes: int = 0, hours: int = 0, weeks: int = 0) -> None:
        _us = microseconds + milliseconds * 1000
        carry = _us // 1000000
        us = _us % 1000000
        _s = seconds + minutes * 60 + hours * 3600 + carry
        carry = _s // 86400
        s = _s % 86400
        d = days + weeks * 7 + carry
        if d < -MAX_DAYS or d > MAX_DAYS:
            if d < -2147483648 or d > 2147483647:  # CPython's days are a C int first
                raise OverflowError("Python int too large to convert to C int")
            raise OverflowError(f"days={d}; must have magnitude <= 999999999")
        self._days = d
        self._seconds = s
        self._microseconds = us

    @property
    def days(self) -> int:
        return self._days

    @property
    def seconds(self) -> int:
        return self._seconds

    @property
    def microseconds(self) -> int:
        return self._microseconds

    def total_seconds(self) -> float:
        whole = self._days * 86400 + self._seconds
        if -(1 << 43) < whole < (1 << 43):
            return (whole * 1000000 + self._microseconds) / 1000000  # ints: one rounding, as CPython
        return float(whole) + self._microseconds / 1e6  # exact whole; no tie the sum could cross

    def _us(self) -> int:
        """All of it in microseconds (beyond int64, over about 106,751 days: OverflowError)."""
        return (self._days * 86400 + self._seconds) * 1000000 + self._microseconds

    def __add__(self, other: "timedelta") -> "timedelta":
        return timedelta(self._days + other._days, self._seconds + other._seconds,
                         self._microseconds + other._microseconds)

    def __sub__(self, other: "timedelta") -> "timedelta":
        return timedelta(self._days - other._days, self._seconds - other._seconds,
                         self._microseconds - other._microseconds)

    def __neg__(self) -> "timedelta":
        return timedelta(-self._days, -self._seconds, -self._microseconds)

    def __pos__(self) -> "timedelta":
        return self

    def __mul__(self, other: int) -> "timedelta":
        return timedelta(self._days * other, self._seconds * other, self._microseconds * other)

    def __rmul__(self, other: int) -> "timedelta":
        return self * other

    def __floordiv__(self, other: int) -> "timedelta":
        if other == 0:
            raise ZeroDivisionError("integer division or modulo by zero")
        # floor(x / k) piecewise: (a + n * k) // k == a // k + n, so no total beyond int64 is needed
        seconds = self._days % other * 86400 + self._seconds
        micro = seconds % other * 1000000 + self._microseconds
        return timedelta(self._days // other, seconds // other, micro // other)

    def __floordiv_timedelta__(self, other: "timedelta") -> int:
        divisor = other._us()
        if divisor == 0:
            raise ZeroDivisionError("integer division or modulo by zero")
        return self._us() // divisor

    def __truediv__(self, other: "timedelta") -> float:
        divisor = other._us()
        if divisor == 0:
            raise ZeroDivisionError("division by zero")
        return self._us() / divisor

    def __mod__(self, other: "timedelta") -> "timedelta":
        divisor = other._us()
        if divisor == 0:
            raise ZeroDivisionError("integer division or modulo by zero")
        return timedelta(0, 0, self._us() % divisor)

    def __bool__(self) -> bool:
        return self._days != 0 or self._seconds != 0 or self._microseconds != 0

    def _key(self) -> tuple[int, int, int]:
        return (self._days, self._seconds, self._microseconds)

    def __eq__(self, other: "timedelta") -> bool:
        return self._key() == other._key()

    def __lt__(self, other: "timedelta") -> bool:
        return self._key() < other._key()

    def __le__(self, other: "timedelta") -> bool:
        return self._key() <= other._key()

    def __gt__(self, other: "timedelta") -> bool:
        return self._key() > other._key()

    def __ge__(self, other: "timedelta") -> bool:
        return self._key() >= other._key()

    def __repr__(self) -> str:
        parts: list[str] = []
        if self._days:
            parts.append(f"days={self._days}")
        if self._seconds:
            parts.append(f"seconds={self._seconds}")
        if self._microseconds:
            parts.append(f"microseconds={self._microseconds}")
        return "datetime.timedelta(" + (", ".join(parts) if parts else "0") + ")"

    def __str__(self) -> str:
        minutes = self._seconds // 60
        seconds = self._seconds % 60
        hours = minutes // 60
        minutes = minutes % 60
        text = f"{hours}:{minutes:02d}:{seconds:02d}"
        if self._microseconds:
            text += f".{self._microseconds:06d}"
        if self._days:
            plural = "" if self._days == 1 or self._days == -1 else "s"
            text = f"{self._days} day{plural}, " + text
        return text


_timedelta__min = timedelta(-MAX_DAYS)
_timedelta__max = timedelta(MAX_DAYS, 86399, 999999)
_timedelta__resolution = timedelta(0, 0, 1)


class timezone:
    _offset: timedelta
    _name: str | None

    def __init__(self, offset: timedelta, name: str | None = None) -> None:
        d = offset._days
        if d < -1 or d >= 1 or (d == -1 and offset._seconds == 0 and offset._microseconds == 0):
            raise ValueError("offset must be a timedelta strictly between -timedelta(hours=24) and "
                             f"timedelta(hours=24), not {offset!r}.")
        self._offset = offset
        self._name = name

    def utcoffset(self, dt: "datetime | None") -> timedelta:
        return self._offset

    def dst(self, dt: "datetime | None") -> None:
        return None

    def tzname(self, dt: "datetime | None") -> str:
        name = self._name
        if name is not None:
            return name
        offset = self._offset
        if not offset:
            return "UTC"
        return "UTC" + offset_text(offset._days, offset._seconds, offset._microseconds, ":")

    def __eq__(self, other: "timezone") -> bool:
        return self._offset == other._offset

    def __repr__(self) -> str:
        name = self._name
        if name is None:
            if not self._offset:
                return "datetime.timezone.utc"
            return f"datetime.timezone({self._offset!r})"
        return f"datetime.timezone({self._offset!r}, {name!r})"

    def __str__(self) -> str:
        return self.tzname(None)


_timezone__utc = timezone(timedelta(0))


def _same_timezone(a: timezone | None, b: timezone | None) -> bool:
    """CPython's ``a is b`` of two tzinfos: its timezone(timedelta(0)) is timezone.utc, one object
    (ours are two), so every unnamed zero offset is the same one."""
    if a is b:
        return True
    if a is None or b is None:
        return False
    return a._name is None and b._name is None and not a._offset and not b._offset
UTC = _timezone__utc


def _shifted(ordinal: int, seconds: int, microseconds: int) -> list[int]:
    """[ordinal, seconds of the day, microseconds], carried; OverflowError beyond the years 1..9999."""
    carry = microseconds // 1000000
    microseconds = microseconds % 1000000
    _seconds = seconds + carry
    carry = _seconds // 86400
    seconds = _seconds % 86400
    ordinal += carry
    if ordinal < 1 or ordinal > MAX_ORDINAL:
        raise OverflowError("date value out of range")
    return [ordinal, seconds, microseconds]


class date:
    _year: int
    _month: int
    _day: int

    def __init__(self, year: int, month: int, day: int) -> None:
        check_date(year, month, day)
        self._year = year
        self._month = month
        self._day = day

    @property
    def year(self) -> int:
        return self._year

    @property
    def month(self) -> int:
        return self._month

    @property
    def day(self) -> int:
        return self._day

    @classmethod
    def fromordinal(cls, ordinal: int) -> "date":
        if ordinal < 1:
            raise ValueError("ordinal must be >= 1")
        y, m, d = ord_to_ymd(ordinal)
        return date(y, m, d)

    @classmethod
    def fromisoformat(cls, date_string: str) -> "date":
        found = parse_date_only(date_string)
        if found is None:
            raise ValueError(f"Invalid isoformat string: {date_string!r}")
        return date(found[0], found[1], found[2])

    def toordinal(self) -> int:
        return ymd_to_ord(self._year, self._month, self._day)

    def weekday(self) -> int:
        return (self.toordinal() + 6) % 7

    def isoweekday(self) -> int:
        return (self.toordinal() + 6) % 7 + 1

    def replace(self, year: int | None = None, month: int | None = None, day: int | None = None) -> "date":
        return date(self._year if year is None else year, self._month if month is None else month,
                    self._day if day is None else day)

    def isoformat(self) -> str:
        return f"{self._year:04d}-{self._month:02d}-{self._day:02d}"

    def strftime(self, format: str) -> str:
        return format_time(format, [self._year, self._month, self._day, 0, 0, 0, 0], "", "")

    def ctime(self) -> str:
        return self.strftime("%a %b %e %H:%M:%S ") + f"{self._year:04d}"  # CPython's own format, not %c

    def __format__(self, format_spec: str) -> str:
        return self.strftime(format_spec) if format_spec else str(self)

    def __add__(self, other: timedelta) -> "date":
        y, m, d = ord_to_ymd(_shifted(self.toordinal() + other._days, 0, 0)[0])
        return date(y, m, d)

    def __radd__(self, other: timedelta) -> "date":
        return self + other

    def __sub__(self, other: timedelta) -> "date":
        y, m, d = ord_to_ymd(_shifted(self.toordinal() - other._days, 0, 0)[0])
        return date(y, m, d)

    def __sub_date__(self, other: "date") -> timedelta:
        return timedelta(self.toordinal() - other.toordinal())

    def _key(self) -> tuple[int, int, int]:
        return (self._year, self._month, self._day)

    def __eq__(self, other: "date") -> bool:
        return self._key() == other._key()

    def __lt__(self, other: "date") -> bool:
        return self._key() < other._key()

    def __le__(self, other: "date") -> bool:
        return self._key() <= other._key()

    def __gt__(self, other: "date") -> bool:
        return self._key() > other._key()

    def __ge__(self, other: "date") -> bool:
        return self._key() >= other._key()

    def __repr__(self) -> str:
        return f"datetime.date({self._year}, {self._month}, {self._day})"

    def __str__(self) -> str:
        return self.isoformat()


_date__resolution = timedelta(1)
_date__min = date(1, 1, 1)
_date__max = date(9999, 12, 31)


class datetime:
    _year: int
    _month: int
    _day: int
    _hour: int
    _minute: int
    _second: int
    _microsecond: int
    _tzinfo: timezone | None

    def __init__(self, year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0,
                 microsecond: int = 0, tzinfo: timezone | None = None) -> None:
        check_date(year, month, day)
        check_time(hour, minute, second, microsecond)
        self._year = year
        self._month = month
        self._day = day
        self._hour = hour
        self._minute = minute
        self._second = second
        self._microsecond = microsecond
        self._tzinfo = tzinfo

    @property
    def year(self) -> int:
        return self._year

    @property
    def month(self) -> int:
        return self._month

    @property
    def day(self) -> int:
        return self._day

    @property
    def hour(self) -> int:
        return self._hour

    @property
    def minute(self) -> int:
        return self._minute

    @property
    def second(self) -> int:
        return self._second

    @property
    def microsecond(self) -> int:
        return self._microsecond

    @property
    def tzinfo(self) -> timezone | None:
        return self._tzinfo

    @property
    def fold(self) -> int:
        return 0

    @classmethod
    def now(cls, tz: timezone | None = None) -> "datetime":
        if tz is None:
            raise ValueError("datetime.now() without tz: " + LOCAL_TIME)
        us = time_ns() // 1000  # CPython's _PyTime_ROUND_FLOOR
        return _from_utc(us // 1000000, us % 1000000, tz)

    @classmethod
    def utcnow(cls) -> "datetime":
        us = time_ns() // 1000
        return _from_utc(us // 1000000, us % 1000000, None)

    @classmethod
    def fromtimestamp(cls, t: int | float, tz: timezone | None = None) -> "datetime":
        if tz is None:
            raise ValueError("datetime.fromtimestamp() without tz: " + LOCAL_TIME)
        seconds, us = _timestamp_parts(t)
        return _from_utc(seconds, us, tz)

    @classmethod
    def utcfromtimestamp(cls, t: int | float) -> "datetime":
        seconds, us = _timestamp_parts(t)
        return _from_utc(seconds, us, None)

    @classmethod
    def fromisoformat(cls, date_string: str) -> "datetime":
        f = parse_datetime(date_string)
        if f is None:
            raise ValueError(f"Invalid isoformat string: {date_string!r}")
        tz: timezone | None = None
        if f[7] == 1:  # CPython's tzinfo_from_isoformat_results: a zero offset is timezone.utc
            tz = _timezone__utc if f[8] == 0 else timezone(timedelta(0, f[8], f[9]))
        return datetime(f[0], f[1], f[2], f[3], f[4], f[5], f[6], tz)

    def utcoffset(self) -> timedelta | None:
        tz = self._tzinfo
        if tz is None:
            return None
        return tz._offset

    def tzname(self) -> str | None:
        tz = self._tzinfo
        if tz is None:
            return None
        return tz.tzname(self)

    def dst(self) -> None:
        return None

    def toordinal(self) -> int:
        return ymd_to_ord(self._year, self._month, self._day)

    def weekday(self) -> int:
        return (self.toordinal() + 6) % 7

    def isoweekday(self) -> int:
        return (self.toordinal() + 6) % 7 + 1

    def date(self) -> date:
        return date(self._year, self._month, self._day)

    def timestamp(self) -> float:
        if self._tzinfo is None:
            raise ValueError("timestamp() of a naive datetime: " + LOCAL_TIME)
        return (self - _EPOCH).total_seconds()

    def astimezone(self, tz: timezone) -> "datetime":
        mine = self._tzinfo
        if mine is None:
            raise ValueError("astimezone() of a naive datetime: " + LOCAL_TIME)
        if _same_timezone(mine, tz):
            return self
        return (self - mine._offset + tz._offset).replace(tzinfo=tz)

    def replace(self, year: int | None = None, month: int | None = None, day: int | None = None,
                hour: int | None = None, minute: int | None = None, second: int | None = None,
                microsecond: int | None = None, tzinfo: timezone | bool | None = True) -> "datetime":
        tz = self._tzinfo
        if tzinfo is None:
            tz = None
        elif isinstance(tzinfo, timezone):
            tz = tzinfo
        return datetime(self._year if year is None else year, self._month if month is None else month,
                        self._day if day is None else day, self._hour if hour is None else hour,
                        self._minute if minute is None else minute, self._second if second is None else second,
                        self._microsecond if microsecond is None else microsecond, tz)

    def isoformat(self, sep: str = "T", timespec: str = "auto") -> str:
        if len(sep) != 1:
            raise TypeError("isoformat() argument 1 must be a unicode character, not str")
        text = f"{self._year:04d}-{self._month:02d}-{self._day:02d}{sep}" + self._time_text(timespec)
        offset = self.utcoffset()
        if offset is not None:
            text += offset_text(offset._days, offset._seconds, offset._microseconds, ":")
        return text

    def _time_text(self, timespec: str) -> str:
        if timespec == "auto":
            timespec = "microseconds" if self._microsecond else "seconds"
        text = f"{self._hour:02d}"
        if timespec == "hours":
            return text
        text += f":{self._minute:02d}"
        if timespec == "minutes":
            return text
        text += f":{self._second:02d}"
        if timespec == "seconds":
            return text
        if timespec == "milliseconds":
            return text + f".{self._microsecond // 1000:03d}"
        if timespec == "microseconds":
            return text + f".{self._microsecond:06d}"
        raise ValueError("Unknown timespec value")

    def strftime(self, format: str) -> str:
        offset = self.utcoffset()
        shown = "" if offset is None else offset_text(offset._days, offset._seconds, offset._microseconds, "")
        name = self.tzname()
        fields = [self._year, self._month, self._day, self._hour, self._minute, self._second, self._microsecond]
        return format_time(format, fields, shown, "" if name is None else name)

    def ctime(self) -> str:
        return self.strftime("%a %b %e %H:%M:%S ") + f"{self._year:04d}"  # CPython's own format, not %c

    def __format__(self, format_spec: str) -> str:
        return self.strftime(format_spec) if format_spec else str(self)

    def _shift(self, days: int, seconds: int, microseconds: int) -> "datetime":
        o = _shifted(self.toordinal() + days, self._hour * 3600 + self._minute * 60 + self._second + seconds,
                     self._microsecond + microseconds)
        y, m, d = ord_to_ymd(o[0])
        return datetime(y, m, d, o[1] // 3600, o[1] // 60 % 60, o[1] % 60, o[2], self._tzinfo)

    def __add__(self, other: timedelta) -> "datetime":
        return self._shift(other._days, other._seconds, other._microseconds)

    def __radd__(self, other: timedelta) -> "datetime":
        return self + other

    def __sub__(self, other: timedelta) -> "datetime":
        return self._shift(-other._days, -other._seconds, -other._microseconds)

    def __sub_datetime__(self, other: "datetime") -> timedelta:
        mine = self._tzinfo
        theirs = other._tzinfo
        delta = timedelta(self.toordinal() - other.toordinal(),
                          (self._hour - other._hour) * 3600 + (self._minute - other._minute) * 60
                          + self._second - other._second, self._microsecond - other._microsecond)
        if _same_timezone(mine, theirs):
            return delta
        if mine is None or theirs is None:
            raise TypeError("can't subtract offset-naive and offset-aware datetimes")
        return delta - (mine._offset - theirs._offset)

    def _compare(self, other: "datetime", equality: bool) -> int:
        """-1, 0 or 1 as CPython's datetime_richcompare orders them; 2 for '==' of a naive and an
        aware datetime (unequal)."""
        mine = self._tzinfo
        theirs = other._tzinfo
        if _same_timezone(mine, theirs) or (mine is not None and theirs is not None and mine._offset == theirs._offset):
            return _sign(self._fields(), other._fields())
        if mine is not None and theirs is not None:
            delta = self.__sub_datetime__(other)
            return -1 if delta._days < 0 else 1 if delta else 0
        if equality:
            return 2
        raise TypeError("can't compare offset-naive and offset-aware datetimes")

    def _fields(self) -> tuple[int, int, int, int, int, int, int]:
        return (self._year, self._month, self._day, self._hour, self._minute, self._second, self._microsecond)

    def __eq__(self, other: "datetime") -> bool:
        return self._compare(other, True) == 0

    def __lt__(self, other: "datetime") -> bool:
        return self._compare(other, False) < 0

    def __le__(self, other: "datetime") -> bool:
        return self._compare(other, False) <= 0

    def __gt__(self, other: "datetime") -> bool:
        return self._compare(other, False) > 0

    def __ge__(self, other: "datetime") -> bool:
        return self._compare(other, False) >= 0

    def __repr__(self) -> str:
        text = f"datetime.datetime({self._year}, {self._month}, {self._day}, {self._hour}, {self._minute}"
        if self._microsecond:
            text += f", {self._second}, {self._microsecond}"
        elif self._second:
            text += f", {self._second}"
        tz = self._tzinfo
        if tz is not None:
            return text + f", tzinfo={tz!r})"
        return text + ")"

    def __str__(self) -> str:
        return self.isoformat(" ")


def _sign(a: tuple[int, int, int, int, int, int, int], b: tuple[int, int, int, int, int, int, int]) -> int:
    return -1 if a < b else 1 if a > b else 0


def _timestamp_parts(timestamp: int | float) -> tuple[int, int]:
    """CPython's _PyTime_ObjectToTimeval(t, ROUND_HALF_EVEN): whole seconds and microseconds (an
    int exactly)."""
    if isinstance(timestamp, int):
        return timestamp, 0
    t = float(timestamp)
    if t != t:
        raise ValueError("Invalid value NaN (not a number)")
    if not (-9.223372036854776e18 <= t < 9.223372036854776e18):
        raise OverflowError("timestamp out of range for platform time_t")
    whole = int(t)
    us = _round_half_even((t - float(whole)) * 1e6)  # the fraction is exact; times 1e6 as C's
    if us >= 1000000:
        return whole + 1, us - 1000000
    if us < 0:
        return whole - 1, us + 1000000
    return whole, us


class OSError(Exception):
    """CPython's OSError as glibc's gmtime raises it (the subset has no built-in OSError): the
    same class name, args, str and repr; a program cannot name it, only catch Exception."""

    def __init__(self, errno: int, strerror: str) -> None:
        super().__init__(errno, strerror)
        self.errno = errno
        self.strerror = strerror

    def __str__(self) -> str:
        return f"[Errno {self.errno}] {self.strerror}"


def _round_half_even(x: float) -> int:
    """CPython's _PyTime_RoundHalfEven of |x| < 1e6."""
    r = int(x)
    rest = x - float(r)  # exact
    if rest > 0.5 or (rest == 0.5 and r % 2 == 1):
        return r + 1
    if rest < -0.5 or (rest == -0.5 and r % 2 == 1):
        return r - 1
    return r


def _from_utc(seconds: int, us: int, tz: timezone | None) -> datetime:
    """CPython's datetime_from_timet_and_us with gmtime, then tz.fromutc: glibc's gmtime fails
    (EOVERFLOW) for a year beyond a C int; the constructor refuses years outside 1..9999."""
    days = seconds // 86400
    second = seconds % 86400
    if days > 784352270736 or days < -784352321872:  # tm_year (year - 1900) beyond a C int
        raise OSError(75, "Value too large for defined data type")
    y, m, d = ord_to_ymd(days + EPOCH_ORDINAL)
    if y > 2147483647:
        y -= 4294967296  # CPython's tm_year + 1900 wraps in a C int
    dt = datetime(y, m, d, second // 3600, second // 60 % 60, second % 60, us, tz)
    if tz is None:
        return dt
    return dt + tz._offset


_datetime__resolution = timedelta(0, 0, 1)
_datetime__min = datetime(1, 1, 1)
_datetime__max = datetime(9999, 12, 31, 23, 59, 59, 999999)
_EPOCH = datetime(1970, 1, 1, tzinfo=_timezone__utc)
