package org.rserpool.emulator.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.delivery.DelayLine;
import org.rserpool.emulator.time.EmulationClock;

/**
 * A delay line on Akka's manual scheduler (ManualTime), for step-by-step protocol tests: packets are
 * due in the same timeline as the actors' timers, so one {@code timePasses} moves both. A packet is
 * delivered at the first scheduler millisecond at or after its due time; packets due in the same
 * millisecond leave in the order they were sent. It waits on {@link ManualTimers}, the same instance
 * as the network's precise timers, so packets and those timers keep one order too.
 */
public final class ManualDelayLine implements DelayLine {
  private final ManualTimers timers;
  private final EmulationClock clock;
  private final Sink sink;
  private final AtomicInteger waiting = new AtomicInteger();
  private volatile boolean closed;

  public ManualDelayLine(ManualTimers timers, EmulationClock clock, Sink sink) {
    this.timers = timers;
    this.clock = clock;
    this.sink = sink;
  }

  @Override
  public boolean schedule(long emulatedDelayNanos, Packet packet) {
    if (closed) return false;
    waiting.incrementAndGet();
    timers.at(clock.nanos() + emulatedDelayNanos, () -> {
      waiting.decrementAndGet();
      if (!closed) sink.deliver(packet, 0);
    });
    return true;
  }

  @Override
  public int pending() {
    return closed ? 0 : waiting.get();
  }

  @Override
  public void close() {
    closed = true;
  }
}
