package org.rserpool.emulator.fidelity;

import java.util.Locale;

/**
 * One comparison of an emulation's result with what theory says: the theoretical value, the value the
 * {@link QueueingModel} gives for a run of the same size (its mean over independent runs, which
 * carries the small bias of a finite warm-up and window) with its run-to-run standard deviation, and
 * the tolerance the emulated value must keep from the theoretical one.
 *
 * <p>A tolerance is only meaningful if chance alone rarely breaks it: {@link #check} first makes sure
 * the tolerance is at least {@link #MIN_SIGMAS} standard deviations beyond the model's own distance
 * from theory, so that a failure says the emulator, not the dice, is off.
 *
 * @param name the result, as RSPSIM names it (e.g. {@code SystemAverageHandlingSpeedPercent})
 * @param theory the analytic value (rspsim-model.md §6.1)
 * @param modelMean the model's mean over its runs
 * @param modelSd the model's run-to-run standard deviation
 * @param tolerance the largest distance from {@code theory} accepted
 */
record Expectation(String name, double theory, double modelMean, double modelSd, double tolerance) {
  /** Tolerances must leave at least this many standard deviations of room. */
  static final double MIN_SIGMAS = 3;

  /**
   * Checks {@code emulated} and returns the line for the test's report.
   *
   * @throws AssertionError when the emulated value is farther from theory than the tolerance, or the
   *     run is too small for the tolerance to mean anything
   */
  String check(double emulated) {
    double room = tolerance - Math.abs(modelMean - theory);
    if (room < MIN_SIGMAS * modelSd) {
      throw new AssertionError(String.format(Locale.ROOT,
          "%s: the run is too small for a tolerance of %.4g: the model's runs spread %.4g (sd) around %.4g (theory %.4g)",
          name, tolerance, modelSd, modelMean, theory));
    }
    String line = String.format(Locale.ROOT, "%-40s theory %10.4f  model %10.4f ± %.4f  tolerance ± %.4f (%.1f sd)  emulated %10.4f",
        name, theory, modelMean, modelSd, tolerance, room / modelSd, emulated);
    if (!(Math.abs(emulated - theory) <= tolerance)) throw new AssertionError("outside the tolerance: " + line);
    return line;
  }
}
