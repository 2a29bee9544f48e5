"""The JWT-style example (tests/sdk/filters/jwt_check.py) under both runners: tokens that pass,
and each way a token is refused; then Hypothesis tokens, on which both runners must agree."""
import base64
import json
from functools import lru_cache

from hypothesis import HealthCheck, given, settings, strategies as st

from abi.emulator import Plugin
from abi.emulator.host import DEFAULT_EPOCH_NS
from test_examples_emulated import FILTERS, both, wasm_of

CONFIG = json.dumps({"issuer": "https://issuer.example", "audience": "api"})
NOW = DEFAULT_EPOCH_NS // 10**9  # the emulator's clock at start
HEADER = {"alg": "RS256", "typ": "JWT"}
GOOD = {"iss": "https://issuer.example", "aud": "api", "sub": "user-42", "exp": NOW + 600}


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def token(payload: dict | bytes, header: dict | bytes = HEADER, signature: str = "c2ln") -> str:
    def part(x: dict | bytes) -> str:
        return b64(x if isinstance(x, bytes) else json.dumps(x).encode())
    return f"{part(header)}.{part(payload)}.{signature}"


def outcome(exchange) -> tuple:
    """What a client and the upstream see: status, reason, the subject forwarded."""
    reply = exchange.local_response
    forwarded = exchange.forwarded_request_headers
    return (exchange.status, reply.body if reply else None,
            reply.headers.get("www-authenticate") if reply else None,
            forwarded.get("x-jwt-subject") if forwarded else None)


def check(authorization: str | None) -> tuple:
    headers = {":path": "/api"} if authorization is None else {":path": "/api", "authorization": authorization}

    def scenario(plugin):
        return outcome(plugin.http_request(headers))
    return both(scenario, "jwt_check", configuration=CONFIG)


def test_a_valid_token_passes_with_its_subject():
    assert check("Bearer " + token(GOOD)) == (200, None, None, "user-42")
    assert check("bearer " + token({**GOOD, "aud": ["web", "api"], "nbf": NOW})) == (200, None, None, "user-42")


def test_a_client_cannot_send_its_own_subject():
    def scenario(plugin):
        exchange = plugin.http_request({"authorization": "Bearer " + token({k: v for k, v in GOOD.items()
                                                                            if k != "sub"}),
                                        "x-jwt-subject": "admin"})
        return outcome(exchange)
    assert both(scenario, "jwt_check", configuration=CONFIG) == (200, None, None, None)


def reason(authorization: str | None) -> bytes:
    status, body, challenge, subject = check(authorization)
    assert status == 401 and subject is None
    assert challenge == f'Bearer error="invalid_token", error_description="{body.decode().strip()}"'
    return body


def test_each_refusal_says_why():
    assert reason("Bearer " + token({**GOOD, "exp": NOW})) == b"token expired\n"
    assert reason("Bearer " + token({**GOOD, "iss": "https://evil.example"})) == b"wrong issuer\n"
    assert reason("Bearer " + token({**GOOD, "aud": ["web"]})) == b"wrong audience\n"
    assert reason("Bearer " + token({**GOOD, "nbf": NOW + 5})) == b"token not valid yet\n"
    assert reason("Bearer " + token({**GOOD, "exp": 1.7e9})) == b"exp must be an integer\n"
    assert reason(None) == b"missing authorization header\n"
    assert reason("Basic dXNlcjpwdw==") == b"authorization is not a bearer token\n"
    assert reason("Bearer a.b") == b"token must have three parts\n"


def test_malformed_parts_are_refused():
    good = token(GOOD)
    head, body, _ = good.split(".")
    assert reason(f"Bearer {head}.{body[:-1]}!.c2ln") == b"token payload not base64url\n"
    assert reason(f"Bearer {head}.{body}=.c2ln") == b"token payload not base64url\n"
    assert reason(f"Bearer {head}.{body}.") == b"token signature not base64url\n"
    assert reason("Bearer " + token(b'{"iss": "https://issuer.example",')) == b"token payload not JSON\n"
    assert reason("Bearer " + token(b"[1, 2]")) == b"token payload not a JSON object\n"
    assert reason("Bearer " + token(b'{"iss": "\xff"}')) == b"token payload not UTF-8\n"
    assert reason("Bearer " + token(GOOD, header=b"{}")) == b"token header has no alg\n"
    assert reason("Bearer " + token(GOOD, header=b"nope")) == b"token header not JSON\n"


def test_time_moves_the_expiry():
    def scenario(plugin):
        credentials = {"authorization": "Bearer " + token({**GOOD, "exp": NOW + 60})}
        before = plugin.http_request(credentials).status
        plugin.advance_clock(seconds=60)
        return before, plugin.http_request(credentials).status
    assert both(scenario, "jwt_check", configuration=CONFIG) == (200, 401)


def test_a_configuration_without_issuer_is_refused():
    def scenario(plugin):
        return plugin.configured, plugin.logs("error")
    configured, logs = both(scenario, "jwt_check", configuration='{"audience": "api"}')
    assert not configured and logs == ["jwt: 'issuer' and 'audience' must be strings"]


@lru_cache(maxsize=None)
def plugins() -> tuple[Plugin, Plugin]:
    """One plugin per runner for every Hypothesis example (starting one costs more than a request)."""
    return (Plugin.wasm(wasm_of("jwt_check"), configuration=CONFIG),
            Plugin.cpython(str(FILTERS / "jwt_check.py"), configuration=CONFIG))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**63, 2**63 - 1) | st.text(max_size=8)
    | st.sampled_from(["https://issuer.example", "api", NOW, NOW + 1]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=6)
claims = st.dictionaries(st.sampled_from(["iss", "aud", "exp", "nbf", "sub"]), json_values, max_size=5)
base64_text = st.text(alphabet="ABCabc019-_=+/!.", max_size=12)
parts = st.one_of(claims.map(lambda c: b64(json.dumps(c).encode())), st.binary(max_size=24).map(b64),
                  base64_text)
tokens = st.one_of(
    st.tuples(parts, parts, parts).map(lambda p: "Bearer " + ".".join(p)),
    st.builds(lambda c: "Bearer " + token({**GOOD, **c}), claims),
    st.text(st.characters(min_codepoint=32, max_codepoint=255), max_size=40),
    st.tuples(st.sampled_from(["Bearer ", "bearer\xa0", "BEARER  "]),
              st.text(st.characters(min_codepoint=32, max_codepoint=255), max_size=12),
              st.sampled_from(["", " ", "\xa0", "\x85"])).map(lambda t: t[0] + t[2] + token(GOOD) + t[1] + t[2]))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tokens)
def test_both_runners_agree_on_random_tokens(authorization):
    wasm, cpython = plugins()
    headers = {"authorization": authorization.encode("latin-1")}
    observed = [outcome(plugin.http_request(headers)) for plugin in (wasm, cpython)]
    assert observed[0] == observed[1]
    assert observed[0][0] in (200, 401)
