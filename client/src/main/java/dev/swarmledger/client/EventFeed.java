package dev.swarmledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Consumer;

/** Follows a node's server-sent events ({@code GET /v1/events}) on a daemon thread until closed. */
public final class EventFeed implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One event: its kind (a leaf, or a state change such as {@code credits.minted}) and its flat
   * fields, which differ by kind (docs/api.md lists them).
   */
  public record Event(String kind, Map<String, Object> fields) {
    public Event {
      fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public OptionalLong integer(String field) {
      return fields.get(field) instanceof Long l ? OptionalLong.of(l) : OptionalLong.empty();
    }

    public OptionalDouble number(String field) {
      return fields.get(field) instanceof Number n
          ? OptionalDouble.of(n.doubleValue())
          : OptionalDouble.empty();
    }

    public Optional<String> text(String field) {
      return fields.get(field) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    public boolean flag(String field) {
      return Boolean.TRUE.equals(fields.get(field));
    }
  }

  private final Thread thread;
  private volatile InputStream stream;

  private EventFeed(Thread thread) {
    this.thread = thread;
  }

  static EventFeed follow(HttpClient http, URI uri, Consumer<Event> onEvent) {
    EventFeed[] self = new EventFeed[1];
    Thread t =
        new Thread(
            () -> {
              try {
                HttpResponse<InputStream> res =
                    http.send(
                        HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                self[0].stream = res.body();
                BufferedReader in =
                    new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8));
                String kind = null;
                String line;
                while ((line = in.readLine()) != null) {
                  if (line.startsWith("event: ")) {
                    kind = line.substring(7);
                  } else if (line.startsWith("data: ") && kind != null) {
                    onEvent.accept(new Event(kind, fields(JSON.readTree(line.substring(6)))));
                  }
                }
              } catch (IOException | InterruptedException e) {
                // closed
              }
            },
            "event-feed");
    t.setDaemon(true);
    self[0] = new EventFeed(t);
    t.start();
    return self[0];
  }

  /** Events carry flat values only: strings, integers, numbers and booleans. */
  private static Map<String, Object> fields(JsonNode data) {
    Map<String, Object> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = data.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> f = it.next();
      JsonNode v = f.getValue();
      if (v.isIntegralNumber()) {
        out.put(f.getKey(), v.longValue());
      } else if (v.isNumber()) {
        out.put(f.getKey(), v.doubleValue());
      } else if (v.isBoolean()) {
        out.put(f.getKey(), v.booleanValue());
      } else if (v.isTextual()) {
        out.put(f.getKey(), v.textValue());
      }
    }
    return out;
  }

  @Override
  public void close() {
    try {
      if (stream != null) {
        stream.close();
      }
    } catch (IOException e) {
      // nothing to do
    }
    thread.interrupt();
  }
}
