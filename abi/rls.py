"""Envoy's rate-limit service messages (envoy.service.ratelimit.v3), on abi.protobuf.

``encode_rate_limit_request`` builds a ``ShouldRateLimit`` request with one
descriptor and a limit override; ``decode_rate_limit_response`` reads the
answer, or returns None for bytes that are not a well-formed
``RateLimitResponse``. Fields this module does not model (``raw_body``,
``dynamic_metadata``, ``quota``, a limit's ``name``) are skipped. A singular
message field given twice is merged, and a scalar given twice keeps the last
value, as protobuf does.
"""
from abi.protobuf import ProtoReader, ProtoWriter, WIRE_LEN, WIRE_VARINT, as_int32, as_uint32

RLS_SERVICE = "envoy.service.ratelimit.v3.RateLimitService"
RLS_METHOD = "ShouldRateLimit"

CODE_UNKNOWN = 0
CODE_OK = 1
CODE_OVER_LIMIT = 2

UNIT_UNKNOWN = 0
UNIT_SECOND = 1
UNIT_MINUTE = 2
UNIT_HOUR = 3
UNIT_DAY = 4


def encode_rate_limit_request(domain: str, entries: list[tuple[str, str]], requests_per_unit: int,
                              unit: int, hits_addend: int) -> bytes:
    """RateLimitRequest{domain, descriptors: [{entries, limit: {requests_per_unit, unit}}], hits_addend}.
    ``requests_per_unit`` 0 sends no limit override."""
    descriptor = ProtoWriter()
    for key, value in entries:
        entry = ProtoWriter()
        entry.string(1, key)
        entry.string(2, value)
        descriptor.message(1, entry)
    if requests_per_unit > 0:
        limit = ProtoWriter()
        limit.varint(1, requests_per_unit)
        limit.varint(2, unit)
        descriptor.message(2, limit)
    request = ProtoWriter()
    request.string(1, domain)
    request.message(2, descriptor)
    request.varint(3, hits_addend)
    return request.finish()


class DescriptorStatus:
    def __init__(self) -> None:
        self.code = CODE_UNKNOWN
        self.requests_per_unit = 0  # of current_limit
        self.unit = UNIT_UNKNOWN
        self.limit_remaining = 0
        self.reset_seconds = 0      # duration_until_reset.seconds
        self.reset_nanos = 0


class RateLimitResponse:
    def __init__(self) -> None:
        self.overall_code = CODE_UNKNOWN
        self.statuses: list[DescriptorStatus] = []
        self.response_headers_to_add: list[tuple[bytes, bytes]] = []
        self.request_headers_to_add: list[tuple[bytes, bytes]] = []


def decode_rate_limit_response(data: bytes) -> RateLimitResponse | None:
    """The response in ``data``, or None when it is malformed."""
    response = RateLimitResponse()
    reader = ProtoReader(data, 0, len(data))
    while reader.next_field():
        field = reader.field
        if field == 1 and reader.wire_type == WIRE_VARINT:
            response.overall_code = as_int32(reader.read_varint())
        elif field == 2 and reader.wire_type == WIRE_LEN:
            status = DescriptorStatus()
            merge_descriptor_status(status, reader.sub_reader(), reader)
            response.statuses.append(status)
        elif field == 3 and reader.wire_type == WIRE_LEN:
            response.response_headers_to_add.append(read_header_value(reader.sub_reader(), reader))
        elif field == 4 and reader.wire_type == WIRE_LEN:
            response.request_headers_to_add.append(read_header_value(reader.sub_reader(), reader))
        else:
            reader.skip()
    if reader.error:
        return None
    return response


def merge_descriptor_status(status: DescriptorStatus, inner: ProtoReader, outer: ProtoReader) -> None:
    """DescriptorStatus{code 1, current_limit 2, limit_remaining 3, duration_until_reset 4}."""
    while inner.next_field():
        field = inner.field
        if field == 1 and inner.wire_type == WIRE_VARINT:
            status.code = as_int32(inner.read_varint())
        elif field == 2 and inner.wire_type == WIRE_LEN:
            merge_rate_limit(status, inner.sub_reader(), inner)
        elif field == 3 and inner.wire_type == WIRE_VARINT:
            status.limit_remaining = as_uint32(inner.read_varint())
        elif field == 4 and inner.wire_type == WIRE_LEN:
            merge_duration(status, inner.sub_reader(), inner)
        else:
            inner.skip()
    if inner.error:
        outer.fail()


def merge_rate_limit(status: DescriptorStatus, inner: ProtoReader, outer: ProtoReader) -> None:
    """RateLimit{requests_per_unit 1, unit 2, name 3}."""
    while inner.next_field():
        field = inner.field
        if field == 1 and inner.wire_type == WIRE_VARINT:
            status.requests_per_unit = as_uint32(inner.read_varint())
        elif field == 2 and inner.wire_type == WIRE_VARINT:
            status.unit = as_int32(inner.read_varint())
        elif field == 3 and inner.wire_type == WIRE_LEN:
            inner.read_string()
        else:
            inner.skip()
    if inner.error:
        outer.fail()


def merge_duration(status: DescriptorStatus, inner: ProtoReader, outer: ProtoReader) -> None:
    """google.protobuf.Duration{seconds 1 (int64), nanos 2 (int32)}."""
    while inner.next_field():
        field = inner.field
        if field == 1 and inner.wire_type == WIRE_VARINT:
            status.reset_seconds = inner.read_varint()
        elif field == 2 and inner.wire_type == WIRE_VARINT:
            status.reset_nanos = as_int32(inner.read_varint())
        else:
            inner.skip()
    if inner.error:
        outer.fail()


def read_header_value(inner: ProtoReader, outer: ProtoReader) -> tuple[bytes, bytes]:
    """config.core.v3.HeaderValue{key 1, value 2, raw_value 3}: raw_value wins when set."""
    key = b""
    value = b""
    raw_value = b""
    while inner.next_field():
        field = inner.field
        if field == 1 and inner.wire_type == WIRE_LEN:
            key = inner.read_string()
        elif field == 2 and inner.wire_type == WIRE_LEN:
            value = inner.read_string()
        elif field == 3 and inner.wire_type == WIRE_LEN:
            raw_value = inner.read_bytes()
        else:
            inner.skip()
    if inner.error:
        outer.fail()
    if len(raw_value) > 0:
        return key, raw_value
    return key, value
