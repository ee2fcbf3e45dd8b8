/**
 * Options shared by the cluster commands (up, down, ps, scale, logs), as picocli mixins, so each
 * is spelled, defaulted and documented once: the compose file and project name
 * ({@link io.rediha.cli.options.ComposeOptions}), where the cluster runs
 * ({@link io.rediha.cli.options.RuntimeOptions}), verbosity and colour. They are global, given
 * before the command ({@link io.rediha.cli.options.GlobalOptions}), as in Compose.
 * Defaults follow Docker Compose: {@code docker-compose.yml} in the working directory, the
 * directory's name as project.
 */
package io.rediha.cli.options;
