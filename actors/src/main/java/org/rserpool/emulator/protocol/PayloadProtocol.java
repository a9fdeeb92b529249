package org.rserpool.emulator.protocol;

/**
 * The protocols the emulated network carries, with the SCTP Payload Protocol Identifier that tells
 * them apart on the wire (the message type byte alone is ambiguous between ASAP and ENRP).
 */
public enum PayloadProtocol {
  /** RFC 5352 §8.3; IANA port 3863. */
  ASAP(11, 3863),
  /** RFC 5353 §5.4; IANA port 9901. */
  ENRP(12, 9901),
  /** rsplib's CalcApp (calcapppackets.h, PPID_CALCAPP); no well-known port. */
  CALCAPP(34, 0);

  private final int ppid;
  private final int wellKnownPort;

  PayloadProtocol(int ppid, int wellKnownPort) {
    this.ppid = ppid;
    this.wellKnownPort = wellKnownPort;
  }

  public int ppid() {
    return ppid;
  }

  /** The IANA port, or 0 when the protocol has none. */
  public int wellKnownPort() {
    return wellKnownPort;
  }

  /** The protocol for a PPID, or {@code null}. */
  public static PayloadProtocol fromPpid(int ppid) {
    for (PayloadProtocol p : values()) {
      if (p.ppid == ppid) return p;
    }
    return null;
  }
}
