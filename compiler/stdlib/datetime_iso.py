"""fromisoformat's parsing, as CPython 3.11's C code does it (Modules/_datetimemodule.c): on the
UTF-8 bytes of the str, reading a NUL past the end as C reads its terminator. The results are
plain ints; compiler/stdlib/datetime.py builds the objects, so its constructors raise the range
errors (``month must be in 1..12``) exactly where CPython's do."""
from compiler.stdlib.datetime_calendar import iso_to_ymd

CORRECTION = [100000, 10000, 1000, 100, 10]


def at(data: bytes, i: int) -> int:
    return data[i] if i < len(data) else 0


def digits(data: bytes, pos: int, count: int) -> tuple[int, int]:
    """(value, position after) of ``count`` ASCII digits at ``pos``; position -1 if one is not."""
    value = 0
    for i in range(pos, pos + count):
        c = at(data, i) - 48
        if c < 0 or c > 9:
            return 0, -1
        value = value * 10 + c
    return value, pos + count


def separator_position(data: bytes) -> int:
    n = len(data)
    if n == 7:
        return 7
    if data[4] == 45:  # '-'
        if data[5] != 87:  # 'W': YYYY-MM-DD
            return 10
        if n < 8:
            return -1
        if n > 8 and data[8] == 45:
            if n == 9:
                return -1
            if n > 10 and 48 <= data[10] <= 57:
                return 8
            return 10
        return 8
    if data[4] != 87:
        return 8  # YYYYMMDD
    idx = 7
    while idx < n and 48 <= data[idx] <= 57:
        idx += 1
    if idx < 9:
        return idx
    return 7 if idx % 2 == 0 else 8


def parse_date(data: bytes, length: int) -> list[int] | None:
    """[year, month, day] of the date part (``length`` bytes), or None where CPython's fails."""
    year, p = digits(data, 0, 4)
    if p < 0:
        return None
    dashes = at(data, p) == 45
    if dashes:
        p += 1
    if at(data, p) == 87:  # 'W': an ISO week date
        week, p = digits(data, p + 1, 2)
        if p < 0:
            return None
        day = 1
        if p < length:
            if dashes:
                if at(data, p) != 45:
                    return None
                p += 1
            day, p = digits(data, p, 1)
            if p < 0:
                return None
        ymd = iso_to_ymd(year, week, day)
        if ymd is None:
            return None
        return [ymd[0], ymd[1], ymd[2]]
    month, p = digits(data, p, 2)
    if p < 0:
        return None
    if dashes:
        if at(data, p) != 45:
            return None
        p += 1
    day, p = digits(data, p, 2)
    if p < 0:
        return None
    return [year, month, day]


def parse_time_part(data: bytes, start: int, end: int) -> list[int]:
    """CPython's parse_hh_mm_ss_ff on data[start:end]: [status, hour, minute, second, microsecond],
    status 0 (done), 1 (more follows) or negative (malformed)."""
    values = [0, 0, 0, 0]
    p = start
    separated = True
    for i in range(3):
        values[i], p = digits(data, p, 2)
        if p < 0:
            return [-3, 0, 0, 0, 0]
        c = at(data, p)
        p += 1
        if i == 0:
            separated = c == 58  # ':'
        if p >= end:
            return [1 if c != 0 else 0, values[0], values[1], values[2], 0]
        if separated and c == 58:
            continue
        if c == 46 or c == 44:  # '.' or ','
            break
        if not separated:
            p -= 1
        else:
            return [-4, 0, 0, 0, 0]
    count = min(end - p, 6)
    micro, after = digits(data, p, count)
    if after < 0:
        return [-3, 0, 0, 0, 0]
    if count < 6:
        micro *= CORRECTION[count - 1]
    while 48 <= at(data, after) <= 57:
        after += 1
    return [1 if at(data, after) != 0 else 0, values[0], values[1], values[2], micro]


def parse_time(data: bytes, start: int) -> list[int]:
    """[status, hour, minute, second, microsecond, offset seconds, offset microseconds] of the time
    after the separator: status 0 (no offset), 1 (an offset), negative (malformed)."""
    end = len(data)
    tz = start
    while True:
        c = at(data, tz)
        if c == 90 or c == 43 or c == 45:  # 'Z' '+' '-'
            break
        tz += 1
        if tz >= end:
            break
    t = parse_time_part(data, start, tz)
    if t[0] < 0:
        return [t[0], 0, 0, 0, 0, 0, 0]
    if tz == end:
        return [-5 if t[0] == 1 else 0, t[1], t[2], t[3], t[4], 0, 0]
    if at(data, tz) == 90:
        return [-5 if at(data, tz + 1) != 0 else 1, t[1], t[2], t[3], t[4], 0, 0]
    sign = -1 if at(data, tz) == 45 else 1
    z = parse_time_part(data, tz + 1, end)
    offset = sign * (z[1] * 3600 + z[2] * 60 + z[3])
    return [-5 if z[0] != 0 else 1, t[1], t[2], t[3], t[4], offset, sign * z[4]]


def parse_datetime(text: str) -> list[int] | None:
    """[y, m, d, H, M, S, us, has offset, offset seconds, offset us], or None: CPython's
    'Invalid isoformat string'."""
    data = text.encode()
    if len(text) < 7:
        return None
    sep = separator_position(data)
    if sep < 0:
        return None  # 'YYYY-Www-' (9 bytes): C parses the day from the NUL after it, and fails
    date = parse_date(data, sep)
    if date is None:
        return None
    if len(data) <= sep:
        return date + [0, 0, 0, 0, 0, 0, 0]
    lead = data[sep]
    width = 1 if lead < 0x80 else 3 if lead & 0xF0 == 0xE0 else 4 if lead & 0xF0 == 0xF0 else 2
    t = parse_time(data, sep + width)
    if t[0] < 0:
        return None
    return date + [t[1], t[2], t[3], t[4], t[0], t[5], t[6]]


def parse_date_only(text: str) -> list[int] | None:
    data = text.encode()
    if len(data) not in (7, 8, 10):
        return None
    return parse_date(data, len(data))
