package io.rediha.node;

/**
 * Entry point of the node jar. The first argument picks the role, the way one image runs every
 * part of a deployment: {@code server} (a Redis-compatible master or replica) or {@code sentinel}.
 * Anything after the role is passed on in redis-server's own syntax: an optional config file,
 * then {@code --directive value} overrides.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        String role = args.length == 0 ? "server" : args[0];
        String[] rest = args.length == 0 ? args : java.util.Arrays.copyOfRange(args, 1, args.length);
        switch (role) {
            // redis-server / redis-sentinel style: config file and --directive overrides.
            case "server" -> {
                return io.rediha.node.server.ServerMain.run(rest);
            }
            case "sentinel" -> {
                return io.rediha.node.sentinel.SentinelMain.run(rest);
            }
            // The image's entrypoint: "image <master|slave|replica|sentinel|help>", configured
            // from environment variables, with the safe (re)start rules.
            case "image" -> {
                return io.rediha.node.boot.Entrypoint.run(rest);
            }
            case "check-aof" -> {
                return io.rediha.node.persistence.CheckAof.run(rest);
            }
            case "--version", "-v", "version" -> {
                System.out.println("rediha node v=" + Version.get());
                return 0;
            }
            case "help", "--help", "-h" -> {
                System.out.println(usage());
                return 0;
            }
            default -> {
                System.err.println("Unknown role '" + role + "'.");
                System.err.println(usage());
                return 2;
            }
        }
    }

    static String usage() {
        return """
                Usage: java -jar node.jar server   [redis.conf] [--directive value ...]
                       java -jar node.jar sentinel sentinel.conf [--directive value ...]
                       java -jar node.jar image    master|slave|replica|sentinel|help   (role from env)
                       java -jar node.jar check-aof [--fix] <file.aof>
                       java -jar node.jar --version""";
    }
}
