"""A test stand-in for the engine of envoyproxy/ratelimit: Envoy's rate-limit service API
(``envoy.service.ratelimit.v3.RateLimitService/ShouldRateLimit``, gRPC via grpcio) over a real
Redis, with that server's documented fixed-window algorithm. It is NOT the reference server
(which ships only as a container image) and has no configuration file: each descriptor must
carry its ``limit`` override, which is what our filter sends.

For each descriptor: the window is the descriptor's unit (SECOND, MINUTE, HOUR, DAY), aligned
on the epoch (``now - now % unit``); the Redis key is ``<domain>_<key>_<value>_..._<window
start>``; the service does ``INCRBY key hits_addend`` and ``EXPIRE key unit`` in one pipeline,
answers OVER_LIMIT when the count passes ``requests_per_unit``, and reports the limit, what
remains and the time until the window ends. A Redis error fails the call (UNAVAILABLE).

Counters (``calls``) and switches (``stall_seconds``) are for the tests; grpc_services.py
serves it in a process of its own.
"""
from __future__ import annotations

import threading
import time

import grpc
import redis

import rls_messages as rls


class RateLimitService:
    def __init__(self, client: redis.Redis) -> None:
        self.client = client
        self.calls = 0
        self.stall_seconds = 0.0
        self.released = threading.Event()  # set at shutdown: ends any stall at once
        self.lock = threading.Lock()

    def should_rate_limit(self, data: bytes, context: grpc.ServicerContext) -> bytes:
        with self.lock:
            self.calls += 1
        if self.stall_seconds:
            self.released.wait(self.stall_seconds)
        request = rls.RateLimitRequest.FromString(data)
        hits = request.hits_addend or 1
        now = time.time()
        response = rls.RateLimitResponse(overall_code=rls.CODE_OK)
        for descriptor in request.descriptors:
            status = response.statuses.add(code=rls.CODE_OK)
            if not descriptor.HasField("limit") or descriptor.limit.unit not in rls.UNIT_SECONDS:
                continue  # no limit for this descriptor: OK
            try:
                self.count(request.domain, descriptor, hits, now, status)
            except redis.RedisError as error:
                context.abort(grpc.StatusCode.UNAVAILABLE, f"redis: {error}")
            if status.code == rls.CODE_OVER_LIMIT:
                response.overall_code = rls.CODE_OVER_LIMIT
        return response.SerializeToString()

    def count(self, domain: str, descriptor, hits: int, now: float, status) -> None:
        unit = rls.UNIT_SECONDS[descriptor.limit.unit]
        window_start = int(now) - int(now) % unit
        key = domain + "_" + "".join(f"{e.key}_{e.value}_" for e in descriptor.entries) + str(window_start)
        pipeline = self.client.pipeline(transaction=False)
        pipeline.incrby(key, hits)
        pipeline.expire(key, unit)
        after = pipeline.execute()[0]
        limit = descriptor.limit.requests_per_unit
        status.current_limit.requests_per_unit = limit
        status.current_limit.unit = descriptor.limit.unit
        status.duration_until_reset.seconds = unit - int(now) % unit
        if after > limit:
            status.code = rls.CODE_OVER_LIMIT
            status.limit_remaining = 0
        else:
            status.limit_remaining = limit - after
