"""gRPC lookup: every request is held while a gRPC service (an Envoy cluster speaking
HTTP/2) is asked about its path with a unary call; the answer decides.

Service: ``test.lookup.Lookup/Check``, request ``{1: path (string)}``, response
``{1: allowed (bool), 2: tag (string)}``. Allowed: the request goes on with
``x-lookup-tag: <tag>``. Not allowed: 403. The call failing (no service, a gRPC error,
no answer within 2 s, or an answer that is not such a message): 503 naming the status.

Plugin configuration: the cluster name, e.g. "lookup".
"""
from abi.enums import ACTION_PAUSE
from abi.protobuf import WIRE_LEN, WIRE_VARINT, ProtoReader, ProtoWriter
from abi.sdk import (HttpContext, RootContext, dispatch_grpc_call, get_grpc_message, get_grpc_status,
                     get_request_header, log_error, log_warn, resume_http_request, send_http_response,
                     set_request_header, set_root_context)

SERVICE = "test.lookup.Lookup"
METHOD = "Check"
TIMEOUT_MS = 2000


class Verdict:
    def __init__(self) -> None:
        self.valid = True
        self.allowed = False
        self.tag = ""


def read_verdict(message: bytes) -> Verdict:
    verdict = Verdict()
    reader = ProtoReader(message, 0, len(message))
    while reader.next_field():
        if reader.field == 1 and reader.wire_type == WIRE_VARINT:
            verdict.allowed = reader.read_varint() != 0
        elif reader.field == 2 and reader.wire_type == WIRE_LEN:
            verdict.tag = reader.read_string().decode()
        else:
            reader.skip()
    verdict.valid = not reader.error
    return verdict


class Lookup(HttpContext):
    def __init__(self, context_id: int, root: "LookupPlugin") -> None:
        super().__init__(context_id, root.context_id)
        self.plugin = root

    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        request = ProtoWriter()
        path = get_request_header(":path")
        request.string(1, path if path is not None else "")
        metadata = [("x-caller", "grpc-lookup")]
        token = dispatch_grpc_call(self.plugin.cluster, SERVICE, METHOD, metadata, request.finish(), TIMEOUT_MS)
        if token is None:
            log_error(f"lookup: cannot call cluster '{self.plugin.cluster}'")
            send_http_response(503, [], b"lookup unavailable\n", "lookup_unavailable")
            return ACTION_PAUSE
        return ACTION_PAUSE

    def on_grpc_call_response(self, token: int, status: int, message_size: int) -> None:
        if status != 0:
            code, message = get_grpc_status()
            log_warn(f"lookup: gRPC status {code} '{message}'")
            send_http_response(503, [("x-lookup-status", str(status))], b"lookup failed\n", "lookup_failed")
            return
        answer = get_grpc_message()
        verdict = read_verdict(answer if answer is not None else b"")
        if not verdict.valid:
            log_warn("lookup: malformed answer")
            send_http_response(503, [("x-lookup-status", "malformed")], b"lookup failed\n", "lookup_failed")
        elif verdict.allowed:
            set_request_header("x-lookup-tag", verdict.tag)
            resume_http_request()
        else:
            send_http_response(403, [], b"denied by lookup\n", "lookup_denied")


class LookupPlugin(RootContext):
    def __init__(self) -> None:
        super().__init__()
        self.cluster = ""

    def on_configure(self, plugin_configuration: bytes) -> bool:
        self.cluster = plugin_configuration.decode().strip()
        if self.cluster == "":
            log_error("lookup: the configuration must name the gRPC cluster")
            return False
        return True

    def new_http_context(self, context_id: int) -> HttpContext:
        return Lookup(context_id, self)


set_root_context(LookupPlugin())
