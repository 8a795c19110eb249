package dev.swarmledger.node.http;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The dashboard ({@code GET /}) and its static assets ({@code GET /dashboard/{name}}): the page,
 * its script and style, and the uPlot chart library from its webjar. Everything is served from the
 * jar, so the page needs nothing beyond this node.
 */
final class DashboardPage {
  private static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";

  private record Asset(String contentType, byte[] body) {}

  private static final Map<String, Asset> ASSETS =
      Map.of(
          "index.html", load("/dashboard/index.html", "text/html; charset=utf-8"),
          "dashboard.js", load("/dashboard/dashboard.js", "text/javascript; charset=utf-8"),
          "dashboard.css", load("/dashboard/dashboard.css", "text/css; charset=utf-8"),
          "uPlot.min.js", load(UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8"),
          "uPlot.min.css", load(UPLOT + "uPlot.min.css", "text/css; charset=utf-8"));

  private DashboardPage() {}

  static ApiResponse page() {
    return asset("index.html");
  }

  static ApiResponse asset(String name) {
    Asset a = ASSETS.get(name);
    if (a == null) {
      throw new Rejection(ErrorCode.NOT_FOUND, "no such dashboard asset: " + name);
    }
    return ApiResponse.bytes(a.contentType(), a.body());
  }

  private static Asset load(String resource, String contentType) {
    try (InputStream in = DashboardPage.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("dashboard resource missing from the build: " + resource);
      }
      return new Asset(contentType, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
