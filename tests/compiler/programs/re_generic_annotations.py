"""``re.Pattern[str]`` and ``re.Match[str]`` annotations (a parameter, a field's list, an
Optional result) name the same classes as a bare ``re.Pattern`` / ``re.Match``."""
import re
from typing import Optional

from abi import export

AGENTS = ["curl/8.0", "Mozilla/5.0", "python-requests/2.31", "", "BadBot 1.0"]


class Blocklist:
    def __init__(self) -> None:
        self.regexes: list[re.Pattern[str]] = []

    def add(self, source: str) -> None:
        self.regexes.append(re.compile(source, re.IGNORECASE))

    def first(self, agent: str) -> Optional[re.Match[str]]:
        for pattern in self.regexes:
            found = pattern.search(agent)
            if found is not None:
                return found
        return None


def matches(pattern: re.Pattern[str], text: str) -> bool:
    return pattern.match(text) is not None


@export
def blocked(n: int) -> int:
    blocklist = Blocklist()
    blocklist.add(r"^curl/")
    blocklist.add(r"bot\b")
    found = blocklist.first(AGENTS[n % len(AGENTS)])
    return -1 if found is None else found.start() * 100 + found.end()


@export
def pattern_parameter(n: int) -> bool:
    return matches(re.compile(r"[a-z]+/\d"), AGENTS[n % len(AGENTS)])
