package org.rserpool.emulator.network.delivery;

import java.util.ArrayList;
import java.util.List;
import org.rserpool.emulator.network.Packet;

/**
 * Several delay lines side by side, each on its own thread, a packet going to the one its destination
 * picks: more cores for delivery when one thread cannot hand over packets fast enough. All packets to
 * one receiving endpoint pass the same line, so the order between two endpoints is kept as in one line.
 */
public final class ShardedDelayLine implements DelayLine {
  private final DelayLine[] shards;

  public ShardedDelayLine(List<DelayLine> shards) {
    if (shards.isEmpty()) throw new IllegalArgumentException("at least one shard");
    this.shards = shards.toArray(DelayLine[]::new);
  }

  /** {@code count} real-time delay lines with the given bounds each (1: a single line). */
  public static Factory factory(int count, int inboxCapacity, int maxPendingEach) {
    if (count < 1) throw new IllegalArgumentException("delay-line threads must be at least 1, got " + count);
    return (clock, sink) -> {
      if (count == 1) return new TimingWheelDelayLine("emulated-network-delay-line", clock, sink, inboxCapacity, maxPendingEach);
      List<DelayLine> lines = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        lines.add(new TimingWheelDelayLine("emulated-network-delay-line-" + i, clock, sink, inboxCapacity, maxPendingEach));
      }
      return new ShardedDelayLine(lines);
    };
  }

  @Override
  public boolean schedule(long emulatedDelayNanos, Packet packet) {
    // The receiver, not the destination: the copies of a multicast datagram (every announce) have the
    // group as destination and would all queue on one line. A datagram that waits for all members of
    // a group at once (no recipient) goes by its sender, so that different registrars' announces spread.
    int h = (packet.recipient() == null && packet.multicast() ? packet.source() : packet.receiver()).hashCode();
    h ^= h >>> 16;
    return shards[Math.floorMod(h, shards.length)].schedule(emulatedDelayNanos, packet);
  }

  @Override
  public int pending() {
    int n = 0;
    for (DelayLine d : shards) n += d.pending();
    return n;
  }

  @Override
  public void close() {
    for (DelayLine d : shards) d.close();
  }
}
