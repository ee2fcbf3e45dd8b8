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
