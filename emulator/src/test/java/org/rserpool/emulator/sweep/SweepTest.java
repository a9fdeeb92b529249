package org.rserpool.emulator.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rserpool.emulator.results.RunResults;
import org.rserpool.emulator.scenario.Scenario;

/**
 * The sweep's course with a stand-in for the emulation: each run's scenario is really loaded (so bad
 * values at a grid point fail as they would), and the "results" echo what the run was given.
 */
class SweepTest {
  static final String SCENARIO = """
      scenario { name = "echo", seed = 7, duration = 10s, sites = [{ registrars = 1, pool-elements = 2, pool-users = 4 }] }
      """;

  static Path file(Path dir, String sweep) throws Exception {
    Path f = dir.resolve("echo.conf");
    Files.writeString(f, SCENARIO + sweep);
    return f;
  }

  /** Echoes the scenario's target utilization, seed and time-scale as results. */
  static RunResults echo(Scenario s) {
    return new RunResults(s.name(), s.seed(), Map.of("SystemUtilization", s.targetUtilization().orElse(Double.NaN),
        "Seed", (double) s.seed(), "TimeScale", s.timeScale()));
  }

  @Test
  void everyRunGetsItsGridPointItsSeedAndTheOverridesForAll(@TempDir Path dir) throws Exception {
    Path f = file(dir, "sweep { replications = 2, parameters = [{ key = \"scenario.workload.target-utilization\", values = [0.3, 0.6] }] }");
    Sweep sweep = Sweep.prepare(f, Map.of("scenario.time-scale", 40.0), null);
    List<Scenario> seen = new ArrayList<>();
    Sweep.Report report = sweep.run(dir, new Sweep.Listener() {}, (s, progress) -> {
      seen.add(s);
      return echo(s);
    });
    assertEquals(4, seen.size());
    assertEquals(List.of(0.3, 0.3, 0.6, 0.6), seen.stream().map(s -> s.targetUtilization().getAsDouble()).toList());
    assertEquals(List.of(7L, 8L, 7L, 8L), seen.stream().map(Scenario::seed).toList());
    assertTrue(seen.stream().allMatch(s -> s.timeScale() == 40.0));
    assertEquals(0, report.failed());
    assertFalse(report.interrupted());
    assertEquals(List.of("echo.conf", "sweep.csv", "sweep-summary.csv"), report.files().stream().map(p -> p.getFileName().toString()).toList());
    assertEquals(SCENARIO + "sweep { replications = 2, parameters = [{ key = \"scenario.workload.target-utilization\", values = [0.3, 0.6] }] }",
        Files.readString(dir.resolve("echo.conf")), "a copy of the scenario file");
  }

  @Test
  void aBadValueAtAGridPointFailsThatRunAndTheSweepGoesOn(@TempDir Path dir) throws Exception {
    Path f = file(dir, "sweep.parameters = [{ key = \"scenario.workload.target-utilization\", values = [0.3, 1.5, 0.6] }]");
    List<String> finished = new ArrayList<>();
    Sweep.Report report = Sweep.prepare(f, Map.of(), null).run(dir, new Sweep.Listener() {
      @Override
      public void runFinished(RunOutcome outcome, int total) {
        finished.add(outcome.run().number() + "/" + total + " " + outcome.status());
      }
    }, (s, progress) -> echo(s));
    assertEquals(List.of("1/3 ok", "2/3 failed", "3/3 ok"), finished);
    RunOutcome bad = report.outcomes().get(1);
    assertTrue(bad.failure().contains("scenario.workload.target-utilization") && bad.failure().contains("1.5"), bad.failure());
    assertEquals(1, report.failed());
    List<String> csv = Files.readAllLines(dir.resolve(SweepCsv.RUNS_FILE));
    assertTrue(csv.get(2).startsWith("1.5,1,7,failed,,,,"), csv.get(2));
  }

  @Test
  void anExceptionInARunFailsThatRunAndTheSweepGoesOn(@TempDir Path dir) throws Exception {
    Path f = file(dir, "sweep.parameters = [{ key = \"rserpool.pool-element.policy\", values = [LeastUsed, Random] }]");
    Sweep.Report report = Sweep.prepare(f, Map.of(), null).run(dir, new Sweep.Listener() {}, (s, progress) -> {
      if (s.config().getString("rserpool.pool-element.policy").equals("LeastUsed")) throw new IllegalStateException("boom");
      return echo(s);
    });
    assertEquals("IllegalStateException: boom", report.outcomes().get(0).failure());
    assertTrue(report.outcomes().get(1).ok());
  }

  @Test
  void aMetricToPlotThatTheResultsDoNotHaveStopsTheSweepAfterItsFirstRun(@TempDir Path dir) throws Exception {
    Path f = file(dir, "sweep { parameters = [{ key = \"scenario.workload.target-utilization\", values = [0.3, 0.6] }]\n"
        + "plot { x = \"scenario.workload.target-utilization\", metrics = [SystemUtilisation] } }");
    List<Scenario> seen = new ArrayList<>();
    ConfigException e = assertThrows(ConfigException.class, () -> Sweep.prepare(f, Map.of(), null).run(dir, new Sweep.Listener() {}, (s, p) -> {
      seen.add(s);
      return echo(s);
    }));
    assertEquals(1, seen.size(), "the other runs did not run");
    assertTrue(e.getMessage().contains("sweep.plot.metrics") && e.getMessage().contains("[SystemUtilisation]")
        && e.getMessage().contains("known: ") && e.getMessage().contains("SystemUtilization"), e.getMessage());
    assertEquals(2, Files.readAllLines(dir.resolve(SweepCsv.RUNS_FILE)).size(), "the run that ran is kept");
  }

  @Test
  void anInterruptionEndsTheSweepAndWritesWhatRan(@TempDir Path dir) throws Exception {
    Path f = file(dir, "sweep.parameters = [{ key = \"scenario.workload.target-utilization\", values = [0.3, 0.5, 0.7] }]");
    Sweep.Report report;
    try {
      report = Sweep.prepare(f, Map.of(), null).run(dir, new Sweep.Listener() {}, (s, progress) -> {
        if (s.targetUtilization().getAsDouble() == 0.5) throw new InterruptedException();
        return echo(s);
      });
    } finally {
      assertTrue(Thread.interrupted(), "the interruption is passed on to the caller");
    }
    assertTrue(report.interrupted());
    assertEquals(List.of("ok", "failed"), report.outcomes().stream().map(RunOutcome::status).toList());
    assertEquals("interrupted", report.outcomes().get(1).failure());
    assertEquals(3, Files.readAllLines(dir.resolve(SweepCsv.RUNS_FILE)).size());
  }

  @Test
  void badInputIsRejectedBeforeAnythingRuns(@TempDir Path dir) throws Exception {
    Path noDuration = dir.resolve("forever.conf");
    Files.writeString(noDuration, "scenario.duration = until-stopped\nsweep.parameters = [{ key = \"rserpool.pool-element.policy\", values = [Random] }]");
    String m = assertThrows(ConfigException.class, () -> Sweep.prepare(noDuration, Map.of(), null)).getMessage();
    assertTrue(m.contains("scenario.duration") && m.contains("until-stopped"), m);

    Path f = file(dir, "sweep.parameters = [{ key = \"scenario.duration\", values = [10s, 20s] }]");
    String both = assertThrows(ConfigException.class, () -> Sweep.prepare(f, Map.of("scenario.duration", "5s"), null)).getMessage();
    assertTrue(both.contains("scenario.duration") && both.contains("swept"), both);
    String reps = assertThrows(ConfigException.class, () -> Sweep.prepare(f, Map.of(), 0)).getMessage();
    assertTrue(reps.contains("replications") && reps.contains("at least 1"), reps);
    assertEquals(3, Sweep.prepare(f, Map.of(), 3).plan().definition().replications());

    Path badScenario = dir.resolve("bad.conf");
    Files.writeString(badScenario, "scenario.sites = [{ registrars = 1, pool-elements = -1 }]\nsweep.parameters = []");
    String s = assertThrows(ConfigException.class, () -> Sweep.prepare(badScenario, Map.of(), null)).getMessage();
    assertTrue(s.contains("scenario.sites[0].pool-elements"), s);
  }
}
