package io.rediha.cli.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * examples/client/SentinelClientExample.java compiles against the Jedis the project uses, without a
 * deprecation or other lint warning, so the example users copy cannot rot unnoticed.
 */
class ClientExampleCompilesTest {

    @TempDir
    Path classes;

    @Test
    void clientExampleCompilesWithoutWarnings() throws Exception {
        Path source = CliRun.repositoryRoot().resolve("examples/client/SentinelClientExample.java");
        assertTrue(Files.exists(source), source + " exists");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classpath = String.join(File.pathSeparator, jarOf(Jedis.class), jarOf(GenericObjectPoolConfig.class));
        StringWriter diagnostics = new StringWriter();
        Boolean ok = javac.getTask(diagnostics, null, null,
                List.of("-Xlint:all", "-Xlint:-processing", "-Werror", "--release", "17", "-classpath", classpath,
                        "-d", classes.toString()),
                null, javac.getStandardFileManager(null, null, null).getJavaFileObjects(source.toFile())).call();
        assertTrue(ok, "the example compiles:\n" + diagnostics);
        assertEquals("", diagnostics.toString());
        assertTrue(Files.exists(classes.resolve("SentinelClientExample.class")));
    }

    private static String jarOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
