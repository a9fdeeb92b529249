package org.rserpool.emulator.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.rserpool.emulator.config.ConfigChecks;
import org.rserpool.emulator.results.RunResults;
import org.rserpool.emulator.runtime.ScenarioRunner;
import org.rserpool.emulator.runtime.Statistics;
import org.rserpool.emulator.scenario.Scenario;
import org.rserpool.emulator.scenario.ScenarioLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A parameter sweep over a scenario file: every grid point of its {@code sweep} block × replications,
 * run one after another, each the scenario with the point's keys and the replication's seed
 * overridden. A run that fails (a bad value at its grid point, an exception) is recorded with its grid
 * point and the sweep goes on; at the end the tables, plots and a copy of the scenario file are written.
 */
public final class Sweep {
  private static final Logger LOG = LoggerFactory.getLogger(Sweep.class);
  private static final String DURATION = "scenario.duration";

  /** Runs one scenario to its end ({@link ScenarioRunner#run} in production; tests may stand in). */
  @FunctionalInterface
  public interface Executor {
    RunResults run(Scenario scenario, Consumer<Statistics> progress) throws Exception;
  }

  /** Told what the sweep is doing, for progress displays. */
  public interface Listener {
    default void runStarted(SweepRun run, int total) {}

    default void runProgress(SweepRun run, Scenario scenario, Statistics statistics) {}

    default void runFinished(RunOutcome outcome, int total) {}
  }

  /**
   * What a sweep wrote.
   *
   * @param interrupted true when the sweep was interrupted (Ctrl-C) before its last run
   * @param emptyPlots plots left out because none of their grid points has a value
   */
  public record Report(Path folder, List<RunOutcome> outcomes, List<Path> files, List<String> emptyPlots, boolean interrupted) {
    public long failed() {
      return outcomes.stream().filter(o -> !o.ok()).count();
    }
  }

  private final Path file;
  private final Map<String, Object> overrides;
  private final Scenario base;
  private final SweepPlan plan;

  private Sweep(Path file, Map<String, Object> overrides, Scenario base, SweepPlan plan) {
    this.file = file;
    this.overrides = overrides;
    this.base = base;
    this.plan = plan;
  }

  /**
   * Reads and checks a sweep: the scenario file loads, its sweep block is valid, and every run has a
   * duration. Nothing runs yet.
   *
   * @param overrides applied to every run (e.g. the command line's time-scale and duration); may not name a swept key
   * @param replications replaces sweep.replications when not null
   * @throws ConfigException naming the key, for any of these problems
   */
  public static Sweep prepare(Path file, Map<String, ?> overrides, Integer replications) {
    Scenario base = ScenarioLoader.loadFile(file, overrides);
    Config raw = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    SweepDefinition definition = SweepParser.parse(raw, ConfigFactory.defaultReference());
    if (replications != null) {
      definition = definition.withReplications(ConfigChecks.atLeast(replications, 1, "replications"));
    }
    for (String key : overrides.keySet()) {
      if (definition.keys().contains(key)) {
        throw ConfigChecks.bad(key, "is swept by the sweep block; it cannot also be set for all runs");
      }
    }
    if (base.runsUntilStopped() && !definition.keys().contains(DURATION)) {
      throw ConfigChecks.bad(DURATION, "every run of a sweep needs an emulated duration (e.g. 10m), got \"until-stopped\"");
    }
    return new Sweep(file, new LinkedHashMap<>(overrides), base, SweepPlan.expand(definition, base.seed()));
  }

  public SweepPlan plan() {
    return plan;
  }

  /** The scenario's name (scenario.name), which names the results folder. */
  public String scenarioName() {
    return base.name();
  }

  /**
   * The real time one run takes (its emulated duration over its time-scale, start-up aside), or null
   * when the sweep varies either.
   */
  public Duration realTimePerRun() {
    List<String> keys = plan.definition().keys();
    return keys.contains(DURATION) || keys.contains("scenario.time-scale") ? null : ScenarioRunner.realTime(base);
  }

  /** Runs the sweep with {@link ScenarioRunner#run} and writes its files into {@code folder}. */
  public Report run(Path folder, Listener listener) throws IOException {
    return run(folder, listener, ScenarioRunner::run);
  }

  /**
   * Runs every run in order and writes the files: sweep.csv, sweep-summary.csv, the plots and a copy
   * of the scenario file.
   *
   * @throws ConfigException.BadValue naming {@code sweep.plot.metrics} when a metric to plot is not a key of
   *     the first successful run's results; the sweep stops there, and what ran is in sweep.csv
   */
  public Report run(Path folder, Listener listener, Executor executor) throws IOException {
    if (plan.definition().plot() != null) SweepPlots.warmUp();
    List<Path> files = new ArrayList<>();
    files.add(Files.copy(file, folder.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING));
    List<RunOutcome> outcomes = new ArrayList<>();
    boolean metricsChecked = false;
    boolean interrupted = false;
    int total = plan.runs().size();
    for (SweepRun run : plan.runs()) {
      listener.runStarted(run, total);
      RunOutcome outcome = runOne(run, listener, executor);
      outcomes.add(outcome);
      listener.runFinished(outcome, total);
      // Cleared here: the files below are written through interruptible channels.
      if (Thread.interrupted()) {
        interrupted = true;
        break;
      }
      if (outcome.ok() && !metricsChecked) {
        metricsChecked = true;
        String unknown = unknownMetrics(outcome.results());
        if (unknown != null) {
          SweepCsv.writeRuns(folder, plan.definition(), new SweepStatistics(outcomes));
          throw ConfigChecks.bad("sweep.plot.metrics", unknown + " (the sweep stopped after its first run, in "
              + folder.resolve(SweepCsv.RUNS_FILE) + ")");
        }
      }
    }
    SweepStatistics statistics = new SweepStatistics(outcomes);
    files.add(SweepCsv.writeRuns(folder, plan.definition(), statistics));
    files.add(SweepCsv.writeSummary(folder, plan, statistics));
    SweepPlots.Written plots = SweepPlots.write(folder, base.name(), plan, statistics);
    files.addAll(plots.files());
    if (interrupted) Thread.currentThread().interrupt();
    return new Report(folder, outcomes, files, plots.empty(), interrupted);
  }

  private RunOutcome runOne(SweepRun run, Listener listener, Executor executor) {
    long start = System.nanoTime();
    Map<String, Object> runOverrides = new LinkedHashMap<>(overrides);
    runOverrides.putAll(run.overrides());
    try {
      Scenario scenario = ScenarioLoader.loadFile(file, runOverrides);
      RunResults results = executor.run(scenario, s -> listener.runProgress(run, scenario, s));
      return RunOutcome.succeeded(run, results, seconds(start));
    } catch (ConfigException e) {
      LOG.warn("run {} ({}): bad configuration: {}", run.number(), run.label(), e.getMessage());
      return RunOutcome.failed(run, "bad configuration: " + e.getMessage(), seconds(start));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return RunOutcome.failed(run, "interrupted", seconds(start));
    } catch (Exception e) {
      LOG.warn("run {} ({}) failed", run.number(), run.label(), e);
      return RunOutcome.failed(run, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), seconds(start));
    }
  }

  /** Null when every metric to plot is a key of these results; otherwise which are not, and the known ones. */
  private String unknownMetrics(RunResults results) {
    if (plan.definition().plot() == null) return null;
    List<String> unknown = plan.definition().plot().metrics().stream().filter(m -> !results.values().containsKey(m)).toList();
    if (unknown.isEmpty()) return null;
    return "not results keys: " + unknown + "; known: " + String.join(", ", results.values().keySet());
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
