package dev.swarmledger.node.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Server-sent events: every subscriber channel receives each event as {@code id:}, {@code event:}
 * and {@code data:} lines. Slow subscribers are dropped rather than allowed to buffer without
 * bound; a comment line every 15 s keeps idle connections open through proxies.
 */
public final class EventHub implements AutoCloseable {
  /** One event: its id (the leaf index), its kind and its JSON data. */
  public record Event(long id, String kind, ObjectNode data) {}

  private final Set<Channel> subscribers = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService heartbeat =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "sse-heartbeat");
            t.setDaemon(true);
            return t;
          });

  public EventHub() {
    heartbeat.scheduleAtFixedRate(() -> sendRaw(": keep-alive\n\n"), 15, 15, TimeUnit.SECONDS);
  }

  void subscribe(Channel channel) {
    subscribers.add(channel);
    channel.closeFuture().addListener(f -> subscribers.remove(channel));
  }

  /** Sends {@code events} to every subscriber, in order. */
  public void publish(List<Event> events) {
    if (subscribers.isEmpty() || events.isEmpty()) {
      return;
    }
    StringBuilder sb = new StringBuilder();
    for (Event e : events) {
      sb.append(format(e));
    }
    sendRaw(sb.toString());
  }

  static String format(Event e) {
    try {
      return "id: "
          + e.id()
          + "\nevent: "
          + e.kind()
          + "\ndata: "
          + ApiResponse.JSON.writeValueAsString(e.data())
          + "\n\n";
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }

  public int subscriberCount() {
    return subscribers.size();
  }

  private void sendRaw(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (Channel ch : subscribers) {
      if (!ch.isActive()) {
        subscribers.remove(ch);
      } else if (!ch.isWritable()) {
        subscribers.remove(ch);
        ch.close();
      } else {
        ch.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(bytes)));
      }
    }
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    subscribers.forEach(Channel::close);
  }
}
