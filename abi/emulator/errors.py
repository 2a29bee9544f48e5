"""Named errors of the emulator.

Two families. ``HostCallError`` is the filter misusing the ABI inside a host
call; in strict mode (the default) it is raised into the test, in lenient mode
the host returns ``status``, the code Envoy would return. ``EmulatorError`` is
anything else going wrong: the test driving the emulator wrongly, a module
Envoy would refuse, a trap.
"""
from __future__ import annotations

from abi.enums import STATUS_BAD_ARGUMENT, STATUS_INVALID_MEMORY_ACCESS


class EmulatorError(Exception):
    """Base of every error the emulator raises."""


class HostCallError(EmulatorError):
    """The filter called a host function in a way Envoy rejects or ignores."""

    status = STATUS_BAD_ARGUMENT  # what Envoy returns instead (lenient mode)

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        if status is not None:
            self.status = status


class UnknownContextError(HostCallError):
    """A context id that is not alive in this VM."""


class CallNotAllowedError(HostCallError):
    """A host call outside the callbacks (or context kinds) where Envoy allows it."""


class BadPointerError(HostCallError):
    """A guest address range outside linear memory."""

    status = STATUS_INVALID_MEMORY_ACCESS


class BadArgumentError(HostCallError):
    """An enum value out of range or a malformed argument."""


class RestrictedCallError(EmulatorError):
    """A host call Envoy forbids during start-up or inside the allocator: Envoy traps
    (``restricted_callback``) and the VM fails, so this is raised in every mode."""


class UnknownImportError(EmulatorError):
    """The module imports a function the host does not provide (Envoy fails to load it)."""


class ImportSignatureError(EmulatorError):
    """An import or export with a wasm type other than the ABI's (Envoy fails to load it)."""


class ModuleError(EmulatorError):
    """A module Envoy would not load (no memory, no allocator, no ABI version marker)."""


class WasmTrap(EmulatorError):
    """The module trapped in a callback. ``trap`` names it, ``frames`` is the wasm backtrace."""

    def __init__(self, callback: str, trap: str, frames: list[str]):
        self.callback, self.trap, self.frames = callback, trap, frames
        backtrace = "\n".join(f"  {i}: {frame}" for i, frame in enumerate(frames))
        super().__init__(f"{callback} trapped: {trap}\nwasm backtrace:\n{backtrace}")


class VmFailedError(EmulatorError):
    """A callback into a VM that already failed (Envoy skips it: the stream gets 503)."""


class StreamError(EmulatorError):
    """The test drove a stream wrongly (e.g. answered a call that is not pending)."""
