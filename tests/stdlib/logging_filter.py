"""A filter logging through ``logging`` (test_logging.py reads the host's log lines and levels,
and runs the same calls under CPython's logging to compare the messages and which are emitted)."""
import logging
from logging import getLogger

from abi.enums import ACTION_CONTINUE
from abi.sdk import HttpContext, RootContext, set_root_context

log = logging.getLogger("filter.auth")
parent = getLogger("filter")


def passed(logger: logging.Logger, n: int) -> None:
    logger.warning("passed %d", n)


def emit(n: int, name: str, ratio: float) -> None:
    logging.getLogger("filter.auth").info("chained %d", n)
    passed(parent, n)
    log.debug("debug %d", n)
    log.info("info %s took %5d ms (%.2f%%)", name, n, ratio)
    log.warning("warning %-6s|%+d|%x|%X|%o|%05d|% d|%f", name, n, n, n, n, n, n, ratio)
    log.error("error without arguments 100%")
    log.critical("critical %.3s", name)
    log.log(15, "custom level %i", n)
    log.exception("exception %s", n > 0)
    logging.warning("root %s", name)
    logging.info("root info")
    logging.error("root error %d", n)


class Logged(HttpContext):
    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        emit(-42, "alice", 0.125)
        parent.setLevel(logging.DEBUG)
        emit(7, "bob", 2.675)
        log.setLevel(logging.ERROR)
        emit(1, "carol", 1.0)
        logging.getLogger().setLevel(logging.CRITICAL)
        emit(2, "dave", 0.0)
        parent.setLevel(logging.NOTSET)
        log.setLevel(logging.NOTSET)
        logging.getLogger("root").setLevel(5)
        emit(3, "eve", -1.5)
        levels = f"{log.getEffectiveLevel()} {parent.isEnabledFor(4)} {log.isEnabledFor(0)}"
        logging.critical("levels %s", levels)
        return ACTION_CONTINUE


class Root(RootContext):
    def new_http_context(self, context_id: int) -> HttpContext:
        return Logged(context_id, self.context_id)


set_root_context(Root())
