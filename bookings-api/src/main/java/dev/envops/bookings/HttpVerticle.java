package dev.envops.bookings;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP API: one router, one handler method per route, JSON errors for every failure. */
final class HttpVerticle extends VerticleBase {

  static final int MAX_BODY_BYTES = 64 * 1024;
  static final long SHUTDOWN_GRACE_SECONDS = 10;

  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);
  private static final long OUTAGE_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final AtomicLong lastOutageLog =
      new AtomicLong(System.nanoTime() - OUTAGE_LOG_INTERVAL_NANOS);
  private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
  private static final CharSequence TEXT = HttpHeaders.createOptimized("text/plain; charset=utf-8");
  private static final Buffer WELCOME = Buffer.buffer("welcome");
  private static final Buffer EMPTY_LIST = Buffer.buffer("[]");

  private final ListenAddress listen;
  private final Supplier<HotelRepository> repository;
  private final boolean probeAtStart;
  private HotelRepository hotels;
  private HttpServer server;

  /**
   * {@code repository} is called in {@link #start()}, on this verticle's event loop, so that the
   * pool it builds lives there; {@code probeAtStart}: look at the schema once and log it.
   */
  HttpVerticle(ListenAddress listen, Supplier<HotelRepository> repository, boolean probeAtStart) {
    this.listen = listen;
    this.repository = repository;
    this.probeAtStart = probeAtStart;
  }

  @Override
  public Future<?> start() {
    hotels = repository.get();
    if (probeAtStart) {
      hotels
          .detectDescription()
          .onSuccess(
              present ->
                  LOG.info(
                      "database reachable; hotels.description {}",
                      present ? "present" : "absent (served as null until it is added)"))
          .onFailure(error -> LOG.warn("database not reachable yet: {}", error.getMessage()));
    }
    Router router = Router.router(vertx);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
    router.get("/").handler(this::welcome);
    router.get("/healthz").handler(this::healthz);
    router.get("/readyz").handler(this::readyz);
    router.get("/hotels").handler(this::listHotels);
    router.post("/hotels").handler(body).handler(this::createHotel);
    router.get("/hotels/:id").handler(this::getHotel);
    router.put("/hotels/:id").handler(body).handler(this::updateHotel);
    router.delete("/hotels/:id").handler(this::deleteHotel);
    router.route().failureHandler(this::failure);
    router.errorHandler(404, ctx -> error(ctx, 404, "no route for " + ctx.request().path()));
    router.errorHandler(405, this::methodNotAllowed);
    router.errorHandler(500, this::failure);

    HttpServerOptions options =
        new HttpServerOptions()
            .setTcpNoDelay(true)
            .setTcpFastOpen(true)
            .setTcpQuickAck(true)
            .setCompressionSupported(false)
            // No WebSocket route: keeps the compression extension handler out of the pipeline.
            .setPerFrameWebSocketCompressionSupported(false)
            .setPerMessageWebSocketCompressionSupported(false)
            // HTTP/1.1 only, like the original (Go serves no h2c): load balancers speak 1.1 here.
            .setHttp2ClearTextEnabled(false)
            .setIdleTimeout(120)
            .setIdleTimeoutUnit(TimeUnit.SECONDS);
    server = vertx.createHttpServer(options).requestHandler(router);
    return server.listen(listen.port(), listen.host());
  }

  @Override
  public Future<?> stop() {
    // Stop accepting, let requests in flight finish, then close what is left, then the pool.
    return server
        .shutdown(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS)
        .eventually(() -> hotels.close());
  }

  int actualPort() {
    return server.actualPort();
  }

  private void welcome(RoutingContext ctx) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, TEXT).end(WELCOME);
  }

  private void healthz(RoutingContext ctx) {
    json(ctx, 200, HotelJson.status("up"));
  }

  private void readyz(RoutingContext ctx) {
    hotels
        .ping()
        .onSuccess(ignored -> json(ctx, 200, HotelJson.status("ready")))
        .onFailure(ctx::fail);
  }

  private void listHotels(RoutingContext ctx) {
    hotels
        .list()
        .onSuccess(list -> json(ctx, 200, list.isEmpty() ? EMPTY_LIST : HotelJson.list(list)))
        .onFailure(ctx::fail);
  }

  private void getHotel(RoutingContext ctx) {
    long id = HotelInput.id(ctx.pathParam("id"));
    hotels.find(id).onSuccess(hotel -> oneOrNotFound(ctx, id, hotel)).onFailure(ctx::fail);
  }

  private void createHotel(RoutingContext ctx) {
    Hotel hotel = HotelInput.parse(ctx.body().buffer());
    hotels
        .insert(hotel)
        .onSuccess(stored -> json(ctx, 200, HotelJson.one(stored)))
        .onFailure(ctx::fail);
  }

  private void updateHotel(RoutingContext ctx) {
    long id = HotelInput.id(ctx.pathParam("id"));
    Hotel hotel = HotelInput.parse(ctx.body().buffer());
    hotels
        .update(id, hotel)
        .onSuccess(stored -> oneOrNotFound(ctx, id, stored))
        .onFailure(ctx::fail);
  }

  private void deleteHotel(RoutingContext ctx) {
    long id = HotelInput.id(ctx.pathParam("id"));
    hotels
        .delete(id)
        .onSuccess(
            deleted -> {
              if (deleted) {
                ctx.response().setStatusCode(200).end();
              } else {
                notFound(ctx, id);
              }
            })
        .onFailure(ctx::fail);
  }

  private void oneOrNotFound(RoutingContext ctx, long id, Hotel hotel) {
    if (hotel == null) {
      notFound(ctx, id);
    } else {
      json(ctx, 200, HotelJson.one(hotel));
    }
  }

  private void notFound(RoutingContext ctx, long id) {
    error(ctx, 404, "no hotel with Id " + id);
  }

  private void methodNotAllowed(RoutingContext ctx) {
    String path = ctx.request().path();
    String allow =
        path.startsWith("/hotels/")
            ? "GET, PUT, DELETE"
            : path.equals("/hotels") ? "GET, POST" : "GET";
    ctx.response().putHeader(HttpHeaders.ALLOW, allow);
    error(
        ctx,
        405,
        ctx.request().method() + " is not allowed on " + path + " (allowed: " + allow + ")");
  }

  /** Every failure ends here: thrown by a handler, failed future, or a status from vertx-web. */
  private void failure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof BadRequestException) {
      error(ctx, 400, failure.getMessage());
    } else if (failure instanceof DatabaseUnavailableException) {
      logOutage(ctx, failure);
      ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
      error(ctx, 503, "database unavailable, try again shortly");
    } else if (ctx.statusCode() == 413) {
      // vertx-web reports an oversized body as 413; the API answers every bad input with one 400.
      error(ctx, 400, "request body must be at most " + MAX_BODY_BYTES + " bytes");
    } else if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      error(ctx, ctx.statusCode(), "bad request");
    } else {
      LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
      error(ctx, 500, "internal error");
    }
  }

  /** One line per second at most: an outage at full load must not flood the log. */
  private static void logOutage(RoutingContext ctx, Throwable failure) {
    long now = System.nanoTime();
    long last = lastOutageLog.get();
    if (now - last >= OUTAGE_LOG_INTERVAL_NANOS && lastOutageLog.compareAndSet(last, now)) {
      LOG.warn("{} {}: {}", ctx.request().method(), ctx.request().path(), failure.getMessage());
    }
  }

  private static void error(RoutingContext ctx, int status, String message) {
    json(ctx, status, HotelJson.error(message));
  }

  private static void json(RoutingContext ctx, int status, Buffer body) {
    HttpServerResponse response = ctx.response();
    if (response.ended()) {
      return;
    }
    response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(body);
  }
}
