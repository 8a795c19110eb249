package dev.swarmledger.protocol.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class EntryBundleTest {
  @Test
  void entriesAreBigEndianUint16LengthPrefixed() {
    byte[] big = new byte[0x0102];
    byte[] bundle = EntryBundle.encode(List.of(new byte[] {7, 8}, new byte[0], big));
    assertThat(bundle).startsWith(0, 2, 7, 8, 0, 0, 1, 2);
    assertThat(bundle).hasSize(2 + 2 + 2 + 2 + 0x0102);
  }

  @Test
  void refusesWhatItCannotHoldAndTruncations() {
    assertThatThrownBy(() -> EntryBundle.encode(List.of(new byte[65536])))
        .hasMessageContaining("at most 65535");
    assertThat(EntryBundle.decode(EntryBundle.encode(List.of(new byte[65535])))).hasSize(1);
    assertThatThrownBy(() -> EntryBundle.decode(new byte[] {0})).hasMessageContaining("prefix");
    assertThatThrownBy(() -> EntryBundle.decode(new byte[] {0, 3, 1, 2}))
        .hasMessageContaining("inside entry 0");
  }

  @Property(tries = 200)
  void roundTrips(@ForAll @Size(max = 20) List<@Size(max = 300) byte[]> entries) {
    List<byte[]> back = EntryBundle.decode(EntryBundle.encode(entries));
    assertThat(back).hasSize(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      assertThat(back.get(i)).isEqualTo(entries.get(i));
    }
  }
}
