package io.perfsweep.mock;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
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
 * A handler at the head of each connection's pipeline remembers the time of the first read after the previous request
 * was taken; the request handler {@linkplain #take takes} it, and {@linkplain #clear clears} what the reads of the
 * request's own body left. A request whose body is never read (a route that answers with an error) leaves a stamp for
 * the next request on its connection; the mock's clients do not send those. Uses Vert.x's internal
 * {@link ConnectionBase#channel()}: a public API has no hook before the HTTP codec (docs/development.md lists the
 * internals).
 */
@ChannelHandler.Sharable
final class FirstByteStamp extends ChannelInboundHandlerAdapter {

    private static final AttributeKey<Long> FIRST_READ = AttributeKey.valueOf(FirstByteStamp.class, "firstRead");
    private static final FirstByteStamp INSTANCE = new FirstByteStamp();

    private FirstByteStamp() {
    }

    /** Puts the stamp at the head of {@code connection}'s pipeline, before any of its bytes is read. */
    static void install(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            base.channel().pipeline().addFirst(INSTANCE);
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

    /** Forgets the reads of {@code request}'s body, so the next request on the connection is stamped by its own. */
    static void clear(HttpServerRequest request) {
        if (request.connection() instanceof ConnectionBase base) {
            base.channel().attr(FIRST_READ).set(null);
        }
    }
}
