package io.rediha.cli.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rediha.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refusals, warnings and file handling of {@code rediha generate}, through the real command line. */
class GenerateCommandTest {

    @TempDir
    Path dir;

    private CliRun generate(String... options) {
        List<String> args = new ArrayList<>(List.of("generate", "-o", dir.resolve("docker-compose.yml").toString()));
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(String[]::new));
    }

    private void assertRefused(CliRun run, String expectedReason) {
        assertEquals(ExitCodes.USAGE, run.code(), run.toString());
        assertTrue(run.err().contains(expectedReason), "reason '" + expectedReason + "' in\n" + run);
        assertFalse(Files.exists(dir.resolve("docker-compose.yml")), "nothing written when refused");
        assertFalse(Files.exists(dir.resolve(".env")), "no .env written when refused");
    }

    private void assertWarnedAndWritten(CliRun run, String expectedWarning) {
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        assertTrue(run.err().contains("Warning: " + expectedWarning), "warning '" + expectedWarning + "' in\n" + run);
        assertTrue(Files.exists(dir.resolve("docker-compose.yml")), "the file is written despite the warning");
    }

    @Test
    void quorumAboveSentinelCountIsRefused() {
        assertRefused(generate("--sentinels", "3", "--quorum", "4"),
                "Error: --quorum 4 is more than the 3 sentinels: they could never agree that the master is down");
    }

    @Test
    void zeroSentinelsIsRefused() {
        assertRefused(generate("--sentinels", "0"), "Error: --sentinels 0: without a sentinel nothing notices");
    }

    @Test
    void quorumBelowOneIsRefused() {
        assertRefused(generate("--quorum", "0"), "Error: --quorum must be at least 1 (got 0)");
    }

    @Test
    void negativeReplicaCountIsRefused() {
        assertRefused(generate("--replicas", "-1"), "Error: --replicas must be 0 or more (got -1)");
    }

    @Test
    void portOutsideTheRangeIsRefused() {
        assertRefused(generate("--master-port", "70000"), "Error: --master-port 70000 is not a port (1-65535)");
        assertRefused(generate("--sentinel-port", "0"), "Error: --sentinel-port 0 is not a port (1-65535)");
    }

    @Test
    void hostPortsThatRunPastTheRangeAreRefused() {
        assertRefused(generate("--target", "host", "--replica-port", "65534", "--replicas", "3"),
                "slave2 would listen on port 65536, past 65535");
    }

    @Test
    void collidingHostPortsAreRefusedNamingBothNodes() {
        assertRefused(generate("--target", "host", "--sentinel-port", "16382"),
                "port 16382 would be used by both slave2 and sentinel1");
        assertRefused(generate("--target", "host", "--master-port", "16381"),
                "port 16381 would be used by both master and sentinel1");
    }

    @Test
    void unknownTargetIsRefusedListingTheTargets() {
        CliRun run = generate("--target", "kubernetes");
        assertEquals(ExitCodes.USAGE, run.code(), run.toString());
        assertTrue(run.err().contains("unknown target 'kubernetes'; choose one of compose, host, swarm, swarm-classic, rancher"),
                run.toString());
    }

    @Test
    void hostNetworkingIsRefusedForMultiHostTargets() {
        assertRefused(generate("--target", "swarm", "--network", "host"),
                "--network host is not supported for the swarm target");
        assertRefused(generate("--target", "host", "--network", "bridge"),
                "the host target always uses host networking");
    }

    @Test
    void badMasterNameIsRefused() {
        assertRefused(generate("--master-name", "my master"), "--master-name 'my master' may hold only letters");
    }

    @Test
    void evenSentinelCountWarnsButWrites() {
        assertWarnedAndWritten(generate("--sentinels", "4"), "4 sentinels tolerate no more failures than 3");
    }

    @Test
    void zeroReplicasWarnsButWrites() {
        assertWarnedAndWritten(generate("--replicas", "0"), "no replica (--replicas 0)");
    }

    @Test
    void quorumOneWarnsButWrites() {
        assertWarnedAndWritten(generate("--quorum", "1"), "quorum 1: one sentinel that loses sight");
    }

    @Test
    void quorumEqualToSentinelCountWarns() {
        assertWarnedAndWritten(generate("--quorum", "3"), "quorum 3 equals the sentinel count");
    }

    @Test
    void defaultsWriteNoWarning() {
        CliRun run = generate();
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        assertEquals("", run.err(), "no warning with the defaults");
        assertTrue(run.out().contains("target compose, 1 master, 2 replicas, 3 sentinels (quorum 2)"), run.toString());
    }

    @Test
    void passwordGoesToAnOwnerOnlyEnvFileNeverIntoTheComposeFileAndIsKept() throws IOException {
        CliRun first = generate();
        assertEquals(ExitCodes.OK, first.code(), first.toString());
        Path env = dir.resolve(".env");
        String password = EnvFile.readPassword(env);
        assertNotNull(password, ".env holds REDIHA_PASSWORD");
        assertEquals(32, password.length());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(env)));
        String compose = Files.readString(dir.resolve("docker-compose.yml"));
        assertFalse(compose.contains(password), "the password is not in the compose file");
        assertTrue(compose.contains("\"${REDIHA_PASSWORD:?"), "the compose file refers to ${REDIHA_PASSWORD}");

        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-r--r--"));
        CliRun second = generate("--force", "--replicas", "3");
        assertEquals(ExitCodes.OK, second.code(), second.toString());
        assertEquals(password, EnvFile.readPassword(env), "a second generate keeps the password");
        assertTrue(second.out().contains("kept the password already in"), second.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(env)),
                "a too open .env is tightened");
    }

    @Test
    void envFileWithoutPasswordGetsOneAndKeepsItsOtherLines() throws IOException {
        Files.writeString(dir.resolve(".env"), "COMPOSE_PROJECT_NAME=shop\n");
        CliRun run = generate();
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        String env = Files.readString(dir.resolve(".env"));
        assertTrue(env.startsWith("COMPOSE_PROJECT_NAME=shop\nREDIHA_PASSWORD="), env);
    }

    @Test
    void existingOutputIsNotOverwrittenWithoutForce() throws IOException {
        Path file = dir.resolve("docker-compose.yml");
        Files.writeString(file, "mine\n");
        CliRun run = generate();
        assertEquals(ExitCodes.USAGE, run.code(), run.toString());
        assertTrue(run.err().contains("already exists") && run.err().contains("--force"), run.toString());
        assertEquals("mine\n", Files.readString(file));
    }

    @Test
    void dashPrintsTheFileAndReportsOnStderr() {
        CliRun run = CliRun.of("generate", "-o", "-", "--env-file", dir.resolve("env").toString(), "--target", "swarm");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        assertTrue(run.out().startsWith("# rediha on Docker swarm"), run.toString());
        assertTrue(run.err().contains("Password: a new random password is in"), run.toString());
        assertTrue(Files.exists(dir.resolve("env")));
    }

    @Test
    void templatesDirectoryOverridesTheBuiltInTemplate() throws IOException {
        Path templates = Files.createDirectories(dir.resolve("tpl"));
        Files.writeString(templates.resolve("compose.yml"),
                "services:\n  master:\n    image: \"{{image}}\"\n    labels:\n      replicas: \"{{replicas}}\"\n");
        CliRun run = generate("--templates", templates.toString(), "--replicas", "4");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        assertEquals("services:\n  master:\n    image: \"rediha/node:latest\"\n    labels:\n      replicas: \"4\"\n",
                Files.readString(dir.resolve("docker-compose.yml")));
    }

    @Test
    void templatesDirectoryWithoutTheTargetsFileIsRefused() throws IOException {
        Path templates = Files.createDirectories(dir.resolve("tpl"));
        assertRefused(generate("--templates", templates.toString(), "--target", "rancher"),
                "no template for target rancher in " + templates);
    }

    @Test
    void templateThatRendersABareYesIsRefused() throws IOException {
        Path templates = Files.createDirectories(dir.resolve("tpl"));
        Files.writeString(templates.resolve("compose.yml"),
                "services:\n  master:\n    environment:\n      SENTINEL_ANNOUNCE_HOSTNAMES: yes\n");
        assertRefused(generate("--templates", templates.toString()),
                "services.master.environment.SENTINEL_ANNOUNCE_HOSTNAMES is a bare yes/no/on/off/true/false; quote it");
    }

    @Test
    void templateWithATypoNamesTheLine() throws IOException {
        Path templates = Files.createDirectories(dir.resolve("tpl"));
        Files.writeString(templates.resolve("compose.yml"), "services:\n  master:\n    image: {{imgae}}\n");
        assertRefused(generate("--templates", templates.toString()), "compose.yml line 3: unknown placeholder {{imgae}}");
    }

    @Test
    void composeTargetWithHostNetworkIsTheHostTarget() throws IOException {
        CliRun run = generate("--network", "host");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        String file = Files.readString(dir.resolve("docker-compose.yml"));
        assertTrue(file.contains("# Made by: rediha generate --target host\n"), file);
        assertTrue(file.contains("network_mode: host"), file);
    }

    @Test
    void hostPortsNeverCollideWithDefaultPortsAtAnyCount() {
        for (int replicas = 0; replicas <= SpecCheck.MAX_PER_ROLE; replicas += 7) {
            for (int sentinels = 1; sentinels <= SpecCheck.MAX_PER_ROLE; sentinels += 6) {
                ClusterSpec spec = ClusterSpec.defaults(Target.HOST);
                spec = new ClusterSpec(spec.target(), spec.network(), replicas, sentinels,
                        ClusterSpec.majority(sentinels), spec.masterName(), spec.downAfterMillis(),
                        spec.failoverTimeoutMillis(), spec.parallelSyncs(), spec.masterPort(), spec.replicaPort(),
                        spec.sentinelPort(), spec.image(), spec.announceIp());
                List<String> refusals = SpecCheck.check(spec).refusals();
                assertTrue(refusals.isEmpty(), replicas + " replicas, " + sentinels + " sentinels: " + refusals);
                assertEquals(1 + replicas + sentinels,
                        PortPlan.of(spec).assignments().stream().map(PortPlan.Assignment::port).distinct().count());
            }
        }
    }

    @Test
    void helpShowsExamplesAndExitCodes() {
        CliRun run = CliRun.of("generate", "--help");
        assertEquals(ExitCodes.OK, run.code(), run.toString());
        assertTrue(run.out().contains("Examples:") && run.out().contains("Exit codes:"), run.toString());
        assertTrue(run.out().replaceAll("\\s+", " ").contains("compose, host, swarm, swarm-classic, rancher"),
                run.toString());
    }
}
