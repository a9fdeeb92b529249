package org.rserpool.emulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EmulatorMainTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    EmulatorMain main = new EmulatorMain(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    CommandLine cli = new CommandLine(main);
    cli.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
    int code = cli.execute(args);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aTimedRunEndsWithASummaryOfRegisteredPoolElementsAndCompletedJobs(@TempDir Path dir) throws Exception {
    Path capture = dir.resolve("run.pcap");
    // The default's 1,062 components: 40 emulated seconds at time-scale 10, the first 10 s warm-up.
    Path results = dir.resolve("results");
    Run r = run("--duration", "40s", "--warm-up", "10s", "--time-scale", "10", "--metrics-port", "0", "--control-port", "0", "--seed", "3",
        "--capture", capture.toString(), "--results", results.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Results: " + results), r.out());
    assertTrue(Pattern.compile("Measured +0:00:1\\d to 0:00:4\\d \\(statistics reset after the warm-up\\)").matcher(r.out()).find(), r.out());
    assertTrue(r.out().contains("Summary of scenario 'default' (seed 3)"), r.out());
    assertTrue(r.out().contains("96 registered of 96"), r.out());
    Matcher jobs = Pattern.compile("(\\d+) completed").matcher(r.out());
    assertTrue(jobs.find(), r.out());
    assertTrue(Integer.parseInt(jobs.group(1)) > 0, r.out());
    Matcher captured = Pattern.compile("Capture: (\\d+) packets in ").matcher(r.out());
    assertTrue(captured.find(), r.out());
    assertTrue(Integer.parseInt(captured.group(1)) > 0, r.out());
    assertTrue(Files.size(capture) > 24, "more than the pcap file header");

    JsonNode json = new ObjectMapper().readTree(results.resolve("results.json").toFile());
    assertEquals("default", json.get("scenario").asText());
    assertEquals(3, json.get("seed").asLong());
    assertEquals(10.0, json.get("warmUpSeconds").asDouble());
    JsonNode values = json.get("results");
    double utilization = values.get("SystemUtilization").asDouble();
    assertTrue(utilization > 0 && utilization < 1, "utilization " + utilization);
    // The snapshots fire on the scheduler, a few real ms late under load (at time-scale 10, tenths of a second).
    assertEquals(30.0, values.get("MeasuredDuration").asDouble(), 2.0, "window from the warm-up to the end");
    assertTrue(values.get("TransportNodeGlobalASAPPackets").asDouble() > 0);
    assertTrue(values.get("TransportNodeGlobalENRPPackets").asDouble() > 0, "six registrars keep each other in sync");
    List<String> csv = Files.readAllLines(results.resolve("results.csv"));
    assertEquals(2, csv.size());
    List<String> header = List.of(csv.get(0).split(","));
    assertEquals(List.of("scenario", "seed", "MeasuredDuration", "SystemUtilization"), header.subList(0, 4));
    assertEquals(header.size(), csv.get(1).split(",", -1).length);
    assertEquals(values.size() + 2, header.size(), "the same scalars as the JSON");
    assertTrue(Files.readString(results.resolve("summary.txt")).startsWith("Summary of scenario 'default'"));
    try (var in = getClass().getClassLoader().getResourceAsStream("scenarios/default.conf")) {
      assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), Files.readString(results.resolve("scenario.conf")));
    }
  }

  @Test
  void aResultsFolderThatCannotBeCreatedFailsTheRunAfterTheSummary(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("file");
    Files.writeString(file, "not a folder");
    Run r = run("--duration", "2s", "--time-scale", "10", "--metrics-port", "0", "--control-port", "0", "--results", file.resolve("sub").toString());
    assertEquals(1, r.code());
    assertTrue(r.out().contains("Summary of scenario"), r.out());
    assertTrue(r.err().contains("cannot create the results folder " + file.resolve("sub")), r.err());
  }

  @Test
  void aCaptureFileThatCannotBeWrittenIsAnInputError() {
    Run r = run("--duration", "1s", "--metrics-port", "0", "--control-port", "0", "--capture", "/proc/no-such-dir/run.pcap");
    assertEquals(EmulatorMain.EXIT_BAD_INPUT, r.code());
    assertTrue(r.err().contains("cannot write the capture file /proc/no-such-dir/run.pcap"), r.err());
  }

  @Test
  void aBadDurationIsAUsageError() {
    Run r = run("--duration", "soon");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--duration"), r.err());
    assertTrue(r.err().contains("not a duration"), r.err());
  }

  @Test
  void aBadScenarioFileGetsOneMessageNamingTheKey(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.conf");
    Files.writeString(file, "scenario.sites = [{registrars = 1, pool-elements = -4}]\n");
    Run r = run("--scenario", file.toString());
    assertEquals(EmulatorMain.EXIT_BAD_INPUT, r.code());
    assertTrue(r.err().contains("scenario.sites[0].pool-elements"), r.err());
    assertEquals("", r.out());
  }
}
