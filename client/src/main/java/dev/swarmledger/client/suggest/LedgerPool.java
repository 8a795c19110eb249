package dev.swarmledger.client.suggest;

import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.protocol.api.QueryParams;
import dev.swarmledger.protocol.api.ResultFilter;
import dev.swarmledger.protocol.api.ResultView;
import dev.swarmledger.protocol.results.Result;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads a track's pool from a node and asks the {@link Suggester}. */
public final class LedgerPool {
  private LedgerPool() {}

  /** The suggestion for {@code track} from the newest results the node lists (up to a page). */
  public static Suggester.Suggestion suggest(LedgerClient client, String track) {
    List<ResultView> all =
        client.results(ResultFilter.all().track(track).limit(QueryParams.MAX_PAGE));
    List<Suggester.Entry> pool =
        all.stream()
            .filter(r -> r.status() == Result.Status.VERIFIED)
            .map(
                r ->
                    new Suggester.Entry(
                        r.id(),
                        r.parent(),
                        r.recordedValBpb(),
                        r.run().flops(),
                        r.sourceSha256().hex()))
            .toList();
    Set<String> known = all.stream().map(r -> r.sourceSha256().hex()).collect(Collectors.toSet());
    Map<Long, String> sources = new HashMap<>();
    return Suggester.suggest(
        pool,
        id ->
            sources.computeIfAbsent(
                id,
                i ->
                    client
                        .result(i)
                        .flatMap(ResultView::source)
                        .orElseThrow(
                            () -> new IllegalStateException("result " + i + " has no source"))),
        known);
  }
}
