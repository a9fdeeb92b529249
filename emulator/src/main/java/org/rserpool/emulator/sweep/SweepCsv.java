package org.rserpool.emulator.sweep;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rserpool.emulator.results.ResultsWriter;

/**
 * The sweep's tables as RFC 4180 CSV with a header row: {@code sweep.csv}, one row per run, and
 * {@code sweep-summary.csv}, one row per grid point × results key with mean, standard deviation, n and
 * the 95 % confidence interval's half-width. Numbers are written as Java's shortest exact decimal
 * ({@code NaN} where a value is undefined); a failed run's result cells are empty.
 */
public final class SweepCsv {
  public static final String RUNS_FILE = "sweep.csv";
  public static final String SUMMARY_FILE = "sweep-summary.csv";

  private SweepCsv() {}

  /** Columns: each swept key, replication, seed, status, every results key, error. */
  public static Path writeRuns(Path folder, SweepDefinition definition, SweepStatistics statistics) throws IOException {
    Path file = folder.resolve(RUNS_FILE);
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      List<String> header = new ArrayList<>(definition.keys());
      header.addAll(List.of("replication", "seed", "status"));
      header.addAll(statistics.metrics());
      header.add("error");
      line(w, header);
      for (RunOutcome o : statistics.outcomes()) {
        List<String> row = new ArrayList<>();
        for (String key : definition.keys()) row.add(o.run().point().text(key));
        row.add(String.valueOf(o.run().replication()));
        row.add(String.valueOf(o.run().seed()));
        row.add(o.status());
        for (String metric : statistics.metrics()) {
          Double v = o.ok() ? o.results().values().get(metric) : null;
          row.add(v == null ? "" : number(v));
        }
        row.add(o.ok() ? "" : o.failure());
        line(w, row);
      }
    }
    return file;
  }

  /** Columns: each swept key, metric, n, mean, stddev, ci95_halfwidth; grid points that did not run are left out. */
  public static Path writeSummary(Path folder, SweepPlan plan, SweepStatistics statistics) throws IOException {
    Path file = folder.resolve(SUMMARY_FILE);
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      List<String> header = new ArrayList<>(plan.definition().keys());
      header.addAll(List.of("metric", "n", "mean", "stddev", "ci95_halfwidth"));
      line(w, header);
      for (GridPoint point : plan.points()) {
        if (!statistics.ran(point)) continue;
        for (String metric : statistics.metrics()) {
          SampleSummary s = statistics.summary(point, metric);
          List<String> row = new ArrayList<>();
          for (String key : plan.definition().keys()) row.add(point.text(key));
          row.addAll(List.of(metric, String.valueOf(s.n()), number(s.mean()), number(s.standardDeviation()), number(s.ci95HalfWidth())));
          line(w, row);
        }
      }
    }
    return file;
  }

  static String number(double v) {
    return Double.isNaN(v) ? "NaN" : Double.toString(v);
  }

  private static void line(BufferedWriter w, List<String> cells) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) w.write(',');
      w.write(ResultsWriter.csvText(cells.get(i)));
    }
    w.write("\r\n");
  }
}
