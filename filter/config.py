"""The rate limiter's configuration: JSON in, a validated ``Config`` or one error out.

Required, as in the reference deployment: ``ttlSecond`` and ``burst``. Every
other key is optional with a safe default; unknown keys are refused (a typo
must not silently fall back to a default). ``read_config`` returns the error
as text naming the key, for the one log line Envoy shows when it refuses the
configuration.
"""
from json_reader import JSON_ARRAY, JSON_BOOL, JSON_ERROR, JSON_INT, JSON_OBJECT, JSON_STRING, JsonValue, parse_json
from addresses import Cidr, parse_cidr

KNOWN_KEYS = ["ttlSecond", "burst", "xffTrustedHops", "allowlist", "rejectStatus", "rejectBody",
              "rateLimitHeaders", "shadowMode", "maxClients", "failureMode", "global"]
GLOBAL_KEYS = ["cluster", "domain", "timeoutMs", "failureMode"]
GLOBAL_WINDOWS = [1, 60, 3600, 86400]  # the service's units: SECOND, MINUTE, HOUR, DAY
MAX_TTL_SECONDS = 86400
MAX_BURST = 1000000000
MAX_ALLOWLIST = 1024
MAX_BODY_BYTES = 4096
MIN_CLIENTS = 64
MAX_CLIENTS = 1000000
DEFAULT_MAX_CLIENTS = 65536


class GlobalConfig:
    """The ``global`` block: one count for every Envoy, kept by Envoy's rate-limit service."""

    def __init__(self) -> None:
        self.cluster = ""                  # the Envoy cluster (HTTP/2) of the service
        self.domain = "ip-rate-limit"
        self.timeout_ms = 20
        self.fail_open = True              # no usable answer in time: let the request through


class Config:
    def __init__(self) -> None:
        self.ttl_seconds = 0
        self.burst = 0
        self.xff_trusted_hops = 0          # 0: the client is Envoy's downstream address
        self.allowlist: list[Cidr] = []
        self.reject_status = 429
        self.reject_body = b"Too Many Requests\n"
        self.rate_limit_headers = False
        self.shadow_mode = False
        self.max_clients = DEFAULT_MAX_CLIENTS
        self.fail_open = True              # when shared data fails: let requests through
        self.global_limit: GlobalConfig | None = None  # set: ask the rate-limit service


class ConfigResult:
    """Either ``config`` (``error`` empty) or the reason it was refused."""

    def __init__(self, config: Config, error: str) -> None:
        self.config = config
        self.error = error


def refused(error: str) -> ConfigResult:
    return ConfigResult(Config(), error)


def read_config(data: bytes) -> ConfigResult:
    """Validate the plugin configuration bytes (a JSON object)."""
    if len(data) == 0:
        return refused("the configuration is empty; expected JSON such as {\"ttlSecond\": 60, \"burst\": 3}")
    text = decode_utf8(data)
    if text is None:
        return refused("the configuration is not UTF-8 text")
    root = parse_json(text)
    if root.kind == JSON_ERROR:
        return refused(f"the configuration is not valid JSON: {root.text}")
    if root.kind != JSON_OBJECT:
        return refused(f"the configuration must be a JSON object, not {root.kind_name()}")
    for key in root.members:
        if key not in KNOWN_KEYS:
            return refused(f"unknown key '{key}' (known keys: {', '.join(KNOWN_KEYS)})")
    config = Config()
    error = apply_numbers(config, root)
    if error == "":
        error = apply_options(config, root)
    return ConfigResult(config, error)


def decode_utf8(data: bytes) -> str | None:
    """Text of UTF-8 ``data``, or None (checked first, so decoding cannot fail)."""
    i = 0
    n = len(data)
    while i < n:
        lead = data[i]
        size = 1 if lead < 0x80 else 2 if 0xC2 <= lead and lead < 0xE0 else 3 if 0xE0 <= lead and lead < 0xF0 \
            else 4 if 0xF0 <= lead and lead < 0xF5 else 0
        if size == 0 or i + size > n:
            return None
        for k in range(1, size):
            if data[i + k] & 0xC0 != 0x80:
                return None
        if (lead == 0xE0 and data[i + 1] < 0xA0) or (lead == 0xED and data[i + 1] >= 0xA0) \
                or (lead == 0xF0 and data[i + 1] < 0x90) or (lead == 0xF4 and data[i + 1] >= 0x90):
            return None  # overlong, surrogate, or beyond U+10FFFF
        i += size
    return data.decode()


def integer(root: JsonValue, key: str, low: int, high: int, required: bool, default: int) -> tuple[int, str]:
    """The integer at ``key`` within [low, high], or an error naming the key."""
    value = root.members.get(key)
    if value is None:
        if required:
            return 0, f"'{key}' is required (a positive integer)"
        return default, ""
    if value.kind != JSON_INT:
        return 0, f"'{key}' must be an integer, not {value.kind_name()}"
    if value.integer < low or value.integer > high:
        return 0, f"'{key}' must be between {low} and {high}, not {value.integer}"
    return value.integer, ""


def boolean(root: JsonValue, key: str) -> tuple[bool, str]:
    value = root.members.get(key)
    if value is None:
        return False, ""
    if value.kind != JSON_BOOL:
        return False, f"'{key}' must be true or false, not {value.kind_name()}"
    return value.boolean, ""


def apply_numbers(config: Config, root: JsonValue) -> str:
    ttl, error = integer(root, "ttlSecond", 1, MAX_TTL_SECONDS, True, 0)
    if error != "":
        return error
    burst, error = integer(root, "burst", 1, MAX_BURST, True, 0)
    if error != "":
        return error
    hops, error = integer(root, "xffTrustedHops", 0, 16, False, 0)
    if error != "":
        return error
    status, error = integer(root, "rejectStatus", 400, 599, False, 429)
    if error != "":
        return error
    clients, error = integer(root, "maxClients", MIN_CLIENTS, MAX_CLIENTS, False, DEFAULT_MAX_CLIENTS)
    if error != "":
        return error
    config.ttl_seconds = ttl
    config.burst = burst
    config.xff_trusted_hops = hops
    config.reject_status = status
    config.max_clients = clients
    return ""


def apply_options(config: Config, root: JsonValue) -> str:
    headers, error = boolean(root, "rateLimitHeaders")
    if error != "":
        return error
    shadow, error = boolean(root, "shadowMode")
    if error != "":
        return error
    config.rate_limit_headers = headers
    config.shadow_mode = shadow
    error = apply_failure_mode(config, root)
    if error == "":
        error = apply_body(config, root)
    if error == "":
        error = apply_allowlist(config, root)
    if error == "":
        error = apply_global(config, root)
    return error


def apply_failure_mode(config: Config, root: JsonValue) -> str:
    value = root.members.get("failureMode")
    if value is None:
        return ""
    if value.kind != JSON_STRING or (value.text != "open" and value.text != "closed"):
        return "'failureMode' must be \"open\" or \"closed\""
    config.fail_open = value.text == "open"
    return ""


def apply_body(config: Config, root: JsonValue) -> str:
    value = root.members.get("rejectBody")
    if value is None:
        return ""
    if value.kind != JSON_STRING:
        return f"'rejectBody' must be a string, not {value.kind_name()}"
    body = value.text.encode()
    if len(body) > MAX_BODY_BYTES:
        return f"'rejectBody' must be at most {MAX_BODY_BYTES} bytes"
    config.reject_body = body
    return ""


def apply_allowlist(config: Config, root: JsonValue) -> str:
    value = root.members.get("allowlist")
    if value is None:
        return ""
    if value.kind != JSON_ARRAY:
        return f"'allowlist' must be a list of CIDR strings, not {value.kind_name()}"
    if len(value.items) > MAX_ALLOWLIST:
        return f"'allowlist' may hold at most {MAX_ALLOWLIST} entries"
    for i, item in enumerate(value.items):
        if item.kind != JSON_STRING:
            return f"'allowlist' entry {i} must be a string, not {item.kind_name()}"
        cidr = parse_cidr(item.text)
        if cidr is None:
            return f"'allowlist' entry {i} is not a valid CIDR: '{item.text}'"
        config.allowlist.append(cidr)
    return ""


def apply_global(config: Config, root: JsonValue) -> str:
    """The ``global`` block; its windows are the service's calendar units, so ``ttlSecond``
    must be one of them."""
    value = root.members.get("global")
    if value is None:
        return ""
    if value.kind != JSON_OBJECT:
        return f"'global' must be an object, not {value.kind_name()}"
    for key in value.members:
        if key not in GLOBAL_KEYS:
            return f"unknown key 'global.{key}' (known keys: {', '.join(GLOBAL_KEYS)})"
    if config.ttl_seconds not in GLOBAL_WINDOWS:
        return (f"'ttlSecond' must be 1, 60, 3600 or 86400 with 'global' (the rate-limit service "
                f"counts per calendar second, minute, hour or day), not {config.ttl_seconds}")
    limit = GlobalConfig()
    cluster = value.members.get("cluster")
    if cluster is None or cluster.kind != JSON_STRING or cluster.text == "":
        return "'global.cluster' is required: the Envoy cluster of the rate-limit service"
    limit.cluster = cluster.text
    domain = value.members.get("domain")
    if domain is not None:
        if domain.kind != JSON_STRING or domain.text == "":
            return "'global.domain' must be a non-empty string"
        limit.domain = domain.text
    timeout, error = integer(value, "timeoutMs", 1, 60000, False, 20)
    if error != "":
        return "'global." + error[1:]
    limit.timeout_ms = timeout
    mode = value.members.get("failureMode")
    if mode is not None:
        if mode.kind != JSON_STRING or (mode.text != "open" and mode.text != "closed"):
            return "'global.failureMode' must be \"open\" or \"closed\""
        limit.fail_open = mode.text == "open"
    config.global_limit = limit
    return ""
