package io.rediha.tests.support;

import java.util.ArrayList;
import java.util.List;
import org.testcontainers.containers.Network;

/**
 * The smallest highly available group from the node image, configured only with environment
 * variables the way a compose file would: master {@code redis-master} (uppercase names), one
 * replica {@code redis-slave} (the lowercase Rancher-style names), three sentinels
 * {@code sentinel-1..3}, all on one private network and sharing one password. The master starts
 * first; the replica and the sentinels then start together. {@link #close()} removes every
 * container and the network.
 */
public final class ImageCluster implements AutoCloseable {
    public static final String MASTER_NAME = "mymaster";

    private final Network network = Network.newNetwork();
    private final List<NodeContainer> all = new ArrayList<>();
    private final NodeContainer master;
    private final NodeContainer replica;
    private final List<NodeContainer> sentinels = new ArrayList<>();

    /**
     * @param password      REDIS_PASSWORD of every node, or null for none
     * @param downAfterMillis SENTINEL_DOWN_AFTER
     */
    public ImageCluster(String password, long downAfterMillis) {
        String sentinelList = "sentinel-1:26379,sentinel-2:26379,sentinel-3:26379";
        master = NodeContainer.master().on(network, "redis-master").withEnv("REDIS_SENTINELS", sentinelList);
        replica = NodeContainer.replica().on(network, "redis-slave")
                .withEnv("master_host", "redis-master")
                .withEnv("master_port", "6379")
                .withEnv("redis_port", "6379")
                .withEnv("REDIS_SENTINELS", sentinelList);
        for (int i = 1; i <= 3; i++) {
            sentinels.add(NodeContainer.sentinel().on(network, "sentinel-" + i)
                    .withEnv("REDIS_MASTER_HOST", "redis-master")
                    .withEnv("MASTER_NAME", MASTER_NAME)
                    .withEnv("SENTINEL_QUORUM", "2")
                    .withEnv("SENTINEL_DOWN_AFTER", Long.toString(downAfterMillis))
                    .withEnv("SENTINEL_FAILOVER", "10000"));
        }
        all.add(master);
        all.add(replica);
        all.addAll(sentinels);
        if (password != null) {
            all.forEach(n -> n.withEnv("REDIS_PASSWORD", password));
        }
    }

    public ImageCluster start() {
        try {
            master.start();
            NodeContainer.startAll(all.subList(1, all.size()));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    public NodeContainer master() {
        return master;
    }

    public NodeContainer replica() {
        return replica;
    }

    public List<NodeContainer> sentinels() {
        return sentinels;
    }

    @Override
    public void close() {
        all.forEach(NodeContainer::close);
        network.close();
    }
}
