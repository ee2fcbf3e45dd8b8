/**
 * Access control lists, as Redis 7.0 has them: named users with passwords, on/off, and what each
 * may run (commands, subcommands, categories), touch (key patterns, split into read and write) and
 * publish or subscribe to (channel patterns).
 *
 * <p>Why a package of its own: the permission model is shared by the dispatcher (every command is
 * checked after NOAUTH, as in Redis), by the ACL command, by AUTH/HELLO, by the configuration
 * ({@code user} lines, {@code aclfile}, {@code requirepass} as the default user's password) and by
 * CLIENT KILL USER. Keeping it in one place keeps the rules consistent in all of them.
 *
 * <p>Design. {@link io.rediha.node.acl.AccessControl} is the server's registry of users and the
 * only entry point the rest of the node uses. A {@link io.rediha.node.acl.User} holds its rules in
 * compiled form, in {@link io.rediha.node.acl.Selector}s: a bit per command of the table ({@link io.rediha.node.acl.CommandIds}), the
 * allowed first arguments of otherwise blocked commands, key and channel patterns. Rules are
 * parsed by {@link io.rediha.node.acl.UserRules} and turned back into text by
 * {@link io.rediha.node.acl.RuleDescription}, which, like Redis, describes the command bits with
 * the categories that fit them best rather than echoing what was typed. Categories come from
 * {@link io.rediha.node.acl.AclCategory}, the single source COMMAND INFO also reports.
 *
 * <p>Guarantees. A user allowed everything (all commands, keys and channels, as the default user
 * is unless configured otherwise) costs the dispatcher one field read. ACL SETUSER is applied to a
 * copy and only installed when every rule parsed, so a bad rule changes nothing. Clients keep a
 * reference to their user, so a change applies to them at once; deleting a user disconnects its
 * clients, and losing channel permissions disconnects subscribers that would now be refused
 * (disabling a user or changing its passwords does not, as in Redis 7.0). Selectors
 * ({@code (...)} rules of Redis 7) are supported: a call is allowed when one selector allows all
 * of it.
 */
package io.rediha.node.acl;
