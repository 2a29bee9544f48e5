"""datetime's date (compiler/stdlib/datetime.py re-exports it), with CPython 3.11's results."""
from typing import NamedTuple

from compiler.stdlib.datetime_calendar import MAX_ORDINAL, check_date, iso_calendar, ord_to_ymd, ymd_to_ord
from compiler.stdlib.datetime_delta import timedelta
from compiler.stdlib.datetime_iso import parse_date_only
from compiler.stdlib.datetime_text import strftime as format_time


class IsoCalendarDate(NamedTuple):
    """What isocalendar() returns; CPython's module does not export the class either."""
    year: int
    week: int
    weekday: int

    def __repr__(self) -> str:
        return f"datetime.IsoCalendarDate(year={self.year}, week={self.week}, weekday={self.weekday})"


def given(value: int, current: int) -> int:
    """replace()'s argument, or the current field where it was left out (the int64 minimum)."""
    if value == -9223372036854775807 - 1:
        return current
    return value


def shifted(ordinal: int, seconds: int, microseconds: int) -> list[int]:
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

    def replace(self, year: int = -9223372036854775808, month: int = -9223372036854775808, day: int = -9223372036854775808) -> "date":
        return date(given(year, self._year), given(month, self._month), given(day, self._day))

    def isocalendar(self) -> IsoCalendarDate:
        y, w, d = iso_calendar(self._year, self._month, self._day)
        return IsoCalendarDate(y, w, d)

    def isoformat(self) -> str:
        return f"{self._year:04d}-{self._month:02d}-{self._day:02d}"

    def strftime(self, format: str) -> str:
        return format_time(format, [self._year, self._month, self._day, 0, 0, 0, 0], "", "")

    def ctime(self) -> str:
        return self.strftime("%a %b %e %H:%M:%S ") + f"{self._year:04d}"  # CPython's own format, not %c

    def __format__(self, format_spec: str) -> str:
        return self.strftime(format_spec) if format_spec else str(self)

    def __add__(self, other: timedelta) -> "date":
        y, m, d = ord_to_ymd(shifted(self.toordinal() + other._days, 0, 0)[0])
        return date(y, m, d)

    def __radd__(self, other: timedelta) -> "date":
        return self + other

    def __sub__(self, other: timedelta) -> "date":
        y, m, d = ord_to_ymd(shifted(self.toordinal() - other._days, 0, 0)[0])
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
