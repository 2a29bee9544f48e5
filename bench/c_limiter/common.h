/* Types, host imports, constants and small helpers of the C limiter (limiter.c). */
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
