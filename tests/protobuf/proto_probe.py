"""A probe filter for the protobuf tests: the host hands it bytes through
proxy_on_foreign_function, it answers in shared data under "out".

function 1: decode a RateLimitResponse -> a canonical text (or "malformed")
function 2: encode a RateLimitRequest from NUL-separated fields
            domain, key, value, requests_per_unit, unit, hits_addend
function 3: walk any message generically -> "field:wire:value;..." (or "malformed")
"""
from abi.protobuf import WIRE_FIXED32, WIRE_FIXED64, WIRE_LEN, WIRE_VARINT, ProtoReader
from abi.rls import decode_rate_limit_response, encode_rate_limit_request
from abi.sdk import RootContext, set_root_context, set_shared_data

HEX = "0123456789abcdef"


def hex_of(data: bytes) -> str:
    return "".join([HEX[b >> 4] + HEX[b & 15] for b in data])


def describe_response(data: bytes) -> str:
    response = decode_rate_limit_response(data)
    if response is None:
        return "malformed"
    parts = [f"code={response.overall_code}"]
    for status in response.statuses:
        parts.append(f"status={status.code},{status.requests_per_unit},{status.unit},"
                     f"{status.limit_remaining},{status.reset_seconds},{status.reset_nanos}")
    for key, value in response.response_headers_to_add:
        parts.append(f"response_header={hex_of(key)}:{hex_of(value)}")
    for key, value in response.request_headers_to_add:
        parts.append(f"request_header={hex_of(key)}:{hex_of(value)}")
    return " ".join(parts)


def encode_request(arguments: bytes) -> bytes:
    fields = arguments.decode().split("\x00")
    return encode_rate_limit_request(fields[0], [(fields[1], fields[2])], int(fields[3]), int(fields[4]),
                                     int(fields[5]))


def walk(data: bytes) -> str:
    reader = ProtoReader(data, 0, len(data))
    parts: list[str] = []
    while reader.next_field():
        wire = reader.wire_type
        if wire == WIRE_VARINT:
            value = str(reader.read_varint())
        elif wire == WIRE_FIXED64:
            value = str(reader.read_fixed(8))
        elif wire == WIRE_FIXED32:
            value = str(reader.read_fixed(4))
        elif wire == WIRE_LEN:
            value = hex_of(reader.read_bytes())
        else:
            reader.skip_group(reader.field)
            value = "group"
        parts.append(f"{reader.field}:{wire}:{value}")
    if reader.error:
        return "malformed"
    return ";".join(parts)


class Probe(RootContext):
    def on_foreign_function(self, function_id: int, arguments: bytes) -> None:
        if function_id == 1:
            set_shared_data("out", describe_response(arguments).encode())
        elif function_id == 2:
            set_shared_data("out", encode_request(arguments))
        elif function_id == 3:
            set_shared_data("out", walk(arguments).encode())


set_root_context(Probe())
