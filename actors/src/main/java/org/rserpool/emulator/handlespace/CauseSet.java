package org.rserpool.emulator.handlespace;

import java.util.Locale;

/**
 * Which error cause codes a registrar sends when it refuses a registration: RFC 5354 §3.12's
 * (the default) or the internal codes rsplib puts on the wire instead (rserpoolerror.h), e.g. 0x7
 * versus 0x100a for an inconsistent transport type. The checks and their order are the same for both.
 */
public enum CauseSet {
  RFC_5354("rfc5354"),
  RSPLIB("rsplib");

  private final String configName;

  CauseSet(String configName) {
    this.configName = configName;
  }

  /** The name used in configuration files. */
  public String configName() {
    return configName;
  }

  /**
   * Looks a cause set up by its configuration name, ignoring case.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static CauseSet fromName(String name) {
    for (CauseSet s : values()) {
      if (s.configName.equals(name.trim().toLowerCase(Locale.ROOT))) return s;
    }
    throw new IllegalArgumentException("unknown cause set '" + name + "'; known: rfc5354, rsplib");
  }
}
