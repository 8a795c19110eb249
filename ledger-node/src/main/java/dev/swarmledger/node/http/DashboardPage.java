package dev.swarmledger.node.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The dashboard ({@code GET /}): one static page that reads the JSON API from the browser. */
final class DashboardPage {
  static final String HTML = load();

  private DashboardPage() {}

  private static String load() {
    try (InputStream in = DashboardPage.class.getResourceAsStream("/dashboard/index.html")) {
      if (in == null) {
        throw new IllegalStateException("dashboard resource missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
