/**
 * Where a cluster runs, behind one interface, {@link io.rediha.cli.runtime.ClusterRuntime}: containers
 * on a Docker engine ({@link io.rediha.cli.runtime.DockerRuntime}) or processes on loopback
 * ({@link io.rediha.cli.runtime.LocalRuntime}). The commands and the failover drill see only nodes
 * (name, service, state, address) and faults (pause, stop, kill, disconnect), so a drill does not
 * care which runtime is underneath.
 *
 * <p>Design. A runtime offers primitives: prepare the shared things, make one node exist and match
 * the file ({@code ensure}), remove one node, tear the project down, stream logs, inject and heal
 * faults. The policy lives once, in {@link io.rediha.cli.runtime.Deployer}: the start order (master,
 * replicas, then sentinels once the replicas are linked, so Sentinel's first INFO already lists
 * them), which node to remove when scaling down (never the current master, as the sentinels'
 * majority names it), when the sentinels need {@code SENTINEL RESET}, and the wait for health with
 * the reasons it is still waiting. {@link io.rediha.cli.runtime.RuntimeSelector} picks the runtime
 * ({@code auto} = Docker when an engine answers) and says which.
 *
 * <p>Guarantees. A runtime only ever touches its own project: Docker objects are selected by the
 * {@code com.docker.compose.project} label, local state lives in {@code .rediha/<project>/}. Both
 * recreate a node whose settings drifted and keep its data; both restart a data node so that it
 * never becomes a second master (the image does that in a container; the local runtime asks the
 * sentinels itself). A node that stops on its own while {@code up} waits is reported at once,
 * with its last log lines.
 */
package io.rediha.cli.runtime;
