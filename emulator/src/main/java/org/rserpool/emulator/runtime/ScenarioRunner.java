package org.rserpool.emulator.runtime;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.rserpool.emulator.results.ResultsCalculator;
import org.rserpool.emulator.results.RunResults;
import org.rserpool.emulator.scenario.Scenario;

/** Runs a scenario with a duration to its end on this node and returns its results (sweeps, tests). */
public final class ScenarioRunner {
  private static final long POLL_MILLIS = 100;

  private ScenarioRunner() {}

  /**
   * Runs {@code scenario} until its duration has passed; the results cover its measurement window
   * (after the warm-up).
   *
   * @param progress told the statistics now and then while it runs, and once at the end
   * @throws IllegalArgumentException when the scenario runs until stopped
   */
  public static RunResults run(Scenario scenario, Consumer<Statistics> progress) throws TimeoutException, InterruptedException {
    if (scenario.runsUntilStopped()) throw new IllegalArgumentException("scenario '" + scenario.name() + "' has no duration (scenario.duration)");
    try (Emulation emulation = Emulation.start(scenario)) {
      while (!emulation.finished()) {
        Thread.sleep(POLL_MILLIS);
        progress.accept(emulation.statistics());
      }
      progress.accept(emulation.statistics());
      return ResultsCalculator.of(scenario, emulation.windowStatistics());
    }
  }

  /** The real time a scenario of this duration takes at its time-scale. */
  public static Duration realTime(Scenario scenario) {
    return scenario.runsUntilStopped() ? null : Duration.ofNanos((long) (scenario.duration().toNanos() / scenario.timeScale()));
  }
}
