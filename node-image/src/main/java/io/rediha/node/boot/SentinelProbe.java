package io.rediha.node.boot;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Asks sentinels {@code SENTINEL get-master-addr-by-name <name>}, all at once and each with a
 * bounded timeout, so a start waits at most about one timeout however many sentinels are down.
 */
final class SentinelProbe {
    private final Duration timeout;

    SentinelProbe(Duration timeout) {
        this.timeout = timeout;
    }

    /** What the sentinels said. */
    record Result(Map<HostPort, HostPort> masterBySentinel, List<HostPort> unaware, Map<HostPort, String> unreachable) {

        boolean anyAnswered() {
            return !masterBySentinel.isEmpty() || !unaware.isEmpty();
        }

        /**
         * The master most sentinels name; ties go to the sentinel listed first. Sentinels that
         * lag behind a failover converge within seconds, so a majority is the best single answer.
         */
        Optional<HostPort> master() {
            Map<HostPort, Integer> votes = new LinkedHashMap<>();
            masterBySentinel.values().forEach(m -> votes.merge(m, 1, Integer::sum));
            return votes.entrySet().stream()
                    .reduce((a, b) -> b.getValue() > a.getValue() ? b : a)
                    .map(Map.Entry::getKey);
        }
    }

    Result ask(List<HostPort> sentinels, String masterName) {
        Map<HostPort, HostPort> masters = new LinkedHashMap<>();
        List<HostPort> unaware = new ArrayList<>();
        Map<HostPort, String> unreachable = new LinkedHashMap<>();
        if (sentinels.isEmpty()) {
            return new Result(masters, unaware, unreachable);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(sentinels.size(), 8), r -> {
            Thread t = new Thread(r, "sentinel-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<Object>> answers = new ArrayList<>();
            for (HostPort s : sentinels) {
                answers.add(CompletableFuture.supplyAsync(() -> askOne(s, masterName), pool));
            }
            for (int i = 0; i < sentinels.size(); i++) {
                HostPort s = sentinels.get(i);
                Object answer = answers.get(i).join();
                if (answer instanceof HostPort m) {
                    masters.put(s, m);
                } else if (answer == null) {
                    unaware.add(s);
                } else {
                    unreachable.put(s, answer.toString());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(masters, unaware, unreachable);
    }

    /** The master's address, null when the sentinel does not know the name, or a String saying what failed. */
    private Object askOne(HostPort sentinel, String masterName) {
        try (RespClient c = RespClient.connect(sentinel, timeout)) {
            Object reply = c.call("SENTINEL", "get-master-addr-by-name", masterName);
            if (reply == null) {
                return null;
            }
            if (reply instanceof List<?> l && l.size() == 2) {
                return new HostPort(String.valueOf(l.get(0)), Integer.parseInt(String.valueOf(l.get(1))));
            }
            if (reply instanceof RespClient.Error e) {
                return "replied " + e.message();
            }
            return "unexpected reply " + reply;
        } catch (IOException | RuntimeException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
    }
}
