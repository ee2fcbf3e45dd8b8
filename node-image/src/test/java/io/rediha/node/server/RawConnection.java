package io.rediha.node.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rediha.node.resp.RespReplyParser;
import io.rediha.node.resp.RespValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A bare socket to a server, for tests that must see exact bytes (inline commands, protocol
 * errors, RESP3 push frames) or misbehave on purpose.
 */
public final class RawConnection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteBuf buffer = Unpooled.buffer();
    private final RespReplyParser parser = new RespReplyParser();

    public RawConnection(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends a command as a RESP array of bulk strings. */
    public void command(String... args) throws IOException {
        StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            byte[] b = a.getBytes(StandardCharsets.UTF_8);
            sb.append('$').append(b.length).append("\r\n").append(a).append("\r\n");
        }
        send(sb.toString());
    }

    /** The next reply, parsed; fails the test after the socket timeout. */
    public RespValue read() throws IOException {
        while (true) {
            RespValue v = parser.parse(buffer);
            if (v != null) {
                return v;
            }
            byte[] chunk = new byte[8192];
            int n = in.read(chunk);
            if (n < 0) {
                throw new IOException("connection closed by the server");
            }
            buffer.writeBytes(chunk, 0, n);
        }
    }

    /** Everything the server sends until it closes the connection (or the timeout). */
    public String readUntilClosed() throws IOException {
        StringBuilder sb = new StringBuilder(buffer.toString(StandardCharsets.UTF_8));
        buffer.clear();
        byte[] chunk = new byte[8192];
        try {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                sb.append(new String(chunk, 0, n, StandardCharsets.UTF_8));
            }
        } catch (SocketTimeoutException e) {
            sb.append("<timeout>");
        } catch (IOException e) {
            sb.append("<reset>");
        }
        return sb.toString();
    }

    /** True when the server closed the connection within the socket timeout. */
    public boolean isClosedByServer() {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    public void setTimeoutMillis(int ms) throws IOException {
        socket.setSoTimeout(ms);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
