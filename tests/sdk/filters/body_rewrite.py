"""Body rewrite: buffer the whole response body and replace a word in it, fixing
content-length; request bodies containing "forbidden" are refused with 400."""
from abi.enums import ACTION_CONTINUE, ACTION_PAUSE
from abi.sdk import (HttpContext, RootContext, get_http_request_body, get_http_response_body,
                     remove_response_header, send_http_response, set_http_response_body, set_root_context)


class Rewriter(HttpContext):
    def on_request_body(self, body_size: int, end_of_stream: bool) -> int:
        if not end_of_stream:
            return ACTION_PAUSE  # keep buffering until the whole body is here
        body = get_http_request_body()
        if body is not None and b"forbidden" in body:
            send_http_response(400, [], b"forbidden word in request\n", "body_rejected")
        return ACTION_CONTINUE

    def on_response_headers(self, num_headers: int, end_of_stream: bool) -> int:
        remove_response_header("content-length")  # the body changes size
        return ACTION_CONTINUE

    def on_response_body(self, body_size: int, end_of_stream: bool) -> int:
        if not end_of_stream:
            return ACTION_PAUSE
        body = get_http_response_body()
        if body is not None:
            set_http_response_body(body.replace(b"backend", b"BACKEND (rewritten)"))
        return ACTION_CONTINUE


class RewritePlugin(RootContext):
    def new_http_context(self, context_id: int) -> HttpContext:
        return Rewriter(context_id, self.context_id)


set_root_context(RewritePlugin())
