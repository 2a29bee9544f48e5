"""Reads fields of the JSON document in the x-doc header into typed variables, fields and
parameters, and forwards what it read as x-read.

Where an Any meets a declared type the compiled module checks it (TypeError if it does not fit);
the CPython runner must raise at the same places (abi/emulator/runners/any_checks.py), not carry
on with a value of another type."""
from json import loads
from typing import Any

from abi.enums import ACTION_CONTINUE
from abi.sdk import HttpContext, RootContext, get_request_header, set_request_header, set_root_context


class Limits:
    def __init__(self, burst: int, name: str | None) -> None:
        self.burst = burst
        self.name = name


def doubled(n: int) -> int:
    return n * 2


def label(doc: dict[str, Any]) -> str:
    return doc["label"]


def read(doc: dict[str, Any]) -> str:
    burst: int = doc["burst"]
    limits = Limits(burst, doc.get("name"))
    value = doc.get("n")
    if isinstance(value, int):
        counted = value + 1  # a bool passes isinstance(x, int), but is no int where one is declared
    else:
        counted = -1
    return f"{doubled(limits.burst)} {limits.name or '-'} {counted} {label(doc)}"


class Reading(HttpContext):
    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        text = get_request_header("x-doc")
        if text is None:
            return ACTION_CONTINUE
        doc: Any = loads(text)
        if not isinstance(doc, dict):
            return ACTION_CONTINUE
        try:
            set_request_header("x-read", read(doc))
        except TypeError as e:
            set_request_header("x-read", f"TypeError: {e}")
        if get_request_header("x-strict") is not None:
            set_request_header("x-label", label(doc))  # uncaught: the VM stops
        return ACTION_CONTINUE


class Root(RootContext):
    def new_http_context(self, context_id: int) -> HttpContext:
        return Reading(context_id, self.context_id)


set_root_context(Root())
