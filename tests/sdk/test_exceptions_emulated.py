"""An example filter that raises and catches (tests/sdk/filters/quota_header.py) under both
runners: the same answers, and an uncaught exception logged, then trapped, in wasm."""
import pytest

from abi.emulator import Plugin, WasmTrap
from compiler import compile_file
from test_examples_emulated import FILTERS, both, wasm_of


def test_caught_exceptions_answer_alike():
    def scenario(plugin):
        answers = []
        for cost in ("5", " 10 ", "11", "-3", "7"):
            exchange = plugin.http_request({":path": "/", "x-cost": cost})
            local = exchange.local_response
            answers.append((exchange.status, exchange.forwarded_request_headers and
                            exchange.forwarded_request_headers.get("x-cost-accepted"),
                            local and (local.body, local.headers)))
        return answers, plugin.logs("info")
    answers, logs = both(scenario, "quota_header", configuration="10")
    assert answers == [(200, "5", None), (200, "10", None),
                       (429, None, (b"cost 11 is over the limit of 10\n", {"x-over-by": "1"})),
                       (400, None, (b"bad x-cost: a cost cannot be negative\n", {})), (200, "7", None)]
    assert logs == ["quota: limit 10"]


def test_a_bad_configuration_is_caught_and_refused():
    for plugin in (Plugin.wasm(wasm_of("quota_header"), configuration="ten"),
                   Plugin.cpython(str(FILTERS / "quota_header.py"), configuration="ten")):
        assert not plugin.configured
        assert plugin.logs("info") == ["quota: the configuration must be an integer limit"]


def test_an_uncaught_exception_is_logged_then_traps():
    plugin = Plugin.wasm(wasm_of("quota_header"), configuration="10")
    with pytest.raises(WasmTrap) as trap:
        plugin.http_request({":path": "/", "x-debug-crash": "1"})
    (line,) = plugin.logs("error")
    assert line.startswith('Traceback (most recent call last): File "')
    assert line.endswith('quota_header.py", line 32, in on_request_headers: '
                         'RuntimeError: crash requested by x-debug-crash')
    assert trap.value.frames[0].endswith(".RuntimeError.uncaught")

    native = Plugin.cpython(str(FILTERS / "quota_header.py"), configuration="10")
    with pytest.raises(RuntimeError, match="^crash requested by x-debug-crash$"):
        native.http_request({":path": "/", "x-debug-crash": "1"})


DENYING_FILTER = '''from abi.sdk import HttpContext, RootContext, set_root_context


class Denied(Exception):
    def __init__(self, who: str) -> None:
        super().__init__(who)
        self.who = who

    def __str__(self) -> str:
        return f"denied: {self.who}"


class Check(HttpContext):
    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        raise Denied("bob")


class Root(RootContext):
    def new_http_context(self, context_id: int) -> HttpContext:
        return Check(context_id, self.context_id)


set_root_context(Root())
'''


def test_an_uncaught_exception_logs_its_own_str(tmp_path):
    """The log line shows str(e), which a class of the program may define, as CPython's traceback."""
    source = tmp_path / "denying.py"
    source.write_text(DENYING_FILTER)
    plugin = Plugin.wasm(compile_file(source))
    with pytest.raises(WasmTrap):
        plugin.http_request({":path": "/"})
    (line,) = plugin.logs("error")
    assert line.endswith('denying.py", line 15, in on_request_headers: Denied: denied: bob')
    native = Plugin.cpython(str(source))
    with pytest.raises(Exception, match="^denied: bob$"):
        native.http_request({":path": "/"})


CHAINING_FILTER = '''from abi.sdk import HttpContext, RootContext, get_request_header, set_root_context


class BadCost(Exception):
    pass


def cost(text: str) -> int:
    try:
        return int(text)
    except ValueError as e:
        raise BadCost("cost " + text) from e


def lookup(text: str) -> int:
    try:
        return {"a": 1}[text]
    except KeyError:
        raise BadCost("no " + text)


class Check(HttpContext):
    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        path = get_request_header(":path") or ""
        if path == "/cause":
            return cost("x")
        if path == "/none":
            try:
                cost("y")
            except BadCost:
                raise RuntimeError("quiet") from None
        return lookup("b")


class Root(RootContext):
    def new_http_context(self, context_id: int) -> HttpContext:
        return Check(context_id, self.context_id)


set_root_context(Root())
'''


def test_an_uncaught_chained_exception_logs_the_chain(tmp_path):
    """A program that chains (raise ... from) logs the chain as CPython's traceback does, flattened
    to one line: the cause first, then "The above exception was the direct cause of ..."; an
    implicit context ("During handling ...") shows too, as the program also chains."""
    source = tmp_path / "chaining.py"
    source.write_text(CHAINING_FILTER)
    wasm = compile_file(source)
    lines = {}
    for path in ("/cause", "/none", "/context"):
        plugin = Plugin.wasm(wasm)
        with pytest.raises(WasmTrap):
            plugin.http_request({":path": path})
        (lines[path],) = plugin.logs("error")
    assert lines["/cause"].startswith(
        "Traceback (most recent call last): ValueError: invalid literal for int() with base 10: 'x' "
        "The above exception was the direct cause of the following exception: "
        'Traceback (most recent call last): File "'), lines["/cause"]
    assert lines["/cause"].endswith('chaining.py", line 12, in cost: BadCost: cost x')
    assert lines["/none"].startswith('Traceback (most recent call last): File "'), lines["/none"]
    assert lines["/none"].endswith("RuntimeError: quiet") and "above" not in lines["/none"]
    assert lines["/context"].startswith(
        "Traceback (most recent call last): KeyError: 'b' "
        "During handling of the above exception, another exception occurred: "), lines["/context"]
    assert lines["/context"].endswith('chaining.py", line 19, in lookup: BadCost: no b')
