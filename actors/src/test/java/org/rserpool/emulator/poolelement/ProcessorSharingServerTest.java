package org.rserpool.emulator.poolelement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The processor-sharing timings of rspsim-model.md §6.1-2 (C = 1e6 calculations/s). */
class ProcessorSharingServerTest {
  static final long SECOND = 1_000_000_000L;

  @Test
  void twoEqualJobsStartedTogetherBothFinishAtTwoSeconds() {
    ProcessorSharingServer server = new ProcessorSharingServer(1e6, 0);
    server.add(1, 1e6, 0, 0);
    server.add(2, 1e6, 0, 0);
    assertEquals(2 * SECOND, server.nextCompletionNanos(0));
    assertTrue(server.takeCompleted(2 * SECOND - 1000).isEmpty());
    List<ProcessorSharingServer.Job> done = server.takeCompleted(2 * SECOND);
    assertEquals(List.of(1, 2), done.stream().map(ProcessorSharingServer.Job::id).toList());
    assertEquals(2e6, server.usedCalculations(), 1e-3);
  }

  @Test
  void jobsOfOneAndThreeMillionFinishAtTwoAndFourSeconds() {
    ProcessorSharingServer server = new ProcessorSharingServer(1e6, 0);
    server.add(1, 1e6, 0, 0);
    server.add(2, 3e6, 0, 0);
    assertEquals(2 * SECOND, server.nextCompletionNanos(0));
    assertEquals(List.of(1), ids(server.takeCompleted(2 * SECOND)));
    // Alone now, the second job runs at the full capacity: 2e6 left at 1e6/s.
    assertEquals(4 * SECOND, server.nextCompletionNanos(2 * SECOND));
    assertEquals(List.of(2), ids(server.takeCompleted(4 * SECOND)));
  }

  @Test
  void anArrivalHalvesTheRateOfTheRunningJobAtOnce() {
    ProcessorSharingServer server = new ProcessorSharingServer(1e6, 0);
    server.add(1, 2e6, 0, 0);
    // After 1 s the first job has 1e6 left; a second job of 1e6 arrives; both now get 0.5e6/s.
    server.add(2, 1e6, 0, SECOND);
    assertEquals(3 * SECOND, server.nextCompletionNanos(SECOND));
    assertEquals(List.of(1, 2), ids(server.takeCompleted(3 * SECOND)));
  }

  @Test
  void aJobResumedFromACheckpointOnlyRunsWhatIsLeft() {
    ProcessorSharingServer server = new ProcessorSharingServer(1e6, 0);
    server.add(7, 1e7, 9e6, 0);
    assertEquals(SECOND, server.nextCompletionNanos(0));
  }

  @Test
  void aRemovedJobReleasesItsShare() {
    ProcessorSharingServer server = new ProcessorSharingServer(1e6, 0);
    server.add(1, 1e6, 0, 0);
    server.add(2, 1e6, 0, 0);
    ProcessorSharingServer.Job aborted = server.remove(2, SECOND / 2);
    assertEquals(0.25e6, aborted.completed(), 1e-3);
    // Job 1 has 0.75e6 left, now at full speed.
    assertEquals(SECOND / 2 + 750_000_000L, server.nextCompletionNanos(SECOND / 2));
  }

  /**
   * A timer that fires late loses nothing: read at 5 s, the jobs of 1e6 and 3e6 still completed at 2 s
   * and 4 s (the second at full speed after the first), and the idle second after is not counted.
   */
  @Test
  void progressReadLateIsCreditedCompletionByCompletion() {
    ProcessorSharingServer server = new ProcessorSharingServer(1e6, 0);
    server.add(1, 1e6, 0, 0);
    server.add(2, 3e6, 0, 0);
    List<ProcessorSharingServer.Job> done = server.takeCompleted(5 * SECOND);
    assertEquals(List.of(1, 2), ids(done));
    assertEquals(2 * SECOND, done.get(0).completedAtNanos());
    assertEquals(4 * SECOND, done.get(1).completedAtNanos());
    assertEquals(4e6, server.usedCalculations(), 1e-3);
    assertEquals(4 * SECOND, server.idleSinceNanos());
    assertEquals(0, server.jobCount());
  }

  /** Three jobs of 1, 2 and 3 million read once at 10 s: rates 1/3, 1/2, then 1 of the capacity. */
  @Test
  void eachCompletionInsideTheIntervalRaisesTheOthersRates() {
    ProcessorSharingServer server = new ProcessorSharingServer(1e6, 0);
    server.add(1, 1e6, 0, 0);
    server.add(2, 2e6, 0, 0);
    server.add(3, 3e6, 0, 0);
    List<ProcessorSharingServer.Job> done = server.takeCompleted(10 * SECOND);
    // 1e6 each at 1/3 -> 3 s; 1e6 more each at 1/2 -> 5 s; 1e6 alone -> 6 s.
    assertEquals(List.of(3 * SECOND, 5 * SECOND, 6 * SECOND), done.stream().map(ProcessorSharingServer.Job::completedAtNanos).toList());
    assertEquals(6e6, server.usedCalculations(), 1e-3);
  }

  @Test
  void whenAJobReachesACalculationCount() {
    ProcessorSharingServer server = new ProcessorSharingServer(1e6, 0);
    ProcessorSharingServer.Job job = server.add(1, 1e7, 0, 0);
    server.add(2, 1e7, 0, 0);
    assertEquals(4 * SECOND, server.reachesNanos(job, 2e6));
    server.advance(SECOND);
    assertEquals(-1, server.reachesNanos(job, 0.5e6));
  }

  @Test
  void anIdleServerHasNoNextCompletion() {
    assertEquals(-1, new ProcessorSharingServer(1e6, 0).nextCompletionNanos(5 * SECOND));
  }

  private static List<Integer> ids(List<ProcessorSharingServer.Job> jobs) {
    return jobs.stream().map(ProcessorSharingServer.Job::id).toList();
  }
}
