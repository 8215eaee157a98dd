package dev.envops.bookings;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.impl.SocketConnectionBase;
import io.vertx.sqlclient.internal.Connection;
import io.vertx.sqlclient.internal.SqlConnectionBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the statements an event loop sends to one database connection while it handles a batch of
 * HTTP requests leave in one TCP write instead of one each.
 */
final class FlushCoalescing {

  static final String HANDLER_NAME = "envops-flush-coalescing";
  private static final String TLS_HANDLER_NAME = "ssl";
  private static final Logger LOG = LoggerFactory.getLogger(FlushCoalescing.class);

  private FlushCoalescing() {}

  /** The client's connect handler: installs the coalescing, then hands the connection back. */
  static void onConnect(SqlConnection connection) {
    ChannelPipeline pipeline = pipeline(connection);
    if (pipeline != null) {
      install(pipeline);
    }
    connection.close();
  }

  /**
   * Puts the handler at the network end of the pipeline but after TLS (Vert.x names its handler
   * {@code ssl}), so that TLS encrypts the statements of one turn together, not one by one.
   */
  static void install(ChannelPipeline pipeline) {
    if (pipeline.get(HANDLER_NAME) != null) {
      return;
    }
    // Flushes asked for outside this channel's own read (the HTTP handlers') wait for the end of
    // the event loop's current batch of I/O (256 at most before one goes out regardless). During
    // its own read, they wait for the read's end, when Netty would flush anyway.
    FlushConsolidationHandler handler =
        new FlushConsolidationHandler(
            FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true);
    if (pipeline.get(TLS_HANDLER_NAME) != null) {
      pipeline.addAfter(TLS_HANDLER_NAME, HANDLER_NAME, handler);
    } else {
      pipeline.addFirst(HANDLER_NAME, handler);
    }
  }

  // Null (with a warning) when it cannot be reached. Vert.x gives no public way to a client
  // connection's Netty pipeline; these types are its
  // internal API (pinned with Vert.x, checked by FlushCoalescingTest).
  private static ChannelPipeline pipeline(SqlConnection connection) {
    if (connection instanceof SqlConnectionBase<?> base) {
      Connection inner = base.unwrap();
      while (inner != null && !(inner instanceof SocketConnectionBase) && inner.unwrap() != inner) {
        inner = inner.unwrap();
      }
      if (inner instanceof SocketConnectionBase socket) {
        return socket.socket().channelHandlerContext().pipeline();
      }
    }
    LOG.warn("cannot coalesce database writes on {}", connection.getClass().getName());
    return null;
  }
}
