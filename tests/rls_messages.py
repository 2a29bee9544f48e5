"""Envoy's rate-limit service messages as `protobuf` classes, built from descriptors here
(no protoc): the reference our subset encoder/decoder is checked against, and what the test
rate-limit server speaks. Field numbers and types as in envoy/service/ratelimit/v3/rls.proto,
envoy/extensions/common/ratelimit/v3/ratelimit.proto and envoy/config/core/v3/base.proto; only
the fields the filter uses, plus some it must skip (raw_body, a limit's name)."""
from google.protobuf import descriptor_pb2, descriptor_pool, duration_pb2
from google.protobuf.message_factory import GetMessageClass

F = descriptor_pb2.FieldDescriptorProto
PACKAGE = "pywasm.test.rls"
SERVICE = "envoy.service.ratelimit.v3.RateLimitService"
METHOD = f"/{SERVICE}/ShouldRateLimit"


def _message(file, name, fields, nested=()):
    message = file.message_type.add(name=name)
    for number, field_name, kind, label, type_name in fields:
        field = message.field.add(name=field_name, number=number, type=kind, label=label)
        if type_name:
            field.type_name = type_name
    for inner in nested:
        message.nested_type.add().CopyFrom(inner)
    return message


def _build():
    file = descriptor_pb2.FileDescriptorProto(name="pywasm_test_rls.proto", package=PACKAGE, syntax="proto3")
    file.dependency.append("google/protobuf/duration.proto")
    opt, rep = F.LABEL_OPTIONAL, F.LABEL_REPEATED
    p = f".{PACKAGE}."
    _message(file, "Entry", [(1, "key", F.TYPE_STRING, opt, None), (2, "value", F.TYPE_STRING, opt, None)])
    _message(file, "RateLimitOverride", [(1, "requests_per_unit", F.TYPE_UINT32, opt, None),
                                         (2, "unit", F.TYPE_INT32, opt, None)])
    _message(file, "RateLimitDescriptor", [(1, "entries", F.TYPE_MESSAGE, rep, p + "Entry"),
                                           (2, "limit", F.TYPE_MESSAGE, opt, p + "RateLimitOverride")])
    _message(file, "RateLimitRequest", [(1, "domain", F.TYPE_STRING, opt, None),
                                        (2, "descriptors", F.TYPE_MESSAGE, rep, p + "RateLimitDescriptor"),
                                        (3, "hits_addend", F.TYPE_UINT32, opt, None)])
    _message(file, "HeaderValue", [(1, "key", F.TYPE_STRING, opt, None), (2, "value", F.TYPE_STRING, opt, None),
                                   (3, "raw_value", F.TYPE_BYTES, opt, None)])
    _message(file, "RateLimit", [(1, "requests_per_unit", F.TYPE_UINT32, opt, None),
                                 (2, "unit", F.TYPE_INT32, opt, None), (3, "name", F.TYPE_STRING, opt, None)])
    _message(file, "DescriptorStatus", [(1, "code", F.TYPE_INT32, opt, None),
                                        (2, "current_limit", F.TYPE_MESSAGE, opt, p + "RateLimit"),
                                        (3, "limit_remaining", F.TYPE_UINT32, opt, None),
                                        (4, "duration_until_reset", F.TYPE_MESSAGE, opt,
                                         ".google.protobuf.Duration")])
    _message(file, "RateLimitResponse", [(1, "overall_code", F.TYPE_INT32, opt, None),
                                         (2, "statuses", F.TYPE_MESSAGE, rep, p + "DescriptorStatus"),
                                         (3, "response_headers_to_add", F.TYPE_MESSAGE, rep, p + "HeaderValue"),
                                         (4, "request_headers_to_add", F.TYPE_MESSAGE, rep, p + "HeaderValue"),
                                         (5, "raw_body", F.TYPE_BYTES, opt, None)])
    _message(file, "Blank", [(536870000, "unused", F.TYPE_INT32, opt, None)])  # every other field unknown
    pool = descriptor_pool.DescriptorPool()
    pool.AddSerializedFile(descriptor_pb2.FileDescriptorProto.FromString(
        duration_pb2.DESCRIPTOR.serialized_pb).SerializeToString())
    pool.Add(file)
    return {name: GetMessageClass(pool.FindMessageTypeByName(PACKAGE + "." + name))
            for name in ("RateLimitRequest", "RateLimitResponse", "RateLimitDescriptor", "DescriptorStatus",
                         "HeaderValue", "Entry", "Blank")}


_CLASSES = _build()
RateLimitRequest = _CLASSES["RateLimitRequest"]
RateLimitResponse = _CLASSES["RateLimitResponse"]
DescriptorStatus = _CLASSES["DescriptorStatus"]
HeaderValue = _CLASSES["HeaderValue"]
Blank = _CLASSES["Blank"]

CODE_OK, CODE_OVER_LIMIT = 1, 2
UNIT_SECONDS = {1: 1, 2: 60, 3: 3600, 4: 86400}  # RateLimitUnit -> seconds per window
