/* The C limiter's client-address parsing (included by limiter.c: one translation unit). */

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
