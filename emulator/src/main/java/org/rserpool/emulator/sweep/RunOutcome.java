package org.rserpool.emulator.sweep;

import org.rserpool.emulator.results.RunResults;

/**
 * What became of one run: its results, or why it failed (a bad configuration at its grid point, an
 * exception while it ran, an interruption).
 *
 * @param results the results, or null when the run failed
 * @param failure the reason, or null when the run succeeded
 * @param realSeconds how long the run took in real time
 */
public record RunOutcome(SweepRun run, RunResults results, String failure, double realSeconds) {

  public static RunOutcome succeeded(SweepRun run, RunResults results, double realSeconds) {
    return new RunOutcome(run, results, null, realSeconds);
  }

  public static RunOutcome failed(SweepRun run, String failure, double realSeconds) {
    return new RunOutcome(run, null, failure, realSeconds);
  }

  public boolean ok() {
    return results != null;
  }

  public String status() {
    return ok() ? "ok" : "failed";
  }
}
