package org.rserpool.emulator.protocol.calcapp;

import java.nio.ByteBuffer;
import org.rserpool.emulator.protocol.param.Bytes;

/**
 * The CalcApp checkpoint a pool element sends in an ASAP_COOKIE and a pool user echoes after a
 * failover (rsplib calcapppackets.h {@code struct CalcAppCookie}: job ID, job size, completed, packed,
 * network order: 20 bytes).
 */
public record CalcAppCookie(int jobId, long jobSize, long completed) {
  public static final int LENGTH = 20;

  public Bytes toBytes() {
    return new Bytes(ByteBuffer.allocate(LENGTH).putInt(jobId).putLong(jobSize).putLong(completed).array());
  }

  /**
   * Reads a cookie.
   *
   * @throws IllegalArgumentException when the bytes are not a CalcApp cookie
   */
  public static CalcAppCookie fromBytes(Bytes bytes) {
    if (bytes.length() != LENGTH) {
      throw new IllegalArgumentException("a CalcApp cookie has " + LENGTH + " bytes, got " + bytes.length());
    }
    ByteBuffer b = ByteBuffer.wrap(bytes.array());
    return new CalcAppCookie(b.getInt(), b.getLong(), b.getLong());
  }
}
