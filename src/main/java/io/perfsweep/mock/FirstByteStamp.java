package io.perfsweep.mock;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Stamps a request's receipt at the first network read of its bytes, the mock's ground truth for when a request
 * arrived. Vert.x calls a request handler only once the whole head is decoded and dispatched: measured on the 2-core
 * build machine at one stream, 120–300 µs after the read that carried the head (a path run once per request, cold in
 * the caches), which the truth would otherwise count as the client's TTFT error.
 * <p>
 * A handler at the head of each connection's pipeline remembers the time of the first read since the previous request
 * ended; the request handler {@linkplain #take takes} it. A second handler, after the HTTP decoder and Vert.x's own
 * handling of each message, forgets what the reads of a request's own body left once its last content has been
 * handled, so a route that answers without reading the body (a 404, a 401) leaves no stale stamp for the next request
 * on the connection. A request whose first bytes share a read with the previous request's end is stamped when it is
 * taken, microseconds later; so is one that Vert.x queues behind a pipelined request (the mock's clients pipeline
 * none). The mock declines h2c ({@link MockLlmServer}): on an HTTP/2 connection streams interleave, and a stamp per
 * connection would not be any one request's. Uses Vert.x's internal {@link ConnectionBase#channel()} and its
 * pipeline's handler name {@code "handler"}: a public API has no hook before the HTTP codec (docs/development.md lists
 * the internals).
 */
@ChannelHandler.Sharable
final class FirstByteStamp extends ChannelInboundHandlerAdapter {

    private static final AttributeKey<Long> FIRST_READ = AttributeKey.valueOf(FirstByteStamp.class, "firstRead");
    private static final FirstByteStamp INSTANCE = new FirstByteStamp();
    /** The name Vert.x gives its HTTP/1.x connection's handler, the last of the pipeline. */
    private static final String VERTX_HANDLER = "handler";

    private FirstByteStamp() {
    }

    /**
     * Puts the stamp at the head of {@code connection}'s pipeline, before any of its bytes is read, and the request's
     * end around Vert.x's handler.
     */
    static void install(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            ChannelPipeline pipeline = base.channel().pipeline();
            pipeline.addFirst(INSTANCE);
            if (pipeline.get(VERTX_HANDLER) != null) {
                pipeline.addBefore(VERTX_HANDLER, null, RequestEnd.INSTANCE);
            }
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Attribute<Long> firstRead = ctx.channel().attr(FIRST_READ);
        if (firstRead.get() == null) {
            firstRead.set(System.nanoTime()); // the connection's event loop: no other thread writes it
        }
        ctx.fireChannelRead(msg);
    }

    /** When {@code request}'s first byte was read ({@link System#nanoTime()}); now if no read was stamped. */
    static long take(HttpServerRequest request) {
        Long firstRead = request.connection() instanceof ConnectionBase base
                ? base.channel().attr(FIRST_READ).getAndSet(null)
                : null;
        return firstRead != null ? firstRead : System.nanoTime();
    }

    /**
     * Forgets the stamp once Vert.x has handled a request's last content (a body's end, or a bodiless request's empty
     * one), so the reads of a body no route read are never the next request's receipt.
     */
    @ChannelHandler.Sharable
    private static final class RequestEnd extends ChannelInboundHandlerAdapter {

        private static final RequestEnd INSTANCE = new RequestEnd();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            boolean lastContent = msg instanceof LastHttpContent; // asked before Vert.x's handler releases msg
            ctx.fireChannelRead(msg);
            if (lastContent) {
                ctx.channel().attr(FIRST_READ).set(null);
            }
        }
    }
}
