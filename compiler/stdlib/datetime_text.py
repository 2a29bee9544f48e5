"""Text of datetime objects: strftime with glibc's output for the directives below (CPython hands
them to the C library after replacing %f, %z and %Z itself), and the UTC offset as isoformat, %z
and a timezone's name show it."""
from compiler.stdlib.datetime_calendar import ymd_to_ord

DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTH_NAMES = ["", "January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]
# What the compiled strftime knows; stdlib_datetime.py refuses a constant format with another.
DIRECTIVES = "aAbBcdDefFhHIjklmMnpRStTuwxXyYzZ%"


def two(n: int) -> str:
    return str(n) if n >= 10 else "0" + str(n)


def offset_text(days: int, seconds: int, microseconds: int, sep: str) -> str:
    """CPython's format_utcoffset of a normalised timedelta: +HH:MM[:SS[.ffffff]]."""
    sign = "+"
    if days < 0:
        sign = "-"
        total = -((days * 86400 + seconds) * 1000000 + microseconds)  # |offset| < 1 day: fits
        seconds = total // 1000000
        microseconds = total % 1000000
    minutes = seconds // 60
    seconds = seconds % 60
    hours = minutes // 60
    minutes = minutes % 60
    text = sign + two(hours) + sep + two(minutes)
    if microseconds:
        return text + sep + two(seconds) + "." + str(microseconds).rjust(6, "0")
    if seconds:
        return text + sep + two(seconds)
    return text


def strftime(fmt: str, fields: list[int], offset: str, name: str) -> str:
    """``fields``: year, month, day, hour, minute, second, microsecond; ``offset`` and ``name``
    what %z and %Z show ("" for a naive datetime or a date)."""
    year, month, day, hour, minute, second = fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]
    parts: list[str] = []
    n = len(fmt)
    pos = 0
    while True:
        i = fmt.find("%", pos)
        if i < 0 or i + 1 == n:  # a lone '%' at the end stays, as glibc leaves it
            parts.append(fmt[pos:])
            break
        parts.append(fmt[pos:i])
        d = fmt[i + 1]
        pos = i + 2
        if d not in DIRECTIVES:
            raise ValueError(f"strftime directive '%{d}' is not available in a compiled filter")
        parts.append(_directive(d, year, month, day, hour, minute, second, fields[6], offset, name))
    return "".join(parts)


def _directive(d: str, year: int, month: int, day: int, hour: int, minute: int, second: int,
               microsecond: int, offset: str, name: str) -> str:
    if d == "Y":
        return str(year)
    if d == "y":
        return two(year % 100)
    if d == "m":
        return two(month)
    if d == "d":
        return two(day)
    if d == "e":
        return str(day).rjust(2)
    if d == "H":
        return two(hour)
    if d == "k":
        return str(hour).rjust(2)
    if d == "I" or d == "l":
        twelve = hour % 12 if hour % 12 else 12
        return two(twelve) if d == "I" else str(twelve).rjust(2)
    if d == "M":
        return two(minute)
    if d == "S":
        return two(second)
    if d == "f":
        return str(microsecond).rjust(6, "0")
    if d == "p":
        return "AM" if hour < 12 else "PM"
    weekday = (ymd_to_ord(year, month, day) + 6) % 7  # Monday is 0
    if d == "a" or d == "A":
        return DAY_NAMES[weekday][:3] if d == "a" else DAY_NAMES[weekday]
    if d == "b" or d == "h" or d == "B":
        return MONTH_NAMES[month] if d == "B" else MONTH_NAMES[month][:3]
    if d == "j":
        return str(ymd_to_ord(year, month, day) - ymd_to_ord(year, 1, 1) + 1).rjust(3, "0")
    if d == "u":
        return str(weekday + 1)
    if d == "w":
        return str((weekday + 1) % 7)
    if d == "z":
        return offset
    if d == "Z":
        return name
    if d == "n":
        return "\n"
    if d == "t":
        return "\t"
    if d == "%":
        return "%"
    return _composite(d, year, month, day, hour, minute, second, weekday)


def _composite(d: str, year: int, month: int, day: int, hour: int, minute: int, second: int, weekday: int) -> str:
    clock = two(hour) + ":" + two(minute)
    if d == "R":
        return clock
    if d == "T" or d == "X":
        return clock + ":" + two(second)
    if d == "D" or d == "x":
        return two(month) + "/" + two(day) + "/" + two(year % 100)
    if d == "F":
        return str(year) + "-" + two(month) + "-" + two(day)
    # %c
    return (DAY_NAMES[weekday][:3] + " " + MONTH_NAMES[month][:3] + " " + str(day).rjust(2) + " " + clock + ":"
            + two(second) + " " + str(year))
