"""JWT-style check: a string-heavy example, written as a Python programmer would, with the
standard library (json, base64, re) and try/except. The request's `authorization: Bearer <token>`
header is split on '.', its header and payload base64url-decoded, both parsed as JSON, and the
payload's claims compared: `iss` equals the configured issuer, `exp` (seconds) is later than now
(the host's clock), `nbf` if present is not later than now, and `aud` (a string, or a list of
strings) holds the configured audience. Anything else gets 401 with the reason in the body and in
`www-authenticate`. A token that passes forwards its `sub` as `x-jwt-subject`.

The signature part is NOT verified (only checked to be base64url text): this example shows
string, JSON and claims work, not authentication. Never rely on it as one.

Plugin configuration (JSON): {"issuer": "https://issuer.example", "audience": "api"}
"""
import base64
import json
import re
from typing import Any

from abi.enums import ACTION_CONTINUE, ACTION_PAUSE
from abi.sdk import (HttpContext, RootContext, get_current_time_nanoseconds, get_request_header,
                     log_error, log_info, remove_request_header, send_http_response, set_request_header,
                     set_root_context)

NANOS = 1_000_000_000
# base64url without padding (RFC 4648 section 5); b64decode alone would skip other characters
BASE64URL = re.compile(r"[A-Za-z0-9_-]*")


class TokenError(Exception):
    """Why a token is refused: its text is the reason the client gets."""


def base64url_decode(part: str) -> bytes:
    if not BASE64URL.fullmatch(part) or len(part) % 4 == 1:
        raise TokenError("not base64url")
    return base64.urlsafe_b64decode(part.encode() + b"=" * (-len(part) % 4))


def decode_part(part: str, name: str) -> dict[str, Any]:
    """A token part as a JSON object."""
    try:
        text = base64url_decode(part).decode()
    except UnicodeDecodeError:
        raise TokenError(f"token {name} not UTF-8")
    except TokenError as e:
        raise TokenError(f"token {name} {e}")
    try:
        value = json.loads(text)
    except ValueError:
        raise TokenError(f"token {name} not JSON")
    if not isinstance(value, dict):
        raise TokenError(f"token {name} not a JSON object")
    return value


class TokenCheck(HttpContext):
    def __init__(self, context_id: int, root: "JwtPlugin") -> None:
        super().__init__(context_id, root.context_id)
        self.plugin = root

    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        try:
            self.check(get_request_header("authorization"))
        except TokenError as e:
            challenge = f"Bearer error=\"invalid_token\", error_description=\"{e}\""
            send_http_response(401, [("www-authenticate", challenge)], f"{e}\n".encode(), "jwt_rejected")
            return ACTION_PAUSE
        return ACTION_CONTINUE

    def check(self, credentials: str | None) -> None:
        if credentials is None:
            raise TokenError("missing authorization header")
        if credentials[:7].lower() != "bearer ":
            raise TokenError("authorization is not a bearer token")
        parts = credentials[7:].strip().split(".")
        if len(parts) != 3:
            raise TokenError("token must have three parts")
        header = decode_part(parts[0], "header")
        if not isinstance(header.get("alg"), str):
            raise TokenError("token header has no alg")
        try:
            if parts[2] == "":
                raise TokenError("empty")
            base64url_decode(parts[2])
        except TokenError:
            raise TokenError("token signature not base64url")
        self.check_claims(decode_part(parts[1], "payload"))

    def check_claims(self, claims: dict[str, Any]) -> None:
        now = get_current_time_nanoseconds() // NANOS
        if claims.get("iss") != self.plugin.issuer:
            raise TokenError("wrong issuer")
        expiry = claims.get("exp")
        if isinstance(expiry, bool) or not isinstance(expiry, int):  # JSON's true is no integer
            raise TokenError("exp must be an integer")
        if expiry <= now:
            raise TokenError("token expired")
        not_before = claims.get("nbf")
        if not_before is not None and (isinstance(not_before, bool) or not isinstance(not_before, int)
                                       or not_before > now):
            raise TokenError("token not valid yet")
        audience = claims.get("aud")
        if not (audience == self.plugin.audience or (isinstance(audience, list) and self.plugin.audience in audience)):
            raise TokenError("wrong audience")
        subject = claims.get("sub")
        remove_request_header("x-jwt-subject")  # a client must not send its own
        if isinstance(subject, str) and subject.isascii() and subject.isprintable():
            set_request_header("x-jwt-subject", subject)


class JwtPlugin(RootContext):
    def __init__(self) -> None:
        super().__init__()
        self.issuer = ""
        self.audience = ""

    def on_configure(self, plugin_configuration: bytes) -> bool:
        try:
            config = json.loads(plugin_configuration.decode())
        except ValueError:
            config = None
        if not isinstance(config, dict):
            log_error("jwt: the configuration must be a JSON object {\"issuer\": ..., \"audience\": ...}")
            return False
        issuer = config.get("issuer")
        audience = config.get("audience")
        if not isinstance(issuer, str) or not isinstance(audience, str):
            log_error("jwt: 'issuer' and 'audience' must be strings")
            return False
        self.issuer = issuer
        self.audience = audience
        log_info(f"jwt: issuer '{self.issuer}', audience '{self.audience}'")
        return True

    def new_http_context(self, context_id: int) -> HttpContext:
        return TokenCheck(context_id, self)


set_root_context(JwtPlugin())
