package dev.swarmledger.cli;

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
import java.util.function.BiConsumer;

/** Follows a node's server-sent events on a daemon thread. */
final class EventFeed implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Thread thread;
  private volatile InputStream stream;

  private EventFeed(Thread thread) {
    this.thread = thread;
  }

  /** Calls {@code onEvent(kind, data)} for each event until closed. */
  static EventFeed follow(String nodeUrl, BiConsumer<String, JsonNode> onEvent) {
    EventFeed[] self = new EventFeed[1];
    Thread t =
        new Thread(
            () -> {
              try {
                HttpResponse<InputStream> res =
                    HttpClient.newHttpClient()
                        .send(
                            HttpRequest.newBuilder(URI.create(nodeUrl + "/v1/events")).build(),
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
                    onEvent.accept(kind, JSON.readTree(line.substring(6)));
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
