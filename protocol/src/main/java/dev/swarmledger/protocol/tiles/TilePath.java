package dev.swarmledger.protocol.tiles;

/**
 * The name of one C2SP tlog-tiles resource below {@code <prefix>/tile/}: a Merkle tile {@code
 * <L>/<N>[.p/<W>]} or an entry bundle {@code entries/<N>[.p/<W>]}, with N written in 3-digit groups
 * ({@code 1234067} is {@code x001/x234/067}). Width 256 is a full tile.
 *
 * @param entries true for an entry bundle (then level is 0)
 * @param level the tile level, 0..63 (each hash covers 256^level leaves)
 * @param index the tile's index within its level
 * @param width the number of hashes or entries, 1..256
 */
public record TilePath(boolean entries, int level, long index, int width) {
  /** Hashes per full tile (tile height 8). */
  public static final int WIDTH = 256;

  public TilePath {
    if (level < 0 || level > 63 || (entries && level != 0)) {
      throw new IllegalArgumentException("tile level must be in [0, 63], got " + level);
    }
    if (index < 0) {
      throw new IllegalArgumentException("tile index must be >= 0, got " + index);
    }
    if (width < 1 || width > WIDTH) {
      throw new IllegalArgumentException("tile width must be in [1, 256], got " + width);
    }
  }

  public static TilePath tile(int level, long index, int width) {
    return new TilePath(false, level, index, width);
  }

  public static TilePath entries(long index, int width) {
    return new TilePath(true, 0, index, width);
  }

  public boolean full() {
    return width == WIDTH;
  }

  /** The path below the tiles prefix, e.g. {@code tile/1/x001/234.p/17}. */
  public String path() {
    StringBuilder b = new StringBuilder("tile/");
    b.append(entries ? "entries" : Integer.toString(level)).append('/').append(encodeIndex(index));
    if (!full()) {
      b.append(".p/").append(width);
    }
    return b.toString();
  }

  /** {@code n} in the spec's path form: 3-digit groups, all but the last prefixed with 'x'. */
  static String encodeIndex(long n) {
    String last = String.format("%03d", n % 1000);
    StringBuilder groups = new StringBuilder();
    for (long rest = n / 1000; rest > 0; rest /= 1000) {
      groups.insert(0, String.format("x%03d/", rest % 1000));
    }
    return groups + last;
  }

  /**
   * Parses a path such as {@code tile/0/x001/x234/067.p/8}; only the canonical form is accepted (no
   * redundant {@code x000} groups, no leading zeros in level or width, no empty partial).
   */
  public static TilePath parse(String path) {
    if (path == null || !path.startsWith("tile/")) {
      throw new IllegalArgumentException("a tile path starts with tile/: " + path);
    }
    String[] parts = path.substring("tile/".length()).split("/", -1);
    if (parts.length < 2) {
      throw new IllegalArgumentException("a tile path needs a level and an index: " + path);
    }
    boolean entries = parts[0].equals("entries");
    int level = 0;
    if (!entries) {
      if (!parts[0].matches("0|[1-9][0-9]?")) {
        throw new IllegalArgumentException("bad tile level in " + path);
      }
      level = Integer.parseInt(parts[0]);
    }
    int width = WIDTH;
    int end = parts.length;
    String last = parts[end - 1];
    if (end >= 3 && parts[end - 2].endsWith(".p")) {
      if (!last.matches("[1-9][0-9]{0,2}")) {
        throw new IllegalArgumentException("bad partial tile width in " + path);
      }
      width = Integer.parseInt(last);
      if (width >= WIDTH) {
        throw new IllegalArgumentException("a partial tile is narrower than 256: " + path);
      }
      end--;
      parts[end - 1] = parts[end - 1].substring(0, parts[end - 1].length() - 2);
    }
    long index = 0;
    for (int i = 1; i < end; i++) {
      String group = parts[i];
      boolean lastGroup = i == end - 1;
      if (!(lastGroup ? group.matches("[0-9]{3}") : group.matches("x[0-9]{3}"))) {
        throw new IllegalArgumentException("bad tile index group '" + group + "' in " + path);
      }
      if (index > (Long.MAX_VALUE - 999) / 1000) {
        throw new IllegalArgumentException("tile index too large in " + path);
      }
      index = index * 1000 + Integer.parseInt(lastGroup ? group : group.substring(1));
    }
    TilePath parsed = new TilePath(entries, level, index, width);
    if (!parsed.path().equals(path)) {
      throw new IllegalArgumentException("tile path is not canonical: " + path);
    }
    return parsed;
  }
}
