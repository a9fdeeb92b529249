package org.rserpool.emulator.protocol.param;

/** PE Identifier parameter (RFC 5354 §3.14, type 0xe): a pool element's 32-bit identifier. */
public record PeIdentifier(int value) {
  public static final int TYPE = 0x000e;

  @Override
  public String toString() {
    return Identifiers.hex(value);
  }
}
