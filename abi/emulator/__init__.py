"""A proxy-wasm host emulator for tests (plain CPython; never compiled).

Start a plugin under one of two runners over the same host:

    from abi.emulator import Plugin
    plugin = Plugin.wasm("main.wasm", configuration='{"ttlSecond": 60, "burst": 3}')
    plugin = Plugin.cpython("filter/main.py", configuration=...)   # pdb-able

See docs/emulator.md.
"""
from .driver import Plugin
from .errors import (BadArgumentError, BadPointerError, CallNotAllowedError, EmulatorError,
                     HostCallError, ImportSignatureError, ModuleError, RestrictedCallError,
                     StreamError, UnknownContextError, UnknownImportError, VmFailedError, WasmTrap)
from .grpc import GrpcCall, GrpcResponse
from .host import Host
from .http_callouts import MANUAL, CalloutResponse, HttpCall
from .http_stream import HttpExchange, LocalResponse, Upstream
from .tcp_stream import TcpExchange

__all__ = ["Plugin", "Host", "HttpExchange", "TcpExchange", "LocalResponse", "Upstream",
           "CalloutResponse", "GrpcResponse", "GrpcCall", "HttpCall", "MANUAL", "EmulatorError",
           "HostCallError", "UnknownContextError", "CallNotAllowedError", "BadPointerError",
           "BadArgumentError", "RestrictedCallError", "UnknownImportError",
           "ImportSignatureError", "ModuleError", "WasmTrap", "VmFailedError", "StreamError"]
