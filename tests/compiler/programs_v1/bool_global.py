"""A mutable bool global starting True (its WAT initial value must print as 1)."""
from abi import export

enabled = True


@export
def toggle(n: int) -> int:
    global enabled
    if n > 0:
        enabled = not enabled
    return 1 if enabled else 0
