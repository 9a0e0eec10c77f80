package io.perfsweep.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * When the latest network read of one connection began: the arrival time of every SSE event that read carries.
 * <p>
 * Vert.x hands a response's data to its handler only after Netty's HTTP codec has decoded the read and Vert.x has
 * dispatched it; measured on the 2-core build machine at one stream, the client's read side (the target's write to the
 * client's stamp) was 0.2–0.45 ms, most of it that path, run once per token and cold in the caches between tokens. A
 * handler at the head of the connection's pipeline stamps each read before any of that, as a timestamp per chunk is
 * meant: when its first byte arrived. One instance per connection, used only on its event loop. Uses Vert.x's internal
 * {@link ConnectionBase#channel()}: a public API has no hook before the HTTP codec (docs/development.md lists the
 * internals).
 */
final class ReadClock extends ChannelInboundHandlerAdapter {

    private static final String NAME = "perfsweep-read-clock";

    private long lastReadNanos = Long.MIN_VALUE;

    private ReadClock() {
    }

    /** The clock of {@code connection}, put at the head of its pipeline the first time; null if it has no channel. */
    static ReadClock of(HttpConnection connection) {
        if (!(connection instanceof ConnectionBase base)) {
            return null;
        }
        ChannelPipeline pipeline = base.channel().pipeline();
        if (pipeline.get(NAME) instanceof ReadClock clock) {
            return clock;
        }
        ReadClock clock = new ReadClock();
        pipeline.addFirst(NAME, clock);
        return clock;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastReadNanos = System.nanoTime();
        ctx.fireChannelRead(msg);
    }

    /**
     * The start of the read that delivers data now, on the connection's event loop; now instead if no read of this
     * request was stamped (none since {@code notBeforeNanos}, the request's send).
     */
    long arrivalNanos(long notBeforeNanos) {
        long read = lastReadNanos;
        return read >= notBeforeNanos ? read : System.nanoTime();
    }
}
