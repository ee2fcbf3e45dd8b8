package io.rediha.node.replication;

import static io.rediha.node.replication.ReplicationTest.await;
import static io.rediha.node.replication.ReplicationTest.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rediha.node.persistence.Snapshots;
import io.rediha.node.store.Keyspace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** A master that misbehaves, a replica that sends garbage: logged, retried, never a half-loaded dataset. */
class BadInputTest {
    @TempDir
    Path dir;

    /** Answers the handshake, then sends {@code afterPsync} and closes; counts connections. */
    static final class FakeMaster implements AutoCloseable {
        final ServerSocket socket;
        final AtomicInteger connections = new AtomicInteger();
        final Thread thread;

        FakeMaster(byte[] afterPsync) throws IOException {
            this(afterPsync, null);
        }

        /** {@code afterFirstAck}: stream bytes sent once the replica ACKs, as a diskless master does. */
        FakeMaster(byte[] afterPsync, byte[] afterFirstAck) throws IOException {
            socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket s = socket.accept()) {
                        connections.incrementAndGet();
                        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                        OutputStream out = s.getOutputStream();
                        String line;
                        while ((line = in.readLine()) != null) {
                            if (!line.startsWith("*")) {
                                continue;
                            }
                            int n = Integer.parseInt(line.substring(1).trim());
                            String[] argv = new String[n];
                            for (int i = 0; i < n; i++) {
                                in.readLine();
                                argv[i] = in.readLine();
                            }
                            String cmd = argv[0].toUpperCase();
                            if (cmd.equals("PING")) {
                                out.write("+PONG\r\n".getBytes(StandardCharsets.US_ASCII));
                            } else if (cmd.equals("REPLCONF") && argv[1].equalsIgnoreCase("ack")) {
                                if (afterFirstAck != null) {
                                    out.write(afterFirstAck);
                                    out.flush();
                                }
                            } else if (cmd.equals("REPLCONF")) {
                                out.write("+OK\r\n".getBytes(StandardCharsets.US_ASCII));
                            } else if (cmd.equals("PSYNC")) {
                                out.write(afterPsync);
                                out.flush();
                                if (afterFirstAck == null) {
                                    break;
                                }
                            }
                            out.flush();
                        }
                    } catch (IOException e) {
                        // closed
                    }
                }
            }, "fake-master");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] validRdbWithKeys(int n) {
        Keyspace ks = new Keyspace(16);
        for (int i = 0; i < n; i++) {
            ks.db(0).add(ascii("fake" + i), ascii("v" + i));
        }
        return Snapshots.toRdb(ks, Map.of(), false);
    }

    @Test
    void masterClosingMidPayloadIsRetriedAndTheOldDatasetStays() throws Exception {
        assertCutPayloadIsRetriedAndTheOldDatasetStays(length -> "$" + length);
    }

    @Test
    void masterClosingMidStreamedPayloadIsRetriedAndTheOldDatasetStays() throws Exception {
        assertCutPayloadIsRetriedAndTheOldDatasetStays(length -> "$EOF:" + "9".repeat(40));
    }

    /** A master that sends half a payload under {@code header} (given the whole length), then closes. */
    private void assertCutPayloadIsRetriedAndTheOldDatasetStays(java.util.function.IntFunction<String> header) throws Exception {
        byte[] rdb = validRdbWithKeys(1000);
        byte[] cut = java.util.Arrays.copyOf(rdb, rdb.length / 2);
        String id = "a".repeat(40);
        try (FakeMaster fake = new FakeMaster(concat(ascii("+FULLRESYNC " + id + " 0\r\n" + header.apply(rdb.length) + "\r\n"), cut));
             InProcessNode r = InProcessNode.start(Files.createDirectories(dir.resolve("r")));
             Jedis rj = r.client()) {
            rj.set("mine", "kept");
            rj.replicaof("127.0.0.1", fake.port());
            await(() -> fake.connections.get() >= 3, 10_000, "replica retries");
            assertEquals("down", field(rj, "master_link_status"));
            assertEquals("kept", rj.get("mine"));
            assertEquals(1, rj.dbSize());
        }
    }

    @Test
    void replicaThatStopsReadingAStreamedPayloadIsDroppedAfterReplTimeout() throws Exception {
        try (InProcessNode m = InProcessNode.start(Files.createDirectories(dir.resolve("m")),
                "--repl-timeout", "1", "--enable-debug-command", "yes");
             Jedis mj = m.client();
             Socket stalled = new Socket(InetAddress.getLoopbackAddress(), m.port)) {
            mj.sendCommand(() -> "DEBUG".getBytes(StandardCharsets.US_ASCII), "POPULATE", "300000", "key", "100");
            stalled.setReceiveBufferSize(4096);
            OutputStream out = stalled.getOutputStream();
            out.write(ascii("REPLCONF capa eof capa psync2\r\nPSYNC ? -1\r\n"));
            out.flush();
            await(() -> "1".equals(field(mj, "connected_slaves")), 5000, "the stalled replica attached");
            // it never reads: the socket fills, the transfer makes no progress, and repl-timeout ends it
            await(() -> "0".equals(field(mj, "connected_slaves")), 15_000, "the stalled replica dropped");
            assertEquals("PONG", mj.ping());
        }
    }

    @Test
    void corruptPayloadIsNotInstalled() throws Exception {
        byte[] rdb = validRdbWithKeys(1000);
        rdb[rdb.length / 2] ^= 0x5a; // the checksum no longer matches
        String id = "b".repeat(40);
        try (FakeMaster fake = new FakeMaster(concat(ascii("+FULLRESYNC " + id + " 0\r\n$" + rdb.length + "\r\n"), rdb));
             InProcessNode r = InProcessNode.start(Files.createDirectories(dir.resolve("r")));
             Jedis rj = r.client()) {
            rj.set("mine", "kept");
            rj.replicaof("127.0.0.1", fake.port());
            await(() -> fake.connections.get() >= 2, 10_000, "replica retries");
            assertEquals("kept", rj.get("mine"));
            assertEquals(1, rj.dbSize());
            assertTrue(!field(rj, "master_replid").equals(id), "did not adopt the master's history");
        }
    }

    @Test
    void eofMarkedPayloadFromAFakeMasterIsInstalled() throws Exception {
        byte[] rdb = validRdbWithKeys(300);
        String mark = "0123456789".repeat(4);
        String id = "c".repeat(40);
        byte[] stream = ascii("*3\r\n$3\r\nset\r\n$6\r\nstream\r\n$2\r\nok\r\n");
        try (FakeMaster fake = new FakeMaster(concat(ascii("\n\n+FULLRESYNC " + id + " 77\r\n\n$EOF:" + mark + "\r\n"),
                rdb, ascii(mark)), stream);
             InProcessNode r = InProcessNode.start(Files.createDirectories(dir.resolve("r")));
             Jedis rj = r.client()) {
            rj.replicaof("127.0.0.1", fake.port());
            await(() -> "ok".equals(rj.get("stream")), 10_000, "payload and stream applied");
            assertEquals(301, rj.dbSize());
            assertEquals(id, field(rj, "master_replid"));
        }
    }

    @Test
    void garbageFromAReplicaConnectionGetsErrorsAndTheMasterKeepsServing() throws Exception {
        try (InProcessNode m = InProcessNode.start(Files.createDirectories(dir.resolve("m")));
             Jedis mj = m.client()) {
            try (Socket s = new Socket("127.0.0.1", m.port)) {
                s.setSoTimeout(3000);
                OutputStream out = s.getOutputStream();
                out.write(ascii("REPLCONF listening-port notanumber\r\nREPLCONF bogus 1\r\nREPLCONF capa\r\n"
                        + "PSYNC ? -1\r\n"));
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                assertEquals("-ERR value is not an integer or out of range", in.readLine());
                assertEquals("-ERR Unrecognized REPLCONF option: bogus", in.readLine());
                assertEquals("-ERR syntax error", in.readLine());
                assertTrue(in.readLine().startsWith("+FULLRESYNC "));
                out.write(new byte[] {'*', '9', '9', '9', '9', '9', '9', '9', '9', '9', '9', '\r', '\n', 0, 1, 2});
                out.flush();
            }
            mj.set("still", "serving");
            assertEquals("serving", mj.get("still"));
            await(() -> "0".equals(field(mj, "connected_slaves")), 5000, "broken replica dropped");
        }
    }
}
