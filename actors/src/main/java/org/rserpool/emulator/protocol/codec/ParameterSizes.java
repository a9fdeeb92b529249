package org.rserpool.emulator.protocol.codec;

import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolHandle;

/**
 * How many bytes parameters take in an encoded message, padding included, for senders that fill a
 * message up to a size (a registrar fills each ENRP_HANDLE_TABLE_RESPONSE up to rsplib's 1400 bytes).
 * The sizes are those the codec writes.
 */
public final class ParameterSizes {
  private ParameterSizes() {}

  /** The common header (4 bytes) plus the sending and receiving server's IDs of every ENRP message (RFC 5353 §2). */
  public static final int ENRP_HEADER = 12;

  private static final ThreadLocal<WireWriter> SCRATCH = ThreadLocal.withInitial(() -> new WireWriter(256));

  /** A Pool Handle parameter (RFC 5354 §3.9), padded. */
  public static int poolHandle(PoolHandle handle) {
    return 4 + (handle.value().length() + 3 & ~3);
  }

  /** A Pool Element parameter (RFC 5354 §3.10) with everything it carries, padded. */
  public static int poolElement(PoolElementParameter poolElement) {
    WireWriter w = SCRATCH.get();
    w.reset();
    ParameterEncoder.poolElement(w, poolElement);
    return w.position();
  }
}
