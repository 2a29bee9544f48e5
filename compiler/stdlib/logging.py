"""logging for compiled filters: loggers with CPython's names, levels and level checks, whose
records go to the host's log (proxy_log) as ``name: message`` at the matching proxy-wasm level.
%-style arguments are formatted at compile time (compiler/frontend/stdlib_logging.py turns
``log.info("took %d ms", ms)`` into ``log.info(f"took {ms:d} ms")``). See docs/stdlib.md."""
from abi.host import log as proxy_log

CRITICAL = 50
FATAL = 50
ERROR = 40
WARNING = 30
WARN = 30
INFO = 20
DEBUG = 10
NOTSET = 0


class Logger:
    def __init__(self, name: str, level: int) -> None:
        self.name = name
        self.level = level

    def setLevel(self, level: int) -> None:
        self.level = level

    def getEffectiveLevel(self) -> int:
        """The level of the logger or of its nearest ancestor ("a" for "a.b") that has one, as
        CPython's hierarchy (which re-parents a logger when an ancestor is created later)."""
        if self.level:
            return self.level
        name = self.name
        dot = name.rfind(".")
        while dot >= 0:
            name = name[:dot]
            ancestor = _loggers.get(name)
            if ancestor is not None and ancestor.level:
                return ancestor.level
            dot = name.rfind(".")
        return _root.level

    def isEnabledFor(self, level: int) -> bool:
        return level > 0 and level >= self.getEffectiveLevel()  # logging.disable()'s default is 0

    def debug(self, msg: str) -> None:
        self.log(DEBUG, msg)

    def info(self, msg: str) -> None:
        self.log(INFO, msg)

    def warning(self, msg: str) -> None:
        self.log(WARNING, msg)

    def error(self, msg: str) -> None:
        self.log(ERROR, msg)

    def exception(self, msg: str) -> None:
        self.log(ERROR, msg)

    def critical(self, msg: str) -> None:
        self.log(CRITICAL, msg)

    def log(self, level: int, msg: str) -> None:
        if self.isEnabledFor(level):
            proxy_log(_host_level(level), f"{self.name}: {msg}")


def _host_level(level: int) -> int:
    """proxy-wasm's levels: trace 0, debug 1, info 2, warn 3, error 4, critical 5."""
    if level < DEBUG:
        return 0
    if level >= CRITICAL:
        return 5
    return level // 10


_root = Logger("root", WARNING)
_loggers: dict[str, Logger] = {}


def getLogger(name: str | None = None) -> Logger:
    if name is None or name == "" or name == "root":
        return _root
    found = _loggers.get(name)
    if found is None:
        found = Logger(name, NOTSET)
        _loggers[name] = found
    return found


def debug(msg: str) -> None:
    _root.log(DEBUG, msg)


def info(msg: str) -> None:
    _root.log(INFO, msg)


def warning(msg: str) -> None:
    _root.log(WARNING, msg)


def error(msg: str) -> None:
    _root.log(ERROR, msg)


def exception(msg: str) -> None:
    _root.log(ERROR, msg)


def critical(msg: str) -> None:
    _root.log(CRITICAL, msg)


def log(level: int, msg: str) -> None:
    _root.log(level, msg)
