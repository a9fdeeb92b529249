package org.rserpool.emulator.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.rserpool.emulator.results.SummaryTable;
import org.rserpool.emulator.runtime.Statistics;
import org.rserpool.emulator.scenario.Scenario;

/**
 * Shows how the emulation is going: on a terminal, a progress bar over emulated time (indefinite when
 * the run has no duration) with the key counts beside it; otherwise (CI, a pipe) a plain line now and
 * then, so logs stay readable.
 */
final class ProgressReporter implements AutoCloseable {
  private static final long PLAIN_EVERY_NANOS = 10_000_000_000L;

  private final Scenario scenario;
  private final ProgressBar bar;
  private final PrintStream plain;
  private long lastPlainNanos = System.nanoTime();

  ProgressReporter(Scenario scenario, boolean terminal, PrintStream plainOut) {
    this.scenario = scenario;
    if (terminal) {
      this.bar = terminalBar("Emulating", scenario.runsUntilStopped() ? -1 : scenario.duration().toSeconds(), " s");
      this.plain = null;
    } else {
      this.bar = null;
      this.plain = plainOut;
    }
  }

  /** The progress bar on a terminal, as every command draws it (ASCII, so any terminal shows it). */
  static ProgressBar terminalBar(String task, long max, String unit) {
    return new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(max)
        .setUnit(unit, 1)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(500)
        .build();
  }

  void update(Statistics s) {
    String counts = counts(s);
    if (bar != null) {
      bar.stepTo((long) Math.min(s.emulatedSeconds(), bar.isIndefinite() ? Long.MAX_VALUE : bar.getMax()));
      bar.setExtraMessage(counts);
    } else if (System.nanoTime() - lastPlainNanos >= PLAIN_EVERY_NANOS) {
      lastPlainNanos = System.nanoTime();
      plain.println(String.format("[%s%s] %s", SummaryTable.clock(s.emulatedSeconds()),
          scenario.runsUntilStopped() ? "" : " / " + SummaryTable.clock(scenario.duration().toMillis() / 1000.0), counts));
      plain.flush();
    }
  }

  private String counts(Statistics s) {
    return String.format("PRs %d/%d, PEs %d/%d registered, PUs %d/%d, jobs %d started %d done, %d failovers%s",
        s.registrars(), scenario.registrarCount(), s.poolElementsRegistered(), scenario.poolElementCount(),
        s.poolUsersRunning(), scenario.poolUserCount(), s.jobsStarted(), s.jobsCompleted(), s.failovers(),
        s.emulatedSeconds() < scenario.warmUp().toNanos() / 1e9 ? " (warm-up)" : "");
  }

  @Override
  public void close() {
    if (bar != null) bar.close();
  }
}
