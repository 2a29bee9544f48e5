"""Hashes the request's x-key header with ``h = h * 31 + ord(c)`` and forwards it as x-hash.

A long enough key leaves int64: the compiled module traps with OverflowError, and so must
the CPython runner (its int64 checks), not answer with a big int."""
from abi.enums import ACTION_CONTINUE
from abi.sdk import HttpContext, RootContext, get_request_header, set_request_header, set_root_context


class Totals:
    def __init__(self) -> None:
        self.seen = 0
        self.counts: list[int] = [0]


TOTALS = Totals()


def key_hash(key: str) -> int:
    h = 0
    for c in key:
        h = h * 31 + ord(c)
    return h


class Hashing(HttpContext):
    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        key = get_request_header("x-key")
        if key is None:
            return ACTION_CONTINUE
        step = len(key)
        TOTALS.seen += step * step * step
        TOTALS.counts[0] += step ** 9
        set_request_header("x-hash", str(key_hash(key)))
        set_request_header("x-totals", f"{TOTALS.seen} {TOTALS.counts[0]}")
        return ACTION_CONTINUE


class Root(RootContext):
    def new_http_context(self, context_id: int) -> HttpContext:
        return Hashing(context_id, self.context_id)


set_root_context(Root())
