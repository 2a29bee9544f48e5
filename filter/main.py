"""Per-client-IP rate limiter for Envoy.

Configuration (plugin configuration, JSON): ``{"ttlSecond": 60, "burst": 3}``
lets each client make ``burst`` requests per ``ttlSecond`` window, the window
starting at that client's first request; further requests get 429 with
``retry-after`` until it ends. Optional keys (all in filter/config.py and the
README): ``xffTrustedHops``, ``allowlist``, ``rejectStatus``, ``rejectBody``,
``rateLimitHeaders``, ``shadowMode``, ``maxClients``, ``failureMode``, ``global``.

Counts live in shared data (filter/limiter.py), so every Envoy worker sees the
same numbers. With ``global``, Envoy's rate-limit service keeps one count for
every Envoy (filter/global_limit.py), and clients it said OVER_LIMIT for are
answered locally until their window resets (filter/overlimit.py). Metrics:
``ip_rate_limit.{allowed,limited,shadow_limited,allowlisted,evicted,errors,
failure_open,failure_closed}`` and the histogram ``ip_rate_limit.global_calls``
(the service's answer time, ms); Envoy lists them under ``wasmcustom.``.
"""
from abi.enums import ACTION_CONTINUE, ACTION_PAUSE
from abi.sdk import (Counter, Histogram, HttpContext, RootContext, add_response_header,
                     get_current_time_nanoseconds, get_downstream_address_bytes, get_request_headers,
                     get_shared_data, log_error, log_info, log_warn, resume_http_request, send_http_response,
                     set_request_header, set_root_context, set_shared_data)
from addresses import forwarded_client, format_ip, parse_address
from config import Config, read_config
from global_limit import ANSWER_FAILED, ANSWER_OVER_LIMIT, ask, read_answer
from limiter import CREATE_ONLY, ENTRIES_PER_SLOT, Decision, Limiter, read_u32
from overlimit import OverLimitCache

LOG_PREFIX = "ip-rate-limit: "
SEED_KEY = "ip-rate-limit:seed"
NO_HEADERS: list[tuple[str, str]] = []


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
        self.failure_open = Counter("ip_rate_limit.failure_open")
        self.failure_closed = Counter("ip_rate_limit.failure_closed")
        self.global_calls = Histogram("ip_rate_limit.global_calls")


class RateLimiter(RootContext):
    def __init__(self) -> None:
        super().__init__()
        self.config = Config()
        self.limiter = Limiter("", 1, 1, 1, 0)
        self.over_limit = OverLimitCache("", 1, 0)
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
        seed = shared_seed()
        self.limiter = Limiter(prefix, slots, config.ttl_seconds * 1000, config.burst, seed)
        limit = config.global_limit
        if limit is None:
            log_info(f"{LOG_PREFIX}{config.burst} requests per {config.ttl_seconds}s per client")
            return True
        self.over_limit = OverLimitCache(
            f"ip-rate-limit:over:{limit.domain}:{config.ttl_seconds}:{config.burst}:{slots}:", slots, seed)
        log_info(f"{LOG_PREFIX}{config.burst} requests per {config.ttl_seconds}s per client, counted by "
                 f"the rate-limit service on cluster '{limit.cluster}' (domain '{limit.domain}')")
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
    return read_u32(value, 0)


class LimitedRequest(HttpContext):
    def __init__(self, context_id: int, root: RateLimiter) -> None:
        super().__init__(context_id, root.context_id)
        self.root = root
        # replaced, never appended to: one shared empty list
        self.response_headers: list[tuple[str, str]] = NO_HEADERS
        self.ip = b""
        self.asked_ms = 0  # when the rate-limit service was asked

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
        if config.global_limit is not None:
            return self.ask_globally(ip, now)
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
        return self.limit(ip, seconds_until(decision.window_end_ms, now), NO_HEADERS)

    def limit(self, ip: bytes, retry_after: int, extra_headers: list[tuple[str, str]]) -> int:
        """Reject (or, in shadow mode, only count and log) a client over its limit."""
        config = self.root.config
        if config.shadow_mode:
            self.root.metrics.shadow_limited.increment()
            log_info(f"{LOG_PREFIX}shadow mode: would limit {format_ip(ip)}")
            return ACTION_CONTINUE
        self.root.metrics.limited.increment()
        headers = [("retry-after", str(retry_after))]
        for header in extra_headers:  # appended, not concatenated: no list copies when both are empty
            headers.append(header)
        for header in self.response_headers:
            headers.append(header)
        # Envoy runs the local reply through on_response_headers too: do not add them twice
        self.response_headers = NO_HEADERS
        send_http_response(config.reject_status, headers, config.reject_body, "ip_rate_limited")
        return ACTION_PAUSE

    def ask_globally(self, ip: bytes, now: int) -> int:
        """Global mode: answer from the over-limit cache, else ask the service and wait."""
        root = self.root
        config = root.config
        until = root.over_limit.limited_until(ip, now)
        if until > 0:
            if config.rate_limit_headers:
                self.response_headers = headers_of(config.burst, 0, seconds_until(until, now))
            return self.limit(ip, seconds_until(until, now), NO_HEADERS)
        limit = config.global_limit
        if limit is None or ask(limit, ip, config.burst, config.ttl_seconds) is None:
            cluster = limit.cluster if limit is not None else ""
            return self.global_failure(f"cannot call the rate-limit service on cluster '{cluster}'", False)
        self.ip = ip
        self.asked_ms = now
        return ACTION_PAUSE

    def on_grpc_call_response(self, token: int, status: int, message_size: int) -> None:
        root = self.root
        config = root.config
        now = now_ms()
        root.metrics.global_calls.record(now - self.asked_ms)
        answer = read_answer(status, config.burst, config.ttl_seconds, now)
        if answer.kind == ANSWER_FAILED:
            self.global_failure(answer.reason, True)
            return
        retry_after = seconds_until(now + answer.reset_ms, now)
        if config.rate_limit_headers:
            self.response_headers = headers_of(answer.limit, answer.remaining, retry_after)
        if answer.kind == ANSWER_OVER_LIMIT:
            root.over_limit.remember(self.ip, now + answer.reset_ms)
            if self.limit(self.ip, retry_after, answer.response_headers) == ACTION_CONTINUE:
                resume_http_request()  # shadow mode
            return
        for name, value in answer.request_headers:
            set_request_header(name, value)
        root.metrics.allowed.increment()
        resume_http_request()

    def global_failure(self, reason: str, paused: bool) -> int:
        """No usable answer from the service: the global block's failureMode decides."""
        metrics = self.root.metrics
        metrics.errors.increment()
        limit = self.root.config.global_limit
        if limit is None or limit.fail_open:
            metrics.failure_open.increment()
            log_warn(f"{LOG_PREFIX}{reason}; failing open")
            if paused:
                resume_http_request()
            return ACTION_CONTINUE
        metrics.failure_closed.increment()
        log_warn(f"{LOG_PREFIX}{reason}; failing closed")
        send_http_response(503, [], b"rate limiter unavailable\n", "ip_rate_limit_failed")
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
        address = get_downstream_address_bytes()
        if address is None:
            return None
        return parse_address(address)

    def rate_limit_headers(self, decision: Decision, now: int) -> list[tuple[str, str]]:
        burst = self.root.config.burst
        return headers_of(burst, max(burst - decision.count, 0), seconds_until(decision.window_end_ms, now))

    def on_failure(self, error: str) -> int:
        self.root.metrics.errors.increment()
        if self.root.config.fail_open:
            log_warn(f"{LOG_PREFIX}{error}; failing open")
            return ACTION_CONTINUE
        log_warn(f"{LOG_PREFIX}{error}; failing closed")
        send_http_response(503, [], b"rate limiter unavailable\n", "ip_rate_limit_failed")
        return ACTION_PAUSE


def headers_of(limit: int, remaining: int, reset_seconds: int) -> list[tuple[str, str]]:
    return [("x-ratelimit-limit", str(limit)), ("x-ratelimit-remaining", str(remaining)),
            ("x-ratelimit-reset", str(reset_seconds))]


def forwarded_for(headers: list[tuple[str, str]]) -> str:
    """Every x-forwarded-for line of the request, joined in order (a client may send several)."""
    lines: list[str] = []
    for name, value in headers:
        if name == "x-forwarded-for":
            lines.append(value)
    return ",".join(lines)


set_root_context(RateLimiter())
