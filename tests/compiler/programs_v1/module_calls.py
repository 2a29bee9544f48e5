"""Module-level calls run at start-up, in source order with the global initializers."""
from abi import export


class Handler:
    def handle(self, n: int) -> int:
        return n


class Doubler(Handler):
    def handle(self, n: int) -> int:
        return 2 * n


handler: Handler = Handler()
log: list[int] = []


def register(h: Handler) -> None:
    global handler
    handler = h
    log.append(len(log) + 1)


def note(n: int) -> int:
    log.append(n)
    return n


register(Doubler())
note(7)
after = len(log)


@export
def call_registered(n: int) -> int:
    return handler.handle(n) * 100 + after * 10 + log[-1]
