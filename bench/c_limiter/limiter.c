/* A per-client-IP rate limiter for Envoy in freestanding C (no libc), proxy-wasm ABI 0.2.1:
 * the benchmark's "hand-written C limiter" (issue 12), measured beside filter/main.py.
 *
 * Configuration: {"ttlSecond": 60, "burst": 3} (exactly these two keys, both required;
 * anything else makes proxy_on_configure return false). Each client may make `burst`
 * requests per `ttlSecond` window, the window starting at its first request; further
 * requests get 429 with retry-after until it ends.
 *
 * Storage mirrors filter/limiter.py, so that per request it makes the same host calls:
 * a fixed number of slot keys "ip-rate-limit:<ttl>:<burst>:<slots>:<n>" (65536 clients,
 * 8 per slot: 8192 slots), n = FNV-1a of the 16-byte address (IPv4 as ::ffff:a.b.c.d)
 * keyed by a per-deployment seed, modulo slots. A slot value holds up to 8 entries of
 * 32 bytes: address, window start (ms, u64 LE), count (u32 LE), 4 unused bytes. Every
 * update is a compare-and-swap of the whole slot, retried on conflict; a missing slot is
 * created with CAS 0xFFFFFFFF, which Envoy accepts only while the key does not exist.
 * A full slot reuses an expired entry, else evicts the window closest to its end.
 *
 * Per request (allowed): get_property("source.address") -> allocate, get_current_time,
 * get_shared_data(slot) -> allocate, set_shared_data (CAS; retried on mismatch),
 * increment_metric(allowed). Limited: the same up to get_shared_data, then
 * increment_metric(limited) and send_local_response(429, retry-after, body).
 * Failures (no address, shared data errors, contention past 64 tries) let the request
 * through with a warning, as filter/main.py does by default.
 *
 * Not here (filter/main.py has them, all off in the bench configuration): allowlist,
 * x-forwarded-for, rate-limit headers, shadow mode, rejectStatus/rejectBody, maxClients,
 * failureMode, global mode, and the counters other than allowed/limited.
 *
 * Built by build.sh (Debian clang 14.0.6 + wasm-ld 14).
 *
 * Files: common.h (types, imports, helpers), config.c, address.c, and this file (the
 * window and the exports); one translation unit, as one file would compile.
 */
#include "common.h"
#include "config.c"
#include "address.c"

/* ---- the counting window (filter/limiter.py's Limiter.count and update) ---- */
static u8 grown[SLOT_BYTES];  /* a slot with an entry appended */

static usize slot_key(const u8 ip[16]) {
    u32 h = same(ip, V4_MAPPED_PREFIX, 12) ? fnv1a(hash_after_v4_prefix, ip + 12, 4) : fnv1a(hash_seeded, ip, 16);
    return key_prefix_len + format_u32(key + key_prefix_len, h % SLOTS);
}

/* Offset of ip's entry in a slot of len bytes (a multiple of ENTRY_SIZE), or len if absent. */
static usize find_entry(const u8 *value, usize len, const u8 ip[16]) {
    usize off = 0;
    while (off < len && !same(value + off, ip, 16))
        off += ENTRY_SIZE;
    return off;
}

/* A full slot: an expired entry if there is one, else the one whose window ends soonest. */
static usize reusable_entry(const u8 *value, i64 now) {
    usize oldest = 0;
    i64 oldest_start = read_time(value + 16);
    for (usize off = 0; off < SLOT_BYTES; off += ENTRY_SIZE) {
        i64 start = read_time(value + off + 16);
        if (now - start >= ttl_ms)
            return off;
        if (start < oldest_start) {
            oldest = off;
            oldest_start = start;
        }
    }
    return oldest;
}

static void write_entry(u8 *entry, const u8 ip[16], i64 start, u32 count) {
    copy(entry, ip, 16);
    write_u64(entry + 16, (u64)start);
    write_u32(entry + 24, count);
    write_u32(entry + 28, 0);
}

static i32 reject(i64 window_end, i64 now) {
    /* one header, retry-after, in the host's pair serialization (ABI doc, 3.3) */
    u8 headers[4 + 8 + 12 + 11];
    i64 seconds = (window_end - now + 999) / 1000;
    usize digits = format_u32(headers + 24, seconds < 1 ? 1 : (u32)seconds);
    write_u32(headers, 1);
    write_u32(headers + 4, 11);
    write_u32(headers + 8, digits);
    copy(headers + 12, STR("retry-after"));
    headers[23] = 0;
    headers[24 + digits] = 0;
    proxy_increment_metric(metric_limited, 1);
    proxy_send_local_response(429, STR("ip_rate_limited"), STR("Too Many Requests\n"), headers, 25 + digits, -1);
    return ACTION_PAUSE;
}

static i32 let_through(const char *why) {
    log_text(LOG_WARN, why);
    return ACTION_CONTINUE;
}

EXPORT(proxy_on_request_headers) i32 proxy_on_request_headers(u32 context_id, u32 headers, i32 end_of_stream) {
    (void)context_id, (void)headers, (void)end_of_stream;
    u8 *address = 0;
    usize address_len = 0;
    u8 ip[16];
    u64 ns = 0;
    arena_used = 0;
    if (proxy_get_property(STR("source\0address"), &address, &address_len) != STATUS_OK || !address
        || !parse_address(address, address_len, ip))
        return let_through("ip-rate-limit: no client address; request let through");
    proxy_get_current_time_nanoseconds(&ns);
    i64 now = (i64)(ns / 1000000);
    usize key_len = slot_key(ip);
    for (int attempt = 0; attempt < MAX_CAS_RETRIES; attempt++) {
        u8 *value = 0;
        usize len = 0;
        u32 cas = CREATE_ONLY;
        i32 status = proxy_get_shared_data(key, key_len, &value, &len, &cas);
        if (status == STATUS_NOT_FOUND) {
            len = 0;
            cas = CREATE_ONLY;
        } else if (status != STATUS_OK) {
            return let_through("ip-rate-limit: reading shared data failed; request let through");
        }
        if (!value || len > SLOT_BYTES || len % ENTRY_SIZE)
            len = 0;  /* not a slot we wrote: start it afresh */
        usize off = find_entry(value, len, ip);
        i64 start = now;
        u32 count = 1;
        if (off < len) {
            i64 old = read_time(value + off + 16);
            if (now - old < ttl_ms && old - now < ttl_ms) {  /* a start far ahead is not ours */
                count = read_u32(value + off + 24);
                if (count >= burst)
                    return reject(old + ttl_ms, now);  /* limited: nothing to write */
                start = old;
                count++;
            }
        } else if (len < SLOT_BYTES) {
            copy(grown, value, len);  /* appended: the host's block is exactly len bytes */
            value = grown;
            len += ENTRY_SIZE;
        } else {
            off = reusable_entry(value, now);
        }
        write_entry(value + off, ip, start, count);  /* the block is ours: updated in place */
        status = proxy_set_shared_data(key, key_len, value, len, cas);
        if (status == STATUS_OK) {
            proxy_increment_metric(metric_allowed, 1);
            return ACTION_CONTINUE;
        }
        if (status != STATUS_CAS_MISMATCH)
            return let_through("ip-rate-limit: writing shared data failed; request let through");
    }
    return let_through("ip-rate-limit: shared data stayed contended for 64 attempts; request let through");
}

/* ---- the rest of main.wasm's exports: the same set, so Envoy makes the same calls ---- */
EXPORT(proxy_abi_version_0_2_1) void proxy_abi_version_0_2_1(void) {}
EXPORT(proxy_on_context_create) void proxy_on_context_create(u32 context_id, u32 parent_id) {
    (void)context_id, (void)parent_id;  /* nothing per request outlives on_request_headers */
}
EXPORT(proxy_on_vm_start) i32 proxy_on_vm_start(u32 root_id, usize size) {
    (void)root_id, (void)size;
    return 1;
}
/* ours adds rate-limit headers here when configured (rateLimitHeaders, off in the bench) */
EXPORT(proxy_on_response_headers) i32 proxy_on_response_headers(u32 context_id, u32 headers, i32 end_of_stream) {
    (void)context_id, (void)headers, (void)end_of_stream;
    return ACTION_CONTINUE;
}
EXPORT(proxy_on_delete) void proxy_on_delete(u32 context_id) { (void)context_id; }
/* ours uses these in global mode; never called here */
EXPORT(proxy_on_http_call_response) void proxy_on_http_call_response(u32 a, u32 b, u32 c, u32 d, u32 e) {
    (void)a, (void)b, (void)c, (void)d, (void)e;
}
EXPORT(proxy_on_grpc_receive_initial_metadata) void proxy_on_grpc_receive_initial_metadata(u32 a, u32 b, u32 c) {
    (void)a, (void)b, (void)c;
}
EXPORT(proxy_on_grpc_receive) void proxy_on_grpc_receive(u32 a, u32 b, u32 c) { (void)a, (void)b, (void)c; }
EXPORT(proxy_on_grpc_receive_trailing_metadata) void proxy_on_grpc_receive_trailing_metadata(u32 a, u32 b, u32 c) {
    (void)a, (void)b, (void)c;
}
EXPORT(proxy_on_grpc_close) void proxy_on_grpc_close(u32 a, u32 b, u32 c) { (void)a, (void)b, (void)c; }
