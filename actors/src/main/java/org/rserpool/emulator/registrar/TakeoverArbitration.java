package org.rserpool.emulator.registrar;

import java.util.Locale;

/**
 * Who wins when two registrars try to take over the same dead peer at once: each receives the other's
 * ENRP_INIT_TAKEOVER while its own takeover runs, and exactly one of them must give way.
 */
public enum TakeoverArbitration {
  /**
   * RFC 5353 §3.5.1: a server whose own ID is smaller than the other initiator's aborts its attempt and
   * acknowledges, so the higher ID wins. The default.
   */
  HIGHER_ID_WINS("rfc5353"),
  /**
   * rsplib (rspregistrar-takeover.c, registrarHandleENRPInitTakeover) and RSPSIM give way when the other
   * initiator's ID is smaller: the lower ID wins.
   */
  LOWER_ID_WINS("rsplib");

  private final String configName;

  TakeoverArbitration(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  /**
   * Whether a registrar running its own takeover gives way to another initiator of the same takeover.
   * Server IDs compare as the unsigned 32-bit numbers they are on the wire.
   */
  public boolean givesWay(int ownId, int otherInitiatorId) {
    int c = Integer.compareUnsigned(otherInitiatorId, ownId);
    return this == HIGHER_ID_WINS ? c > 0 : c < 0;
  }

  /**
   * @throws IllegalArgumentException naming the accepted values
   */
  public static TakeoverArbitration fromName(String name) {
    for (TakeoverArbitration a : values()) {
      if (a.configName.equals(name.trim().toLowerCase(Locale.ROOT))) return a;
    }
    throw new IllegalArgumentException("unknown takeover arbitration '" + name + "'; known: rfc5353 (higher ID wins), rsplib (lower ID wins)");
  }
}
