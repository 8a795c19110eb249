package dev.swarmledger.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.protocol.crypto.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Proof generation and verification over random trees, checked against the naive RFC tree hash. */
class MerkleProofPropertiesTest {
  private static final int MAX = 3000;
  // One tree of MAX leaves serves every try: a prefix of it is the tree of any smaller size.
  private static final List<Hash> LEAVES = new ArrayList<>();
  private static final MemoryTreeNodes TREE = new MemoryTreeNodes();

  static {
    for (int i = 0; i < MAX; i++) {
      Hash leaf = MerkleHash.leaf(("leaf " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      LEAVES.add(leaf);
      TREE.append(leaf);
    }
  }

  private static Hash reference(long size) {
    return ReferenceMerkle.root(LEAVES.subList(0, (int) size));
  }

  @Property(tries = 300)
  void rootMatchesReferenceAndRestoreAtAnySize(@ForAll @IntRange(min = 0, max = MAX) int size) {
    Hash expected = reference(size);
    assertThat(MerkleProofs.root(TREE, size)).isEqualTo(expected);
    CompactRange restored = CompactRange.restore(size, TREE);
    assertThat(restored.size()).isEqualTo(size);
    assertThat(restored.root()).isEqualTo(expected);
    // A restored range keeps appending as if it had never stopped.
    if (size < MAX) {
      restored.append(LEAVES.get(size));
      assertThat(restored.root()).isEqualTo(reference(size + 1));
    }
  }

  @Property(tries = 300)
  void inclusionProofVerifies(
      @ForAll @IntRange(min = 1, max = MAX) int size,
      @ForAll @LongRange(min = 0, max = MAX) long i) {
    long index = i % size;
    InclusionProof proof = InclusionProof.generate(TREE, index, size);
    assertThat(proof.verify(LEAVES.get((int) index), reference(size))).isTrue();
  }

  @Property(tries = 400)
  void tamperedInclusionProofFails(
      @ForAll @IntRange(min = 2, max = MAX) int size,
      @ForAll @LongRange(min = 0, max = MAX) long i,
      @ForAll @IntRange(min = 0, max = 255) int bit,
      @ForAll @IntRange(min = 1, max = MAX) int other) {
    long index = i % size;
    Hash leaf = LEAVES.get((int) index);
    Hash root = reference(size);
    List<Hash> path = MerkleProofs.inclusion(TREE, index, size);
    assertThat(path).isNotEmpty();

    for (int k = 0; k < path.size(); k++) {
      assertThat(new InclusionProof(index, size, flip(path, k, bit)).verify(leaf, root))
          .as("bit %d of element %d flipped", bit, k)
          .isFalse();
      assertThat(new InclusionProof(index, size, without(path, k)).verify(leaf, root))
          .as("element %d dropped", k)
          .isFalse();
    }
    for (int k = 0; k <= path.size(); k++) {
      assertThat(new InclusionProof(index, size, with(path, k, leaf)).verify(leaf, root))
          .as("element added at %d", k)
          .isFalse();
    }
    assertThat(new InclusionProof(index, size, path).verify(flip(leaf, bit), root)).isFalse();
    assertThat(new InclusionProof(index, size, path).verify(leaf, flip(root, bit))).isFalse();

    // Another index in the same tree, with that index's own leaf or with ours.
    long otherIndex = (index + other) % size;
    if (otherIndex != index) {
      InclusionProof moved = new InclusionProof(otherIndex, size, path);
      assertThat(moved.verify(leaf, root)).isFalse();
      assertThat(moved.verify(LEAVES.get((int) otherIndex), root)).isFalse();
    }
    // Another size, against that size's true root: the proof must not carry over.
    long otherSize = index + 1 + (other % (MAX - index));
    if (otherSize != size) {
      assertThat(new InclusionProof(index, otherSize, path).verify(leaf, reference(otherSize)))
          .as("size %d instead of %d", otherSize, size)
          .isFalse();
    }
  }

  @Property(tries = 300)
  void consistencyProofVerifies(
      @ForAll @IntRange(min = 1, max = MAX) int to, @ForAll @LongRange(min = 0, max = MAX) long f) {
    long from = 1 + f % to;
    ConsistencyProof proof = ConsistencyProof.generate(TREE, from, to);
    assertThat(proof.verify(reference(from), reference(to))).isTrue();
  }

  @Property(tries = 400)
  void tamperedConsistencyProofFails(
      @ForAll @IntRange(min = 2, max = MAX) int to,
      @ForAll @LongRange(min = 0, max = MAX) long f,
      @ForAll @IntRange(min = 0, max = 255) int bit,
      @ForAll @IntRange(min = 1, max = MAX) int other) {
    long from = 1 + f % (to - 1);
    Hash fromRoot = reference(from);
    Hash toRoot = reference(to);
    List<Hash> path = MerkleProofs.consistency(TREE, from, to);
    Assume.that(!path.isEmpty());

    for (int k = 0; k < path.size(); k++) {
      assertThat(new ConsistencyProof(from, to, flip(path, k, bit)).verify(fromRoot, toRoot))
          .as("bit %d of element %d flipped", bit, k)
          .isFalse();
      assertThat(new ConsistencyProof(from, to, without(path, k)).verify(fromRoot, toRoot))
          .as("element %d dropped", k)
          .isFalse();
    }
    for (int k = 0; k <= path.size(); k++) {
      assertThat(new ConsistencyProof(from, to, with(path, k, fromRoot)).verify(fromRoot, toRoot))
          .as("element added at %d", k)
          .isFalse();
    }
    assertThat(new ConsistencyProof(from, to, path).verify(flip(fromRoot, bit), toRoot)).isFalse();
    assertThat(new ConsistencyProof(from, to, path).verify(fromRoot, flip(toRoot, bit))).isFalse();

    long otherFrom = 1 + (from + other) % to;
    if (otherFrom != from && otherFrom < to) {
      assertThat(new ConsistencyProof(otherFrom, to, path).verify(reference(otherFrom), toRoot))
          .as("from %d instead of %d", otherFrom, from)
          .isFalse();
    }
    long otherTo = from + 1 + (other % (MAX - from));
    if (otherTo != to) {
      assertThat(new ConsistencyProof(from, otherTo, path).verify(fromRoot, reference(otherTo)))
          .as("to %d instead of %d", otherTo, to)
          .isFalse();
    }
  }

  @Property(tries = 300)
  void proofsNeedOnlyLogarithmicallyManyLookups(
      @ForAll @IntRange(min = 1, max = MAX) int size,
      @ForAll @LongRange(min = 0, max = MAX) long i) {
    AtomicInteger lookups = new AtomicInteger();
    TreeNodes counting =
        (level, index) -> {
          lookups.incrementAndGet();
          return TREE.node(level, index);
        };
    int log = 64 - Long.numberOfLeadingZeros(size);
    int bound = 2 * log + 2;

    MerkleProofs.inclusion(counting, i % size, size);
    assertThat(lookups.getAndSet(0)).isLessThanOrEqualTo(bound);
    MerkleProofs.consistency(counting, 1 + i % size, size);
    assertThat(lookups.getAndSet(0)).isLessThanOrEqualTo(bound);
    MerkleProofs.root(counting, size);
    assertThat(lookups.getAndSet(0)).isLessThanOrEqualTo(log);
    CompactRange.restore(size, counting);
    assertThat(lookups.getAndSet(0)).isLessThanOrEqualTo(log);
  }

  private static Hash flip(Hash hash, int bit) {
    byte[] bytes = hash.bytes();
    bytes[bit / 8] ^= (byte) (1 << (bit % 8));
    return Hash.of(bytes);
  }

  private static List<Hash> flip(List<Hash> path, int k, int bit) {
    List<Hash> copy = new ArrayList<>(path);
    copy.set(k, flip(path.get(k), bit));
    return copy;
  }

  private static List<Hash> without(List<Hash> path, int k) {
    List<Hash> copy = new ArrayList<>(path);
    copy.remove(k);
    return copy;
  }

  private static List<Hash> with(List<Hash> path, int k, Hash extra) {
    List<Hash> copy = new ArrayList<>(path);
    copy.add(k, extra);
    return copy;
  }
}
