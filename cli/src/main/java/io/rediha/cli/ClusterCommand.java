package io.rediha.cli;

import io.rediha.cli.compose.ComposeProject;
import io.rediha.cli.compose.ComposeReader;
import io.rediha.cli.options.ComposeOptions;
import io.rediha.cli.options.GlobalOptions;
import io.rediha.cli.runtime.ClusterRuntime;
import io.rediha.cli.runtime.RuntimeSelector;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What up, down, ps, scale and logs share: the compose file, the runtime, the output, and one
 * place that turns failures into "Error: what happened" + "what to do" + an exit code, with a
 * stack trace only when asked for. Output goes through picocli's writers, so tests capture it.
 * Results go to standard output; progress and notices to standard error, as Compose does.
 */
public abstract class ClusterCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    /** The command's work; returns the exit code or throws a {@link CliException}. */
    protected abstract int execute() throws Exception;

    /** The options given before the command (-f, -p, --runtime, -H, -v, --no-color). */
    protected GlobalOptions global() {
        return GlobalOptions.of(spec);
    }

    protected ComposeOptions composeOptions() {
        return global().compose();
    }

    protected boolean verbose() {
        return global().verbose();
    }

    protected String paint(String text, String styles) {
        return global().paint(text, styles);
    }

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (CliException e) {
            printError(e.getMessage(), e.hint(), e);
            return e.exitCode();
        } catch (UnsupportedOperationException e) {
            printError(e.getMessage(), null, e);
            return ExitCodes.USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.UNHEALTHY;
        } catch (Exception e) {
            printError(e.getMessage() == null ? e.toString() : e.getMessage(),
                    verbose() ? null : "Run again with -v for the details.", e);
            return ExitCodes.UNHEALTHY;
        }
    }

    private void printError(String message, String hint, Throwable t) {
        PrintWriter err = err();
        err.println(paint("Error:", "bold,red") + " " + message + (message.endsWith(".") ? "" : "."));
        if (hint != null) {
            err.println(hint);
        }
        if (verbose()) {
            t.printStackTrace(err);
        }
        err.flush();
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A progress or notice line on standard error. */
    protected void progress(String line) {
        err().println(line);
        err().flush();
    }

    /** The environment, plus REDIHA_* system properties so in-process tests can set the node command. */
    protected Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        for (String name : new String[] {"REDIHA_NODE_CMD", "REDIHA_HOME", "REDIHA_NODE_JAVA_OPTS"}) {
            String p = System.getProperty(name);
            if (p != null && !env.containsKey(name)) {
                env.put(name, p);
            }
        }
        return env;
    }

    /** Reads the compose file; prints its warnings. */
    protected ComposeProject readProject() {
        ComposeProject p = new ComposeReader(environment()::get).read(composeOptions().file(), composeOptions().projectName());
        p.warnings().forEach(w -> progress("Warning: " + w + "."));
        return p;
    }

    /** The compose file when it exists, else null (down and logs work without one). */
    protected ComposeProject readProjectIfPresent() {
        return Files.isRegularFile(composeOptions().file()) ? readProject() : null;
    }

    /** The project name without a compose file: -p, else COMPOSE_PROJECT_NAME, else the directory name. */
    protected String projectNameWithoutFile() {
        String name = composeOptions().projectName();
        if (name == null) {
            name = environment().get("COMPOSE_PROJECT_NAME");
        }
        if (name == null) {
            name = composeOptions().file().getParent().getFileName().toString();
        }
        return ComposeProject.normalizeName(name);
    }

    protected ClusterRuntime openRuntime(Path workingDir, String project) {
        return RuntimeSelector.open(global().runtime().kind(), global().runtime().host(), workingDir, project, environment(),
                this::progress);
    }

    protected ClusterRuntime openRuntime(ComposeProject p) {
        return openRuntime(p.workingDir(), p.name());
    }
}
