package io.rediha.node.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.rediha.node.resp.QueryBufferLimitException;
import io.rediha.node.resp.RespProtocolException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The last handler of a client's pipeline: admits the connection (maxclients, protected mode),
 * hands each decoded request to the {@link Dispatcher}, and turns decoder failures into Redis's
 * reaction — {@code -ERR Protocol error: ...} then close, or a silent close for an oversized query
 * buffer.
 */
final class ClientHandler extends ChannelInboundHandlerAdapter {
    private static final String DENIED = "-DENIED Redis is running in protected mode because protected mode is "
            + "enabled and no password is set for the default user. In this mode connections are only accepted "
            + "from the loopback interface. If you want to connect from external computers to Redis you may "
            + "adopt one of the following solutions: 1) Just disable protected mode sending the command "
            + "'CONFIG SET protected-mode no' from the loopback interface by connecting to Redis from the same "
            + "host the server is running, however MAKE SURE Redis is not publicly accessible from internet if "
            + "you do so. Use CONFIG REWRITE to make this change permanent. 2) Alternatively you can just disable "
            + "the protected mode by editing the Redis configuration file, and setting the protected mode option "
            + "to 'no', and then restarting the server. 3) If you started the server manually just for testing, "
            + "restart it with the '--protected-mode no' option. 4) Set up an authentication password for the "
            + "default user. NOTE: You only need to do one of the above things in order for the server to start "
            + "accepting connections from the outside.\r\n";

    private final RedisServer server;
    private final Client client;

    ClientHandler(RedisServer server, Client client) {
        this.server = server;
        this.client = client;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        server.stats().totalConnectionsReceived++;
        if (isDeniedByProtectedMode(ctx)) {
            refuse(ctx, DENIED);
            return;
        }
        if (!server.clients().register(client)) {
            server.stats().rejectedConnections++;
            refuse(ctx, "-ERR max number of clients reached\r\n");
        }
    }

    private boolean isDeniedByProtectedMode(ChannelHandlerContext ctx) {
        if (!server.config().getBool("protected-mode") || server.requiresAuth()
                || !server.config().getString("bind").equals("* -::*")) {
            return false;
        }
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress a) {
            InetAddress ip = a.getAddress();
            return ip != null && !ip.isLoopbackAddress();
        }
        return false;
    }

    private void refuse(ChannelHandlerContext ctx, String reply) {
        client.markClosed();
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(Unpooled.copiedBuffer(reply, StandardCharsets.UTF_8)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        server.dispatcher().process(client, (byte[][]) msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        server.clients().unregister(client);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // A client that does not read its replies stops being read from, so a pipeline cannot make
        // us buffer replies without bound; subscribers are handled by the output buffer limits.
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (c instanceof RespProtocolException p) {
            server.log().verbose("Protocol error (" + p.getMessage() + ") from client: " + client.address());
            client.addError("ERR Protocol error: " + p.getMessage());
            client.closeAfterReply();
            ctx.channel().config().setAutoRead(false);
        } else if (c instanceof QueryBufferLimitException q) {
            server.stats().clientQueryBufferLimitDisconnections++;
            server.log().warning("Closing client that reached max query buffer length: "
                    + server.clients().describe(client) + " (qbuf initial bytes: " + q.size() + ")");
            server.clients().kill(client);
        } else if (c instanceof IOException) {
            ctx.close();
        } else {
            server.log().warning("Closing client " + client.address() + " after an unexpected error: " + c);
            ctx.close();
        }
    }
}
