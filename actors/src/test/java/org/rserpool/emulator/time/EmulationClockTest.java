package org.rserpool.emulator.time;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EmulationClockTest {
  /**
   * Nodes given the same start instant read the same emulated time. Here clocks made one after the
   * other over 30 ms of one JVM stand for the nodes: each is compared with the first. Read from the
   * millisecond wall clock they would differ by up to 1 ms of real time (half of it in the median);
   * the median difference must stay far below that (the median, so that a thread descheduled between
   * two readings does not count).
   */
  @Test
  void clocksStartingAtOneInstantAgree() {
    double timeScale = 10;
    long start = System.currentTimeMillis() + 2000;
    EmulationClock first = EmulationClock.startingAt(timeScale, start);
    long[] diffs = new long[2000];
    long end = System.nanoTime() + 30_000_000L;
    int n = 0;
    while (n < diffs.length && (System.nanoTime() < end || n < 100)) {
      EmulationClock node = EmulationClock.startingAt(timeScale, start);
      long own = node.nanos();
      long firsts = first.nanos();
      assertTrue(own < 0, "the instant lies ahead: the clock reads negative");
      diffs[n++] = Math.abs(firsts - own);
      if (n % 10 == 0) Thread.onSpinWait();
    }
    long[] d = Arrays.copyOf(diffs, n);
    Arrays.sort(d);
    long median = (long) (d[n / 2] / timeScale);
    assertTrue(median < 100_000, "median difference " + median + " ns of real time over " + n + " clocks");
  }
}
