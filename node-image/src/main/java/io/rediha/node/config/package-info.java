/**
 * redis.conf: the directives the node knows, their values, and the file they came from.
 *
 * <p>Why it exists: operators bring their existing redis.conf, so the syntax (quoted strings,
 * {@code include}, units like {@code 1gb}, {@code yes/no}) and the directive names must be Redis's
 * own, and a file that Redis would refuse must be refused with the file, line and directive named.
 *
 * <p>Design: {@link io.rediha.node.config.ConfigRegistry} holds one
 * {@link io.rediha.node.config.ConfigDirective} per directive, each with its type, default, aliases
 * and flags; {@link io.rediha.node.config.StandardDirectives} declares every standard Redis 7
 * directive, including the ones other subsystems own (persistence, replication), so a file with
 * those lines is accepted even before the subsystem reads them. A subsystem reads a value with the
 * typed getters and observes changes with {@link io.rediha.node.config.ConfigRegistry#onChange}.
 * {@link io.rediha.node.config.RedisConfParser} reads files and {@code --directive value}
 * arguments; {@link io.rediha.node.config.ConfigRewriter} implements CONFIG REWRITE, keeping the
 * file's comments and order.
 *
 * <p>Guarantees: values are stored in their canonical text (what CONFIG GET shows); a value is
 * validated before it is stored, so a failed CONFIG SET changes nothing; listeners run on the
 * thread that changed the value (the command thread, once the server runs).
 */
package io.rediha.node.config;
