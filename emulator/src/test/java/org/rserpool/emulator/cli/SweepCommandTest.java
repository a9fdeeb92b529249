package org.rserpool.emulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./emulate sweep} end to end: real emulations of a tiny scenario, through the command line. */
class SweepCommandTest {

  static Path resource(String name) throws Exception {
    return Path.of(SweepCommandTest.class.getResource("/sweep/" + name).toURI());
  }

  @Test
  void aTinySweepRunsEveryGridPointAndReplicationAndWritesTablesPlotsAndTheScenario(@TempDir Path dir) throws Exception {
    Path results = dir.resolve("out");
    EmulatorMainTest.Run r = EmulatorMainTest.run("sweep", resource("tiny-sweep.conf").toString(), "--results", results.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("Sweep of scenario 'tiny-sweep': 2 grid points x 2 replications = 4 runs"), r.out());
    assertTrue(r.out().contains("4 of 4 runs succeeded"), r.out());
    // Not a terminal: one plain line per run start and end.
    assertTrue(r.err().contains("[run 4/4] scenario.workload.target-utilization=0.8, replication 2 (seed 6)"), r.err());
    assertTrue(r.err().contains("[run 4/4] done"), r.err());

    List<String> runs = Files.readAllLines(results.resolve("sweep.csv"));
    assertEquals(5, runs.size());
    List<String> header = List.of(runs.get(0).split(","));
    assertEquals(List.of("scenario.workload.target-utilization", "replication", "seed", "status", "MeasuredDuration", "SystemUtilization"), header.subList(0, 6));
    int jobs = header.indexOf("CalcAppPUGlobalJobsCompleted");
    int utilization = header.indexOf("SystemUtilization");
    for (String row : runs.subList(1, 5)) {
      String[] cells = row.split(",", -1);
      assertEquals("ok", cells[3], row);
      assertTrue(Double.parseDouble(cells[jobs]) > 0, "jobs completed in " + row);
      double u = Double.parseDouble(cells[utilization]);
      assertTrue(u > 0 && u < 1, "utilization in " + row);
    }
    assertEquals(List.of("0.4,1,5", "0.4,2,6", "0.8,1,5", "0.8,2,6"), runs.subList(1, 5).stream().map(l -> l.substring(0, 7)).toList());

    List<String> summary = Files.readAllLines(results.resolve("sweep-summary.csv"));
    assertEquals("scenario.workload.target-utilization,metric,n,mean,stddev,ci95_halfwidth", summary.get(0));
    assertTrue(summary.stream().anyMatch(l -> l.startsWith("0.8,SystemUtilization,2,")), String.join("\n", summary));

    for (String metric : List.of("SystemUtilization", "SystemAverageHandlingTime")) {
      assertNotNull(ImageIO.read(results.resolve(metric + ".png").toFile()), metric + ".png");
      assertTrue(Files.readString(results.resolve(metric + ".svg")).contains("<svg"), metric + ".svg");
    }
    assertEquals(Files.readString(resource("tiny-sweep.conf")), Files.readString(results.resolve("tiny-sweep.conf")));
  }

  @Test
  void someFailedRunsGiveExitCodeOneAndTheFilesAreStillWritten(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("half-bad.conf");
    // Run 1 is refused by the scenario's validation (utilization > 1) before anything starts; run 2 is real.
    Files.writeString(file, Files.readString(resource("tiny-sweep.conf"))
        + "\nsweep { replications = 1, parameters = [{ key = \"scenario.workload.target-utilization\", values = [1.5, 0.5] }] }\n");
    Path results = dir.resolve("out");
    EmulatorMainTest.Run r = EmulatorMainTest.run("sweep", file.toString(), "--results", results.toString(), "--duration", "20s", "--time-scale", "25");
    assertEquals(SweepCommand.EXIT_SOME_FAILED, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("1 of 2 runs succeeded"), r.out());
    assertTrue(r.out().contains("2 grid points x 1 replication = 2 runs, about 0:00:01 real time"), r.out());
    assertTrue(r.out().contains("run 1 (scenario.workload.target-utilization=1.5, replication 1 (seed 5)) failed: bad configuration"), r.out());
    List<String> runs = Files.readAllLines(results.resolve("sweep.csv"));
    assertTrue(runs.get(1).startsWith("1.5,1,5,failed,"), runs.get(1));
    assertTrue(runs.get(2).startsWith("0.5,1,5,ok,"), runs.get(2));
    assertTrue(Files.exists(results.resolve("sweep-summary.csv")));
    assertTrue(Files.exists(results.resolve("half-bad.conf")));
  }

  @Test
  void aFileWithoutASweepBlockIsBadInput(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("plain.conf");
    Files.writeString(file, "scenario.duration = 10s\n");
    EmulatorMainTest.Run r = EmulatorMainTest.run("sweep", file.toString(), "--results", dir.resolve("out").toString());
    assertEquals(EmulatorMain.EXIT_BAD_INPUT, r.code());
    assertTrue(r.err().contains("no sweep block"), r.err());
    assertTrue(Files.notExists(dir.resolve("out")), "no folder for a sweep that cannot run");
  }

  @Test
  void anUnknownSweptKeyIsBadInputNamingIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("typo.conf");
    Files.writeString(file, "scenario.duration = 10s\nsweep.parameters = [{ key = \"rserpool.pool-element.polcy\", values = [Random] }]\n");
    EmulatorMainTest.Run r = EmulatorMainTest.run("sweep", file.toString());
    assertEquals(EmulatorMain.EXIT_BAD_INPUT, r.code());
    assertTrue(r.err().contains("sweep.parameters[0].key") && r.err().contains("rserpool.pool-element.polcy"), r.err());
  }

  @Test
  void aMissingFileIsBadInput() {
    EmulatorMainTest.Run r = EmulatorMainTest.run("sweep", "/no/such/sweep.conf");
    assertEquals(EmulatorMain.EXIT_BAD_INPUT, r.code());
    assertTrue(r.err().contains("/no/such/sweep.conf") && r.err().contains("not found"), r.err());
  }
}
