"""JWT-style check: a string-heavy example. The request's `authorization: Bearer <token>`
header is split on '.', its header and payload base64url-decoded (RFC 4648 section 5, no
padding, decoder below), both parsed as JSON (abi/json.py), and the payload's claims
compared: `iss` equals the configured issuer, `exp` (seconds) is later than now (the
host's clock), `nbf` if present is not later than now, and `aud` (a string, or a list of
strings) holds the configured audience. Anything else gets 401 with the reason in the
body and in `www-authenticate`. A token that passes forwards its `sub` as `x-jwt-subject`.

The signature part is NOT verified (only checked to be base64url text): this example
shows string, JSON and claims work, not authentication. Never rely on it as one.

Plugin configuration (JSON): {"issuer": "https://issuer.example", "audience": "api"}
"""
from abi.enums import ACTION_CONTINUE, ACTION_PAUSE
from abi.json import JSON_ARRAY, JSON_ERROR, JSON_INT, JSON_OBJECT, JSON_STRING, JsonValue, parse_json
from abi.sdk import (HttpContext, RootContext, get_current_time_nanoseconds, get_request_header,
                     log_error, log_info, remove_request_header, send_http_response, set_request_header,
                     set_root_context)

B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
NANOS = 1000000000


def base64url_decode(text: str) -> bytes | None:
    """The bytes `text` encodes, or None: a character outside the alphabet (padding included),
    a length no encoding has (4k + 1), or unused trailing bits that are not zero."""
    if len(text) % 4 == 1:
        return None
    out: list[int] = []
    acc = 0
    bits = 0
    for ch in text:
        value = B64URL.find(ch)
        if value < 0:
            return None
        acc = (acc << 6) | value
        bits += 6
        if bits >= 8:
            bits -= 8
            out.append(acc >> bits)
            acc = acc & ((1 << bits) - 1)
    if acc != 0:
        return None
    return bytes(out)


def continuation_range(lead: int) -> tuple[int, int, int]:
    """UTF-8: (continuation bytes, lowest and highest second byte) after `lead`; (-1, 0, 0) if
    `lead` starts no sequence (RFC 3629: no overlongs, surrogates or code points past U+10FFFF)."""
    if 0xC2 <= lead <= 0xDF:
        return 1, 0x80, 0xBF
    if lead == 0xE0:
        return 2, 0xA0, 0xBF
    if lead == 0xED:
        return 2, 0x80, 0x9F
    if 0xE1 <= lead <= 0xEF:
        return 2, 0x80, 0xBF
    if lead == 0xF0:
        return 3, 0x90, 0xBF
    if 0xF1 <= lead <= 0xF3:
        return 3, 0x80, 0xBF
    if lead == 0xF4:
        return 3, 0x80, 0x8F
    return -1, 0, 0


def valid_utf8(data: bytes) -> bool:
    """True if `data.decode()` succeeds (checked first: a failing decode would trap)."""
    i = 0
    while i < len(data):
        lead = data[i]
        if lead < 0x80:
            i += 1
            continue
        more, low, high = continuation_range(lead)
        if more < 0 or i + more >= len(data) or not low <= data[i + 1] <= high:
            return False
        for k in range(i + 2, i + more + 1):
            if not 0x80 <= data[k] <= 0xBF:
                return False
        i += more + 1
    return True


def decode_part(part: str) -> JsonValue:
    """A token part as JSON; a JSON_ERROR value whose text says what is wrong otherwise."""
    data = base64url_decode(part)
    if data is None:
        return bad("not base64url")
    if not valid_utf8(data):
        return bad("not UTF-8")
    value = parse_json(data.decode())
    if value.kind == JSON_ERROR:
        return bad("not JSON")
    if value.kind != JSON_OBJECT:
        return bad("not a JSON object")
    return value


def bad(reason: str) -> JsonValue:
    value = JsonValue(JSON_ERROR)
    value.text = reason
    return value


def printable_ascii(text: str) -> bool:
    """Safe as a header value: visible ASCII and spaces only."""
    for ch in text:
        if not " " <= ch <= "~":
            return False
    return True


def has_audience(claim: JsonValue, audience: str) -> bool:
    if claim.kind == JSON_STRING:
        return claim.text == audience
    if claim.kind != JSON_ARRAY:
        return False
    for item in claim.items:
        if item.kind == JSON_STRING and item.text == audience:
            return True
    return False


class TokenCheck(HttpContext):
    def __init__(self, context_id: int, root: "JwtPlugin") -> None:
        super().__init__(context_id, root.context_id)
        self.plugin = root

    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        reason = self.check(get_request_header("authorization"))
        if reason != "":
            challenge = f"Bearer error=\"invalid_token\", error_description=\"{reason}\""
            send_http_response(401, [("www-authenticate", challenge)], f"{reason}\n".encode(), "jwt_rejected")
            return ACTION_PAUSE
        return ACTION_CONTINUE

    def check(self, credentials: str | None) -> str:
        """Why the request is refused, or "" if its token passes."""
        if credentials is None:
            return "missing authorization header"
        if credentials[:7].lower() != "bearer ":
            return "authorization is not a bearer token"
        parts = credentials[7:].strip().split(".")
        if len(parts) != 3:
            return "token must have three parts"
        header = decode_part(parts[0])
        if header.kind == JSON_ERROR:
            return f"token header {header.text}"
        alg = header.members.get("alg")
        if alg is None or alg.kind != JSON_STRING:
            return "token header has no alg"
        if parts[2] == "" or base64url_decode(parts[2]) is None:
            return "token signature not base64url"
        payload = decode_part(parts[1])
        if payload.kind == JSON_ERROR:
            return f"token payload {payload.text}"
        return self.check_claims(payload)

    def check_claims(self, payload: JsonValue) -> str:
        now = get_current_time_nanoseconds() // NANOS
        issuer = payload.members.get("iss")
        if issuer is None or issuer.kind != JSON_STRING or issuer.text != self.plugin.issuer:
            return "wrong issuer"
        expiry = payload.members.get("exp")
        if expiry is None or expiry.kind != JSON_INT:
            return "exp must be an integer"
        if expiry.integer <= now:
            return "token expired"
        not_before = payload.members.get("nbf")
        if not_before is not None and (not_before.kind != JSON_INT or not_before.integer > now):
            return "token not valid yet"
        audience = payload.members.get("aud")
        if audience is None or not has_audience(audience, self.plugin.audience):
            return "wrong audience"
        subject = payload.members.get("sub")
        remove_request_header("x-jwt-subject")  # a client must not send its own
        if subject is not None and subject.kind == JSON_STRING and printable_ascii(subject.text):
            set_request_header("x-jwt-subject", subject.text)
        return ""


class JwtPlugin(RootContext):
    def __init__(self) -> None:
        super().__init__()
        self.issuer = ""
        self.audience = ""

    def on_configure(self, plugin_configuration: bytes) -> bool:
        text = plugin_configuration.decode() if valid_utf8(plugin_configuration) else ""
        config = parse_json(text)
        if config.kind != JSON_OBJECT:
            log_error("jwt: the configuration must be a JSON object {\"issuer\": ..., \"audience\": ...}")
            return False
        issuer = config.members.get("issuer")
        audience = config.members.get("audience")
        if issuer is None or issuer.kind != JSON_STRING or audience is None or audience.kind != JSON_STRING:
            log_error("jwt: 'issuer' and 'audience' must be strings")
            return False
        self.issuer = issuer.text
        self.audience = audience.text
        log_info(f"jwt: issuer '{self.issuer}', audience '{self.audience}'")
        return True

    def new_http_context(self, context_id: int) -> HttpContext:
        return TokenCheck(context_id, self)


set_root_context(JwtPlugin())
