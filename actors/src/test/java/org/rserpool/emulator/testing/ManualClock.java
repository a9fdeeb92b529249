package org.rserpool.emulator.testing;

import akka.testkit.ExplicitlyTriggeredScheduler;
import org.rserpool.emulator.time.EmulationClock;

/**
 * An emulation clock that reads Akka's manual scheduler: it stands still until the test calls
 * {@code ManualTime.timePasses}, and while the scheduler runs a due task it reads that task's time.
 * Time-scale 1: manual time is emulated time. Millisecond resolution, as the scheduler's.
 */
public final class ManualClock implements EmulationClock {
  private final ExplicitlyTriggeredScheduler scheduler;

  public ManualClock(ExplicitlyTriggeredScheduler scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public long nanos() {
    return scheduler.currentTimeMs() * 1_000_000L;
  }

  @Override
  public double timeScale() {
    return 1.0;
  }
}
