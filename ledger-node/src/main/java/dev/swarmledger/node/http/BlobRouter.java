package dev.swarmledger.node.http;

import dev.swarmledger.node.storage.BlobStream;
import dev.swarmledger.node.storage.BlobWrite;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.crypto.Hash;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.stream.ChunkedStream;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;

/**
 * Takes blob requests out of the pipeline before the body aggregator, so a blob never sits in
 * memory: an upload streams chunk by chunk into the store's temp file, a download streams from it.
 * Sits on the I/O thread and only routes; the work runs on one handler executor per channel (disk
 * writes block). During an upload the channel reads only when the executor asks for the next chunk,
 * so a fast client cannot pile up a body in memory faster than the disk takes it.
 */
final class BlobRouter extends ChannelInboundHandlerAdapter {
  private static final int CHUNK = 64 * 1024;

  private final Exchange exchange;
  private final EventExecutor worker;
  // I/O thread only: whether the messages of the current request belong to a blob exchange.
  private boolean routing;

  BlobRouter(BlobApi api, EventExecutor worker) {
    this.exchange = new Exchange(api);
    this.worker = worker;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest req
        && req.decoderResult().isSuccess()
        && BlobApi.handles(new QueryStringDecoder(req.uri()).path())) {
      routing = true;
      if (req.method().equals(HttpMethod.PUT)) {
        ctx.channel().config().setAutoRead(false);
      }
    }
    if (!routing) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (msg instanceof LastHttpContent) {
      routing = false;
    }
    worker.execute(() -> exchange.receive(ctx, msg));
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    try {
      worker.execute(exchange::abort);
    } catch (RejectedExecutionException e) {
      // The server is shutting down; the store deletes the abandoned temp file at its next open.
    }
    ctx.fireChannelInactive();
  }

  /** One channel's blob requests, one at a time; touched only by the worker executor. */
  private static final class Exchange {
    private final BlobApi api;
    private HttpRequest request;
    private Hash hash;
    private long length;
    // The body goes here when the upload was admitted; null while the body is ignored.
    private BlobWrite write;

    Exchange(BlobApi api) {
      this.api = api;
    }

    void receive(ChannelHandlerContext ctx, Object msg) {
      try {
        if (msg instanceof HttpRequest req) {
          start(ctx, req);
        }
        if (msg instanceof HttpContent content) {
          body(ctx, content);
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    private void start(ChannelHandlerContext ctx, HttpRequest req) {
      request = req;
      write = null;
      try {
        String path = new QueryStringDecoder(req.uri()).path();
        hash = BlobApi.pathHash(path);
        if (req.method().equals(HttpMethod.GET)) {
          download(ctx, api.get(hash));
        } else if (req.method().equals(HttpMethod.PUT)) {
          length = BlobApi.declaredLength(req.headers());
          Optional<BlobWrite> admitted = api.admit(hash, req.headers());
          if (admitted.isEmpty()) {
            answerAndSkipBody(ctx, BlobApi.stored(hash, length, false));
            return;
          }
          write = admitted.get();
          if (HttpUtil.is100ContinueExpected(req)) {
            ctx.writeAndFlush(
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
          }
          ctx.read();
        } else {
          throw new Rejection(
              ErrorCode.METHOD_NOT_ALLOWED, req.method() + " is not allowed on " + path);
        }
      } catch (RuntimeException e) {
        answerAndSkipBody(ctx, ApiHandler.toError(req.method().name(), req.uri(), e));
      }
    }

    private void body(ChannelHandlerContext ctx, HttpContent content) {
      if (!content.decoderResult().isSuccess()) {
        abort();
        ApiHandler.writeAndClose(
            ctx, ApiResponse.error(ErrorCode.MALFORMED_JSON, "malformed HTTP request body"));
        return;
      }
      if (write != null) {
        try {
          for (ByteBuffer b : content.content().nioBuffers()) {
            write.write(b);
          }
        } catch (RuntimeException e) {
          abort();
          answerAndSkipBody(ctx, ApiHandler.toError("PUT", request.uri(), e));
        }
      }
      if (content instanceof LastHttpContent) {
        finish(ctx);
      } else if (write != null) {
        ctx.read();
      }
    }

    private void finish(ChannelHandlerContext ctx) {
      if (write != null) {
        BlobWrite w = write;
        write = null;
        ApiResponse answer;
        try {
          answer = BlobApi.stored(hash, length, w.commit());
        } catch (RuntimeException e) {
          answer = ApiHandler.toError("PUT", request.uri(), e);
        } finally {
          w.close();
        }
        ApiHandler.write(ctx, answer, HttpUtil.isKeepAlive(request));
      }
      ctx.channel().config().setAutoRead(true);
    }

    /**
     * Answers before the body has been read. A client that waits for {@code 100 Continue} has not
     * sent it, so the connection closes; otherwise the rest of the body is read and dropped
     * (closing under a client still sending would reset the connection before it reads this).
     */
    private void answerAndSkipBody(ChannelHandlerContext ctx, ApiResponse answer) {
      if (HttpUtil.is100ContinueExpected(request)) {
        ApiHandler.writeAndClose(ctx, answer);
        return;
      }
      ApiHandler.write(ctx, answer, HttpUtil.isKeepAlive(request));
      ctx.channel().config().setAutoRead(true);
    }

    private void download(ChannelHandlerContext ctx, BlobStream blob) {
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
      res.headers()
          .set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream")
          .set(HttpHeaderNames.CONTENT_LENGTH, blob.size());
      HttpUtil.setKeepAlive(res, keepAlive);
      ctx.write(res);
      // The chunked writer closes the stream when it is done or the channel goes away.
      ChannelFuture done =
          ctx.writeAndFlush(new HttpChunkedInput(new ChunkedStream(blob.in(), CHUNK)));
      if (!keepAlive) {
        done.addListener(ChannelFutureListener.CLOSE);
      }
    }

    /** Drops a write the body will never complete (client gone, refused midway). */
    void abort() {
      if (write != null) {
        BlobWrite w = write;
        write = null;
        w.close();
      }
    }
  }
}
