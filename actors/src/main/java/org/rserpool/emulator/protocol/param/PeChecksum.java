package org.rserpool.emulator.protocol.param;

/**
 * PE Checksum parameter (RFC 5354 §3.15, type 0xf): the 16-bit Internet checksum over the (pool
 * handle, PE identifier) pairs a registrar owns (RFC 5353 §3.6.2), compared by its peers in the audit.
 */
public record PeChecksum(int value) {
  public static final int TYPE = 0x000f;

  public PeChecksum {
    if (value < 0 || value > 0xffff) throw new IllegalArgumentException("PE checksum is 16 bits: " + value);
  }

  @Override
  public String toString() {
    return String.format("0x%04x", value);
  }
}
