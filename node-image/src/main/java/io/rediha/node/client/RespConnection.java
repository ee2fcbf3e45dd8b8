package io.rediha.node.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.rediha.node.resp.RespReplyDecoder;
import io.rediha.node.resp.RespValue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One TCP connection to a RESP server. Commands may be sent at any time from any thread; replies
 * are matched to them in order, so pipelining needs nothing special. Once the connection has
 * subscribed to anything, incoming pub/sub messages go to the {@link #onMessage message listener}
 * instead of to a command's future.
 *
 * <p>All futures complete, and all listeners run, on this connection's event loop.
 */
public final class RespConnection {

    /** A command waiting for {@code repliesLeft} more replies (SUBSCRIBE a b c gets three). */
    private static final class Pending {
        final CompletableFuture<RespValue> future = new CompletableFuture<>();
        int repliesLeft;

        Pending(int replies) {
            this.repliesLeft = replies;
        }
    }

    private final Channel channel;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final List<Runnable> closeListeners = new ArrayList<>();
    private Consumer<PubSubMessage> messageListener = m -> { };
    private boolean subscribed;
    private boolean closed;

    private RespConnection(Channel channel) {
        this.channel = channel;
    }

    /**
     * Opens a connection. The future fails with the connect error (refused, timed out, ...).
     *
     * @param group event loops to run on; pass a single-threaded group to get every callback on one thread
     */
    public static CompletableFuture<RespConnection> connect(EventLoopGroup group, String host, int port,
                                                            Duration connectTimeout) {
        CompletableFuture<RespConnection> result = new CompletableFuture<>();
        Handler handler = new Handler();
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, connectTimeout.toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new RespReplyDecoder(), new CommandEncoder(), handler);
                    }
                });
        ChannelFuture connecting = bootstrap.connect(host, port);
        connecting.addListener(f -> {
            if (f.isSuccess()) {
                RespConnection connection = new RespConnection(connecting.channel());
                handler.connection = connection;
                result.complete(connection);
            } else {
                result.completeExceptionally(f.cause());
            }
        });
        return result;
    }

    /** Sends a command; the future completes with its reply (an error reply is a normal result). */
    public CompletableFuture<RespValue> send(String... args) {
        return send(toBytes(args), 1, false);
    }

    public CompletableFuture<RespValue> send(List<byte[]> args) {
        return send(args, 1, false);
    }

    /** SUBSCRIBE; the future completes with the confirmation of the last channel. */
    public CompletableFuture<RespValue> subscribe(String... channels) {
        return subscription("SUBSCRIBE", channels);
    }

    public CompletableFuture<RespValue> psubscribe(String... patterns) {
        return subscription("PSUBSCRIBE", patterns);
    }

    public CompletableFuture<RespValue> unsubscribe(String... channels) {
        return subscription("UNSUBSCRIBE", channels);
    }

    public CompletableFuture<RespValue> punsubscribe(String... patterns) {
        return subscription("PUNSUBSCRIBE", patterns);
    }

    private CompletableFuture<RespValue> subscription(String command, String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException(command + " needs at least one name here");
        }
        String[] args = new String[names.length + 1];
        args[0] = command;
        System.arraycopy(names, 0, args, 1, names.length);
        return send(toBytes(args), names.length, true);
    }

    private CompletableFuture<RespValue> send(List<byte[]> args, int replies, boolean subscription) {
        Pending p = new Pending(replies);
        if (channel.eventLoop().inEventLoop()) {
            enqueue(p, args, subscription);
        } else {
            channel.eventLoop().execute(() -> enqueue(p, args, subscription));
        }
        return p.future;
    }

    private void enqueue(Pending p, List<byte[]> args, boolean subscription) {
        if (closed) {
            p.future.completeExceptionally(new ConnectionClosedException("connection to " + peer() + " is closed"));
            return;
        }
        if (subscription) {
            subscribed = true;
        }
        pending.add(p);
        channel.writeAndFlush(new CommandEncoder.Command(args), channel.voidPromise());
    }

    /** Listener for pub/sub messages; set it before subscribing. */
    public void onMessage(Consumer<PubSubMessage> listener) {
        this.messageListener = listener;
    }

    /** Runs {@code r} on the event loop once the connection is closed (at once if it already is). */
    public void onClose(Runnable r) {
        channel.eventLoop().execute(() -> {
            if (closed) {
                r.run();
            } else {
                closeListeners.add(r);
            }
        });
    }

    /** Commands sent and not yet answered. Meaningful on the event loop. */
    public int pendingReplies() {
        return pending.size();
    }

    public boolean isOpen() {
        return !closed && channel.isActive();
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) channel.remoteAddress();
    }

    public void close() {
        channel.close();
    }

    private String peer() {
        return String.valueOf(channel.remoteAddress());
    }

    private void received(RespValue reply) {
        if (isMessage(reply)) {
            deliver(reply);
            return;
        }
        Pending head = pending.peek();
        if (head == null) {
            // A reply nobody asked for: the peer is confused or not speaking RESP; stop trusting it.
            channel.close();
            return;
        }
        if (--head.repliesLeft <= 0) {
            pending.poll();
            head.future.complete(reply);
        }
    }

    private boolean isMessage(RespValue reply) {
        boolean push = reply instanceof RespValue.Push;
        if (!push && !(subscribed && reply instanceof RespValue.Array)) {
            return false;
        }
        List<RespValue> items = Replies.items(reply);
        if (items.isEmpty()) {
            return false;
        }
        String kind = Replies.text(items.get(0));
        return ("message".equals(kind) && items.size() == 3) || ("pmessage".equals(kind) && items.size() == 4)
                || (push && !isSubscriptionConfirmation(kind));
    }

    private static boolean isSubscriptionConfirmation(String kind) {
        return "subscribe".equals(kind) || "psubscribe".equals(kind) || "unsubscribe".equals(kind)
                || "punsubscribe".equals(kind) || "pong".equals(kind);
    }

    private void deliver(RespValue reply) {
        List<RespValue> items = Replies.items(reply);
        String kind = Replies.text(items.get(0));
        PubSubMessage message;
        if ("message".equals(kind) && items.size() == 3) {
            message = new PubSubMessage(null, Replies.text(items.get(1)), Replies.bytes(items.get(2)));
        } else if ("pmessage".equals(kind) && items.size() == 4) {
            message = new PubSubMessage(Replies.text(items.get(1)), Replies.text(items.get(2)), Replies.bytes(items.get(3)));
        } else {
            return; // other RESP3 pushes (invalidate, ...) have no listener here
        }
        messageListener.accept(message);
    }

    private void closed() {
        if (closed) {
            return;
        }
        closed = true;
        ConnectionClosedException error = new ConnectionClosedException("connection to " + peer() + " closed");
        Pending p;
        while ((p = pending.poll()) != null) {
            p.future.completeExceptionally(error);
        }
        for (Runnable r : closeListeners) {
            r.run();
        }
        closeListeners.clear();
    }

    private static List<byte[]> toBytes(String... args) {
        return Arrays.stream(args).map(a -> a.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** The pipeline's last handler; bound to its connection once the connect completes. */
    private static final class Handler extends SimpleChannelInboundHandler<RespValue> {
        RespConnection connection;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, RespValue reply) {
            if (connection != null) {
                connection.received(reply);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (connection != null) {
                connection.closed();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
