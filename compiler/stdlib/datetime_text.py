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
    c = ord(d)  # ints compare in a few instructions, one-character str in a runtime call
    if c == 89:  # %Y
        return str(year)
    if c == 121:  # %y
        return two(year % 100)
    if c == 109:  # %m
        return two(month)
    if c == 100:  # %d
        return two(day)
    if c == 101:  # %e
        return str(day).rjust(2)
    if c == 72:  # %H
        return two(hour)
    if c == 107:  # %k
        return str(hour).rjust(2)
    if c == 73 or c == 108:  # %I %l
        twelve = hour % 12 if hour % 12 else 12
        return two(twelve) if c == 73 else str(twelve).rjust(2)
    if c == 77:  # %M
        return two(minute)
    if c == 83:  # %S
        return two(second)
    if c == 102:  # %f
        return str(microsecond).rjust(6, "0")
    if c == 112:  # %p
        return "AM" if hour < 12 else "PM"
    weekday = (ymd_to_ord(year, month, day) + 6) % 7  # Monday is 0
    if c == 97 or c == 65:  # %a %A
        return DAY_NAMES[weekday][:3] if c == 97 else DAY_NAMES[weekday]
    if c == 98 or c == 104 or c == 66:  # %b %h %B
        return MONTH_NAMES[month] if c == 66 else MONTH_NAMES[month][:3]
    if c == 106:  # %j
        return str(ymd_to_ord(year, month, day) - ymd_to_ord(year, 1, 1) + 1).rjust(3, "0")
    if c == 117:  # %u
        return str(weekday + 1)
    if c == 119:  # %w
        return str((weekday + 1) % 7)
    if c == 122:  # %z
        return offset
    if c == 90:  # %Z
        return name
    if c == 110:  # %n
        return "\n"
    if c == 116:  # %t
        return "\t"
    if c == 37:  # %%
        return "%"
    return _composite(d, year, month, day, hour, minute, second, weekday)


def _composite(d: str, year: int, month: int, day: int, hour: int, minute: int, second: int, weekday: int) -> str:
    c = ord(d)
    clock = two(hour) + ":" + two(minute)
    if c == 82:  # %R
        return clock
    if c == 84 or c == 88:  # %T %X
        return clock + ":" + two(second)
    if c == 68 or c == 120:  # %D %x
        return two(month) + "/" + two(day) + "/" + two(year % 100)
    if c == 70:  # %F
        return str(year) + "-" + two(month) + "-" + two(day)
    # %c
    return (DAY_NAMES[weekday][:3] + " " + MONTH_NAMES[month][:3] + " " + str(day).rjust(2) + " " + clock + ":"
            + two(second) + " " + str(year))
