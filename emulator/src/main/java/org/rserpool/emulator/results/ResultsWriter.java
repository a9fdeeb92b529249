package org.rserpool.emulator.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rserpool.emulator.scenario.Scenario;
import org.rserpool.emulator.scenario.ScenarioLoader;

/**
 * Writes a run's results into its folder: {@code results.json} (what ran and every scalar),
 * {@code results.csv} (a header of scalar names and one row, ready to concatenate across runs),
 * {@code summary.txt} (the table printed at the end) and a copy of the scenario file as
 * {@code scenario.conf}. Undefined values (a mean without samples) are null in JSON and NaN in CSV.
 */
public final class ResultsWriter {
  public static final String JSON = "results.json";
  public static final String CSV = "results.csv";
  public static final String SUMMARY = "summary.txt";
  public static final String SCENARIO = "scenario.conf";

  private ResultsWriter() {}

  /**
   * What a run was, besides its scalars.
   *
   * @param scenarioFile the scenario file, or null for the built-in default
   * @param overrides keys the command line set over the file (e.g. --seed), recorded in the JSON
   * @param started when the run started
   * @param realSeconds how long it took in real time
   */
  public record Run(Scenario scenario, Path scenarioFile, Map<String, Object> overrides, OffsetDateTime started, double realSeconds) {}

  /**
   * Writes the files into {@code folder} (which exists).
   *
   * @throws UncheckedIOException naming the file that could not be written
   */
  public static void write(Path folder, Run run, RunResults results, String summary) {
    write(folder, run, results, summary, List.of());
  }

  /**
   * Writes the files of a run on several nodes: as {@link #write(Path, Run, RunResults, String)}, and
   * results.json has a {@code nodes} array with one object per node (the per-node table).
   */
  public static void write(Path folder, Run run, RunResults results, String summary, List<Map<String, Object>> nodes) {
    write(folder.resolve(JSON), json(run, results, nodes));
    write(folder.resolve(CSV), csv(results));
    write(folder.resolve(SUMMARY), summary);
    write(folder.resolve(SCENARIO), scenarioText(run.scenarioFile()));
  }

  /** results.json: the run's settings and every result key; the control API serves the same document. */
  public static String json(Run run, RunResults results) {
    return json(run, results, List.of());
  }

  static String json(Run run, RunResults results, List<Map<String, Object>> nodes) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    Scenario s = run.scenario();
    root.put("scenario", s.name());
    root.put("scenarioFile", run.scenarioFile() == null ? "(built-in default)" : run.scenarioFile().toString());
    root.put("seed", s.seed());
    root.put("timeScale", s.timeScale());
    root.put("durationSeconds", s.runsUntilStopped() ? null : seconds(s.duration()));
    root.put("warmUpSeconds", seconds(s.warmUp()));
    root.put("registrars", s.registrarCount());
    root.put("poolElements", s.poolElementCount());
    root.put("poolUsers", s.poolUserCount());
    root.put("attackers", s.attackerCount());
    ObjectNode overrides = root.putObject("overrides");
    run.overrides().forEach((k, v) -> overrides.put(k, String.valueOf(v)));
    root.put("started", run.started().toString());
    root.put("realSeconds", run.realSeconds());
    ObjectNode values = root.putObject("results");
    results.values().forEach((k, v) -> {
      if (v.isNaN() || v.isInfinite()) values.putNull(k);
      else values.put(k, v);
    });
    if (!nodes.isEmpty()) root.set("nodes", mapper.valueToTree(nodes));
    try {
      return mapper.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String csv(RunResults results) {
    List<String> header = new ArrayList<>(List.of("scenario", "seed"));
    List<String> row = new ArrayList<>(List.of(csvText(results.scenario()), String.valueOf(results.seed())));
    results.values().forEach((k, v) -> {
      header.add(k);
      row.add(number(v));
    });
    return String.join(",", header) + "\n" + String.join(",", row) + "\n";
  }

  /** A number as CSV readers (R, pandas, spreadsheets) take it: plain, full precision, NaN when undefined. */
  public static String number(double v) {
    if (Double.isNaN(v)) return "NaN";
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.valueOf((long) v);
    return Double.toString(v); // shortest exact form; 1.0E-5 style exponents read fine in R and pandas
  }

  /** A text field, quoted when it holds a comma, quote or line break, its quotes doubled (RFC 4180 §2). */
  public static String csvText(String text) {
    if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) return text;
    return '"' + text.replace("\"", "\"\"") + '"';
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private static String scenarioText(Path file) {
    try {
      if (file != null) return Files.readString(file, StandardCharsets.UTF_8);
      try (InputStream in = ResultsWriter.class.getClassLoader().getResourceAsStream(ScenarioLoader.DEFAULT_RESOURCE)) {
        if (in == null) throw new IOException("the built-in " + ScenarioLoader.DEFAULT_RESOURCE + " is missing");
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the scenario " + (file == null ? "(built-in default)" : file) + ": " + e.getMessage(), e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
