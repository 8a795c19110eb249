package dev.swarmledger.protocol.anchors;

/**
 * An {@code anchor.record} the log accepted.
 *
 * @param id the index of the leaf that recorded it
 */
public record Anchor(long id, AnchorRecord record) {
  /** The key of the contract it was posted to: one chain, one address. */
  public String contractKey() {
    return contractKey(record.chainId(), record.contract());
  }

  static String contractKey(long chainId, String contract) {
    return chainId + "/" + contract;
  }
}
