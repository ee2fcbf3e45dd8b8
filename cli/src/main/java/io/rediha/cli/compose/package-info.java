/**
 * The compose file as rediha reads it: the source of truth for {@code up}, {@code scale},
 * {@code ps}, {@code logs} and {@code down}.
 *
 * <p>{@link io.rediha.cli.compose.ComposeReader} loads the YAML with SnakeYAML, substitutes
 * {@code ${VAR}} from the environment and the {@code .env} file next to the compose file (the way
 * Compose does, so the password stays out of the file), and turns the services into
 * {@link io.rediha.cli.compose.ServiceSpec}s. Only the Compose keys a rediha deployment uses are
 * modelled; the rest is ignored, as Compose ignores unknown {@code x-} keys.
 *
 * <p>Each service is classified by its container command into a {@link io.rediha.cli.compose.NodeRole}
 * (the image takes the role as its argument). A file without a master, a replica and a sentinel
 * service is not a rediha file, and the reader says which part is missing instead of starting a
 * half cluster. {@link io.rediha.cli.compose.ConfigHash} gives each service the
 * {@code com.docker.compose.config-hash} that tells {@code up} whether a container drifted.
 */
package io.rediha.cli.compose;
