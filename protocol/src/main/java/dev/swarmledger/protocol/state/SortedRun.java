package dev.swarmledger.protocol.state;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * Entries already in strictly ascending key order, seen as a {@link SortedMap} just far enough for
 * {@link java.util.TreeMap#putAll} to build its tree in one linear pass instead of a million
 * rebalancing inserts. Only iteration and size are supported.
 */
final class SortedRun<V> extends AbstractMap<String, V> implements SortedMap<String, V> {
  private final List<Map.Entry<String, V>> entries;

  /**
   * @throws IllegalArgumentException unless the keys strictly ascend
   */
  SortedRun(List<Map.Entry<String, V>> entries) {
    for (int i = 1; i < entries.size(); i++) {
      if (entries.get(i - 1).getKey().compareTo(entries.get(i).getKey()) >= 0) {
        throw new IllegalArgumentException("keys out of order at " + entries.get(i).getKey());
      }
    }
    this.entries = entries;
  }

  @Override
  public Set<Map.Entry<String, V>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, V>> iterator() {
        return entries.iterator();
      }

      @Override
      public int size() {
        return entries.size();
      }
    };
  }

  @Override
  public Comparator<? super String> comparator() {
    return null; // natural order, as the TreeMaps of LedgerState
  }

  @Override
  public SortedMap<String, V> subMap(String fromKey, String toKey) {
    throw new UnsupportedOperationException();
  }

  @Override
  public SortedMap<String, V> headMap(String toKey) {
    throw new UnsupportedOperationException();
  }

  @Override
  public SortedMap<String, V> tailMap(String fromKey) {
    throw new UnsupportedOperationException();
  }

  @Override
  public String firstKey() {
    return entries.get(0).getKey();
  }

  @Override
  public String lastKey() {
    return entries.get(entries.size() - 1).getKey();
  }
}
