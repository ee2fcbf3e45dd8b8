package io.rediha.cli.drill;

import io.rediha.cli.runtime.ClusterRuntime.Fault;
import java.time.Duration;

/**
 * Everything a drill is asked to do, already validated.
 *
 * @param fault          what to do to the master
 * @param rounds         how many times to break the master, one after the other
 * @param writers        concurrent writers, each with its own connection from the pool
 * @param waitReplicas   0 for plain writes; R makes every write wait for {@code WAIT R} and count as
 *                       acknowledged only when R replicas confirmed it
 * @param timeout        bound of every wait inside a round (failover, rejoin, convergence, commands)
 * @param writeInterval  pause of each writer between two writes; keeps the load steady and the machine usable
 * @param clientTimeout  the writers' connect and read timeout, as an application would configure its client
 * @param masterName     the name the sentinels monitor the master under
 * @param password       for the data nodes (and for sentinels that ask for one), or null
 * @param keepKeys       leave the drill's keys in place after each round
 */
public record DrillSettings(Fault fault, int rounds, int writers, int waitReplicas, Duration timeout,
                            Duration writeInterval, Duration clientTimeout, String masterName, String password,
                            boolean keepKeys) {

    public DrillSettings {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
        }
        if (writers < 1) {
            throw new IllegalArgumentException("--writers must be at least 1, got " + writers);
        }
        if (waitReplicas < 0) {
            throw new IllegalArgumentException("--wait-replicas must be 0 or more, got " + waitReplicas);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("--timeout must be positive, got " + timeout);
        }
        if (writeInterval.isNegative()) {
            throw new IllegalArgumentException("--write-interval must not be negative, got " + writeInterval);
        }
        if (clientTimeout.toMillis() < 100) {
            throw new IllegalArgumentException("--client-timeout must be at least 100ms, got " + clientTimeout.toMillis() + "ms");
        }
        if (masterName == null || masterName.isBlank()) {
            throw new IllegalArgumentException("--master-name must not be empty");
        }
    }

    /** How long WAIT may block for its replicas: half the client's read timeout, so WAIT answers before the read times out. */
    public Duration waitTimeout() {
        return clientTimeout.dividedBy(2);
    }
}
