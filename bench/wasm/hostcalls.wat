;; The rate limiter's host-call floor, by hand: per request exactly the host calls
;; filter/main.py makes (traced in the emulator), with trivial logic in between.
;; Allowed request:  get_property("source.address") -> allocate, get_current_time,
;;   get_shared_data(slot key) -> allocate (once the key exists), set_shared_data
;;   (32 bytes, CAS; retried on a CAS mismatch), increment_metric(allowed).
;; Limited request: the same up to get_shared_data, then increment_metric(limited)
;;   and send_local_response(429, retry-after header, body).
;; Same exported callbacks as main.wasm; what Envoy calls per request: on_context_create,
;; on_request_headers, on_response_headers, on_delete. Not modelled: our address
;; parsing, hashing, bytes building, context objects (that is the filter's own cost).
;; Configuration: its last decimal number is the burst ('{"ttlSecond": 60, "burst": 3}'
;; gives 3); the window is 60 s; one fixed slot key for every client.
(module
  (import "env" "proxy_get_buffer_bytes" (func $get_buffer_bytes (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_get_property" (func $get_property (param i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_get_current_time_nanoseconds" (func $get_time (param i32) (result i32)))
  (import "env" "proxy_get_shared_data" (func $get_shared_data (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_set_shared_data" (func $set_shared_data (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_define_metric" (func $define_metric (param i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_increment_metric" (func $increment_metric (param i32 i64) (result i32)))
  (import "env" "proxy_send_local_response" (func $send_local_response (param i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; constants
  (data (i32.const 64) "source\00address")                         ;; 14 bytes
  (data (i32.const 128) "ip-rate-limit:60:1000000000:8192:1234")   ;; 37 bytes, as main.wasm's in the bench
  (data (i32.const 256) "ip_rate_limit.allowed")                   ;; 21
  (data (i32.const 288) "ip_rate_limit.limited")                   ;; 21
  (data (i32.const 320) "ip_rate_limited")                         ;; 15
  (data (i32.const 352) "Too Many Requests\n")                     ;; 18
  ;; one header (retry-after: 60) in Envoy's pair serialization: 27 bytes
  (data (i32.const 384) "\01\00\00\00\0b\00\00\00\02\00\00\00retry-after\0060\00")
  ;; 512: returned pointer, 516: returned size, 520: returned CAS, 528: time (i64),
  ;; 536: allowed metric id, 540: limited metric id, 600: the new slot value (32 bytes)
  (global $heap (mut i32) (i32.const 1024))
  (global $burst (mut i32) (i32.const 1000000000))
  (func (export "proxy_abi_version_0_2_1"))
  ;; Bump allocator, emptied at the start of every request (nothing outlives one).
  (func (export "proxy_on_memory_allocate") (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (global.get $heap))
    (if (i32.gt_u (i32.add (local.get $ptr) (local.get $size)) (i32.const 65536))
      (then (return (i32.const 0))))
    (global.set $heap (i32.add (local.get $ptr) (local.get $size)))
    (local.get $ptr))
  (func (export "proxy_on_context_create") (param i32 i32))
  (func (export "proxy_on_vm_start") (param i32 i32) (result i32) (i32.const 1))
  (func (export "proxy_on_configure") (param $root i32) (param $size i32) (result i32)
    (local $p i32) (local $end i32) (local $c i32) (local $n i32) (local $digits i32)
    (drop (call $define_metric (i32.const 0) (i32.const 256) (i32.const 21) (i32.const 536)))
    (drop (call $define_metric (i32.const 0) (i32.const 288) (i32.const 21) (i32.const 540)))
    (if (i32.eqz (local.get $size)) (then (return (i32.const 1))))
    (if (call $get_buffer_bytes (i32.const 7) (i32.const 0) (local.get $size) (i32.const 512) (i32.const 516))
      (then (return (i32.const 1))))
    ;; the last decimal number is the burst
    (local.set $p (i32.load (i32.const 512)))
    (local.set $end (i32.add (local.get $p) (i32.load (i32.const 516))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $c (i32.sub (i32.load8_u (local.get $p)) (i32.const 48)))
        (if (i32.lt_u (local.get $c) (i32.const 10))
          (then
            (if (i32.eqz (local.get $digits)) (then (local.set $n (i32.const 0))))
            (local.set $n (i32.add (i32.mul (local.get $n) (i32.const 10)) (local.get $c)))
            (local.set $digits (i32.const 1)))
          (else
            (if (local.get $digits) (then (global.set $burst (local.get $n))))
            (local.set $digits (i32.const 0))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $next)))
    (if (local.get $digits) (then (global.set $burst (local.get $n))))
    (i32.const 1))
  (func (export "proxy_on_request_headers") (param $ctx i32) (param $n i32) (param $eos i32) (result i32)
    (local $address i32) (local $now i64) (local $status i32) (local $cas i32)
    (local $value i32) (local $start i64) (local $count i32)
    (global.set $heap (i32.const 1024))
    (if (call $get_property (i32.const 64) (i32.const 14) (i32.const 512) (i32.const 516))
      (then (return (i32.const 0))))
    (local.set $address (i32.load (i32.const 512)))
    (drop (call $get_time (i32.const 528)))
    (local.set $now (i64.div_u (i64.load (i32.const 528)) (i64.const 1000000)))
    (loop $retry
      (local.set $status (call $get_shared_data (i32.const 128) (i32.const 37)
                                                (i32.const 512) (i32.const 516) (i32.const 520)))
      (local.set $start (local.get $now))
      (local.set $count (i32.const 1))
      (local.set $cas (i32.const -1))
      (if (i32.and (i32.eqz (local.get $status)) (i32.eq (i32.load (i32.const 516)) (i32.const 32)))
        (then
          (local.set $cas (i32.load (i32.const 520)))
          (local.set $value (i32.load (i32.const 512)))
          (if (i64.lt_s (i64.sub (local.get $now) (i64.load offset=16 (local.get $value))) (i64.const 60000))
            (then
              (local.set $start (i64.load offset=16 (local.get $value)))
              (local.set $count (i32.load offset=24 (local.get $value)))
              (if (i32.ge_u (local.get $count) (global.get $burst))
                (then
                  (drop (call $increment_metric (i32.load (i32.const 540)) (i64.const 1)))
                  (drop (call $send_local_response (i32.const 429) (i32.const 320) (i32.const 15)
                          (i32.const 352) (i32.const 18) (i32.const 384) (i32.const 27) (i32.const -1)))
                  (return (i32.const 1))))
              (local.set $count (i32.add (local.get $count) (i32.const 1)))))))
      ;; the entry: the address's first 16 bytes, window start, count
      (i64.store offset=600 (i32.const 0) (i64.load (local.get $address)))
      (i64.store offset=608 (i32.const 0) (i64.load offset=8 (local.get $address)))
      (i64.store offset=616 (i32.const 0) (local.get $start))
      (i64.store offset=624 (i32.const 0) (i64.extend_i32_u (local.get $count)))
      (br_if $retry (i32.eq (i32.const 8)  ;; CAS mismatch: another worker wrote first
        (call $set_shared_data (i32.const 128) (i32.const 37) (i32.const 600) (i32.const 32)
                               (local.get $cas)))))
    (drop (call $increment_metric (i32.load (i32.const 536)) (i64.const 1)))
    (i32.const 0))
  (func (export "proxy_on_response_headers") (param i32 i32 i32) (result i32) (i32.const 0))
  (func (export "proxy_on_delete") (param i32))
  ;; exported by main.wasm too; never called per request
  (func (export "proxy_on_http_call_response") (param i32 i32 i32 i32 i32))
  (func (export "proxy_on_grpc_receive_initial_metadata") (param i32 i32 i32))
  (func (export "proxy_on_grpc_receive") (param i32 i32 i32))
  (func (export "proxy_on_grpc_receive_trailing_metadata") (param i32 i32 i32))
  (func (export "proxy_on_grpc_close") (param i32 i32 i32)))
