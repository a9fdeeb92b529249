package org.rserpool.emulator.protocol.param;

import java.nio.charset.StandardCharsets;

/**
 * Pool Handle parameter (RFC 5354 §3.9): the name of a pool, an opaque byte string. rsplib accepts 1 to
 * 32 bytes ({@code MAX_POOLHANDLESIZE}); the range is enforced where a handle enters a handlespace, not
 * here, so that the codec can represent (and report) any handle it meets on the wire.
 */
public record PoolHandle(Bytes value) {
  public static final int TYPE = 0x0009;
  /** rsplib's MAX_POOLHANDLESIZE. */
  public static final int MAX_LENGTH = 32;

  public PoolHandle {
    if (value == null) throw new IllegalArgumentException("pool handle value is required");
  }

  public static PoolHandle of(String name) {
    return new PoolHandle(new Bytes(name.getBytes(StandardCharsets.UTF_8)));
  }

  /** The handle as text when it is printable ASCII, otherwise as hex. */
  @Override
  public String toString() {
    byte[] b = value.array();
    for (byte c : b) {
      if (c < 0x20 || c > 0x7e) return value.toString();
    }
    return new String(b, StandardCharsets.US_ASCII);
  }
}
