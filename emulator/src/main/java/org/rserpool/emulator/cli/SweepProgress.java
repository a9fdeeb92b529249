package org.rserpool.emulator.cli;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import org.rserpool.emulator.results.SummaryTable;
import org.rserpool.emulator.runtime.Statistics;
import org.rserpool.emulator.scenario.Scenario;
import org.rserpool.emulator.sweep.RunOutcome;
import org.rserpool.emulator.sweep.Sweep;
import org.rserpool.emulator.sweep.SweepRun;

/**
 * Shows how a sweep is going: on a terminal, a progress bar over the runs with the current grid point
 * and the current run's emulated time beside it; otherwise (CI, a pipe) a line when a run starts and
 * ends, and one now and then during a long run.
 */
final class SweepProgress implements Sweep.Listener, AutoCloseable {
  private static final long PLAIN_EVERY_NANOS = 10_000_000_000L;

  private final ProgressBar bar;
  private final PrintStream plain;
  private long lastPlainNanos;

  SweepProgress(int totalRuns, boolean terminal, PrintStream plainOut) {
    if (terminal) {
      this.bar = ProgressReporter.terminalBar("Sweep", totalRuns, " runs");
      this.plain = null;
    } else {
      this.bar = null;
      this.plain = plainOut;
    }
  }

  @Override
  public void runStarted(SweepRun run, int total) {
    lastPlainNanos = System.nanoTime();
    if (bar != null) {
      bar.setExtraMessage(run.point().shortLabel() + " #" + run.replication());
    } else {
      line(prefix(run, total) + run.label());
    }
  }

  @Override
  public void runProgress(SweepRun run, Scenario scenario, Statistics s) {
    String time = SummaryTable.clock(s.emulatedSeconds()) + " / " + SummaryTable.clock(scenario.duration().toMillis() / 1000.0)
        + " emulated, " + s.jobsCompleted() + " jobs done, " + (s.registrars() + s.poolElementsRunning() + s.poolUsersRunning()
        + s.attackersRunning()) + " components up";
    if (bar != null) {
      // Terminals cut the line at their width: the current run's clock first, then where in the grid.
      bar.setExtraMessage(time + "; " + run.point().shortLabel() + " #" + run.replication());
    } else if (System.nanoTime() - lastPlainNanos >= PLAIN_EVERY_NANOS) {
      lastPlainNanos = System.nanoTime();
      line(prefix(run, -1) + time);
    }
  }

  @Override
  public void runFinished(RunOutcome outcome, int total) {
    if (bar != null) {
      bar.stepTo(outcome.run().number());
    } else {
      line(prefix(outcome.run(), total) + (outcome.ok() ? "done" : "FAILED: " + outcome.failure())
          + String.format(Locale.ROOT, " (%.1f s real)", outcome.realSeconds()));
    }
  }

  private static String prefix(SweepRun run, int total) {
    return "[run " + run.number() + (total > 0 ? "/" + total : "") + "] ";
  }

  private void line(String text) {
    plain.println(text);
    plain.flush();
  }

  @Override
  public void close() {
    if (bar != null) bar.close();
  }
}
