package org.rserpool.emulator.network.link;

import java.util.Arrays;

/**
 * What a link did to one packet: the copies that will arrive, each with its emulated delay, and how
 * many were lost on the way or dropped at a full queue. A packet yields at most two copies per link
 * (netem duplicates once), more across several links in a row.
 */
public final class Transmission {
  private long[] delays = new long[2];
  private int copies;
  private int lost;
  private int overflowed;
  private int duplicated;

  /** Starts a packet that has not yet crossed any link. */
  public static Transmission start() {
    Transmission t = new Transmission();
    t.copies = 1;
    return t;
  }

  public int copies() {
    return copies;
  }

  /** The emulated delay of copy {@code i}, in nanoseconds. */
  public long delayNanos(int i) {
    return delays[i];
  }

  public int lost() {
    return lost;
  }

  public int overflowed() {
    return overflowed;
  }

  public int duplicated() {
    return duplicated;
  }

  /**
   * Sends every copy so far across one more link: a copy leaves it {@code now + its delay so far}.
   */
  public void cross(Link link, long nowNanos, int sizeBytes) {
    int n = copies;
    long[] before = Arrays.copyOf(delays, n);
    copies = 0;
    for (int i = 0; i < n; i++) link.transmit(this, nowNanos, before[i], sizeBytes);
  }

  void lose() {
    lost++;
  }

  void overflow() {
    overflowed++;
  }

  void duplicate() {
    duplicated++;
  }

  void arrive(long delayNanos) {
    if (copies == delays.length) delays = Arrays.copyOf(delays, copies * 2);
    delays[copies++] = delayNanos;
  }
}
