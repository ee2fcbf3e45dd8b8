package io.rediha.node.store;

/**
 * Redis's glob patterns, used by KEYS, SCAN MATCH, PSUBSCRIBE and CONFIG GET: {@code *}, {@code ?},
 * {@code [abc]}, {@code [^a]}, {@code [a-z]}, and {@code \} to escape. Works on bytes, because keys
 * and channels are bytes.
 */
public final class Glob {
    private Glob() {
    }

    public static boolean matches(byte[] pattern, byte[] subject, boolean nocase) {
        return match(pattern, 0, subject, 0, nocase, 0, new boolean[1]);
    }

    public static boolean matches(String pattern, String subject, boolean nocase) {
        return matches(pattern.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                subject.getBytes(java.nio.charset.StandardCharsets.UTF_8), nocase);
    }

    /** True when the pattern is a plain {@code *}, so callers can skip matching. */
    public static boolean isMatchAll(byte[] pattern) {
        return pattern.length == 1 && pattern[0] == '*';
    }

    /**
     * Recursion only at '*', bounded so a pattern of many stars cannot blow the stack. When the
     * rest of the pattern after a '*' matches at no position of the rest of the subject, no
     * earlier '*' can help by matching more ({@code giveUp} stops them all): without that, a
     * pattern like {@code a*a*a*a*...b} takes exponential time, a way to freeze the server.
     */
    private static boolean match(byte[] p, int pi, byte[] s, int si, boolean nocase, int depth, boolean[] giveUp) {
        if (depth > 1000) {
            return false;
        }
        while (pi < p.length) {
            byte pc = p[pi];
            switch (pc) {
                case '*': {
                    while (pi + 1 < p.length && p[pi + 1] == '*') {
                        pi++;
                    }
                    if (pi + 1 == p.length) {
                        return true;
                    }
                    for (int k = si; k <= s.length; k++) {
                        if (match(p, pi + 1, s, k, nocase, depth + 1, giveUp)) {
                            return true;
                        }
                        if (giveUp[0]) {
                            return false;
                        }
                    }
                    giveUp[0] = true;
                    return false;
                }
                case '?':
                    if (si >= s.length) {
                        return false;
                    }
                    si++;
                    break;
                case '[': {
                    if (si >= s.length) {
                        return false;
                    }
                    pi++;
                    boolean not = pi < p.length && p[pi] == '^';
                    if (not) {
                        pi++;
                    }
                    boolean hit = false;
                    while (true) {
                        if (pi >= p.length) {
                            pi--; // unterminated class: treat the end as its close
                            break;
                        }
                        if (p[pi] == '\\' && pi + 1 < p.length) {
                            pi++;
                            if (p[pi] == s[si]) {
                                hit = true;
                            }
                        } else if (p[pi] == ']') {
                            break;
                        } else if (pi + 2 < p.length && p[pi + 1] == '-') {
                            int lo = p[pi] & 0xff;
                            int hi = p[pi + 2] & 0xff;
                            int c = s[si] & 0xff;
                            if (lo > hi) {
                                int t = lo;
                                lo = hi;
                                hi = t;
                            }
                            if (nocase) {
                                lo = lower(lo);
                                hi = lower(hi);
                                c = lower(c);
                            }
                            pi += 2;
                            if (c >= lo && c <= hi) {
                                hit = true;
                            }
                        } else if (eq(p[pi], s[si], nocase)) {
                            hit = true;
                        }
                        pi++;
                    }
                    if (not) {
                        hit = !hit;
                    }
                    if (!hit) {
                        return false;
                    }
                    si++;
                    break;
                }
                case '\\':
                    if (pi + 1 < p.length) {
                        pi++;
                        pc = p[pi];
                    }
                    // fall through to literal
                default:
                    if (si >= s.length || !eq(pc, s[si], nocase)) {
                        return false;
                    }
                    si++;
                    break;
            }
            pi++;
            if (si >= s.length) {
                while (pi < p.length && p[pi] == '*') {
                    pi++;
                }
                break;
            }
        }
        return pi == p.length && si == s.length;
    }

    private static boolean eq(byte a, byte b, boolean nocase) {
        return a == b || (nocase && lower(a & 0xff) == lower(b & 0xff));
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
}
