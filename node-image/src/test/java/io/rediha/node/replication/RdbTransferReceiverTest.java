package io.rediha.node.replication;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RdbTransferReceiverTest {
    private static final String MARK = "0123456789abcdef0123456789abcdef01234567";

    /** Generative: 100 payload sizes and read-size patterns, from a fixed seed so a failure repeats. */
    @Test
    void eofMarkedPayloadIsReceivedWhateverTheReadSizes() throws IOException {
        Random rnd = new Random(100);
        for (int t = 0; t < 100; t++) {
            checkEofMarkedPayload(t < 3 ? t : rnd.nextInt(5001), rnd.nextLong());
        }
    }

    private static void checkEofMarkedPayload(int size, long seed) throws IOException {
        byte[] payload = new byte[size];
        new Random(seed).nextBytes(payload);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes("\n\n$EOF:".getBytes(StandardCharsets.US_ASCII));
        wire.writeBytes((MARK + "\r\n").getBytes(StandardCharsets.US_ASCII));
        wire.writeBytes(payload);
        wire.writeBytes(MARK.getBytes(StandardCharsets.US_ASCII));
        InputStream in = new ChoppyStream(new ByteArrayInputStream(wire.toByteArray()), new Random(seed));
        String header = RdbTransferReceiver.readHeader(in);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(size, RdbTransferReceiver.receive(header, in, out, (t, e) -> { }));
        assertArrayEquals(payload, out.toByteArray());
    }

    /** The streamed form: the same payloads and read patterns, consumed in random-sized reads as a parser does. */
    @Test
    void eofMarkedInputEndsExactlyAtTheMarkWhateverTheReadSizes() throws IOException {
        Random rnd = new Random(200);
        for (int t = 0; t < 100; t++) {
            int size = t < 3 ? t : rnd.nextInt(200_001);
            long seed = rnd.nextLong();
            byte[] payload = new byte[size];
            new Random(seed).nextBytes(payload);
            InputStream in = new ChoppyStream(new ByteArrayInputStream(wire(payload, MARK)), new Random(seed));
            RdbTransferReceiver.EofMarkedInput streamed = RdbTransferReceiver.eofMarked(RdbTransferReceiver.readHeader(in), in, (x, y) -> { });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Random reads = new Random(seed);
            byte[] buf = new byte[70_000];
            int n;
            while ((n = streamed.read(buf, 0, 1 + reads.nextInt(buf.length))) > 0) {
                out.write(buf, 0, n);
            }
            streamed.finish();
            assertArrayEquals(payload, out.toByteArray(), "payload of " + size + " bytes");
        }
    }

    @Test
    void eofMarkedInputReportsAMasterThatClosesBeforeTheMark() throws IOException {
        byte[] wire = wire(new byte[1000], MARK);
        InputStream in = new ByteArrayInputStream(java.util.Arrays.copyOf(wire, wire.length - 10));
        InputStream streamed = RdbTransferReceiver.eofMarked(RdbTransferReceiver.readHeader(in), in, (x, y) -> { });
        IOException e = assertThrows(IOException.class, streamed::readAllBytes);
        assertEquals("master closed the connection after 1030 payload bytes, before the EOF mark", e.getMessage());
    }

    @Test
    void bytesBetweenTheParsedPayloadAndTheMarkAreAnError() throws IOException {
        InputStream in = new ByteArrayInputStream(wire(new byte[100], MARK));
        RdbTransferReceiver.EofMarkedInput streamed = RdbTransferReceiver.eofMarked(RdbTransferReceiver.readHeader(in), in, (x, y) -> { });
        assertEquals(90, streamed.readNBytes(90).length); // a parser that stopped 10 bytes early
        IOException e = assertThrows(IOException.class, streamed::finish);
        assertEquals("10 bytes after the RDB payload, before the EOF mark", e.getMessage());
    }

    private static byte[] wire(byte[] payload, String mark) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(("\n$EOF:" + mark + "\r\n").getBytes(StandardCharsets.US_ASCII));
        wire.writeBytes(payload);
        wire.writeBytes(mark.getBytes(StandardCharsets.US_ASCII));
        return wire.toByteArray();
    }

    @Test
    void lengthPrefixedPayloadLeavesTheCommandStreamUnread() throws IOException {
        byte[] wire = "$5\r\nREDIS*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);
        InputStream in = new ByteArrayInputStream(wire);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RdbTransferReceiver.receive(RdbTransferReceiver.readHeader(in), in, out, (t, e) -> { });
        assertEquals("REDIS", out.toString(StandardCharsets.US_ASCII));
        assertEquals("*1\r\n$4\r\nPING\r\n", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    }

    @Test
    void masterClosingMidPayloadIsAnError() {
        InputStream in = new ByteArrayInputStream("$100\r\nREDIS0010".getBytes(StandardCharsets.US_ASCII));
        IOException e = assertThrows(IOException.class,
                () -> RdbTransferReceiver.receive(RdbTransferReceiver.readHeader(in), in, new ByteArrayOutputStream(), (t, x) -> { }));
        assertEquals("master closed the connection after 9 of 100 payload bytes", e.getMessage());
    }

    /** Every split point of the stream, from the first byte to past the end. */
    @Test
    void streamParserCountsEveryByteWhateverTheSplit() {
        for (int cut = 1; cut <= 200; cut++) {
            checkStreamSplitAt(cut);
        }
    }

    private static void checkStreamSplitAt(int cut) {
        String stream = "*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nset\r\n$3\r\nfoo\r\n$3\r\nbar\r\n*1\r\n$4\r\nping\r\n";
        byte[] bytes = stream.getBytes(StandardCharsets.US_ASCII);
        int c = Math.min(cut, bytes.length);
        List<StreamCommandParser.Command> out = new ArrayList<>();
        int used = StreamCommandParser.parse(bytes, 0, c, out);
        byte[] rest = new byte[bytes.length - used];
        System.arraycopy(bytes, used, rest, 0, rest.length);
        used += StreamCommandParser.parse(rest, 0, rest.length, out);
        assertEquals(bytes.length, used);
        assertEquals(List.of(23, 31, 14), out.stream().map(StreamCommandParser.Command::length).toList());
    }

    /** Returns at most a random few bytes per read, as a network does. */
    static final class ChoppyStream extends FilterInputStream {
        private final Random rnd;

        ChoppyStream(InputStream in, Random rnd) {
            super(in);
            this.rnd = rnd;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1 + rnd.nextInt(97)));
        }
    }
}
