package dev.swarmledger.node.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.node.blobs.BlobUploader;
import dev.swarmledger.node.storage.BlobStore;
import dev.swarmledger.node.storage.BlobStream;
import dev.swarmledger.node.storage.BlobWrite;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.blobs.BlobPutSignature;
import dev.swarmledger.protocol.crypto.Base64Strict;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.tx.TxCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Optional;

/**
 * The blob endpoints, {@code PUT} and {@code GET /v1/blobs/{sha256}}, as thin handlers: parse the
 * path and headers, ask the uploader or the store, map the answer. {@link BlobRouter} streams the
 * bodies; nothing here holds a blob in memory.
 */
public final class BlobApi {
  static final String PREFIX = "/v1/blobs/";

  private final BlobStore store;
  private final BlobUploader uploader;

  public BlobApi(BlobStore store, BlobUploader uploader) {
    this.store = store;
    this.uploader = uploader;
  }

  /** True for {@code /v1/blobs/{anything}}: one segment after the prefix. */
  static boolean handles(String path) {
    return path.startsWith(PREFIX)
        && path.length() > PREFIX.length()
        && path.indexOf('/', PREFIX.length()) < 0;
  }

  /** The blob named by the path: exactly 64 lowercase hex digits, one spelling per blob. */
  static Hash pathHash(String path) {
    String hex = path.substring(PREFIX.length());
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new Rejection(
          ErrorCode.INVALID_ARGUMENT, "a blob is named by 64 lowercase hex digits of its SHA-256");
    }
    return Hash.fromHex(hex);
  }

  /** The blob to stream back; {@code unknown_blob} when it is not stored. */
  BlobStream get(Hash hash) {
    return store
        .get(hash)
        .orElseThrow(
            () -> new Rejection(ErrorCode.UNKNOWN_BLOB, "no blob " + hash.hex() + " is stored"));
  }

  /**
   * Checks an upload from its head alone: the declared length, the uploader's signature headers and
   * the upload rules. An open write for the body, or empty when the blob is already stored.
   */
  Optional<BlobWrite> admit(Hash hash, HttpHeaders headers) {
    long length = declaredLength(headers);
    String account = headers.get(BlobPutSignature.ACCOUNT_HEADER);
    String signature = headers.get(BlobPutSignature.SIGNATURE_HEADER);
    if (account == null || signature == null) {
      throw new Rejection(
          ErrorCode.MISSING_SIGNATURE,
          "a blob upload carries the uploader's "
              + BlobPutSignature.ACCOUNT_HEADER
              + " and "
              + BlobPutSignature.SIGNATURE_HEADER
              + " headers");
    }
    PublicKey uploaderKey = TxCodec.accountId(account, BlobPutSignature.ACCOUNT_HEADER);
    byte[] sig;
    try {
      sig = Base64Strict.decode(signature, BlobPutSignature.SIGNATURE_HEADER);
    } catch (IllegalArgumentException e) {
      throw new Rejection(ErrorCode.INVALID_SIGNATURE_ENCODING, e.getMessage());
    }
    return uploader.admit(hash, length, uploaderKey, sig);
  }

  /** The length an upload declares in {@code Content-Length}; chunked bodies are refused. */
  static long declaredLength(HttpHeaders headers) {
    if (headers.containsValue(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED, true)
        || !headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
      throw new Rejection(
          ErrorCode.LENGTH_REQUIRED,
          "a blob upload states its length in Content-Length (it is signed)");
    }
    String raw = headers.get(HttpHeaderNames.CONTENT_LENGTH);
    if (!raw.matches("[0-9]{1,18}")) {
      throw new Rejection(ErrorCode.INVALID_ARGUMENT, "Content-Length must be a decimal integer");
    }
    return Long.parseLong(raw);
  }

  /** The answer to an accepted upload: 201 when stored now, 200 when it already was. */
  static ApiResponse stored(Hash hash, long size, boolean created) {
    ObjectNode n =
        ApiResponse.JSON
            .createObjectNode()
            .put("sha256", hash.hex())
            .put("size", size)
            .put("created", created);
    return ApiResponse.json(created ? 201 : 200, n);
  }
}
