"""Copies containers of the JSON document in the x-doc header into typed fields with list(),
set() and dict() (as a filter keeps its configuration), and forwards what it kept as x-read.

Each item must fit the declared type: the compiled module checks them (TypeError if one does not
fit), and the CPython runner must raise alike (abi/emulator/runners/any_checks.py)."""
from json import loads
from typing import Any

from abi.enums import ACTION_CONTINUE
from abi.sdk import HttpContext, RootContext, get_request_header, set_request_header, set_root_context


class Kept:
    def __init__(self) -> None:
        self.keys: dict[str, str] = {}
        self.public: list[str] = []
        self.ports: set[int] = set()
        self.raw: dict[str, Any] = {}


def keep(doc: Any) -> str:
    kept = Kept()
    kept.raw = dict(doc.get("raw", {}))
    kept.keys = dict(doc.get("keys", {}))
    kept.public = list(doc.get("public", []))
    kept.ports = set(doc.get("ports", []))
    keys = ",".join(f"{k}={v}" for k, v in kept.keys.items())
    return f"{keys} {kept.public} {sorted(kept.ports)} {len(kept.raw)}"


class Reading(HttpContext):
    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        text = get_request_header("x-doc")
        if text is None:
            return ACTION_CONTINUE
        try:
            set_request_header("x-read", keep(loads(text)))
        except (TypeError, ValueError) as e:
            set_request_header("x-read", f"{type(e).__name__}: {e}")
        return ACTION_CONTINUE


class Root(RootContext):
    def new_http_context(self, context_id: int) -> HttpContext:
        return Reading(context_id, self.context_id)


set_root_context(Root())
