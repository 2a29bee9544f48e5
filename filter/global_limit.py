"""Global mode: one count for every Envoy, kept by Envoy's rate-limit service.

Each request not answered from the over-limit cache (filter/overlimit.py) asks the service
``ShouldRateLimit`` with the configured domain and one descriptor
``[("remote_address", <client ip>)]`` carrying a limit override of ``burst`` requests per
unit, the unit being the window (``ttlSecond`` 1, 60, 3600, 86400: SECOND, MINUTE, HOUR,
DAY). ``read_answer`` turns what came back into an ``Answer``: OK, OVER_LIMIT, or a failure
(an error status, a timeout, a malformed or unexpected answer) with its reason.
"""
from abi.rls import (CODE_OK, CODE_OVER_LIMIT, RLS_METHOD, RLS_SERVICE, UNIT_DAY, UNIT_HOUR, UNIT_MINUTE,
                     UNIT_SECOND, decode_rate_limit_response, encode_rate_limit_request)
from abi.sdk import dispatch_grpc_call, get_grpc_message, get_grpc_status, wire_to_text
from addresses import format_ip
from config import GlobalConfig

ANSWER_OK = 0
ANSWER_OVER_LIMIT = 1
ANSWER_FAILED = 2
DESCRIPTOR_KEY = "remote_address"


def unit_of(ttl_seconds: int) -> int:
    if ttl_seconds == 1:
        return UNIT_SECOND
    if ttl_seconds == 60:
        return UNIT_MINUTE
    if ttl_seconds == 3600:
        return UNIT_HOUR
    return UNIT_DAY


class Answer:
    def __init__(self, kind: int) -> None:
        self.kind = kind
        self.reason = ""             # why it failed
        self.limit = 0               # the descriptor's limit, remaining and reset, for the
        self.remaining = 0           # x-ratelimit-* headers and the over-limit cache
        self.reset_ms = 0
        self.response_headers: list[tuple[str, str]] = []
        self.request_headers: list[tuple[str, str]] = []


def failed(reason: str) -> Answer:
    answer = Answer(ANSWER_FAILED)
    answer.reason = reason
    return answer


def ask(limit: GlobalConfig, ip: bytes, burst: int, ttl_seconds: int) -> int | None:
    """Send the ShouldRateLimit call; the token, or None when Envoy refused it (no such cluster)."""
    message = encode_rate_limit_request(limit.domain, [(DESCRIPTOR_KEY, format_ip(ip))], burst,
                                        unit_of(ttl_seconds), 0)
    return dispatch_grpc_call(limit.cluster, RLS_SERVICE, RLS_METHOD, [], message, limit.timeout_ms)


def read_answer(status: int, burst: int, ttl_seconds: int, now_ms: int) -> Answer:
    """The service's answer to our call, in on_grpc_call_response."""
    if status != 0:
        code, message = get_grpc_status()
        return failed(f"the rate-limit service call failed: gRPC status {code} '{message}'")
    data = get_grpc_message()
    response = decode_rate_limit_response(data if data is not None else b"")
    if response is None:
        return failed("the rate-limit service sent a malformed answer")
    if response.overall_code != CODE_OK and response.overall_code != CODE_OVER_LIMIT:
        return failed(f"the rate-limit service answered code {response.overall_code}")
    answer = Answer(ANSWER_OK if response.overall_code == CODE_OK else ANSWER_OVER_LIMIT)
    answer.limit = burst
    window_ms = ttl_seconds * 1000
    answer.reset_ms = window_ms - now_ms % window_ms  # the calendar window's end, unless told
    if len(response.statuses) > 0:
        descriptor = response.statuses[0]
        if descriptor.requests_per_unit > 0:
            answer.limit = descriptor.requests_per_unit
        answer.remaining = descriptor.limit_remaining
        seconds = descriptor.reset_seconds  # any int64 from the wire: bound it before arithmetic
        if 0 <= seconds <= 86400 and 0 <= descriptor.reset_nanos < 1000000000:
            told = seconds * 1000 + descriptor.reset_nanos // 1000000
            if told > 0:
                answer.reset_ms = told
    answer.response_headers = [(wire_to_text(k), wire_to_text(v)) for k, v in response.response_headers_to_add]
    answer.request_headers = [(wire_to_text(k), wire_to_text(v)) for k, v in response.request_headers_to_add]
    return answer
