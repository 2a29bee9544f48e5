"""The calendar arithmetic of datetime (compiler/stdlib/datetime.py), ported from CPython 3.11's
Modules/_datetimemodule.c: proleptic Gregorian ordinals (day 1 is 0001-01-01), ISO weeks, and the
range checks whose messages the constructors raise. C's truncating / and % are kept where the C
code uses them on negative values (an ISO week of year 0), so the same odd results come out."""

MINYEAR = 1
MAXYEAR = 9999
MAX_ORDINAL = 3652059  # 9999-12-31
DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
DAYS_BEFORE_MONTH = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
DI4Y = 1461
DI100Y = 36524
DI400Y = 146097


def is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    if month == 2 and is_leap(year):
        return 29
    return DAYS_IN_MONTH[month]


def days_before_year(year: int) -> int:
    y = year - 1
    return y * 365 + y // 4 - y // 100 + y // 400


def ymd_to_ord(year: int, month: int, day: int) -> int:
    before = DAYS_BEFORE_MONTH[month] + (1 if month > 2 and is_leap(year) else 0)
    return days_before_year(year) + before + day


def ord_to_ymd(ordinal: int) -> tuple[int, int, int]:
    """The proleptic Gregorian date of an ordinal (floor division: year 0 and below too, as glibc's
    gmtime reports them)."""
    _n = ordinal - 1
    n400 = _n // DI400Y
    n = _n % DI400Y
    n100 = n // DI100Y
    n = n % DI100Y
    n4 = n // DI4Y
    n = n % DI4Y
    n1 = n // 365
    n = n % 365
    year = n400 * 400 + 1 + n100 * 100 + n4 * 4 + n1
    if n1 == 4 or n100 == 4:
        return year - 1, 12, 31
    leap = n1 == 3 and (n4 != 24 or n100 == 3)
    month = (n + 50) >> 5
    preceding = DAYS_BEFORE_MONTH[month] + (1 if month > 2 and leap else 0)
    if preceding > n:
        month -= 1
        preceding -= days_in_month(year, month)
    return year, month, n - preceding + 1


def c_mod(a: int, b: int) -> int:
    """C's a % b: the sign of a."""
    r = a % b
    return r - b if r != 0 and a < 0 else r


def iso_week1_monday(year: int) -> int:
    first_day = ymd_to_ord(year, 1, 1)
    first_weekday = c_mod(first_day + 6, 7)
    monday = first_day - first_weekday
    return monday + 7 if first_weekday > 3 else monday


def iso_to_ymd(year: int, week: int, day: int) -> tuple[int, int, int] | None:
    """None where CPython's iso_to_ymd fails (the caller's 'Invalid isoformat string')."""
    if week <= 0 or week >= 53:
        first_weekday = c_mod(ymd_to_ord(year, 1, 1), 7)
        if not (week == 53 and (first_weekday == 4 or (first_weekday == 3 and is_leap(year)))):
            return None
    if day <= 0 or day >= 8:
        return None
    ordinal = iso_week1_monday(year) + (week - 1) * 7 + day - 1
    if ordinal < 1:
        return 1, 0, 0  # C's truncating ord_to_ymd gives month 0 (or less): 'month must be in 1..12'
    return ord_to_ymd(ordinal)


def check_date(year: int, month: int, day: int) -> None:
    if year < MINYEAR or year > MAXYEAR:
        raise ValueError(f"year {year} is out of range")
    if month < 1 or month > 12:
        raise ValueError("month must be in 1..12")
    if day < 1 or day > days_in_month(year, month):
        raise ValueError("day is out of range for month")


def check_time(hour: int, minute: int, second: int, microsecond: int) -> None:
    if hour < 0 or hour > 23:
        raise ValueError("hour must be in 0..23")
    if minute < 0 or minute > 59:
        raise ValueError("minute must be in 0..59")
    if second < 0 or second > 59:
        raise ValueError("second must be in 0..59")
    if microsecond < 0 or microsecond > 999999:
        raise ValueError("microsecond must be in 0..999999")



def iso_calendar(year: int, month: int, day: int) -> tuple[int, int, int]:
    """CPython's date_isocalendar: (ISO year, week, weekday)."""
    today = ymd_to_ord(year, month, day)
    offset = today - iso_week1_monday(year)
    if offset < 0:
        year -= 1
        offset = today - iso_week1_monday(year)
    elif offset >= 52 * 7 and today >= iso_week1_monday(year + 1):
        year += 1
        offset = offset % 7
    return year, offset // 7 + 1, offset % 7 + 1
