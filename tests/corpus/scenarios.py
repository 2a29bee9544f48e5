"""Requests that exercise each corpus filter in the host emulator, and what CPython answers.

SCENARIOS[name] = (emulator options, scenario): ``scenario(plugin)`` sends a few requests and
returns what they observed (statuses, headers, bodies, logs): plain values, so the compiled run
can be compared with the CPython run, and the CPython run with EXPECTED[name].
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import Any, Callable

NOW = 1_700_000_000  # the emulator's clock at start, in seconds


def token(claims: dict[str, Any]) -> str:
    def part(doc: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(doc).encode()).rstrip(b"=").decode()
    return f"Bearer {part({'alg': 'RS256'})}.{part(claims)}.c2ln"


def seen(r, *names: str) -> tuple:
    """A request's status, what it forwarded of ``names``, and a local response's body."""
    forwarded = r.forwarded_request_headers
    headers = None if forwarded is None else tuple(forwarded.get(n) for n in names)
    return r.status, headers, r.local_response.body if r.local_response else None


def header_injection(plugin) -> tuple:
    r = plugin.http_request({":path": "/", "x-env": "dev"}, response_headers={"server": "x"})
    return seen(r, "x-env", "x-team"), r.response_headers, plugin.logs()


def jwt_claims(plugin) -> list:
    good = {"iss": "https://auth.example", "exp": NOW + 60, "sub": "alice", "roles": ["user"]}
    cases = [
        {":path": "/api", "authorization": token(good)},
        {":path": "/admin/x", "authorization": token(good)},
        {":path": "/admin/x", "authorization": token({**good, "roles": ["admin"]})},
        {":path": "/api", "authorization": token({**good, "exp": NOW - 1})},
        {":path": "/api", "authorization": token({**good, "iss": "evil"})},
        {":path": "/api", "authorization": "Bearer not-a-token"},
        {":path": "/api"},
    ]
    return [seen(plugin.http_request(h), "x-user") for h in cases] + [plugin.logs()]


def cors_preflight(plugin) -> list:
    ok = "https://app.example"
    preflight = {":method": "OPTIONS", "origin": ok, "access-control-request-method": "post"}
    out = []
    for headers in (preflight, {**preflight, "origin": "https://evil.example"},
                    {**preflight, "access-control-request-method": "DELETE"},
                    {":method": "GET", "origin": ok}, {":method": "GET", "origin": "https://evil.example"}):
        r = plugin.http_request(headers)
        out.append((r.status, r.response_headers, r.local_response.body if r.local_response else None))
    return out + [plugin.logs()]


def auth_callout(plugin) -> list:
    out = [seen(plugin.http_request({":path": "/data", "authorization": auth}), "x-auth-user")
           for auth in ("good", "plain", "bad")]
    out.append(seen(plugin.http_request({":path": "/anon"}), "x-auth-user"))
    calls = [(c.headers.get(":path"), c.headers.get("x-original-path"), c.headers.get("authorization"))
             for c in plugin.http_calls]
    return out + [calls, plugin.logs()]


def authz(call):
    auth = call.headers.get("authorization")
    if auth == "good":
        return 200, {}, b'{"user": "alice"}'
    if auth == "plain":
        return 200, {}, b"not json"
    return 401, {}, b""


def json_body_validation(plugin) -> list:
    post = {":method": "POST", "content-type": "application/json; charset=utf-8"}
    bodies = [b'{"name": "a", "age": 3, "tags": []}', [b'{"name": "a", ', b'"age": true}'],
              b'{"name": "a", "age": 3', b"[1, 2]", b'{"name": 1, "age": 2.5, "tags": []}']
    out = [seen(plugin.http_request(post, body=b)) for b in bodies]
    out.append(seen(plugin.http_request({":method": "POST", "content-type": "text/plain"}, body=b"{")))
    return out


def canary_routing(plugin) -> list:
    cases = [{"x-user-id": f"user-{i}"} for i in range(12)] + [
        {"x-canary": "always"}, {"cookie": "a=1; canary=never", "x-user-id": "user-3"},
        {"cookie": "uid=user-5; theme=dark"}, {}]
    return [seen(plugin.http_request(h), "x-route") for h in cases] + [plugin.logs()]


def cidr_allowlist(plugin) -> list:
    addresses = ["10.1.2.3:1", "192.168.1.77:2", "192.168.2.1:3", "203.0.113.7:4", "203.0.113.8:5",
                 "[2001:db8::1]:6", "8.8.8.8:7"]
    return [plugin.http_request(source_address=a).status for a in addresses] + [plugin.logs()]


def path_normalisation(plugin) -> list:
    paths = ["/api//v1/./users/../items?x=1&y=%2F", "/a/b/", "/../../etc/passwd", "/A/%7Euser/",
             "/fine", "/bad%00path", "/x/..", "/win\\dows"]
    return [seen(plugin.http_request({":path": p}), ":path", "x-original-path") for p in paths]


def tenant_quota(plugin) -> list:
    out = []
    for tenant in ("free", "free", "free", "acme", None):
        r = plugin.http_request({"x-tenant-id": tenant} if tenant else {})
        out.append((r.status, r.response_headers.get("x-quota-remaining"), r.response_headers.get("retry-after")))
    plugin.advance_clock(seconds=60)
    r = plugin.http_request({"x-tenant-id": "free"})
    out.append((r.status, r.response_headers.get("x-quota-remaining")))
    return out + [sorted(plugin.shared_data.items())]


UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
KEPT = "123E4567-E89B-12D3-A456-426614174000"


def request_id(plugin) -> list:
    fresh = plugin.http_request({":path": "/a"})
    kept = plugin.http_request({":path": "/b", "x-request-id": KEPT})
    junk = plugin.http_request({":path": "/c", "x-request-id": "junk"})
    made = [r.forwarded_request_headers["x-request-id"] for r in (fresh, junk)]
    logs = [line.replace(made[0], "<fresh>").replace(made[1], "<junk>") for line in plugin.logs()]
    return [all(UUID.fullmatch(m) for m in made), made[0] != made[1],
            fresh.response_headers.get("x-request-id") == made[0], kept.forwarded_request_headers["x-request-id"],
            kept.response_headers.get("x-request-id"), logs]


API_KEYS = {"mobile": hashlib.sha256(b"s3cret").hexdigest(), "partner": hashlib.sha256(b"other").hexdigest().upper()}


def api_key_check(plugin) -> list:
    cases = [{"x-api-key": "s3cret"}, {"x-api-key": "other"}, {"x-api-key": "wrong"}, {},
             {":path": "/health?full=1"}]
    return [seen(plugin.http_request(h), "x-client-name", "x-api-key") for h in cases] + [plugin.logs()]


def query_rewrite(plugin) -> list:
    paths = ["/search?q=shoes&utm_source=mail&page=2&fbclid=abc", "/plain", "/x?b=2&a=1&a=0&empty=",
             "/y?source=edge", "/s?q=a%20b+c&utm_x=1"]
    return [seen(plugin.http_request({":path": p}), ":path") for p in paths]


def ua_blocklist(plugin) -> list:
    agents = ["Mozilla/5.0", "sqlmap/1.7", "Python-Requests/2.31", "python-requests/x", "curl/8.0", None]
    out = [plugin.http_request({"user-agent": a} if a else {}).status for a in agents]
    return out + [plugin.metrics, plugin.logs()]


def response_scrub(plugin) -> list:
    upstream = [("server", "nginx"), ("X-Powered-By", "php"), ("content-type", "text/plain"),
                ("x-internal-trace", "1"), ("x-debug", "on"), ("set-cookie", "sid=1; Path=/"),
                ("set-cookie", "t=2; secure; HttpOnly"), ("via", "1.1 cache")]
    r = plugin.http_request(response_headers=upstream)
    return [sorted(r.response_headers.items()), plugin.logs()]


SCENARIOS: dict[str, tuple[dict[str, Any], Callable[[Any], Any]]] = {
    "header_injection": ({"configuration": '{"request": {"x-env": "prod", "X-Team": "edge"}, '
                                           '"response": {"x-frame-options": "DENY"}}'}, header_injection),
    "jwt_claims": ({"configuration": '{"issuer": "https://auth.example"}'}, jwt_claims),
    "cors_preflight": ({"configuration": '{"allowed_origins": ["https://app.example"], "allowed_methods": '
                                         '["get", "post"], "allowed_headers": ["authorization"], "max_age": 300}'},
                       cors_preflight),
    "auth_callout": ({"configuration": '{"cluster": "authz", "path": "/verify", "timeout_ms": 100}',
                      "clusters": {"authz": authz}}, auth_callout),
    "json_body_validation": ({"configuration": '{"required": {"name": "string", "age": "number", "tags": "array"}}'},
                             json_body_validation),
    "canary_routing": ({"configuration": '{"percent": 30, "salt": "r42"}'}, canary_routing),
    "cidr_allowlist": ({"configuration": '{"allow": ["10.0.0.0/8", "192.168.1.0/24", "203.0.113.7"]}'},
                       cidr_allowlist),
    "path_normalisation": ({"configuration": '{"lowercase": true}'}, path_normalisation),
    "tenant_quota": ({"configuration": '{"default_limit": 2, "limits": {"acme": 5}}'}, tenant_quota),
    "request_id": ({}, request_id),
    "api_key_check": ({"configuration": json.dumps({"keys": API_KEYS, "public": ["/health"]})}, api_key_check),
    "query_rewrite": ({"configuration": '{"drop": ["fbclid"], "rename": {"q": "query"}, "add": {"source": "edge"}}'},
                      query_rewrite),
    "ua_blocklist": ({"configuration": '{"globs": ["*sqlmap*", "curl/*"], "regexes": ["^python-requests/\\\\d"], '
                                       '"block_empty": true}'}, ua_blocklist),
    "response_scrub": ({"configuration": "x-debug, Via"}, response_scrub),
}
