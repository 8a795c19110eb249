package dev.swarmledger.node.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.node.log.Appended;
import dev.swarmledger.protocol.state.StateEvent;
import dev.swarmledger.protocol.tx.LeafCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The server-sent events of appended leaves: a {@code leaf} event per leaf, then one event per
 * state change it caused, named by the wire name of its {@link StateEvent.Kind}.
 */
public final class EventJson {
  /** The event every appended leaf produces. */
  public static final String LEAF = "leaf";

  private EventJson() {}

  public static List<EventHub.Event> of(List<Appended> batch) {
    List<EventHub.Event> out = new ArrayList<>();
    for (Appended a : batch) {
      out.add(new EventHub.Event(a.index(), LEAF, leaf(a)));
      for (StateEvent e : a.events()) {
        out.add(new EventHub.Event(e.index(), e.kind().wireName(), fields(e)));
      }
    }
    return out;
  }

  private static ObjectNode leaf(Appended a) {
    ObjectNode leaf = ApiResponse.JSON.createObjectNode();
    leaf.put("index", a.index());
    leaf.put("leaf_hash", a.leafHash().hex());
    leaf.put("time", LeafCodec.formatTime(a.leaf().time()));
    leaf.put("type", a.leaf().tx().type().wireName());
    leaf.put("account", a.leaf().tx().account().hex());
    return leaf;
  }

  private static ObjectNode fields(StateEvent e) {
    ObjectNode data = ApiResponse.JSON.createObjectNode();
    for (Map.Entry<String, Object> f : e.fields().entrySet()) {
      data.putPOJO(f.getKey(), f.getValue());
    }
    return data;
  }
}
