package dev.swarmledger.protocol.state;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Something worth showing that a transition did (an account registered, credits minted, a new
 * best). Derived from the log, never stored in it: replaying the leaves gives the same events.
 *
 * @param kind a stable dotted name such as {@code credits.minted}
 * @param fields simple values: strings, numbers, booleans
 */
public record StateEvent(long index, String kind, Map<String, Object> fields) {
  public StateEvent {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  static StateEvent of(long index, String kind, Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return new StateEvent(index, kind, m);
  }
}
