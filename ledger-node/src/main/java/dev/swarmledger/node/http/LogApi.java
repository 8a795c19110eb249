package dev.swarmledger.node.http;

import dev.swarmledger.node.log.LedgerLog;
import dev.swarmledger.node.log.Sequencer;
import dev.swarmledger.node.query.AccountQuery;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.api.AccountJson;
import dev.swarmledger.protocol.api.LogEntriesJson;
import dev.swarmledger.protocol.api.ProofJson;
import dev.swarmledger.protocol.api.TxReceipt;
import dev.swarmledger.protocol.api.TxReceiptJson;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.merkle.ConsistencyProof;
import dev.swarmledger.protocol.merkle.InclusionProof;
import dev.swarmledger.protocol.tx.Tx;
import dev.swarmledger.protocol.tx.TxCodec;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Handlers of the log part of API v1: transactions, checkpoints, entries, proofs, accounts. */
public final class LogApi {
  /** Largest page of {@code /v1/log/entries}. */
  public static final int MAX_ENTRIES = 1000;

  private final LedgerLog log;
  private final Optional<Sequencer> sequencer;
  private final Supplier<String> checkpoint;
  private final String readOnlyNote;

  public LogApi(LedgerLog log, Sequencer sequencer) {
    this(log, sequencer, log::checkpoint);
  }

  /**
   * @param checkpoint the note {@code GET /v1/log/checkpoint} serves (the witnessed one, with
   *     cosignatures, when the node has witnesses)
   */
  public LogApi(LedgerLog log, Sequencer sequencer, Supplier<String> checkpoint) {
    this.log = log;
    this.sequencer = Optional.of(sequencer);
    this.checkpoint = checkpoint;
    this.readOnlyNote = "";
  }

  /**
   * The read side only, for a mirror of the node at {@code upstream}: {@code POST /v1/tx} answers
   * {@code read_only_mirror}; the checkpoint served is the followed node's, as verified and stored.
   */
  public static LogApi readOnly(LedgerLog log, String upstream) {
    return new LogApi(log, upstream);
  }

  private LogApi(LedgerLog log, String upstream) {
    this.log = log;
    this.sequencer = Optional.empty();
    this.checkpoint = log::checkpoint;
    this.readOnlyNote = upstream;
  }

  public void register(Routes routes) {
    routes
        .postAsync("/v1/tx", this::submit)
        .get("/v1/log/checkpoint", r -> ApiResponse.text(checkpoint.get()))
        .get("/v1/log/key", r -> ApiResponse.text(log.key().encode() + "\n"))
        .get("/v1/log/entries", this::entries)
        .get("/v1/log/proof/inclusion", this::inclusion)
        .get("/v1/log/proof/consistency", this::consistency)
        .get("/v1/accounts/{id}", this::account);
  }

  /**
   * Decodes and signature-checks the transaction here, on a request thread, so the single sequencer
   * thread only applies rules; the answer is written when the leaf is durable.
   */
  private CompletableFuture<ApiResponse> submit(ApiRequest r) {
    if (sequencer.isEmpty()) {
      throw new Rejection(
          ErrorCode.READ_ONLY_MIRROR,
          "this is a read-only mirror; send transactions to the node at " + readOnlyNote);
    }
    Tx tx = TxCodec.decode(r.body());
    if (!tx.signatureValid()) {
      throw new Rejection(
          ErrorCode.BAD_SIGNATURE, "signature does not verify for " + tx.account().hex());
    }
    tx.id(); // canonicalises the envelope here, on this thread; the leaf encoding reuses it
    return sequencer
        .get()
        .submit(tx)
        .thenApply(
            a -> ApiResponse.json(TxReceiptJson.encode(new TxReceipt(a.index(), a.leafHash()))));
  }

  private ApiResponse entries(ApiRequest r) {
    long start = r.longParam("start");
    long end = r.longParam("end");
    long size = log.size();
    if (start > end) {
      throw new Rejection(ErrorCode.OUT_OF_RANGE, "start must not be after end");
    }
    if (start > size) {
      throw new Rejection(ErrorCode.OUT_OF_RANGE, "start is beyond the log size " + size);
    }
    long last = Math.min(Math.min(end, size), start + MAX_ENTRIES);
    return ApiResponse.json(LogEntriesJson.encode(start, log.leaves(start, last)));
  }

  private ApiResponse inclusion(ApiRequest r) {
    InclusionProof p = log.inclusionProof(r.longParam("index"), r.longParam("size"));
    return ApiResponse.json(ProofJson.encode(p));
  }

  private ApiResponse consistency(ApiRequest r) {
    ConsistencyProof p = log.consistencyProof(r.longParam("from"), r.longParam("to"));
    return ApiResponse.json(ProofJson.encode(p));
  }

  private ApiResponse account(ApiRequest r) {
    PublicKey id = TxCodec.accountId(r.pathParam("id"), "account id");
    return ApiResponse.json(log.read(s -> AccountJson.encode(AccountQuery.of(s, id))));
  }
}
