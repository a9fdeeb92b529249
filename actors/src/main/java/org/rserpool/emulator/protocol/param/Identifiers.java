package org.rserpool.emulator.protocol.param;

/** Display of the unsigned 32-bit identifiers (PE identifiers, registrar IDs) that records hold in an {@code int}. */
public final class Identifiers {
  private Identifiers() {}

  public static String hex(int identifier) {
    return String.format("0x%08x", identifier);
  }
}
