"""CPython's functools CacheInfo: what ``f.cache_info()`` of an lru_cache function returns
(frontend/function_caches.py imports it only into modules that call cache_info())."""
from typing import NamedTuple


class CacheInfo(NamedTuple):
    hits: int
    misses: int
    maxsize: int | None
    currsize: int
