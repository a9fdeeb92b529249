package org.rserpool.emulator.protocol.param;

/**
 * Transport Use field of the SCTP Transport parameter (RFC 5354 §3.4). rsplib and Wireshark also read
 * it from the reserved bytes 6-7 of the TCP Transport parameter, where the RFC says TCP is always
 * "data only" (RFC 5354 §3.5).
 */
public enum TransportUse {
  DATA_ONLY(0x0000),
  DATA_PLUS_CONTROL(0x0001);

  private final int code;

  TransportUse(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The enum value for a wire code, or {@code null} when the code is undefined. */
  public static TransportUse fromCode(int code) {
    for (TransportUse u : values()) {
      if (u.code == code) return u;
    }
    return null;
  }
}
