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
 */
typedef unsigned char u8;
typedef unsigned int u32;
typedef int i32;
typedef unsigned long long u64;
typedef long long i64;
typedef unsigned long usize;

#define IMPORT(name) __attribute__((import_module("env"), import_name(#name)))
#define EXPORT(name) __attribute__((export_name(#name)))

IMPORT(proxy_log) i32 proxy_log(i32 level, const u8 *msg, usize len);
IMPORT(proxy_get_buffer_bytes) i32 proxy_get_buffer_bytes(i32 type, u32 start, u32 len, u8 **out, usize *out_len);
IMPORT(proxy_get_property) i32 proxy_get_property(const u8 *path, usize len, u8 **out, usize *out_len);
IMPORT(proxy_get_current_time_nanoseconds) i32 proxy_get_current_time_nanoseconds(u64 *out);
IMPORT(proxy_get_shared_data) i32 proxy_get_shared_data(const u8 *key, usize key_len, u8 **out, usize *out_len,
                                                       u32 *cas);
IMPORT(proxy_set_shared_data) i32 proxy_set_shared_data(const u8 *key, usize key_len, const u8 *value,
                                                       usize value_len, u32 cas);
IMPORT(proxy_define_metric) i32 proxy_define_metric(i32 type, const u8 *name, usize len, u32 *id);
IMPORT(proxy_increment_metric) i32 proxy_increment_metric(u32 id, i64 delta);
IMPORT(proxy_send_local_response) i32 proxy_send_local_response(u32 status, const u8 *details, usize details_len,
                                                               const u8 *body, usize body_len, const u8 *headers,
                                                               usize headers_len, i32 grpc_status);

enum { STATUS_OK = 0, STATUS_NOT_FOUND = 1, STATUS_CAS_MISMATCH = 8 };
enum { LOG_INFO = 2, LOG_WARN = 3, LOG_ERROR = 4 };
enum { BUFFER_PLUGIN_CONFIGURATION = 7, METRIC_COUNTER = 0 };
enum { ACTION_CONTINUE = 0, ACTION_PAUSE = 1 };

#define ENTRY_SIZE 32
#define ENTRIES_PER_SLOT 8
#define SLOT_BYTES (ENTRY_SIZE * ENTRIES_PER_SLOT)
#define SLOTS (65536 / ENTRIES_PER_SLOT)  /* filter/config.py's default maxClients */
#define CREATE_ONLY 0xFFFFFFFFu
#define MAX_CAS_RETRIES 64
#define MAX_TTL_SECONDS 86400
#define MAX_BURST 1000000000
#define STR(s) (const u8 *)(s), (sizeof(s) - 1)

/* ---- memory: a bump allocator. Nothing the host hands us outlives the callback it came in
 * (a request, or the configuration), so the arena is emptied at the start of each. ---- */
static u8 arena[65536] __attribute__((aligned(8)));
static usize arena_used;

EXPORT(proxy_on_memory_allocate) void *proxy_on_memory_allocate(usize size) {
    usize start = (arena_used + 7) & ~(usize)7;
    if (size > sizeof arena - start)
        return 0;  /* the host then fails the call; we treat that like a missing value */
    arena_used = start + size;
    return arena + start;
}

static void copy(u8 *to, const u8 *from, usize n) {
    while (n--)
        *to++ = *from++;
}

static int same(const u8 *a, const u8 *b, usize n) {
    while (n--)
        if (*a++ != *b++)
            return 0;
    return 1;
}

static u32 read_u32(const u8 *p) { return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24; }

static void write_u32(u8 *p, u32 v) {
    p[0] = v;
    p[1] = v >> 8;
    p[2] = v >> 16;
    p[3] = v >> 24;
}

/* A time in ms never has the top bit set: a foreign value reads as a large time. */
static i64 read_time(const u8 *p) { return (i64)(read_u32(p) | (u64)(read_u32(p + 4) & 0x7FFFFFFF) << 32); }

static void write_u64(u8 *p, u64 v) {
    write_u32(p, (u32)v);
    write_u32(p + 4, (u32)(v >> 32));
}

/* Decimal text of v at `out` (room for 10 digits); its length. */
static usize format_u32(u8 *out, u32 v) {
    u8 digits[10];
    usize n = 0;
    do {
        digits[n++] = '0' + v % 10;
        v /= 10;
    } while (v);
    for (usize i = 0; i < n; i++)
        out[i] = digits[n - 1 - i];
    return n;
}

/* ---- configuration ---- */
static u32 ttl_ms = 60000, burst = 3;
static u32 metric_allowed, metric_limited;
static u32 hash_seeded;           /* FNV-1a's start, keyed by the seed */
static u32 hash_after_v4_prefix;  /* its state after ::ffff: (most clients: 4 bytes left to hash) */
static u8 key[64];                /* "ip-rate-limit:<ttl>:<burst>:<slots>:" then the slot number */
static usize key_prefix_len;

static const u8 V4_MAPPED_PREFIX[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

static u32 fnv1a(u32 h, const u8 *p, usize n) {
    while (n--)
        h = (h ^ *p++) * 16777619u;
    return h;
}

static void log_text(i32 level, const char *text) {
    usize n = 0;
    while (text[n])
        n++;
    proxy_log(level, (const u8 *)text, n);
}

static const u8 *skip_space(const u8 *p, const u8 *end) {
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}

/* A JSON integer in [low, high] at *p (no sign, fraction or exponent); 0 if none. */
static int read_integer(const u8 **p, const u8 *end, u32 low, u32 high, u32 *out) {
    const u8 *q = *p;
    u64 v = 0;
    if (q == end || *q < '0' || *q > '9' || (*q == '0' && q + 1 < end && q[1] >= '0' && q[1] <= '9'))
        return 0;
    while (q < end && *q >= '0' && *q <= '9') {
        v = v * 10 + (*q++ - '0');
        if (v > high)
            return 0;
    }
    if (q < end && (*q == '.' || *q == 'e' || *q == 'E'))
        return 0;
    if (v < low)
        return 0;
    *out = (u32)v;
    *p = q;
    return 1;
}

/* {"ttlSecond": <1..86400>, "burst": <1..1000000000>}, any order, each once, nothing else. */
static const char *parse_config(const u8 *p, const u8 *end, u32 *ttl, u32 *limit) {
    int seen_ttl = 0, seen_burst = 0;
    p = skip_space(p, end);
    if (p == end || *p++ != '{')
        return "the configuration must be a JSON object such as {\"ttlSecond\": 60, \"burst\": 3}";
    p = skip_space(p, end);
    if (p < end && *p == '}')
        p++;
    else
        for (;;) {
            if (p == end || *p != '"')
                return "a key (a JSON string) expected";
            const u8 *name = ++p;
            while (p < end && *p != '"' && *p != '\\')
                p++;
            if (p == end || *p != '"')
                return "a key is not a plain string";
            usize len = p++ - name;
            p = skip_space(p, end);
            if (p == end || *p++ != ':')
                return "':' expected after a key";
            p = skip_space(p, end);
            if (len == 9 && same(name, (const u8 *)"ttlSecond", 9) && !seen_ttl) {
                if (!read_integer(&p, end, 1, MAX_TTL_SECONDS, ttl))
                    return "ttlSecond must be an integer from 1 to 86400";
                seen_ttl = 1;
            } else if (len == 5 && same(name, (const u8 *)"burst", 5) && !seen_burst) {
                if (!read_integer(&p, end, 1, MAX_BURST, limit))
                    return "burst must be an integer from 1 to 1000000000";
                seen_burst = 1;
            } else {
                return "unknown or repeated key (known keys: ttlSecond, burst)";
            }
            p = skip_space(p, end);
            if (p < end && *p == ',') {
                p = skip_space(p + 1, end);
                continue;
            }
            if (p < end && *p == '}') {
                p++;
                break;
            }
            return "',' or '}' expected after a value";
        }
    if (skip_space(p, end) != end)
        return "text after the JSON object";
    if (!seen_ttl || !seen_burst)
        return "ttlSecond and burst are required";
    return 0;
}

/* One hash seed for every worker: the first VM to configure stores it, the others read it. */
static u32 shared_seed(void) {
    static const u8 seed_key[] = "ip-rate-limit:seed";
    u64 now = 0;
    u8 fresh[4];
    u8 *value = 0;
    usize len = 0;
    u32 cas;
    proxy_get_current_time_nanoseconds(&now);
    write_u32(fresh, (u32)now);
    proxy_set_shared_data(STR(seed_key), fresh, 4, CREATE_ONLY);
    if (proxy_get_shared_data(STR(seed_key), &value, &len, &cas) != STATUS_OK || len != 4 || !value)
        return 0;
    return read_u32(value);
}

EXPORT(proxy_on_configure) i32 proxy_on_configure(u32 root_id, usize size) {
    (void)root_id;
    u8 *config = 0;
    usize len = 0;
    u32 ttl = 0, limit = 0;
    arena_used = 0;
    if (size == 0 || proxy_get_buffer_bytes(BUFFER_PLUGIN_CONFIGURATION, 0, size, &config, &len) != STATUS_OK
        || !config) {
        log_text(LOG_ERROR, "ip-rate-limit: no configuration; expected {\"ttlSecond\": 60, \"burst\": 3}");
        return 0;
    }
    const char *error = parse_config(config, config + len, &ttl, &limit);
    if (error) {
        u8 line[160];
        usize n = 0;
        copy(line, STR("ip-rate-limit: "));
        n = 15;
        while (*error && n < sizeof line)
            line[n++] = *error++;
        proxy_log(LOG_ERROR, line, n);
        return 0;
    }
    ttl_ms = ttl * 1000;
    burst = limit;
    proxy_define_metric(METRIC_COUNTER, STR("ip_rate_limit.allowed"), &metric_allowed);
    proxy_define_metric(METRIC_COUNTER, STR("ip_rate_limit.limited"), &metric_limited);
    hash_seeded = 2166136261u ^ shared_seed();
    hash_after_v4_prefix = fnv1a(hash_seeded, V4_MAPPED_PREFIX, 12);
    usize n = 0;
    copy(key, STR("ip-rate-limit:"));
    n = 14;
    n += format_u32(key + n, ttl);
    key[n++] = ':';
    n += format_u32(key + n, limit);
    key[n++] = ':';
    n += format_u32(key + n, SLOTS);
    key[n++] = ':';
    key_prefix_len = n;
    u8 line[80];
    copy(line, STR("ip-rate-limit: "));
    n = 15;
    n += format_u32(line + n, limit);
    copy(line + n, STR(" requests per "));
    n += 14;
    n += format_u32(line + n, ttl);
    copy(line + n, STR("s per client"));
    n += 12;
    proxy_log(LOG_INFO, line, n);
    return 1;
}

/* ---- client addresses: "1.2.3.4:5678", "[2001:db8::1]:443", or without a port ---- */

/* A dotted quad of exactly [p, end) (no leading zeros, as inet_pton) into out[0..3]. */
static int parse_ipv4(const u8 *p, const u8 *end, u8 out[4]) {
    int parts = 0;
    while (parts < 4) {
        u32 v = 0;
        const u8 *start = p;
        while (p < end && *p >= '0' && *p <= '9' && p - start < 3)
            v = v * 10 + (*p++ - '0');
        if (p == start || v > 255 || (p - start > 1 && *start == '0'))
            return 0;
        out[parts++] = (u8)v;
        if (parts < 4) {
            if (p == end || *p != '.')
                return 0;
            p++;
        }
    }
    return p == end;
}

static int hex_value(u8 c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20;
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* An IPv6 address of exactly [p, end): 1-4 hex digit groups, at most one "::", an optional
 * trailing dotted quad (the classic inet_pton6 shape). */
static int parse_ipv6(const u8 *p, const u8 *end, u8 out[16]) {
    u8 words[16] = {0};
    int n = 0, gap = -1;
    if (p + 1 < end && p[0] == ':' && p[1] == ':') {
        gap = 0;
        p += 2;
    } else if (p < end && *p == ':') {
        return 0;
    }
    while (p < end) {
        const u8 *start = p;
        u32 v = 0;
        int digit;
        while (p < end && p - start < 4 && (digit = hex_value(*p)) >= 0) {
            v = v << 4 | digit;
            p++;
        }
        if (p < end && *p == '.') {  /* the last 32 bits as a dotted quad */
            if (n > 12 || !parse_ipv4(start, end, words + n))
                return 0;
            n += 4;
            p = end;
            break;
        }
        if (p == start || n > 14)
            return 0;
        words[n++] = (u8)(v >> 8);
        words[n++] = (u8)v;
        if (p == end)
            break;
        if (*p++ != ':')
            return 0;
        if (p < end && *p == ':') {
            if (gap >= 0)
                return 0;
            gap = n;
            p++;
        } else if (p == end) {
            return 0;  /* a trailing single ':' */
        }
    }
    if (gap < 0) {
        if (n != 16)
            return 0;
    } else {
        if (n > 14)
            return 0;  /* "::" stands for at least one group */
        int moved = n - gap;
        for (int i = 1; i <= moved; i++) {
            words[16 - i] = words[n - i];
            words[n - i] = 0;
        }
    }
    copy(out, words, 16);
    return 1;
}

/* Envoy's source.address to 16 bytes (IPv4 as ::ffff:a.b.c.d); 0 if it is no address. */
static int parse_address(const u8 *p, usize len, u8 ip[16]) {
    const u8 *end = p + len;
    if (len == 0 || len > 64)
        return 0;
    if (*p == '[') {
        const u8 *close = p + 1;
        while (close < end && *close != ']')
            close++;
        if (close == end || (close + 1 != end && close[1] != ':'))
            return 0;
        return parse_ipv6(p + 1, close, ip);
    }
    const u8 *colon = 0;
    int colons = 0;
    for (const u8 *q = p; q < end; q++)
        if (*q == ':') {
            colon = q;
            colons++;
        }
    if (colons > 1)
        return parse_ipv6(p, end, ip);  /* a bare IPv6 address */
    copy(ip, V4_MAPPED_PREFIX, 12);
    return parse_ipv4(p, colon ? colon : end, ip + 12);
}

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
