import java.util.LinkedHashSet;
import java.util.Set;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisSentinelPool;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * How an application talks to a rediha cluster: it asks the sentinels where the master is and lets
 * Jedis follow failovers. It never connects to a fixed master address, because after a failover the
 * master is a different node.
 *
 * <p>Settings, from the environment (the names match the generated files):
 * <ul>
 *   <li>{@code REDIHA_SENTINELS}: comma-separated host:port of sentinels (default {@code sentinel:26379},
 *       the compose service, which resolves to every sentinel);</li>
 *   <li>{@code MASTER_NAME}: the monitored master's name (default {@code mymaster});</li>
 *   <li>{@code REDIHA_PASSWORD}: the data nodes' password, from the {@code .env} file next to the
 *       compose file. Sentinels themselves take no password.</li>
 * </ul>
 * It increments a counter once a second for {@code ROUNDS} rounds and prints which master answered, so
 * a failover during the run shows as a switch of address and a short gap, not as an error.
 *
 * <p>JedisSentinelPool is what most applications use today; Jedis 8 marks it deprecated in favour of
 * {@code RedisSentinelClient.builder().masterName(..).sentinels(..)}, which works the same way.
 */
@SuppressWarnings("deprecation")
public final class SentinelClientExample {

    private static final int ROUNDS = 30;

    public static void main(String[] args) throws InterruptedException {
        Set<HostAndPort> sentinels = parseSentinels(env("REDIHA_SENTINELS", "sentinel:26379"));
        String masterName = env("MASTER_NAME", "mymaster");
        JedisClientConfig master = DefaultJedisClientConfig.builder()
                .password(System.getenv("REDIHA_PASSWORD"))
                .timeoutMillis(2000)
                .clientName("sentinel-client-example")
                .build();
        JedisClientConfig sentinel = DefaultJedisClientConfig.builder().timeoutMillis(2000).build();

        try (JedisSentinelPool pool = new JedisSentinelPool(masterName, sentinels, master, sentinel)) {
            for (int round = 1; round <= ROUNDS; round++) {
                try (Jedis jedis = pool.getResource()) {
                    long value = jedis.incr("example:counter");
                    System.out.printf("round %d: master %s, counter %d%n", round, pool.getCurrentHostMaster(), value);
                } catch (JedisConnectionException e) {
                    // During a failover the old master is gone and the new one not yet announced: try again.
                    System.out.printf("round %d: no master right now (%s); retrying%n", round, e.getMessage());
                }
                Thread.sleep(1000);
            }
        }
    }

    static Set<HostAndPort> parseSentinels(String list) {
        Set<HostAndPort> sentinels = new LinkedHashSet<>();
        for (String entry : list.split(",")) {
            sentinels.add(HostAndPort.from(entry.strip()));
        }
        return sentinels;
    }

    private static String env(String name, String defaultValue) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? defaultValue : value;
    }
}
