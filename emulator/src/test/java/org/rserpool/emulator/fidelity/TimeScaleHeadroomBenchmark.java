package org.rserpool.emulator.fidelity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How fast an RSPSIM study can run: {@code scenarios/validation/least-used-r10.conf} (Least Used, 100
 * pool elements, 1,000 pool users, 6,000 emulated seconds) at rising time-scales, each checked as
 * {@link FidelityTest#leastUsedWithTenPoolUsersPerPoolElementUsesWhatIsOffered} checks it at its own
 * time-scale (utilization 80 % ± 2 points, no failovers or rejects, one handle resolution per job, the
 * emulator's latency under 1 % of a job time). Prints each run's report and one table, and the highest
 * time-scale from which down every run met the tolerance. A benchmark, not a test: the answer depends
 * on the machine and its load.
 *
 * <pre>./bench TimeScale [time-scales=250,500,1000,2000,4000,8000] [all=false]</pre>
 *
 * <p>{@code all=true} goes on after the first time-scale that fails (to see how the results degrade).
 */
public final class TimeScaleHeadroomBenchmark {
  private static final String SCENARIO = "least-used-r10.conf";

  private record Row(double timeScale, double realSeconds, double cpuSeconds, double utilization, double handlingSpeed,
      double modelSpeed, double startupDelay, List<String> failures) {}

  public static void main(String[] args) throws Exception {
    List<Double> scales = List.of(250.0, 500.0, 1000.0, 2000.0, 4000.0, 8000.0);
    boolean all = false;
    for (String arg : args) {
      int eq = arg.indexOf('=');
      String key = eq < 0 ? arg : arg.substring(0, eq);
      String value = eq < 0 ? "" : arg.substring(eq + 1);
      switch (key) {
        case "time-scales" -> {
          List<Double> parsed = new ArrayList<>();
          for (String v : value.split(",")) {
            double x = Double.parseDouble(v.trim());
            if (!(x > 0)) throw new IllegalArgumentException("time-scales: positive numbers, got " + v);
            parsed.add(x);
          }
          scales = parsed.stream().sorted().toList();
        }
        case "all" -> all = Boolean.parseBoolean(value);
        default -> throw new IllegalArgumentException("unknown argument '" + arg + "' (time-scales=250,500,... all=false)");
      }
    }
    System.out.printf(Locale.ROOT, "time-scale headroom: %s at time-scales %s; load average %.2f%n", SCENARIO, scales,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    List<Row> rows = new ArrayList<>();
    double highest = 0;
    boolean allPassed = true;
    for (double scale : scales) {
      long cpu = FidelityTest.processCpuMillis();
      long start = System.nanoTime();
      FidelityTest.Run r = FidelityTest.run(FidelityTest.scenario(SCENARIO, Map.of("scenario.time-scale", scale)));
      double real = (System.nanoTime() - start) / 1e9;
      FidelityTest.leastUsedWithTenPoolUsersPerPoolElementChecks(r);
      r.print();
      rows.add(new Row(scale, real, (FidelityTest.processCpuMillis() - cpu) / 1e3, 100 * r.value("SystemUtilization"),
          r.value("SystemAverageHandlingSpeedPercent"), 100 * r.model().mean().handlingSpeed(),
          r.value("SystemAverageStartupDelay") / r.jobTime(), r.failures()));
      if (r.failures().isEmpty() && allPassed) {
        highest = scale;
      } else {
        allPassed = false;
        if (!all) break;
      }
    }
    System.out.println();
    System.out.println("| time-scale | real s (incl. model) | CPU s | utilization % (Δ from 80) | handling speed % (model) | startup delay (S/C) | tolerance |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (Row row : rows) {
      System.out.printf(Locale.ROOT, "| %.0f | %.1f | %.1f | %.2f (%+.2f) | %.2f (%.2f) | %.5f | %s |%n", row.timeScale(), row.realSeconds(),
          row.cpuSeconds(), row.utilization(), row.utilization() - 80, row.handlingSpeed(), row.modelSpeed(), row.startupDelay(),
          row.failures().isEmpty() ? "met" : "missed: " + String.join("; ", row.failures()));
    }
    System.out.println(highest > 0
        ? String.format(Locale.ROOT, "highest time-scale that meets the tolerance (and every one below it): %.0f "
            + "(RSPSIM's 2-hour study: %.1f s of real time)", highest, 7200 / highest)
        : "no time-scale met the tolerance");
  }

  private TimeScaleHeadroomBenchmark() {}
}
