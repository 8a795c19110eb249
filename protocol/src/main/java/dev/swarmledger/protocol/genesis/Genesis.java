package dev.swarmledger.protocol.genesis;

import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.tracks.TrackSpec;
import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.protocol.tx.TxType;
import java.util.List;

/**
 * Leaf 0: the operator's key, the log's checkpoint origin, the policy numbers and the first tracks.
 *
 * @param origin the checkpoint origin line (and note signer name) of this log
 */
public record Genesis(PublicKey operator, String origin, Policy policy, List<TrackSpec> tracks)
    implements TxBody {
  public Genesis {
    tracks = List.copyOf(tracks);
  }

  @Override
  public TxType type() {
    return TxType.GENESIS;
  }
}
