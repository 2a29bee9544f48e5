;; Do-nothing proxy-wasm filter, by hand: every request continues.
;; The floor for any proxy-wasm filter in Envoy (V8 and the ABI's own cost).
;; Same exports as bench/wasm/noop.py compiled by our compiler.
(module
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 1024))
  (func (export "proxy_abi_version_0_2_1"))
  ;; Bump allocator (Envoy requires one); 0 means failure once the page is used up.
  (func (export "proxy_on_memory_allocate") (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (global.get $heap))
    (if (i32.gt_u (i32.add (local.get $ptr) (local.get $size)) (i32.const 65536))
      (then (return (i32.const 0))))
    (global.set $heap (i32.add (local.get $ptr) (local.get $size)))
    (local.get $ptr))
  (func (export "proxy_on_context_create") (param i32 i32))
  (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
    (i32.const 0)))
