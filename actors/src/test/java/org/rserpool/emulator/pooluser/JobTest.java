package org.rserpool.emulator.pooluser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.protocol.calcapp.CalcAppCookie;

/** RSPSIM's per-job bookkeeping and invariants (calcappqueuingclientprocess.cc). */
class JobTest {
  static final long MS = 1_000_000L;
  static final long S = 1_000_000_000L;

  /**
   * Queued at 0, started at 1 s, accepted at 1.5 s, a cookie at 3 s (1.5e6 done), a failover accepted
   * elsewhere at 5 s, done at 8 s: goodput (3 - 1.5) + (8 - 5) = 4.5 s, failover 5 - 3 = 2 s.
   */
  @Test
  void splitsProcessingIntoGoodputAndFailoverTime() {
    Job job = new Job(1, 4_000_000, 0);
    job.serverSelections = 2;
    job.requests = 1;
    job.cookieEchoes = 1;
    job.failovers = 1;
    job.unreachables = 1;
    assertEquals(S, job.start(S));
    assertEquals(500 * MS, job.accept(1500 * MS));
    assertEquals(1_500_000, job.cookie(new CalcAppCookie(1, 4_000_000, 1_500_000), 3 * S));
    assertEquals(-1, job.accept(5 * S));
    Job.Completed done = job.complete(8 * S);
    assertEquals(S, done.queuingNanos());
    assertEquals(500 * MS, done.startupNanos());
    assertEquals(6500 * MS, done.processingNanos());
    assertEquals(8 * S, done.handlingNanos());
    assertEquals(4500 * MS, done.goodputNanos());
    assertEquals(2 * S, done.failoverNanos());
    assertEquals(2_500_000, done.goodputCalculations(), "the rest after the cookie");
    assertEquals(List.of(), done.violations());
  }

  @Test
  void reportsEveryBrokenInvariant() {
    Job.Completed bad = new Job.Completed(1, 10, 10, 0, 0, 5 * S, 6 * S, 4 * S, 0, 0, 2, 1, 1, 0, 1, 0);
    assertEquals(List.of(Job.Invariant.PROCESSING, Job.Invariant.HANDLING, Job.Invariant.UNREACHABLES, Job.Invariant.FAILOVERS,
        Job.Invariant.SELECTIONS), bad.violations());
    Job.Completed withinTolerance = new Job.Completed(1, 10, 10, S, 0, 5 * S, 6 * S + MS / 2, 5 * S, 0, 1, 0, 0, 1, 0, 1, 0);
    assertTrue(withinTolerance.violations().isEmpty(), "RSPSIM tolerates less than 1 ms");
  }
}
