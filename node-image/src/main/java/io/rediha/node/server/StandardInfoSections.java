package io.rediha.node.server;

import io.rediha.node.command.CommandSpec;
import io.rediha.node.store.Database;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The INFO sections the core fills, with Redis's field names and order. Persistence and
 * replication get neutral defaults here (no AOF, no RDB in progress, a master with no replicas);
 * their subsystems replace those sections by registering the same titles.
 */
final class StandardInfoSections {
    private StandardInfoSections() {
    }

    static void registerAll(RedisServer s) {
        InfoRegistry r = s.info();
        r.register("Server", true, out -> server(s, out));
        r.register("Clients", true, out -> clients(s, out));
        r.register("Memory", true, out -> memory(s, out));
        r.register("Persistence", true, out -> persistence(s, out));
        r.register("Stats", true, out -> stats(s, out));
        r.register("Replication", true, out -> replication(s, out));
        r.register("CPU", true, StandardInfoSections::cpu);
        r.register("Modules", true, out -> { });
        r.register("Commandstats", false, out -> commandstats(s, out));
        r.register("Errorstats", true, out -> errorstats(s, out));
        r.register("Cluster", true, out -> line(out, "cluster_enabled", 0));
        r.register("Keyspace", true, out -> keyspace(s, out));
    }

    static void line(StringBuilder out, String field, Object value) {
        out.append(field).append(':').append(value).append("\r\n");
    }

    private static void server(RedisServer s, StringBuilder out) {
        long now = System.currentTimeMillis();
        long uptime = (now - s.startMillis()) / 1000;
        line(out, "redis_version", RedisServer.REDIS_VERSION);
        line(out, "redis_git_sha1", "00000000");
        line(out, "redis_git_dirty", 0);
        line(out, "redis_build_id", "0");
        line(out, "redis_mode", "standalone");
        line(out, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        line(out, "arch_bits", 64);
        line(out, "monotonic_clock", "POSIX clock_gettime");
        line(out, "multiplexing_api", "epoll");
        line(out, "atomicvar_api", "c11-builtin");
        line(out, "gcc_version", "0.0.0");
        line(out, "process_id", ProcessHandle.current().pid());
        line(out, "process_supervised", "no");
        line(out, "run_id", s.runId());
        line(out, "tcp_port", s.port());
        line(out, "server_time_usec", now * 1000);
        line(out, "uptime_in_seconds", uptime);
        line(out, "uptime_in_days", uptime / 86400);
        line(out, "hz", s.config().getInt("hz"));
        line(out, "configured_hz", s.config().getInt("hz"));
        line(out, "lru_clock", io.rediha.node.store.Keyspace.lruClock());
        line(out, "executable", ProcessHandle.current().info().command().orElse(""));
        line(out, "config_file", s.config().configFile() == null ? "" : s.config().configFile());
        line(out, "io_threads_active", 0);
        line(out, "rediha_version", io.rediha.node.Version.get());
        line(out, "java_version", System.getProperty("java.version"));
    }

    private static void clients(RedisServer s, StringBuilder out) {
        int blocked = 0;
        int pubsub = 0;
        int watching = 0;
        long maxOut = 0;
        for (Client c : s.clients().all()) {
            if (c.isBlocked()) {
                blocked++;
            }
            if (c.subscriptionCount() > 0) {
                pubsub++;
            }
            if (c.watchedCount() > 0) {
                watching++;
            }
            maxOut = Math.max(maxOut, c.outputBufferBytes());
        }
        line(out, "connected_clients", s.clients().size());
        line(out, "cluster_connections", 0);
        line(out, "maxclients", s.config().getLong("maxclients"));
        line(out, "client_recent_max_input_buffer", 0);
        line(out, "client_recent_max_output_buffer", maxOut);
        line(out, "blocked_clients", blocked);
        line(out, "tracking_clients", s.tracking().clientCount());
        line(out, "clients_in_timeout_table", 0);
        line(out, "pubsub_clients", pubsub);
        line(out, "watching_clients", watching);
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + "B";
        }
        String[] units = {"K", "M", "G", "T", "P"};
        double v = bytes;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.2f%s", v, units[i]);
    }

    static long rssBytes() {
        try {
            String statm = Files.readString(Path.of("/proc/self/statm"));
            return Long.parseLong(statm.trim().split("\\s+")[1]) * 4096;
        } catch (Exception e) {
            return Runtime.getRuntime().totalMemory();
        }
    }

    private static void memory(RedisServer s, StringBuilder out) {
        long used = s.evictor.usedMemory();
        long rss = rssBytes();
        long dataset = s.keyspace().meter().bytes();
        long max = s.config().getLong("maxmemory");
        Runtime rt = Runtime.getRuntime();
        line(out, "used_memory", used);
        line(out, "used_memory_human", human(used));
        line(out, "used_memory_rss", rss);
        line(out, "used_memory_rss_human", human(rss));
        line(out, "used_memory_peak", Math.max(used, s.memoryPeak(used)));
        line(out, "used_memory_peak_human", human(s.memoryPeak(used)));
        line(out, "used_memory_peak_perc", String.format(Locale.ROOT, "%.2f%%", 100.0 * used / Math.max(1, s.memoryPeak(used))));
        line(out, "used_memory_overhead", Evictor.BASE_OVERHEAD);
        line(out, "used_memory_startup", Evictor.BASE_OVERHEAD);
        line(out, "used_memory_dataset", dataset);
        line(out, "used_memory_dataset_perc", String.format(Locale.ROOT, "%.2f%%", 100.0 * dataset / Math.max(1, used)));
        line(out, "allocator_allocated", rt.totalMemory() - rt.freeMemory());
        line(out, "allocator_active", rt.totalMemory());
        line(out, "allocator_resident", rss);
        line(out, "total_system_memory", totalSystemMemory());
        line(out, "total_system_memory_human", human(totalSystemMemory()));
        line(out, "used_memory_lua", 31744);
        line(out, "used_memory_vm_eval", 31744);
        line(out, "used_memory_lua_human", "31.00K");
        line(out, "used_memory_scripts_eval", 0);
        line(out, "number_of_cached_scripts", 0);
        line(out, "number_of_functions", 0);
        line(out, "number_of_libraries", 0);
        line(out, "used_memory_vm_functions", 32768);
        line(out, "used_memory_vm_total", 64512);
        line(out, "used_memory_vm_total_human", "63.00K");
        line(out, "used_memory_functions", 184);
        line(out, "used_memory_scripts", 184);
        line(out, "used_memory_scripts_human", "184B");
        line(out, "maxmemory", max);
        line(out, "maxmemory_human", human(max));
        line(out, "maxmemory_policy", s.config().getString("maxmemory-policy"));
        line(out, "allocator_frag_ratio", "1.00");
        line(out, "allocator_frag_bytes", 0);
        line(out, "allocator_rss_ratio", "1.00");
        line(out, "allocator_rss_bytes", 0);
        line(out, "rss_overhead_ratio", "1.00");
        line(out, "rss_overhead_bytes", 0);
        line(out, "mem_fragmentation_ratio", String.format(Locale.ROOT, "%.2f", (double) rss / Math.max(1, used)));
        line(out, "mem_fragmentation_bytes", rss - used);
        line(out, "mem_not_counted_for_evict", 0);
        line(out, "mem_replication_backlog", 0);
        line(out, "mem_total_replication_buffers", 0);
        line(out, "mem_clients_slaves", 0);
        line(out, "mem_clients_normal", 0);
        line(out, "mem_cluster_links", 0);
        line(out, "mem_aof_buffer", 0);
        line(out, "mem_allocator", "jvm");
        line(out, "active_defrag_running", 0);
        line(out, "lazyfree_pending_objects", 0);
        line(out, "lazyfreed_objects", 0);
        line(out, "jvm_heap_used", rt.totalMemory() - rt.freeMemory());
        line(out, "jvm_heap_committed", rt.totalMemory());
        line(out, "jvm_heap_max", rt.maxMemory());
    }

    private static long totalSystemMemory() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (Exception ignored) {
            // not Linux
        }
        return 0;
    }

    private static void persistence(RedisServer s, StringBuilder out) {
        line(out, "loading", 0);
        line(out, "async_loading", 0);
        line(out, "current_cow_peak", 0);
        line(out, "current_cow_size", 0);
        line(out, "current_cow_size_age", 0);
        line(out, "current_fork_perc", "0.00");
        line(out, "current_save_keys_processed", 0);
        line(out, "current_save_keys_total", 0);
        line(out, "rdb_changes_since_last_save", s.dirty);
        line(out, "rdb_bgsave_in_progress", 0);
        line(out, "rdb_last_save_time", s.startMillis() / 1000);
        line(out, "rdb_last_bgsave_status", "ok");
        line(out, "rdb_last_bgsave_time_sec", -1);
        line(out, "rdb_current_bgsave_time_sec", -1);
        line(out, "rdb_saves", 0);
        line(out, "rdb_last_cow_size", 0);
        line(out, "rdb_last_load_keys_expired", 0);
        line(out, "rdb_last_load_keys_loaded", 0);
        line(out, "aof_enabled", 0);
        line(out, "aof_rewrite_in_progress", 0);
        line(out, "aof_rewrite_scheduled", 0);
        line(out, "aof_last_rewrite_time_sec", -1);
        line(out, "aof_current_rewrite_time_sec", -1);
        line(out, "aof_last_bgrewrite_status", "ok");
        line(out, "aof_rewrites", 0);
        line(out, "aof_rewrites_consecutive_failures", 0);
        line(out, "aof_last_write_status", "ok");
        line(out, "aof_last_cow_size", 0);
        line(out, "module_fork_in_progress", 0);
        line(out, "module_fork_last_cow_size", 0);
    }

    private static void stats(RedisServer s, StringBuilder out) {
        Stats st = s.stats();
        line(out, "total_connections_received", st.totalConnectionsReceived);
        line(out, "total_commands_processed", st.totalCommandsProcessed);
        line(out, "instantaneous_ops_per_sec", st.instantaneousOpsPerSec());
        line(out, "total_net_input_bytes", st.netInputBytes);
        line(out, "total_net_output_bytes", st.netOutputBytes);
        line(out, "total_net_repl_input_bytes", 0);
        line(out, "total_net_repl_output_bytes", 0);
        line(out, "instantaneous_input_kbps", String.format(Locale.ROOT, "%.2f", st.instantaneousInputKbps()));
        line(out, "instantaneous_output_kbps", String.format(Locale.ROOT, "%.2f", st.instantaneousOutputKbps()));
        line(out, "instantaneous_input_repl_kbps", "0.00");
        line(out, "instantaneous_output_repl_kbps", "0.00");
        line(out, "rejected_connections", st.rejectedConnections);
        line(out, "sync_full", 0);
        line(out, "sync_partial_ok", 0);
        line(out, "sync_partial_err", 0);
        line(out, "expired_keys", st.expiredKeys);
        line(out, "expired_stale_perc", "0.00");
        line(out, "expired_time_cap_reached_count", st.expiredTimeCapReachedCount);
        line(out, "expire_cycle_cpu_milliseconds", 0);
        line(out, "evicted_keys", st.evictedKeys);
        line(out, "evicted_clients", st.evictedClients);
        line(out, "total_eviction_exceeded_time", 0);
        line(out, "current_eviction_exceeded_time", 0);
        line(out, "keyspace_hits", st.keyspaceHits);
        line(out, "keyspace_misses", st.keyspaceMisses);
        line(out, "pubsub_channels", s.pubsub().channelCount());
        line(out, "pubsub_patterns", s.pubsub().patternCount());
        line(out, "pubsubshard_channels", 0);
        line(out, "latest_fork_usec", 0);
        line(out, "total_forks", 0);
        line(out, "migrate_cached_sockets", 0);
        line(out, "slave_expires_tracked_keys", 0);
        line(out, "active_defrag_hits", 0);
        line(out, "active_defrag_misses", 0);
        line(out, "active_defrag_key_hits", 0);
        line(out, "active_defrag_key_misses", 0);
        line(out, "total_active_defrag_time", 0);
        line(out, "current_active_defrag_time", 0);
        line(out, "tracking_total_keys", s.tracking().totalKeys());
        line(out, "tracking_total_items", s.tracking().totalItems());
        line(out, "tracking_total_prefixes", s.tracking().totalPrefixes());
        line(out, "unexpected_error_replies", st.unexpectedErrorReplies);
        line(out, "total_error_replies", st.totalErrorReplies);
        line(out, "dump_payload_sanitizations", 0);
        line(out, "total_reads_processed", st.totalReadsProcessed);
        line(out, "total_writes_processed", st.totalWritesProcessed);
        line(out, "io_threaded_reads_processed", 0);
        line(out, "io_threaded_writes_processed", 0);
        line(out, "reply_buffer_shrinks", 0);
        line(out, "reply_buffer_expands", 0);
        line(out, "client_query_buffer_limit_disconnections", st.clientQueryBufferLimitDisconnections);
        line(out, "client_output_buffer_limit_disconnections", st.clientOutputBufferLimitDisconnections);
    }

    private static void replication(RedisServer s, StringBuilder out) {
        line(out, "role", s.role());
        line(out, "connected_slaves", 0);
        line(out, "master_failover_state", "no-failover");
        line(out, "master_replid", s.runId());
        line(out, "master_replid2", "0000000000000000000000000000000000000000");
        line(out, "master_repl_offset", 0);
        line(out, "second_repl_offset", -1);
        line(out, "repl_backlog_active", 0);
        line(out, "repl_backlog_size", s.config().getLong("repl-backlog-size"));
        line(out, "repl_backlog_first_byte_offset", 0);
        line(out, "repl_backlog_histlen", 0);
    }

    private static void cpu(StringBuilder out) {
        double sys = 0;
        double user = 0;
        try {
            String[] f = Files.readString(Path.of("/proc/self/stat")).split("\\) ")[1].split(" ");
            user = Long.parseLong(f[11]) / 100.0;
            sys = Long.parseLong(f[12]) / 100.0;
        } catch (Exception e) {
            user = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
        }
        line(out, "used_cpu_sys", String.format(Locale.ROOT, "%.6f", sys));
        line(out, "used_cpu_user", String.format(Locale.ROOT, "%.6f", user));
        line(out, "used_cpu_sys_children", "0.000000");
        line(out, "used_cpu_user_children", "0.000000");
        line(out, "used_cpu_sys_main_thread", String.format(Locale.ROOT, "%.6f", sys));
        line(out, "used_cpu_user_main_thread", String.format(Locale.ROOT, "%.6f", user));
    }

    private static void commandstats(RedisServer s, StringBuilder out) {
        List<CommandSpec> all = new ArrayList<>();
        for (CommandSpec c : s.commands().all()) {
            all.add(c);
            all.addAll(c.subcommands().values());
        }
        for (CommandSpec c : all) {
            if (c.calls == 0 && c.rejectedCalls == 0 && c.failedCalls == 0) {
                continue;
            }
            out.append("cmdstat_").append(c.fullName()).append(":calls=").append(c.calls)
                    .append(",usec=").append(c.microseconds)
                    .append(",usec_per_call=").append(String.format(Locale.ROOT, "%.2f",
                            c.calls == 0 ? 0.0 : (double) c.microseconds / c.calls))
                    .append(",rejected_calls=").append(c.rejectedCalls)
                    .append(",failed_calls=").append(c.failedCalls).append("\r\n");
        }
    }

    private static void errorstats(RedisServer s, StringBuilder out) {
        for (Map.Entry<String, Long> e : s.stats().errorCounts().entrySet()) {
            out.append("errorstat_").append(e.getKey()).append(":count=").append(e.getValue()).append("\r\n");
        }
    }

    private static void keyspace(RedisServer s, StringBuilder out) {
        long now = System.currentTimeMillis();
        for (int i = 0; i < s.keyspace().databases(); i++) {
            Database db = s.keyspace().db(i);
            if (db.size() == 0) {
                continue;
            }
            out.append("db").append(i).append(":keys=").append(db.size()).append(",expires=")
                    .append(db.expiresCount()).append(",avg_ttl=").append(db.averageTtl(now)).append("\r\n");
        }
    }
}
