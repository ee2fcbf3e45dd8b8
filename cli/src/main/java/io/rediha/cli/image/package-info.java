/**
 * Builds the node image ({@code rediha/node:<version>} and {@code :latest}) through the Docker
 * Engine API, from a build context this package assembles as a tar stream.
 *
 * <p>Two recipes make the same image. {@link io.rediha.cli.image.Recipe#ALPINE} (multi-stage,
 * jlink in a musl JDK image, alpine final stage) needs a registry; {@link
 * io.rediha.cli.image.Recipe#OFFLINE} needs none: {@code FROM scratch}, with a jlink runtime made
 * from the newest local JDK ({@link io.rediha.cli.image.LocalJdk}, {@link
 * io.rediha.cli.image.JlinkRuntime}), exactly the shared libraries {@code ldd} finds for it
 * ({@link io.rediha.cli.image.SharedLibraries}) and Debian's static busybox. {@link
 * io.rediha.cli.image.ImageBuilder} tries Alpine first and falls back to offline when a base
 * image cannot be pulled, and says so.
 *
 * <p>Why the context is assembled here rather than by a Dockerfile alone: with no registry, every
 * byte of the image must come from this machine, and only the host can run jlink and ldd. The
 * jlink runtime (about 20 s to make) is cached under {@code node-image/target/jlink/}, keyed by
 * the JDK, the module list and the jlink options, so warm builds skip it.
 *
 * <p>Guarantees: an unreachable engine is reported as {@link
 * io.rediha.cli.image.EngineUnreachableException} before any work; a failed build leaves no
 * intermediate containers behind (forcerm); the offline recipe never pulls.
 */
package io.rediha.cli.image;
