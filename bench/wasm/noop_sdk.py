"""Do-nothing filter written with our SDK (abi.sdk): the default contexts let every
request through. Next to bench/wasm/noop.py (bare exports) it shows what the SDK's
dispatch costs: a context object per request, and the callbacks the SDK always exports
(context_create, delete, the callout answers; abi.export_if_overridden leaves out the rest).
"""
from abi.sdk import RootContext, set_root_context

set_root_context(RootContext())
