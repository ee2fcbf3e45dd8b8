/**
 * Lua scripting as Redis 7.0 has it: EVAL/EVALSHA (and their _RO forms), the SCRIPT command,
 * FUNCTION libraries and FCALL, on LuaJ (a Lua 5.2 interpreter in pure Java, so the image carries
 * no native library).
 *
 * <p>Why it exists: clients build locks and rate limiters on EVAL (Redisson, redlock, Jedis and
 * Lettuce scripting), and Redis's own test suite uses it everywhere.
 *
 * <p>Design. One sandboxed Lua state per server ({@link LuaSandbox}): the globals table and every
 * library table are read-only, reading an unknown global is an error, and os, io, print, loadfile
 * and dofile are absent. A script calls commands through {@link ScriptCalls}, which applies the
 * checks Redis applies to scripts (no-script commands, read-only scripts, OOM, the server's guards)
 * and then the dispatcher's own {@code call}, with a pseudo client whose replies are captured and
 * converted to Lua values ({@link LuaReplies}). Effects therefore propagate the way EXEC's do: the
 * writes a script made reach the AOF and replicas as MULTI ... EXEC (effects replication, as Redis
 * 7 does), never the script itself.
 *
 * <p>Threading. The server's single event loop does both the network and the commands, so a
 * script running on it would leave no one to answer BUSY or take SCRIPT KILL. A script therefore
 * runs on a dedicated script thread while the command thread waits for it ({@link ScriptRun}):
 * until {@code busy-reply-threshold} the command thread does nothing else, so the script's
 * commands run directly on the script thread, atomically as in Redis. Past the threshold the
 * command thread stops waiting and goes back to the network; other clients then get BUSY (except
 * SCRIPT KILL, FUNCTION KILL, SHUTDOWN NOSAVE and a few connection commands), and each command the
 * script still calls is handed to the command thread, so the dataset is only ever touched by one
 * thread at a time. SCRIPT KILL is seen by an instruction-count hook inside the interpreter.
 */
package io.rediha.node.script;
