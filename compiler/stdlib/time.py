"""time for compiled filters: the host's clock (proxy_get_current_time_nanoseconds, Envoy's
dispatcher wall clock). time()/time_ns() read it; monotonic()/monotonic_ns() read it too, never
going back within a VM (CPython's monotonic clock has no defined reference point either)."""
from abi.host import get_current_time_nanoseconds

NS = 1000000000
_monotonic_last = 0  # per VM


def time_ns() -> int:
    return get_current_time_nanoseconds()


def time() -> float:
    return _seconds(get_current_time_nanoseconds())


def monotonic_ns() -> int:
    global _monotonic_last
    now = get_current_time_nanoseconds()
    if now > _monotonic_last:
        _monotonic_last = now
    return _monotonic_last


def monotonic() -> float:
    return _seconds(monotonic_ns())


def _seconds(t: int) -> float:
    """CPython's _PyTime_AsSecondsDouble: whole seconds divided as ints, else (double)t / 1e9."""
    if t % NS == 0:
        return float(t // NS)
    return float(t) / 1e9
