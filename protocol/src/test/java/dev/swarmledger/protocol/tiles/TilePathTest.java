package dev.swarmledger.protocol.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class TilePathTest {
  @Test
  void encodesIndexesAsTheSpecSays() {
    assertThat(TilePath.tile(0, 1234067, 256).path()).isEqualTo("tile/0/x001/x234/067");
    assertThat(TilePath.tile(1, 0, 17).path()).isEqualTo("tile/1/000.p/17");
    assertThat(TilePath.entries(1000, 256).path()).isEqualTo("tile/entries/x001/000");
    assertThat(TilePath.entries(5, 3).path()).isEqualTo("tile/entries/005.p/3");
    assertThat(TilePath.parse("tile/2/x001/x234/067.p/255"))
        .isEqualTo(TilePath.tile(2, 1234067, 255));
    assertThat(TilePath.parse("tile/entries/x001/x234/067"))
        .isEqualTo(TilePath.entries(1234067, 256));
  }

  @Test
  void refusesNonCanonicalOrOutOfRangePaths() {
    for (String bad :
        List.of(
            "tile/0/x000/005",
            "tile/0/5",
            "tile/0/0005",
            "tile/00/005",
            "tile/64/000",
            "tile/0/005.p/0",
            "tile/0/005.p/256",
            "tile/0/005.p/07",
            "tile/0/x005",
            "tile/0/005/",
            "tile/entries/",
            "tile/0",
            "tiles/0/000",
            "tile/0/x9223372036854775/807")) {
      assertThatThrownBy(() -> TilePath.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Property(tries = 300)
  void roundTrips(
      @ForAll @IntRange(min = 0, max = 63) int level,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 256) long index,
      @ForAll @IntRange(min = 1, max = 256) int width,
      @ForAll boolean entries) {
    TilePath t = entries ? TilePath.entries(index, width) : TilePath.tile(level, index, width);
    assertThat(TilePath.parse(t.path())).isEqualTo(t);
  }
}
