package io.rediha.cli.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rediha.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rediha completion}: a script bash loads, which completes commands and fixed option values. */
class CompletionCommandTest {

    @TempDir
    Path dir;

    @Test
    void bashScriptCompletesSubcommandsAndTargets() throws Exception {
        CliRun run = CliRun.of("completion", "bash");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        Path script = dir.resolve("rediha-completion.bash");
        Files.writeString(script, run.out());

        // Load it in a real bash and ask for completions the way bash does on <TAB>.
        String probe = "source " + script + "\n"
                + "complete -p rediha\n"
                + "COMP_WORDS=(rediha gen); COMP_CWORD=1; COMP_LINE='rediha gen'; COMP_POINT=${#COMP_LINE}\n"
                + "_complete_rediha; echo \"sub: ${COMPREPLY[*]}\"\n"
                + "COMP_WORDS=(rediha generate --target ''); COMP_CWORD=3; COMP_LINE='rediha generate --target '; COMP_POINT=${#COMP_LINE}\n"
                + "_complete_rediha 2>/dev/null; echo \"targets: ${COMPREPLY[*]}\"\n";
        ExternalTool.Result bash = ExternalTool.run(dir, Map.of(), List.of("bash", "-c", probe));
        assertEquals(0, bash.code(), bash.output());
        assertTrue(bash.output().contains("-F _complete_rediha rediha"), bash.output());
        assertTrue(bash.output().contains("sub: generate"), bash.output());
        assertTrue(bash.output().contains("targets: compose host swarm swarm-classic rancher"), bash.output());
    }

    @Test
    void zshGetsTheSameScriptWhichLoadsBashcompinitUnderZsh() {
        CliRun zsh = CliRun.of("completion", "zsh");
        assertEquals(ExitCodes.OK, zsh.code(), zsh.toString());
        assertEquals(CliRun.of("completion", "bash").out(), zsh.out());
        assertTrue(zsh.out().contains("elif [ -n \"$ZSH_VERSION\" ]; then")
                && zsh.out().contains("autoload -U +X bashcompinit && bashcompinit"), "zsh branch present");
    }

    @Test
    void unknownShellIsAUsageError() {
        CliRun run = CliRun.of("completion", "fish");
        assertEquals(ExitCodes.USAGE, run.code(), run.toString());
        assertTrue(run.err().contains("no completion for shell 'fish'; choose bash or zsh"), run.toString());
    }
}
