package org.rserpool.emulator.protocol.enrp;

/** The Update Action of ENRP_HANDLE_UPDATE (RFC 5353 §2.4, §5.2). */
public enum UpdateAction {
  ADD_PE(0x0000),
  DEL_PE(0x0001);

  private final int code;

  UpdateAction(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The action for a wire code, or {@code null} when the code is undefined. */
  public static UpdateAction fromCode(int code) {
    for (UpdateAction a : values()) {
      if (a.code == code) return a;
    }
    return null;
  }
}
