/**
 * {@code rediha generate}: from a few numbers (replicas, sentinels, quorum, ports) to a compose file
 * for one of several targets (one Docker host, host networking, swarm, classic Swarm, Rancher).
 *
 * <p>Why templates and not a YAML model: the file is the product users read, diff and adapt, so its
 * source is a plain file per target in {@code templates/} that they can copy and override with
 * {@code --templates DIR}. {@link io.rediha.cli.generate.TemplateEngine} is a tiny Mustache subset
 * (variables, list and boolean sections) so the templates stay readable YAML.
 *
 * <p>Flow: {@link io.rediha.cli.generate.ClusterSpec} (the settings and their defaults) is judged by
 * {@link io.rediha.cli.generate.SpecCheck} (refusals and warnings), ports come from
 * {@link io.rediha.cli.generate.PortPlan}, {@link io.rediha.cli.generate.ComposeGenerator} renders and
 * checks the text, and {@link io.rediha.cli.generate.EnvFile} keeps the password in {@code .env}.
 *
 * <p>Guarantees: the output depends only on the settings (no password, time or version inside), so
 * {@code examples/} can be compared byte for byte; every file docker-compose 1.29 must read has its
 * yes/no values and ports quoted; nothing is written when a setting is refused.
 */
package io.rediha.cli.generate;
