package org.rserpool.emulator.cli;

import com.typesafe.config.ConfigException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.rserpool.emulator.results.ResultsFolder;
import org.rserpool.emulator.results.SummaryTable;
import org.rserpool.emulator.sweep.RunOutcome;
import org.rserpool.emulator.sweep.Sweep;
import org.rserpool.emulator.sweep.SweepPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./emulate sweep FILE}: runs the parameter grid of a scenario file's {@code sweep} block ×
 * replications, one run after another, and writes sweep.csv, sweep-summary.csv, the plots (PNG, SVG)
 * and a copy of the scenario into the results folder.
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a parameter sweep: every combination of the values in the scenario file's sweep block,",
      "each replicated with seeds scenario.seed, scenario.seed + 1, ...; writes sweep.csv (one row per run),",
      "sweep-summary.csv (mean, standard deviation, n, 95 % confidence interval per grid point and metric),",
      "plots (PNG and SVG) and a copy of the scenario under results/<scenario>/<timestamp>/.",
      "Exit code 0 when every run succeeded, 1 when some failed (the files are still written), 2 for bad input."
    },
    sortOptions = false)
final class SweepCommand implements Callable<Integer> {
  static final int EXIT_SOME_FAILED = 1;

  @ParentCommand
  EmulatorMain parent;

  @Parameters(index = "0", paramLabel = "FILE", description = "Scenario file (HOCON) with a sweep block.")
  Path file;

  @Option(names = "--results", paramLabel = "DIR", description = "Folder for the files (default: results/<scenario>/<timestamp>).")
  Path results;

  @Option(names = "--replications", paramLabel = "N", description = "Runs per grid point (overrides sweep.replications).")
  Integer replications;

  @Option(names = "--time-scale", paramLabel = "X", description = "Emulated seconds per real second of every run.")
  Double timeScale;

  @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
      description = "Emulated run time of every run, e.g. 30s, 10m (overrides scenario.duration).")
  Duration duration;

  private final CountDownLatch finished = new CountDownLatch(1);

  @Override
  public Integer call() {
    PrintStream out = parent.out();
    PrintStream err = parent.err();
    Map<String, Object> overrides = new HashMap<>();
    if (duration != null) overrides.put("scenario.duration", duration.toNanos() + "ns");
    if (timeScale != null) overrides.put("scenario.time-scale", timeScale);
    Sweep sweep;
    Path folder;
    try {
      sweep = Sweep.prepare(file, overrides, replications);
      folder = ResultsFolder.create(results, sweep.scenarioName(), LocalDateTime.now());
    } catch (ConfigException | IllegalArgumentException | UncheckedIOException e) {
      err.println("sweep: " + e.getMessage());
      return EmulatorMain.EXIT_BAD_INPUT;
    }
    SweepPlan plan = sweep.plan();
    out.println(describe(sweep, plan) + "; files in " + folder);
    out.flush();

    Thread main = Thread.currentThread();
    Thread hook = new Thread(() -> onSignal(main), "sweep-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      Sweep.Report report;
      try (SweepProgress progress = new SweepProgress(plan.runs().size(), System.console() != null, err)) {
        report = sweep.run(folder, progress);
      } catch (ConfigException e) {
        err.println("sweep: " + e.getMessage());
        return EmulatorMain.EXIT_BAD_INPUT;
      } catch (IOException | UncheckedIOException e) {
        err.println("sweep: cannot write the results in " + folder + ": " + e.getMessage());
        return EXIT_SOME_FAILED;
      } catch (RuntimeException e) {
        // E.g. a headless AWT that cannot draw the plots: say so here, the JVM may be on its way out.
        err.println("sweep: " + e + " (files written so far are in " + folder + ")");
        return EXIT_SOME_FAILED;
      }
      out.print(summary(report));
      out.flush();
      return report.failed() > 0 || report.interrupted() ? EXIT_SOME_FAILED : 0;
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C arrived meanwhile; the hook was waiting for "finished", which is now counted down.
      }
    }
  }

  private static String describe(Sweep sweep, SweepPlan plan) {
    int reps = plan.definition().replications();
    StringBuilder s = new StringBuilder("Sweep of scenario '").append(sweep.scenarioName()).append("': ")
        .append(plan.points().size()).append(" grid point").append(plan.points().size() == 1 ? "" : "s")
        .append(" x ").append(reps).append(" replication").append(reps == 1 ? "" : "s")
        .append(" = ").append(plan.runs().size()).append(" run").append(plan.runs().size() == 1 ? "" : "s");
    Duration each = sweep.realTimePerRun();
    if (each != null) s.append(", about ").append(SummaryTable.clock(each.toMillis() / 1000.0 * plan.runs().size())).append(" real time");
    return s.toString();
  }

  private static String summary(Sweep.Report report) {
    StringBuilder s = new StringBuilder();
    long ok = report.outcomes().size() - report.failed();
    s.append(String.format("%d of %d runs succeeded%s%n", ok, report.outcomes().size(), report.interrupted() ? " (interrupted)" : ""));
    for (RunOutcome o : report.outcomes()) {
      if (!o.ok()) s.append("  run ").append(o.run().number()).append(" (").append(o.run().label()).append(") failed: ").append(o.failure()).append('\n');
    }
    for (String empty : report.emptyPlots()) s.append("  no plot ").append(empty).append(": no run of its grid points has a value\n");
    s.append("Files in ").append(report.folder()).append(":\n");
    for (Path f : report.files()) s.append("  ").append(f.getFileName()).append('\n');
    return s.toString();
  }

  /** Ctrl-C: stop the current run, and let the main thread write what ran before the JVM goes. */
  private void onSignal(Thread main) {
    main.interrupt();
    try {
      finished.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
