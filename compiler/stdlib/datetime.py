"""datetime for compiled filters: timedelta and fixed-offset timezone (datetime_delta.py), date
(datetime_date.py) and datetime (here), with CPython 3.11's results, reprs and exceptions (its C
module's, which CPython uses).

The host's clock is time.time_ns (Envoy's wall clock), read as CPython reads the system clock.
CPython picks ``dt - x``'s method by x's runtime type; ours are one method per operand type
(``__sub__``, ``__sub_datetime__``), which the compiler picks by the static type
(compiler/sema/stdlib_operators.py). A compiled filter does not know the host's local time zone,
so what CPython computes in it (naive ``timestamp()``, ``now()`` without a tz) raises here;
compiler/frontend/stdlib_datetime.py refuses the calls it can see at compile time.
"""
from time import time_ns

from compiler.stdlib.datetime_calendar import check_date, check_time, ord_to_ymd, ymd_to_ord
from compiler.stdlib.datetime_clock import OSError, timestamp_parts
from compiler.stdlib.datetime_date import IsoCalendarDate, date, given as _given, shifted
from compiler.stdlib.datetime_delta import same_timezone, timedelta, timezone
from compiler.stdlib.datetime_iso import parse_datetime
from compiler.stdlib.datetime_text import offset_text, strftime as format_time

MINYEAR = 1
MAXYEAR = 9999
EPOCH_ORDINAL = 719163  # 1970-01-01
LOCAL_TIME = ("the host's local time zone is not known to a compiled filter: "
              "use an aware datetime (tzinfo=timezone.utc)")
TIMESPECS = ("auto", "hours", "minutes", "seconds", "milliseconds", "microseconds")


UTC = timezone.utc


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
        seconds, us = timestamp_parts(t)
        return _from_utc(seconds, us, tz)

    @classmethod
    def utcfromtimestamp(cls, t: int | float) -> "datetime":
        seconds, us = timestamp_parts(t)
        return _from_utc(seconds, us, None)

    @classmethod
    def fromisoformat(cls, date_string: str) -> "datetime":
        f = parse_datetime(date_string)
        if f is None:
            raise ValueError(f"Invalid isoformat string: {date_string!r}")
        tz: timezone | None = None
        if f[7] == 1:  # CPython's tzinfo_from_isoformat_results: a zero offset is timezone.utc
            tz = timezone.utc if f[8] == 0 else timezone(timedelta(0, f[8], f[9]))
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

    def isocalendar(self) -> IsoCalendarDate:
        return self.date().isocalendar()

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
        if same_timezone(mine, tz):
            return self
        return (self - mine._offset + tz._offset).replace(tzinfo=tz)

    def replace(self, year: int = -9223372036854775808, month: int = -9223372036854775808, day: int = -9223372036854775808,
                hour: int = -9223372036854775808, minute: int = -9223372036854775808, second: int = -9223372036854775808,
                microsecond: int = -9223372036854775808, tzinfo: timezone | bool | None = True) -> "datetime":
        """An int argument left out is the int64 minimum (CPython would refuse that value: Python int
        too large to convert to C int); a bool tzinfo is refused at compile time (sema/stdlib_operators.py)."""
        tz = self._tzinfo
        if tzinfo is None:
            tz = None
        elif isinstance(tzinfo, timezone):
            tz = tzinfo
        return datetime(_given(year, self._year), _given(month, self._month), _given(day, self._day),
                        _given(hour, self._hour), _given(minute, self._minute), _given(second, self._second),
                        _given(microsecond, self._microsecond), tz)

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
        o = shifted(self.toordinal() + days, self._hour * 3600 + self._minute * 60 + self._second + seconds,
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
        if same_timezone(mine, theirs):
            return delta
        if mine is None or theirs is None:
            raise TypeError("can't subtract offset-naive and offset-aware datetimes")
        return delta - (mine._offset - theirs._offset)

    def _compare(self, other: "datetime", equality: bool) -> int:
        """-1, 0 or 1 as CPython's datetime_richcompare orders them; 2 for '==' of a naive and an
        aware datetime (unequal)."""
        mine = self._tzinfo
        theirs = other._tzinfo
        if same_timezone(mine, theirs) or (mine is not None and theirs is not None and mine._offset == theirs._offset):
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
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
