package org.rserpool.emulator.network.delivery;

import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.time.EmulationClock;

/**
 * Holds packets for their link delay and hands each to the network when it is due, instead of one
 * Akka timer per message (whose 10 ms tick adds about 20 ms: java-stack.md §3.3). Delays are
 * emulated; the delay line maps them to its own time base. Packets with the same due time leave in
 * the order they were scheduled, so a constant delay keeps the order between two endpoints.
 */
public interface DelayLine extends AutoCloseable {

  /** Where due packets go: the network, which looks up the receiver and tells it. */
  interface Sink {
    /**
     * A packet is due.
     *
     * @param latenessNanos real nanoseconds between its due time and now (how late the delay line is)
     */
    void deliver(Packet packet, long latenessNanos);

    /** A packet was dropped because the delay line was full (bounded memory). */
    void overflow(Packet packet);
  }

  /** Makes the delay line of a network. */
  @FunctionalInterface
  interface Factory {
    DelayLine start(EmulationClock clock, Sink sink);
  }

  /**
   * Delivers {@code packet} to the sink after {@code emulatedDelayNanos} (&gt; 0) of emulated time.
   *
   * @return false if the packet was dropped because the delay line is full or closed
   */
  boolean schedule(long emulatedDelayNanos, Packet packet);

  /** Packets waiting (approximate while packets are being scheduled). */
  int pending();

  /** Stops delivering; packets still waiting are discarded. */
  @Override
  void close();
}
