"""urllib.parse on str, as CPython 3.11's: quoting, query strings, and splitting URLs.

Only UTF-8 (CPython's default ``encoding``) and, when decoding, ``errors="replace"`` (its
default): the parameters that would choose others are left out, so passing them is a compile
error. Results are objects with fields (not tuples): unpacking one or indexing it is a compile error.
"""
from typing import Optional

from compiler.runtime.reprs import str_repr
from compiler.stdlib.ipaddress_text import _ipv4_int, _ipv6_hextets
from compiler.stdlib.urllib.quoting import quote as quote, quote_plus as quote_plus, unquote, unquote_plus as unquote_plus
from compiler.stdlib.urllib.quoting import urlencode as urlencode

SCHEME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-."
LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
USES_NETLOC = ["", "ftp", "http", "gopher", "nntp", "telnet", "imap", "wais", "file", "mms", "https",
               "shttp", "snews", "prospero", "rtsp", "rtsps", "rtspu", "rsync", "svn", "svn+ssh", "sftp",
               "nfs", "git", "git+ssh", "ws", "wss"]
# CPython's uses_relative, as one str ("||" is the empty scheme): a list would be built at start
# for every program importing urllib.parse; a scheme never holds "|"
USES_RELATIVE = "||ftp|http|gopher|nntp|imap|wais|file|https|shttp|mms|prospero|rtsp|rtsps|rtspu|sftp|svn|" \
    "svn+ssh|ws|wss|"
USES_PARAMS = ["", "ftp", "hdl", "prospero", "http", "imap", "https", "shttp", "rtsp", "rtsps", "rtspu",
               "sip", "sips", "mms", "sftp", "tel"]
# The characters whose NFKC form holds one of / ? # @ : (CPython's _checknetloc, Unicode 14).
NFKC_DELIMITERS = "\u2047\u2048\u2049\u2100\u2101\u2105\u2106\u2a74\ufe13\ufe16\ufe55\ufe56\ufe5f" \
    "\ufe6b\uff03\uff0f\uff1a\uff1f\uff20"
# CPython's _WHATWG_C0_CONTROL_OR_SPACE: U+0000..U+0020
HEX_DIGITS = "0123456789ABCDEFabcdef"
C0_OR_SPACE = "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f" \
    "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "


def parse_qs(qs: str, keep_blank_values: bool = False, strict_parsing: bool = False,
             encoding: str = "utf-8", errors: str = "replace", max_num_fields: Optional[int] = None,
             separator: str = "&") -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for name, value in parse_qsl(qs, keep_blank_values, strict_parsing, encoding, errors, max_num_fields,
                                 separator):
        if name in result:
            result[name].append(value)
        else:
            result[name] = [value]
    return result


def parse_qsl(qs: str, keep_blank_values: bool = False, strict_parsing: bool = False,
              encoding: str = "utf-8", errors: str = "replace", max_num_fields: Optional[int] = None,
              separator: str = "&") -> list[tuple[str, str]]:
    """``encoding`` and ``errors`` may only be CPython's defaults (stdlib_check sees to it)."""
    if not separator:
        raise ValueError("Separator must be of type string or bytes.")
    if max_num_fields is not None:
        fields = 1 + _count(qs, separator) if qs else 0
        if max_num_fields < fields:
            raise ValueError("Max number of fields exceeded")
    pairs: list[tuple[str, str]] = []
    if not qs:
        return pairs
    for field in qs.split(separator):
        if not field and not strict_parsing:
            continue
        equals = field.find("=")
        if equals < 0:
            if strict_parsing:
                raise ValueError("bad query field: " + str_repr(field))
            if not keep_blank_values:
                continue
            name, value = field, ""
        else:
            name, value = field[:equals], field[equals + 1:]
        if len(value) or keep_blank_values:
            pairs.append((unquote(name.replace("+", " ")), unquote(value.replace("+", " "))))
    return pairs


def _count(text: str, sub: str) -> int:
    """text.count(sub): non-overlapping occurrences."""
    count = 0
    at = text.find(sub)
    while at >= 0:
        count += 1
        at = text.find(sub, at + len(sub))
    return count


class SplitResult:
    """CPython's SplitResult fields, and its netloc's parts (computed once: they cannot fail)."""

    def __init__(self, scheme: str, netloc: str, path: str, query: str, fragment: str) -> None:
        self.scheme = scheme
        self.netloc = netloc
        self.path = path
        self.query = query
        self.fragment = fragment
        self.username: Optional[str] = _username(netloc)
        self.password: Optional[str] = _password(netloc)
        self.hostname: Optional[str] = _hostname(netloc)

    def __eq__(self, other: "SplitResult") -> bool:
        return (self.scheme == other.scheme and self.netloc == other.netloc and self.path == other.path
                and self.query == other.query and self.fragment == other.fragment)

    def geturl(self) -> str:
        return urlunsplit((self.scheme, self.netloc, self.path, self.query, self.fragment))

    @property
    def port(self) -> Optional[int]:
        return _port(self.netloc)


class ParseResult:
    def __init__(self, scheme: str, netloc: str, path: str, params: str, query: str, fragment: str) -> None:
        self.scheme = scheme
        self.netloc = netloc
        self.path = path
        self.params = params
        self.query = query
        self.fragment = fragment
        self.username: Optional[str] = _username(netloc)
        self.password: Optional[str] = _password(netloc)
        self.hostname: Optional[str] = _hostname(netloc)

    def __eq__(self, other: "ParseResult") -> bool:
        return (self.scheme == other.scheme and self.netloc == other.netloc and self.path == other.path
                and self.params == other.params and self.query == other.query and self.fragment == other.fragment)

    def geturl(self) -> str:
        return urlunparse((self.scheme, self.netloc, self.path, self.params, self.query, self.fragment))

    @property
    def port(self) -> Optional[int]:
        return _port(self.netloc)


def _port(netloc: str) -> Optional[int]:
    """CPython's port property: read from the netloc when asked, with its ValueErrors."""
    hostinfo = netloc[netloc.rfind("@") + 1:]
    bracket = hostinfo.find("[")
    if bracket >= 0:
        rest = hostinfo[bracket + 1:]
        close = rest.find("]")
        after = rest[close + 1:] if close >= 0 else ""
        colon = after.find(":")
        port = after[colon + 1:] if colon >= 0 else ""
    else:
        colon = hostinfo.find(":")
        port = hostinfo[colon + 1:] if colon >= 0 else ""
    if not port:
        return None
    if not _all_in(port, "0123456789"):
        raise ValueError("Port could not be cast to integer value as " + str_repr(port))
    digits = port.lstrip("0")
    if len(digits) > 5 or (digits and int(digits) > 65535):
        raise ValueError("Port out of range 0-65535")
    return int(digits) if digits else 0


def _username(netloc: str) -> Optional[str]:
    at = netloc.rfind("@")
    if at < 0:
        return None
    colon = netloc.find(":", 0, at)
    return netloc[:colon] if colon >= 0 else netloc[:at]


def _password(netloc: str) -> Optional[str]:
    at = netloc.rfind("@")
    colon = netloc.find(":", 0, at) if at >= 0 else -1
    return netloc[colon + 1:at] if colon >= 0 else None


def _hostname(netloc: str) -> Optional[str]:
    hostinfo = netloc[netloc.rfind("@") + 1:]
    bracket = hostinfo.find("[")
    if bracket >= 0:
        hostname = hostinfo[bracket + 1:]
        close = hostname.find("]")
        hostname = hostname[:close] if close >= 0 else hostname
    else:
        colon = hostinfo.find(":")
        hostname = hostinfo[:colon] if colon >= 0 else hostinfo
    if not hostname:
        return None
    percent = hostname.find("%")
    if percent < 0:
        return hostname.lower()
    return hostname[:percent].lower() + hostname[percent:]


def urlsplit(url: str, scheme: str = "", allow_fragments: bool = True) -> SplitResult:
    url = url.lstrip(C0_OR_SPACE)
    scheme = scheme.strip(C0_OR_SPACE)
    for unsafe in ["\t", "\r", "\n"]:
        url = url.replace(unsafe, "")
        scheme = scheme.replace(unsafe, "")
    netloc = ""
    query = ""
    fragment = ""
    i = url.find(":")
    if i > 0 and url[0] in LETTERS and _all_in(url[:i], SCHEME_CHARS):
        scheme = url[:i].lower()
        url = url[i + 1:]
    if url[:2] == "//":
        end = len(url)
        for c in "/?#":
            at = url.find(c, 2)
            if at >= 0:
                end = min(end, at)
        netloc = url[2:end]
        url = url[end:]
        if ("[" in netloc) != ("]" in netloc):
            raise ValueError("Invalid IPv6 URL")
        if "[" in netloc:
            host = netloc[netloc.find("[") + 1:]
            _check_bracketed_host(host[:host.find("]")] if "]" in host else host)
    if allow_fragments and "#" in url:
        hash = url.find("#")
        fragment = url[hash + 1:]
        url = url[:hash]
    if "?" in url:
        mark = url.find("?")
        query = url[mark + 1:]
        url = url[:mark]
    for c in netloc:
        if c in NFKC_DELIMITERS:
            raise ValueError("netloc '" + netloc + "' contains invalid characters under NFKC normalization")
    return SplitResult(scheme, netloc, url, query, fragment)


def _all_in(text: str, allowed: str) -> bool:
    for c in text:
        if c not in allowed:
            return False
    return True


def _check_bracketed_host(host: str) -> None:
    if host.startswith("v"):
        dot = host.find(".")
        if dot < 2 or dot == len(host) - 1 or not _all_in(host[1:dot], HEX_DIGITS):
            raise ValueError("IPvFuture address is invalid")
    elif _ipv4_int(host) >= 0:
        raise ValueError("An IPv4 address cannot be in brackets")
    elif len(_ipv6_hextets(host)) == 0:
        raise ValueError(str_repr(host) + " does not appear to be an IPv4 or IPv6 address")


def urlparse(url: str, scheme: str = "", allow_fragments: bool = True) -> ParseResult:
    split = urlsplit(url, scheme, allow_fragments)
    path = split.path
    params = ""
    if split.scheme in USES_PARAMS and ";" in path:
        if "/" in path:
            i = path.find(";", path.rfind("/"))
        else:
            i = path.find(";")
        if i >= 0:
            params = path[i + 1:]
            path = path[:i]
    return ParseResult(split.scheme, split.netloc, path, params, split.query, split.fragment)


def urlunsplit(components: tuple[str, str, str, str, str]) -> str:
    scheme, netloc, url, query, fragment = components
    if netloc or (scheme and scheme in USES_NETLOC and url[:2] != "//"):
        if url and url[:1] != "/":
            url = "/" + url
        url = "//" + netloc + url
    if scheme:
        url = scheme + ":" + url
    if query:
        url = url + "?" + query
    if fragment:
        url = url + "#" + fragment
    return url


def urlunparse(components: tuple[str, str, str, str, str, str]) -> str:
    scheme, netloc, url, params, query, fragment = components
    if params:
        url = url + ";" + params
    return urlunsplit((scheme, netloc, url, query, fragment))


def urljoin(base: str, url: str, allow_fragments: bool = True) -> str:
    """CPython 3.11's urljoin: RFC 3986 resolution, for the schemes in its uses_relative."""
    if not base:
        return url
    if not url:
        return base
    b = urlparse(base, "", allow_fragments)
    r = urlparse(url, b.scheme, allow_fragments)
    if r.scheme != b.scheme or "|" + r.scheme + "|" not in USES_RELATIVE:
        return url
    netloc = r.netloc
    if r.scheme in USES_NETLOC:
        if netloc:
            return urlunparse((r.scheme, netloc, r.path, r.params, r.query, r.fragment))
        netloc = b.netloc
    if not r.path and not r.params:
        query = r.query if r.query else b.query
        return urlunparse((r.scheme, netloc, b.path, b.params, query, r.fragment))
    path = "/".join(_resolved_segments(b.path, r.path)) or "/"
    return urlunparse((r.scheme, netloc, path, r.params, r.query, r.fragment))


def _resolved_segments(base_path: str, path: str) -> list[str]:
    """The segments of path over base_path with '.' and '..' removed, as CPython's urljoin does."""
    if path[:1] == "/":
        segments = path.split("/")
    else:
        base_parts = base_path.split("/")
        if base_parts[-1] != "":
            base_parts.pop()  # the last item is not a directory
        joined = base_parts + path.split("/")
        # no empty segments in the middle: they would give redundant slashes
        segments = joined
        if len(joined) > 2:
            segments = joined[:1] + [seg for seg in joined[1:-1] if seg] + joined[-1:]
    resolved: list[str] = []
    for seg in segments:
        if seg == "..":
            if resolved:
                resolved.pop()
        elif seg != ".":
            resolved.append(seg)
    if segments[-1] == "." or segments[-1] == "..":
        resolved.append("")  # a last relative directory keeps its trailing slash
    return resolved
