"""datetime's timedelta and fixed-offset timezone (compiler/stdlib/datetime.py re-exports them),
with CPython 3.11's normalisation, reprs and exceptions (its C module's)."""
from compiler.stdlib.datetime_text import offset_text
from datetime import datetime  # the tzinfo methods' argument (modules may import each other)

MAX_DAYS = 999999999


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

    def __abs__(self) -> "timedelta":
        return -self if self._days < 0 else self

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


def same_timezone(a: timezone | None, b: timezone | None) -> bool:
    """CPython's ``a is b`` of two tzinfos: its timezone(timedelta(0)) is timezone.utc, one object
    (ours are two), so every unnamed zero offset is the same one."""
    if a is b:
        return True
    if a is None or b is None:
        return False
        return False
    return a._name is None and b._name is None and not a._offset and not b._offset
