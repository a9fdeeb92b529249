package org.rserpool.emulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./bench Scale [components=10000,30000,100000] [seconds=60] [settle=5] [heap=4g] [reference=true] [jfr=false]
 * [out=scale-results.csv] [jvm=-Dkey=value,...]}: the default scenario's shape at each size, at time-scale 1, each size in a
 * JVM of its own ({@link ScaleRun}) so that CPU and heap are that size's. First (unless
 * {@code reference=false}) the default scenario itself, 1,062 components: the utilization and handling
 * speed every size is compared with. Prints one table and writes it as CSV. {@code jfr=true} records
 * each size with Java Flight Recorder (scale-N.jfr beside the CSV). {@code settle} is the real time
 * between "every pool element registered" and the measurement: the statistics compare only once the
 * pool is past its ramp-up, which takes longer the larger it is (docs/performance.md, "Scale"). A
 * measurement, not a test.
 */
public final class ScaleBenchmark {
  private ScaleBenchmark() {}

  /** A column: header, CSV name (the JSON key of ScaleRun's result), printf format for the table. */
  private record Column(String header, String key, String format) {}

  private static final List<Column> COLUMNS = List.of(
      new Column("components", "components", "%,d"),
      new Column("started", "started", "%,d"),
      new Column("registered", "registered", "%,d"),
      new Column("start-up s", "startupSeconds", "%.1f"),
      new Column("delivered/s", "deliveredPerSecond", "%,.0f"),
      new Column("ASAP/s", "asapPerSecond", "%,.0f"),
      new Column("ENRP/s", "enrpPerSecond", "%,.0f"),
      new Column("CalcApp/s", "calcAppPerSecond", "%,.0f"),
      new Column("CPU cores", "cpuCores", "%.2f"),
      new Column("CPU us/msg", "cpuMicrosPerMessage", "%.1f"),
      new Column("GC s", "gcSecondsInWindow", "%.1f"),
      new Column("heap MB", "heapBytes", "MB"),
      new Column("heap B/comp", "heapBytesPerComponent", "%,.0f"),
      new Column("DL p50 ms", "delayLineP50Millis", "%.3f"),
      new Column("DL p99 ms", "delayLineP99Millis", "%.3f"),
      new Column("timer p50 ms", "timerP50Millis", "%.3f"),
      new Column("timer p99 ms", "timerP99Millis", "%.3f"),
      new Column("KA timeouts", "endpointKeepAliveTimeouts", "%.0f"),
      new Column("session TOs", "sessionKeepAliveTimeouts", "%.0f"),
      new Column("unreachables", "unreachableReports", "%.0f"),
      new Column("utilization", "utilization", "%.3f"),
      new Column("d util pts", "utilizationDelta", "%+.1f"),
      new Column("speed %", "handlingSpeedPercent", "%.1f"),
      new Column("d speed pts", "handlingSpeedDelta", "%+.1f"));

  /** The lateness histograms' largest bucket bound: a quantile beyond it is shown as ">=1000". */
  private static final double LARGEST_BUCKET_MILLIS = 1000;

  public static void main(String[] args) throws Exception {
    List<String> sizes = new ArrayList<>(List.of("10000", "30000", "100000"));
    int seconds = 60;
    int settle = 5;
    String heap = "4g";
    boolean reference = true;
    boolean jfr = false;
    Path csv = Path.of("scale-results.csv");
    List<String> jvmOptions = List.of();
    for (String a : args) {
      String[] kv = a.split("=", 2);
      if (kv.length != 2) throw new IllegalArgumentException("expected key=value, got " + a);
      switch (kv[0]) {
        case "components" -> sizes = List.of(kv[1].split(","));
        case "seconds" -> seconds = Integer.parseInt(kv[1]);
        case "settle" -> settle = Integer.parseInt(kv[1]);
        case "heap" -> heap = kv[1];
        case "reference" -> reference = Boolean.parseBoolean(kv[1]);
        case "jfr" -> jfr = Boolean.parseBoolean(kv[1]);
        case "out" -> csv = Path.of(kv[1]);
        case "jvm" -> jvmOptions = List.of(kv[1].split(","));
        default -> throw new IllegalArgumentException("unknown parameter " + kv[0] + " (components, seconds, settle, heap, reference, jfr, out, jvm)");
      }
    }
    List<String> runs = new ArrayList<>();
    if (reference) runs.add("default");
    runs.addAll(sizes);
    System.out.printf(Locale.ROOT, "scale benchmark: %s, %d s each after %d s to settle, at time-scale 1, one JVM per size (-Xmx%s %s); load average %s%n",
        runs, seconds, settle, heap, String.join(" ", jvmOptions), loadAverage());
    List<JsonNode> results = new ArrayList<>();
    for (String size : runs) {
      System.out.printf(Locale.ROOT, "  %s: %s ...%n", size, size.equals("default") ? "the default scenario (reference)"
          : ScaleRun.describe(Integer.parseInt(size)));
      JsonNode r = runOne(size, seconds, settle, heap, jvmOptions, jfr ? csv.toAbsolutePath().resolveSibling("scale-" + size + ".jfr") : null);
      if (r != null) {
        results.add(r);
        System.out.printf(Locale.ROOT, "    started %d/%d in %.1f s, %,.0f delivered/s, %.2f cores, %.1f us/msg (load average %s)%n",
            r.get("started").asInt(), r.get("components").asInt(), r.get("startupSeconds").asDouble(), r.get("deliveredPerSecond").asDouble(),
            r.get("cpuCores").asDouble(), r.get("cpuMicrosPerMessage").asDouble(), loadAverage());
      }
    }
    JsonNode ref = reference && !results.isEmpty() && results.get(0).get("scenario").asText().equals("default") ? results.get(0) : null;
    List<Map<String, String>> rows = new ArrayList<>();
    for (JsonNode r : results) {
      Map<String, String> table = new LinkedHashMap<>();
      Map<String, String> raw = new LinkedHashMap<>();
      for (Column c : COLUMNS) {
        double v;
        if (c.key().equals("utilizationDelta")) v = ref == null ? Double.NaN : 100 * (r.get("utilization").asDouble() - ref.get("utilization").asDouble());
        else if (c.key().equals("handlingSpeedDelta")) {
          v = ref == null ? Double.NaN : r.get("handlingSpeedPercent").asDouble() - ref.get("handlingSpeedPercent").asDouble();
        } else v = r.path(c.key()).asDouble(Double.NaN);
        raw.put(c.key(), Double.toString(v));
        String text;
        if (Double.isNaN(v)) text = "-";
        else if (c.key().endsWith("Millis") && v >= LARGEST_BUCKET_MILLIS) text = ">=" + (int) LARGEST_BUCKET_MILLIS;
        else if (c.format().equals("MB")) text = String.format(Locale.ROOT, "%,.0f", v / 1e6);
        else if (c.format().equals("%,d")) text = String.format(Locale.ROOT, "%,d", (long) v);
        else text = String.format(Locale.ROOT, c.format(), v);
        table.put(c.header(), text);
      }
      rows.add(table);
      table.put("\0raw", String.join(",", raw.values()));
    }
    printTable(rows);
    StringBuilder out = new StringBuilder();
    out.append(String.join(",", COLUMNS.stream().map(Column::key).toList())).append(",scenario\n");
    for (int i = 0; i < rows.size(); i++) out.append(rows.get(i).get("\0raw")).append(',').append(results.get(i).get("scenario").asText()).append('\n');
    Files.writeString(csv, out.toString(), StandardCharsets.UTF_8);
    System.out.println("CPU: the process's CPU time over the measurement (all threads: actors, delay line, timers, GC, JIT); "
        + "us/msg = CPU / messages delivered. Lateness: p50/p99 interpolated inside the histogram buckets (>=1000: beyond the largest, 1 s). "
        + "Spurious timeouts count the whole run (no component fails). d = points against the default scenario's run.");
    System.out.println("CSV: " + csv.toAbsolutePath());
  }

  private static void printTable(List<Map<String, String>> rows) {
    Map<String, Integer> width = new LinkedHashMap<>();
    for (Column c : COLUMNS) {
      int w = c.header().length();
      for (Map<String, String> r : rows) w = Math.max(w, r.get(c.header()).length());
      width.put(c.header(), w);
    }
    StringBuilder line = new StringBuilder();
    for (Column c : COLUMNS) line.append(String.format(Locale.ROOT, "%" + width.get(c.header()) + "s  ", c.header()));
    System.out.println(line.toString().stripTrailing());
    for (Map<String, String> r : rows) {
      line.setLength(0);
      for (Column c : COLUMNS) line.append(String.format(Locale.ROOT, "%" + width.get(c.header()) + "s  ", r.get(c.header())));
      System.out.println(line.toString().stripTrailing());
    }
  }

  /** Runs one size in its own JVM, bounded in time; its result, or null (the reason printed) if it failed. */
  private static JsonNode runOne(String size, int seconds, int settle, String heap, List<String> jvmOptions, Path jfrFile) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap));
    List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
    for (int i = 0; i < jvm.size(); i++) {
      if (jvm.get(i).startsWith("--add-opens=")) command.add(jvm.get(i));
      else if (jvm.get(i).equals("--add-opens") && i + 1 < jvm.size()) command.addAll(List.of(jvm.get(i), jvm.get(++i)));
    }
    // The test class path carries the tests' application.conf (serialize-messages on) and logback-test.xml: not the emulator's.
    command.addAll(List.of("-Dakka.actor.serialize-messages=off", "-Dakka.loglevel=WARNING", "-Dlogback.configurationFile=logback.xml"));
    // The collector ./emulate runs (ZGC) unless jvm= names one.
    if (jvmOptions.stream().noneMatch(o -> o.matches("-XX:\\+Use\\w*GC"))) command.add("-XX:+UseZGC");
    command.addAll(jvmOptions);
    if (jfrFile != null) command.add("-XX:StartFlightRecording=filename=" + jfrFile + ",settings=profile,dumponexit=true");
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), ScaleRun.class.getName(), "components=" + size, "seconds=" + seconds,
        "settle=" + settle));
    Path log = Files.createTempFile("scale-" + size + "-", ".log");
    Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
    JsonNode result = null;
    long limit = TimeUnit.SECONDS.toNanos(seconds + settle + 240 + (size.equals("default") ? 0 : Long.parseLong(size) / 500));
    long end = System.nanoTime() + limit;
    List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String l; (l = in.readLine()) != null; ) lines.add(l);
      } catch (java.io.IOException e) {
        // The process ended.
      }
    }, "scale-run-output");
    reader.setDaemon(true);
    reader.start();
    try {
      if (!p.waitFor(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        System.out.printf(Locale.ROOT, "    %s did not finish within %d s: stopped (log: %s)%n", size, TimeUnit.NANOSECONDS.toSeconds(limit), log);
        return null;
      }
      reader.join(5000);
      for (String l : lines) {
        if (l.startsWith(ScaleRun.RESULT_PREFIX)) result = new ObjectMapper().readTree(l.substring(ScaleRun.RESULT_PREFIX.length()));
      }
      if (result == null) {
        String tail = Files.readString(log);
        System.out.printf(Locale.ROOT, "    %s failed (exit %d; log %s):%n%s%n", size, p.exitValue(), log, tail.substring(Math.max(0, tail.length() - 3000)));
      }
      return result;
    } finally {
      if (p.isAlive()) {
        p.destroy();
        if (!p.waitFor(15, TimeUnit.SECONDS)) p.destroyForcibly();
      }
    }
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (Exception e) {
      return "n/a";
    }
  }
}
