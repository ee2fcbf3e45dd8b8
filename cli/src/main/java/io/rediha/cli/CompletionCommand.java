package io.rediha.cli;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rediha completion [bash|zsh]}: prints a completion script built from the live command tree,
 * so every subcommand and option, and the values of options with fixed choices, complete. picocli
 * writes one script for both shells: under zsh it loads bashcompinit itself (once, keeping completions
 * already registered), so {@code zsh} prints the same text.
 */
@Command(name = "completion",
        mixinStandardHelpOptions = true,
        header = "Print a shell completion script (bash or zsh).",
        description = "Prints a script that completes rediha's commands, options and their fixed values.",
        footer = {"",
                "Examples:",
                "  source <(rediha completion bash)                  # this bash session",
                "  rediha completion bash > ~/.local/share/bash-completion/completions/rediha",
                "  source <(rediha completion zsh)                   # in ~/.zshrc"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the script was printed", "2:unknown shell"})
public final class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SHELL", defaultValue = "bash",
            completionCandidates = Shells.class,
            description = "bash or zsh (default: ${DEFAULT-VALUE}).")
    String shell;

    @Override
    public Integer call() {
        if (!Shells.NAMES.contains(shell)) {
            spec.commandLine().getErr().println("Error: no completion for shell '" + shell + "'; choose bash or zsh.");
            spec.commandLine().getErr().flush();
            return ExitCodes.USAGE;
        }
        String script = AutoComplete.bash(spec.root().name(), spec.root().commandLine());
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    /** The shells this command knows, for completion and validation. */
    static final class Shells implements Iterable<String> {
        static final List<String> NAMES = List.of("bash", "zsh");

        @Override
        public Iterator<String> iterator() {
            return NAMES.iterator();
        }
    }
}
