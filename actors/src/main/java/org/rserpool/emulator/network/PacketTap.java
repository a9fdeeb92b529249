package org.rserpool.emulator.network;

/** Sees the packets the network hands to receivers, e.g. to write a packet capture. */
@FunctionalInterface
public interface PacketTap {
  /**
   * Called on the delivering thread for every packet handed to a receiver; must be quick and
   * thread-safe.
   *
   * @param emulatedNanos the emulation clock at delivery
   */
  void delivered(long emulatedNanos, Packet packet);
}
