package org.rserpool.emulator.network.fault;

/**
 * Which way a fault between two selections acts, as Chaos Mesh's {@code direction}: {@code TO} from
 * the first selection to the second only, {@code FROM} from the second to the first only, {@code BOTH}.
 */
public enum Direction {
  TO, FROM, BOTH;

  boolean forward() {
    return this != FROM;
  }

  boolean backward() {
    return this != TO;
  }
}
