"""Quota header: a request states its cost in `x-cost`; the filter refuses a cost it cannot
parse or one above the configured limit, with exceptions as a Python author writes them.
`x-debug-crash` raises an exception nothing catches: the filter logs it and traps, and
Envoy's failure policy answers the request."""
from abi.enums import ACTION_CONTINUE, ACTION_PAUSE
from abi.sdk import (HttpContext, RootContext, get_request_header, log_info, send_http_response,
                     set_request_header, set_root_context)


class CostError(Exception):
    def __init__(self, cost: int, limit: int) -> None:
        super().__init__(f"cost {cost} is over the limit of {limit}")
        self.cost = cost


def parse_cost(text: str, limit: int) -> int:
    cost = int(text.strip())
    if cost < 0:
        raise ValueError("a cost cannot be negative")
    if cost > limit:
        raise CostError(cost, limit)
    return cost


class CostCheck(HttpContext):
    def __init__(self, context_id: int, root: "Quota") -> None:
        super().__init__(context_id, root.context_id)
        self.quota = root

    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        if get_request_header("x-debug-crash") is not None:
            raise RuntimeError("crash requested by x-debug-crash")
        try:
            cost = parse_cost(get_request_header("x-cost") or "1", self.quota.limit)
        except CostError as error:
            send_http_response(429, [("x-over-by", str(error.cost - self.quota.limit))], f"{error}\n".encode())
            return ACTION_PAUSE
        except ValueError as error:
            send_http_response(400, [], f"bad x-cost: {error}\n".encode())
            return ACTION_PAUSE
        finally:
            self.quota.checked += 1
        set_request_header("x-cost-accepted", str(cost))
        return ACTION_CONTINUE


class Quota(RootContext):
    def __init__(self) -> None:
        super().__init__()
        self.limit = 10
        self.checked = 0

    def on_configure(self, plugin_configuration: bytes) -> bool:
        try:
            self.limit = int(plugin_configuration.decode() or "10")
        except ValueError:
            log_info("quota: the configuration must be an integer limit")
            return False
        log_info(f"quota: limit {self.limit}")
        return True

    def new_http_context(self, context_id: int) -> HttpContext:
        return CostCheck(context_id, self)


set_root_context(Quota())
