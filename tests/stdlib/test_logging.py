"""logging (compiler/stdlib/logging.py) on the emulator against CPython's logging: the same
filter code (logging_filter.py) logs through loggers whose levels it changes; the lines the host
gets (``name: message``, at the proxy-wasm level of each record) are the records CPython's loggers
emit, with CPython's ``msg % args`` text. Also the compile errors for what cannot be formatted
exactly."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

from abi.emulator import Plugin
from compiler import CompileError, compile_file

sys.path.insert(0, str(Path(__file__).parents[1] / "compiler"))  # differential.py (no packages in tests/)
from differential import load_python  # noqa: E402

FILTER = Path(__file__).with_name("logging_filter.py")


def host_level(levelno: int) -> int:
    return 0 if levelno < 10 else min(levelno // 10, 5)


class Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.NOTSET)
        self.lines: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append((host_level(record.levelno), f"{record.name}: {record.getMessage()}"))


def cpython_lines() -> list[tuple[int, str]]:
    root = logging.getLogger()
    saved = root.level, list(root.handlers)
    capture = Capture()
    root.handlers[:] = [capture]
    root.setLevel(logging.WARNING)
    for name in ("filter", "filter.auth"):
        logging.getLogger(name).setLevel(logging.NOTSET)
    try:
        module = load_python(FILTER)
        module.Logged(1, 0).on_request_headers(0, True)
    finally:
        root.setLevel(saved[0])
        root.handlers[:] = saved[1]
    return capture.lines


def test_lines_and_levels_match_cpython():
    plugin = Plugin.wasm(compile_file(FILTER))
    plugin.http_request({":path": "/"})
    wasm = [(r.level, r.message) for r in plugin.log_records]
    assert wasm == cpython_lines()
    assert (2, "filter.auth: info bob took     7 ms (2.67%)") in wasm
    assert (1, "filter.auth: custom level 7") in wasm and wasm[-1] == (5, "root: levels 5 False False")


@pytest.mark.parametrize("call,message", [
    ('log.info("%r", 1)', "the conversion '%r' in a logging message is not available yet"),
    ('log.info("%(a)s", 1)', "the conversion '%(' in a logging message is not available yet"),
    ('log.info("%s %s", 1)', "not enough arguments for the logging message's format string"),
    ('logging.error("%s", 1, 2)', "not all arguments converted during the logging message's formatting"),
    ('log.warning(MSG, 1)', "a logging message with arguments must be a str constant here"),
    ('log.info("%.2d", 1)', "the conversion '%.2d' in a logging message is not available yet"),
    ('logging.getLogger(__name__).info("a")', "getLogger(__name__) is not available: a compiled filter's modules"),
    ('[log][0].info("%d", 1)', "the %-style arguments of Logger.info() are formatted when the file is compiled"),
])
def test_refused(tmp_path, call, message):
    source = tmp_path / "prog.py"
    source.write_text(f"import logging\nfrom abi import export\nlog = logging.getLogger('x')\nMSG = 'a %s'\n\n\n"
                      f"@export\ndef run() -> int:\n    {call}\n    return 0\n")
    with pytest.raises(CompileError) as raised:
        compile_file(source)
    assert "prog.py:9:" in str(raised.value) and message in str(raised.value)
