package dev.swarmledger.node.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import java.net.InetSocketAddress;

/**
 * The Netty HTTP server of the API. Handlers run on a separate executor group, not on the I/O
 * threads, because a transaction waits for its fsync and reads touch RocksDB.
 */
public final class HttpServer implements AutoCloseable {
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final EventExecutorGroup handlers;
  private final Channel channel;

  private HttpServer(
      EventLoopGroup boss, EventLoopGroup workers, EventExecutorGroup handlers, Channel channel) {
    this.boss = boss;
    this.workers = workers;
    this.handlers = handlers;
    this.channel = channel;
  }

  /**
   * Binds {@code address} (port 0 picks a free port) and serves {@code routes}, with the blob
   * endpoints streamed past the body limit by {@link BlobRouter}.
   */
  public static HttpServer start(
      InetSocketAddress address, Routes routes, BlobApi blobs, EventHub events, int maxBodyBytes) {
    return bind(address, routes, blobs, events, maxBodyBytes);
  }

  /**
   * Binds {@code address} and serves only {@code routes}: no blobs, no event stream (a witness).
   */
  public static HttpServer start(InetSocketAddress address, Routes routes, int maxBodyBytes) {
    return bind(address, routes, null, null, maxBodyBytes);
  }

  private static HttpServer bind(
      InetSocketAddress address, Routes routes, BlobApi blobs, EventHub events, int maxBodyBytes) {
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    EventLoopGroup workers = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    EventExecutorGroup handlers = new DefaultEventExecutorGroup(128);
    ServerBootstrap b =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new HttpServerCodec(8192, 16384, 8192))
                        .addLast(new ChunkedWriteHandler());
                    if (blobs != null) {
                      ch.pipeline().addLast(new BlobRouter(blobs, handlers.next()));
                    }
                    ch.pipeline()
                        .addLast(new JsonErrorAggregator(maxBodyBytes))
                        .addLast(handlers, new ApiHandler(routes, events));
                  }
                });
    try {
      Channel ch = b.bind(address).sync().channel();
      return new HttpServer(boss, workers, handlers, ch);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding " + address, e);
    } catch (RuntimeException e) {
      boss.shutdownGracefully();
      workers.shutdownGracefully();
      handlers.shutdownGracefully();
      throw e;
    }
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    boss.shutdownGracefully();
    workers.shutdownGracefully();
    handlers.shutdownGracefully();
  }

  /** Answers an oversized body with the API's JSON 413 instead of Netty's empty one. */
  private static final class JsonErrorAggregator extends HttpObjectAggregator {
    private final int max;

    JsonErrorAggregator(int max) {
      super(max);
      this.max = max;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
      ApiResponse tooLarge =
          ApiResponse.error(
              dev.swarmledger.protocol.ErrorCode.BODY_TOO_LARGE,
              "request body is larger than " + max + " bytes");
      if (oversized instanceof io.netty.handler.codec.http.FullHttpMessage
          || !io.netty.handler.codec.http.HttpUtil.isKeepAlive(oversized)) {
        ApiHandler.writeAndClose(ctx, tooLarge);
      } else {
        // Answer, then let the aggregator discard the rest of the body: closing now would reset
        // the connection under a client still sending, which would never read the 413.
        ApiHandler.write(ctx, tooLarge, true);
      }
    }
  }
}
