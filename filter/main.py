"""Per-client-IP rate limiter for Envoy.

Configuration (plugin configuration, JSON): ``{"ttlSecond": 60, "burst": 3}``
lets each client make ``burst`` requests per ``ttlSecond`` window, the window
starting at that client's first request; further requests get 429 with
``retry-after`` until it ends. Optional keys (all in filter/config.py and the
README): ``xffTrustedHops``, ``allowlist``, ``rejectStatus``, ``rejectBody``,
``rateLimitHeaders``, ``shadowMode``, ``maxClients``, ``failureMode``.

Counts live in shared data (filter/limiter.py), so every Envoy worker sees the
same numbers. Metrics: ``ip_rate_limit.{allowed,limited,shadow_limited,
allowlisted,evicted,errors}`` (Envoy lists them under ``wasmcustom.``).
"""
from abi.enums import ACTION_CONTINUE, ACTION_PAUSE
from abi.sdk import (Counter, HttpContext, RootContext, add_response_header, get_current_time_nanoseconds,
                     get_downstream_ip, get_request_headers, get_shared_data, log_error, log_info,
                     log_warn, send_http_response, set_root_context, set_shared_data)
from addresses import forwarded_client, format_ip, parse_ip
from config import Config, read_config
from limiter import CREATE_ONLY, ENTRIES_PER_SLOT, Decision, Limiter, read_little_endian

LOG_PREFIX = "ip-rate-limit: "
SEED_KEY = "ip-rate-limit:seed"


def now_ms() -> int:
    return get_current_time_nanoseconds() // 1000000


def seconds_until(end_ms: int, now: int) -> int:
    """Whole seconds until ``end_ms``, rounded up, at least 1."""
    return max((end_ms - now + 999) // 1000, 1)


class Metrics:
    def __init__(self) -> None:
        self.allowed = Counter("ip_rate_limit.allowed")
        self.limited = Counter("ip_rate_limit.limited")
        self.shadow_limited = Counter("ip_rate_limit.shadow_limited")
        self.allowlisted = Counter("ip_rate_limit.allowlisted")
        self.evicted = Counter("ip_rate_limit.evicted")
        self.errors = Counter("ip_rate_limit.errors")


class RateLimiter(RootContext):
    def __init__(self) -> None:
        super().__init__()
        self.config = Config()
        self.limiter = Limiter("", 1, 1, 1, 0)
        self.metrics = Metrics()

    def on_configure(self, plugin_configuration: bytes) -> bool:
        result = read_config(plugin_configuration)
        if result.error != "":
            log_error(LOG_PREFIX + result.error)
            return False
        config = result.config
        slots = (config.max_clients + ENTRIES_PER_SLOT - 1) // ENTRIES_PER_SLOT
        prefix = f"ip-rate-limit:{config.ttl_seconds}:{config.burst}:{slots}:"
        self.config = config
        self.limiter = Limiter(prefix, slots, config.ttl_seconds * 1000, config.burst, shared_seed())
        log_info(f"{LOG_PREFIX}{config.burst} requests per {config.ttl_seconds}s per client")
        return True

    def new_http_context(self, context_id: int) -> HttpContext:
        return LimitedRequest(context_id, self)


def shared_seed() -> int:
    """One hash seed for all workers: the first to configure stores it, the others read it."""
    fresh = get_current_time_nanoseconds() & 0xFFFFFFFF
    set_shared_data(SEED_KEY, bytes([(fresh >> (8 * i)) & 255 for i in range(4)]), CREATE_ONLY)
    stored = get_shared_data(SEED_KEY)
    value = stored.value
    if value is None or len(value) != 4:
        return 0
    return read_little_endian(value, 0, 4)


class LimitedRequest(HttpContext):
    def __init__(self, context_id: int, root: RateLimiter) -> None:
        super().__init__(context_id, root.context_id)
        self.root = root
        self.response_headers: list[tuple[str, str]] = []

    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        config = self.root.config
        metrics = self.root.metrics
        ip = self.client_ip(config)
        if ip is None:
            metrics.errors.increment()
            log_warn(LOG_PREFIX + "no client address; request let through")
            return ACTION_CONTINUE
        for cidr in config.allowlist:
            if cidr.contains(ip):
                metrics.allowlisted.increment()
                return ACTION_CONTINUE
        now = now_ms()
        decision = self.root.limiter.count(ip, now)
        if decision.evicted:
            metrics.evicted.increment()
        if decision.error != "":
            return self.on_failure(decision.error)
        if config.rate_limit_headers:
            self.response_headers = self.rate_limit_headers(decision, now)
        if decision.allowed:
            metrics.allowed.increment()
            return ACTION_CONTINUE
        if config.shadow_mode:
            metrics.shadow_limited.increment()
            log_info(f"{LOG_PREFIX}shadow mode: would limit {format_ip(ip)}")
            return ACTION_CONTINUE
        metrics.limited.increment()
        headers = [("retry-after", str(seconds_until(decision.window_end_ms, now)))] + self.response_headers
        # Envoy runs the local reply through on_response_headers too: do not add them twice
        self.response_headers = []
        send_http_response(config.reject_status, headers, config.reject_body, "ip_rate_limited")
        return ACTION_PAUSE

    def on_response_headers(self, num_headers: int, end_of_stream: bool) -> int:
        for name, value in self.response_headers:
            add_response_header(name, value)
        return ACTION_CONTINUE

    def client_ip(self, config: Config) -> bytes | None:
        """The x-forwarded-for entry behind the trusted proxies when configured, else (or when
        that entry is missing or malformed) Envoy's downstream address."""
        if config.xff_trusted_hops > 0:
            chain = forwarded_for(get_request_headers())
            if chain != "":
                ip = forwarded_client(chain, config.xff_trusted_hops)
                if ip is not None:
                    return ip
        address = get_downstream_ip()
        if address is None:
            return None
        return parse_ip(address)

    def rate_limit_headers(self, decision: Decision, now: int) -> list[tuple[str, str]]:
        burst = self.root.config.burst
        remaining = max(burst - decision.count, 0)
        return [("x-ratelimit-limit", str(burst)), ("x-ratelimit-remaining", str(remaining)),
                ("x-ratelimit-reset", str(seconds_until(decision.window_end_ms, now)))]

    def on_failure(self, error: str) -> int:
        self.root.metrics.errors.increment()
        if self.root.config.fail_open:
            log_warn(f"{LOG_PREFIX}{error}; failing open")
            return ACTION_CONTINUE
        log_warn(f"{LOG_PREFIX}{error}; failing closed")
        send_http_response(503, [], b"rate limiter unavailable\n", "ip_rate_limit_failed")
        return ACTION_PAUSE


def forwarded_for(headers: list[tuple[str, str]]) -> str:
    """Every x-forwarded-for line of the request, joined in order (a client may send several)."""
    lines: list[str] = []
    for name, value in headers:
        if name == "x-forwarded-for":
            lines.append(value)
    return ",".join(lines)


set_root_context(RateLimiter())
