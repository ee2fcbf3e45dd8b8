/**
 * End-to-end drills: {@code rediha test-failover} against a cluster of our own node, brought up by
 * {@code rediha up} from a file {@code rediha generate} wrote, on the local runtime (processes) and on
 * the Docker runtime (the image built from this tree). These are the tests the project is judged by:
 * the master is paused, killed, stopped or cut off, and the drill must report a recovered cluster,
 * consistent numbers and an old master that came back as a replica.
 */
package io.rediha.tests.drill;
