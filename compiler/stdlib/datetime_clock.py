"""Timestamps as CPython's datetime reads them (_PyTime_ObjectToTimeval), and the OSError glibc's
gmtime raises beyond a C int of years."""


def timestamp_parts(timestamp: int | float) -> tuple[int, int]:
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
    us = round_half_even((t - float(whole)) * 1e6)  # the fraction is exact; times 1e6 as C's
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


def round_half_even(x: float) -> int:
    """CPython's _PyTime_RoundHalfEven of |x| < 1e6."""
    r = int(x)
    rest = x - float(r)  # exact
    if rest > 0.5 or (rest == 0.5 and r % 2 == 1):
        return r + 1
    if rest < -0.5 or (rest == -0.5 and r % 2 == 1):
        return r - 1
    return r

