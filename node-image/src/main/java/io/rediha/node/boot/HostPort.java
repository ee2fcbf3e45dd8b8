package io.rediha.node.boot;

/** A host (name or IP literal) and a TCP port, as sentinels and replicaof name a node. */
record HostPort(String host, int port) {

    /**
     * Parses {@code host:port}; a bare host gets {@code defaultPort}. IPv6 literals go in brackets
     * ({@code [::1]:26379}).
     *
     * @throws IllegalArgumentException with a message naming the bad part
     */
    static HostPort parse(String text, int defaultPort) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty address");
        }
        String host = s;
        String port = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "' has '[' without ']'");
            }
            host = s.substring(1, close);
            if (close + 1 < s.length()) {
                if (s.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("'" + text + "' is not [ipv6]:port");
                }
                port = s.substring(close + 2);
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = s.substring(s.indexOf(':') + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' has no host");
        }
        return new HostPort(host, port == null ? defaultPort : parsePort(port, "'" + text + "'"));
    }

    /** A port number in 1..65535, or an exception naming {@code what}. */
    static int parsePort(String text, String what) {
        try {
            int p = Integer.parseInt(text.trim());
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException(what + " has port '" + text + "': a port is a number from 1 to 65535");
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
