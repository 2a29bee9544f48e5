/* The C limiter's configuration and start-up (included by limiter.c: one translation unit). */

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
