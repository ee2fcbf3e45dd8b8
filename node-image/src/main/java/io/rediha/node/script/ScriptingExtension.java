package io.rediha.node.script;

import io.rediha.node.command.CommandTable;
import io.rediha.node.config.ConfigRegistry;
import io.rediha.node.server.RedisServer;
import io.rediha.node.server.ServerExtension;

/**
 * Plugs scripting into the server: the command entries at table build time, the engine, the BUSY
 * guard and the script thread's shutdown once the server exists.
 */
public final class ScriptingExtension implements ServerExtension {
    private Scripting engine;
    private FunctionLibraries functions;

    @Override
    public int order() {
        return 50;
    }

    @Override
    public void registerCommands(CommandTable table, ConfigRegistry config) {
        new ScriptCommands(() -> engine, () -> functions).registerInto(table);
    }

    @Override
    public void beforeStart(RedisServer server) {
        engine = new Scripting(server);
        functions = new FunctionLibraries(engine);
        server.addCommandGuard(engine.busyGuard());
        server.addShutdownHook((save, nosave) -> engine.close());
    }
}
