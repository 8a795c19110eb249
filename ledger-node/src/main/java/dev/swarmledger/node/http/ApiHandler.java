package dev.swarmledger.node.http;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns each HTTP request into an {@link ApiRequest}, runs its route, writes the answer. */
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = Logger.getLogger(ApiHandler.class.getName());

  private final Routes routes;
  private final EventHub events;

  ApiHandler(Routes routes, EventHub events) {
    this.routes = routes;
    this.events = events;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    if (!req.decoderResult().isSuccess()) {
      writeAndClose(ctx, ApiResponse.error(ErrorCode.MALFORMED_JSON, "malformed HTTP request"));
      return;
    }
    QueryStringDecoder uri = new QueryStringDecoder(req.uri());
    String method = req.method().name();
    try {
      if (events != null && method.equals("GET") && uri.path().equals("/v1/events")) {
        startEventStream(ctx);
        return;
      }
      Routes.Match match = routes.match(method, uri.path());
      if (method.equals("POST") && !match.textBody()) {
        String type = req.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (type != null && !type.toLowerCase().startsWith("application/json")) {
          throw new Rejection(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send application/json");
        }
      }
      byte[] body = ByteBufUtil.getBytes(req.content());
      match
          .handler()
          .handle(new ApiRequest(method, uri.path(), match.params(), uri.parameters(), body))
          .whenComplete(
              (response, error) ->
                  write(
                      ctx,
                      response != null ? response : toError(method, uri.path(), error),
                      keepAlive));
    } catch (RuntimeException e) {
      write(ctx, toError(method, uri.path(), e), keepAlive);
    }
  }

  /** Every failure becomes the API's error shape; anything unexpected a plain 500. */
  static ApiResponse toError(String method, String path, Throwable error) {
    Throwable e =
        error instanceof java.util.concurrent.CompletionException && error.getCause() != null
            ? error.getCause()
            : error;
    if (e instanceof Rejection r) {
      return ApiResponse.error(r);
    }
    LOG.log(Level.WARNING, "unexpected error on " + method + " " + path, e);
    return ApiResponse.error(ErrorCode.INTERNAL, "internal error");
  }

  private void startEventStream(ChannelHandlerContext ctx) {
    HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    res.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
        .set(HttpHeaderNames.CACHE_CONTROL, "no-cache")
        .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    ctx.writeAndFlush(res);
    events.subscribe(ctx.channel());
  }

  static void write(ChannelHandlerContext ctx, ApiResponse r, boolean keepAlive) {
    FullHttpResponse res = toNetty(r);
    if (keepAlive) {
      HttpUtil.setKeepAlive(res, true);
      ctx.writeAndFlush(res);
    } else {
      ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }
  }

  static void writeAndClose(ChannelHandlerContext ctx, ApiResponse r) {
    ctx.writeAndFlush(toNetty(r)).addListener(ChannelFutureListener.CLOSE);
  }

  private static FullHttpResponse toNetty(ApiResponse r) {
    FullHttpResponse res =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(r.status()),
            Unpooled.wrappedBuffer(r.body()));
    res.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, r.contentType())
        .setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
    r.headers().forEach((name, value) -> res.headers().set(name, value));
    return res;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
