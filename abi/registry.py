"""The SDK's context objects by id: created on ``proxy_on_context_create`` (the root the
filter registered with ``set_root_context`` makes them), found by each callback, dropped on
``proxy_on_delete``.

Envoy creates a root context per plugin (``proxy_on_context_create(id, 0)``),
then an HTTP or stream context per request/connection whose parent is that
root. The objects live in the dicts below (the newest HTTP context in
``last_http``), which are GC roots, until ``proxy_on_delete``. A callback for
an id the module does not know (the host never sends one) gets the
pass-through default.
"""
from abi import export, i32
from abi.context import HttpContext, RootContext, StreamContext
from abi.host import enter_context

registered_root: RootContext | None = None
root_contexts: dict[int, RootContext] = {}
http_contexts: dict[int, HttpContext] = {}
stream_contexts: dict[int, StreamContext] = {}


def set_root_context(root: RootContext) -> None:
    """Register the filter's root context; call it once at module level."""
    global registered_root
    registered_root = root


# The last context each lookup found: a request's callbacks mostly come one after the other, so
# most callbacks find their context here without hashing into the dicts above. The newest HTTP
# context is often the only live one: it lives in last_http alone until another one takes that
# place (then it moves into http_contexts), so a request costs no dict insert or delete either.
last_http_id = 0
last_http: HttpContext | None = None
last_http_in_dict = False  # last_http is in http_contexts too
last_stream_id = 0
last_stream: StreamContext | None = None
last_root_id = 0
last_root: RootContext | None = None


def hold_http(context_id: int, http: HttpContext | None, in_dict: bool) -> None:
    """Make ``http`` the held HTTP context, moving the one held so far into http_contexts."""
    global last_http_id, last_http, last_http_in_dict
    held = last_http
    if held is not None and not last_http_in_dict:
        http_contexts[last_http_id] = held
    last_http_id = context_id
    last_http = http
    last_http_in_dict = in_dict


def known_http(context_id: int) -> HttpContext | None:
    if context_id == last_http_id:
        return last_http
    http = http_contexts.get(context_id)
    if http is not None:
        hold_http(context_id, http, True)
    return http


def live_http_contexts() -> int:
    """How many HTTP contexts the SDK holds (created, not yet deleted)."""
    held = 1 if last_http is not None and not last_http_in_dict else 0
    return len(http_contexts) + held


def drop_http(context_id: int, http: HttpContext) -> None:
    """Forget HTTP context ``context_id``, which known_http just returned as ``http`` (so it is held)."""
    global last_http_id, last_http, last_http_in_dict
    if last_http_in_dict:
        http_contexts.pop(context_id, http)  # present; pop, unlike del, links no KeyError text
    last_http_id = 0  # id 0 is never a context: it maps to None
    last_http = None
    last_http_in_dict = False


def known_stream(context_id: int) -> StreamContext | None:
    global last_stream_id, last_stream
    if context_id == last_stream_id:
        return last_stream
    stream = stream_contexts.get(context_id)
    if stream is not None:
        last_stream_id = context_id
        last_stream = stream
    return stream


def known_root(context_id: int) -> RootContext | None:
    global last_root_id, last_root
    if context_id == last_root_id:
        return last_root
    root = root_contexts.get(context_id)
    if root is not None:
        last_root_id = context_id
        last_root = root
    return root


def forget(context_id: int) -> None:
    """Drop the cached stream and root entries of a deleted context."""
    global last_stream_id, last_stream, last_root_id, last_root
    if context_id == last_stream_id:
        last_stream_id = 0
        last_stream = None
    if context_id == last_root_id:
        last_root_id = 0
        last_root = None


def http_context(context_id: int) -> HttpContext | None:
    """The HTTP context a callback is for (None: pass through), made current for callouts."""
    enter_context(context_id)
    return known_http(context_id)


def stream_context(context_id: int) -> StreamContext | None:
    enter_context(context_id)
    return known_stream(context_id)


def root_context(context_id: int) -> RootContext | None:
    enter_context(context_id)
    return known_root(context_id)



# -- lifecycle of the objects ------------------------------------------------------------
@export
@export
def proxy_on_context_create(context_id: i32, parent_context_id: i32) -> None:
    global last_root_id, last_root
    enter_context(context_id)
    if parent_context_id == 0:
        registered = registered_root
        if registered is not None:
            root = registered.new_root_context(context_id)
            root.context_id = context_id
            root_contexts[context_id] = root
            last_root_id = context_id
            last_root = root
        return
    parent = known_root(parent_context_id)
    if parent is None:
        return
    if parent.is_network_filter():
        forget(context_id)
        stream_contexts[context_id] = parent.new_stream_context(context_id)
        return
    hold_http(context_id, parent.new_http_context(context_id), False)  # its callbacks come next


@export
def proxy_on_delete(context_id: i32) -> None:
    http = http_context(context_id)
    if http is not None:
        drop_http(context_id, http)
        http.on_delete()
        return
    stream = known_stream(context_id)
    if stream is not None:
        forget(context_id)
        stream_contexts.pop(context_id, stream)  # present: pop links no KeyError text
        stream.on_delete()
        return
    root = known_root(context_id)
    if root is not None:
        forget(context_id)
        root_contexts.pop(context_id, root)
        root.on_delete()
