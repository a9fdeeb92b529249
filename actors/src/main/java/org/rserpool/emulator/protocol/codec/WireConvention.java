package org.rserpool.emulator.protocol.codec;

/**
 * The two ways ASAP/ENRP messages are written in practice. Both put the same parameters in the same
 * order and pad every parameter to 4 bytes; they differ only in two length fields. The decoder accepts
 * both, always.
 */
public enum WireConvention {
  /**
   * RFC 5354 to the letter: Message Length counts header and value but not the final padding (§4);
   * every error cause is padded to 4 bytes inside its Operation Error parameter (§3.12). The default.
   */
  RFC_5354(false, true),
  /**
   * rsplib's encoder (rserpoolmessagecreator.c: finishTLV/finishMessage/createErrorParameter): Message
   * Length includes the last parameter's padding, so it is always a multiple of 4, and the last (in
   * rsplib, the only) error cause is not padded inside its Operation Error. Use it to compare a capture
   * with rsplib's byte for byte.
   */
  RSPLIB(true, false);

  private final boolean messageLengthIncludesPadding;
  private final boolean padLastErrorCause;

  WireConvention(boolean messageLengthIncludesPadding, boolean padLastErrorCause) {
    this.messageLengthIncludesPadding = messageLengthIncludesPadding;
    this.padLastErrorCause = padLastErrorCause;
  }

  /** Whether Message Length counts the padding after the last parameter. */
  public boolean messageLengthIncludesPadding() {
    return messageLengthIncludesPadding;
  }

  /**
   * Whether the last error cause of an Operation Error is padded to 4 bytes (inside the parameter).
   * Causes before the last are always padded: without it a receiver could not find the next one.
   */
  public boolean padLastErrorCause() {
    return padLastErrorCause;
  }
}
