"""HTTP and TCP streams: the order Envoy calls a filter in, and what went up and down.

A stream runs as a generator so it can pause where Envoy would (a callback
returned a stop status) and resume when the filter calls
``proxy_continue_stream`` (applied after the VM call returns, as in Envoy).
Observed in Envoy 1.40 (tests/emulator/test_vs_envoy.py): a local reply sent
from the request path still goes through the filter's on_response_headers and
on_response_body, then on_log, on_done, on_delete.

By job: stream_base.py (the pausing generator both share), http_stream.py, tcp_stream.py.
This module keeps their old import path.
"""
from .http_stream import HttpExchange, HttpStream, LocalResponse, Upstream
from .stream_base import CONTINUE, Stream, chunks_of, split_address
from .tcp_stream import TcpExchange, TcpStream

__all__ = ["Stream", "CONTINUE", "chunks_of", "split_address", "LocalResponse", "Upstream",
           "HttpExchange", "HttpStream", "TcpExchange", "TcpStream"]
