package org.rserpool.emulator.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.rserpool.emulator.protocol.PayloadProtocol;
import org.rserpool.emulator.results.ResultsCalculator;
import org.rserpool.emulator.results.RunResults;
import org.rserpool.emulator.scenario.Scenario;
import org.rserpool.emulator.scenario.ScenarioLoader;

/**
 * One size of {@code ./bench Scale}, in a JVM of its own (started by {@link ScaleBenchmark}): the
 * default scenario's shape (3 sites of 2 registrars, PU:PE 10, Least Used, 80 % target utilization, 1 ms
 * LAN, 10 ms WAN) with as many pool elements per site as make about {@code components} components, at
 * time-scale 1, in this JVM. It waits until every component runs and every pool element is
 * registered (the start-up time), lets it settle, measures {@code seconds} of real time and prints one
 * line {@code SCALE-RESULT {json}} on stdout. {@code components=default} runs the default scenario
 * itself (1,062 components), the reference the other sizes are compared with.
 */
public final class ScaleRun {
  static final String RESULT_PREFIX = "SCALE-RESULT ";

  private ScaleRun() {}

  /** Pool elements per site so that 3 sites of 2 registrars, p pool elements and 10 p pool users make about {@code components}. */
  static int poolElementsPerSite(int components) {
    return Math.max(1, (int) Math.round((components / 3.0 - 2) / 11.0));
  }

  public static void main(String[] args) throws Exception {
    String size = "default";
    int seconds = 60;
    int settle = 5;
    for (String a : args) {
      String[] kv = a.split("=", 2);
      switch (kv[0]) {
        case "components" -> size = kv[1];
        case "seconds" -> seconds = Integer.parseInt(kv[1]);
        case "settle" -> settle = Integer.parseInt(kv[1]);
        default -> throw new IllegalArgumentException("unknown parameter " + kv[0]);
      }
    }
    Map<String, Object> overrides = new java.util.HashMap<>(Map.of("scenario.time-scale", 1.0, "rserpool.metrics.port", 0));
    if (!size.equals("default")) {
      int pe = poolElementsPerSite(Integer.parseInt(size));
      Map<String, Object> site = Map.of("registrars", 2, "pool-elements", pe);
      overrides.put("scenario.sites", List.of(site, site, site));
      overrides.put("scenario.name", "scale-" + size);
    }
    Scenario scenario = ScenarioLoader.loadDefault(overrides);
    int registrars = scenario.registrarCount();
    int poolElements = scenario.poolElementCount();
    int poolUsers = scenario.poolUserCount();
    int components = registrars + poolElements + poolUsers;

    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long heapBefore = heapAfterGc();
    long cpuStart = os.getProcessCpuTime();
    long start = System.nanoTime();
    ObjectNode out = new ObjectMapper().createObjectNode();
    out.put("scenario", scenario.name());
    out.put("components", components);
    out.put("registrars", registrars);
    out.put("poolElements", poolElements);
    out.put("poolUsers", poolUsers);
    out.put("seconds", seconds);
    try (Emulation emulation = Emulation.start(scenario)) {
      MeterRegistry registry = emulation.registry();
      // Start-up: until every component runs and every pool element is registered (bounded).
      long budget = TimeUnit.SECONDS.toNanos(60 + components / 1000);
      Statistics s = emulation.statistics();
      double startup = Double.NaN;
      while (System.nanoTime() - start < budget) {
        s = emulation.statistics();
        if (s.registrars() == registrars && s.poolElementsRunning() == poolElements && s.poolUsersRunning() == poolUsers
            && s.poolElementsRegistered() == poolElements) {
          startup = (System.nanoTime() - start) / 1e9;
          break;
        }
        Thread.sleep(50);
      }
      out.put("startupSeconds", startup);
      out.put("startupCpuSeconds", (os.getProcessCpuTime() - cpuStart) / 1e9);
      Thread.sleep(TimeUnit.SECONDS.toMillis(settle));

      Timer lateness = registry.get("emulator.network.delay.line.lateness").timer();
      Timer timerLateness = registry.get("emulator.timer.lateness").timer();
      Statistics a = emulation.statistics();
      long[] deliveredA = delivered(emulation);
      HistogramSnapshot lateA = lateness.takeSnapshot();
      HistogramSnapshot timerA = timerLateness.takeSnapshot();
      long gcA = gcMillis();
      long cpuA = os.getProcessCpuTime();
      long wallA = System.nanoTime();
      Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
      long cpuB = os.getProcessCpuTime();
      long wallB = System.nanoTime();
      long gcB = gcMillis();
      Statistics b = emulation.statistics();
      long[] deliveredB = delivered(emulation);
      HistogramSnapshot lateB = lateness.takeSnapshot();
      HistogramSnapshot timerB = timerLateness.takeSnapshot();

      Statistics w = b.minus(a);
      double wall = (wallB - wallA) / 1e9;
      double cpu = (cpuB - cpuA) / 1e9;
      out.put("started", b.registrars() + b.poolElementsRunning() + b.poolUsersRunning());
      out.put("registered", b.poolElementsRegistered());
      out.put("inHandlespaces", b.poolElementsInHandlespaces());
      out.put("wallSeconds", wall);
      out.put("emulatedSeconds", w.windowSeconds());
      out.put("deliveredPerSecond", w.messagesDelivered() / wall);
      // Delivered by protocol: a multicast datagram (the registrars' ASAP_SERVER_ANNOUNCEs) once per member.
      out.put("asapPerSecond", (deliveredB[0] - deliveredA[0]) / wall);
      out.put("enrpPerSecond", (deliveredB[1] - deliveredA[1]) / wall);
      out.put("calcAppPerSecond", (deliveredB[2] - deliveredA[2]) / wall);
      out.put("sentPerSecond", (w.asapPackets() + w.enrpPackets() + w.calcAppPackets()) / wall);
      out.put("lostPerSecond", (w.messagesLost() + w.messagesUnroutable() + w.messagesPartitioned()) / wall);
      out.put("cpuCores", cpu / wall);
      out.put("cpuMicrosPerMessage", w.messagesDelivered() > 0 ? 1e6 * cpu / w.messagesDelivered() : Double.NaN);
      out.put("gcSecondsInWindow", (gcB - gcA) / 1e3);
      out.put("delayLineP50Millis", quantileMillis(lateA, lateB, 0.5));
      out.put("delayLineP99Millis", quantileMillis(lateA, lateB, 0.99));
      out.put("timerP50Millis", quantileMillis(timerA, timerB, 0.5));
      out.put("timerP99Millis", quantileMillis(timerA, timerB, 0.99));
      // Spurious timeouts over the whole run: no component fails, so each is a message that came too late.
      out.put("endpointKeepAliveTimeouts", count(registry, "rserpool.registrar.endpoint.keep.alive.timeouts", null, null));
      out.put("lifetimeExpiries", count(registry, "rserpool.registrar.lifetime.expiries", null, null));
      out.put("sessionKeepAliveTimeouts", count(registry, "rserpool.pool.user.failovers", "cause", "keep-alive-timeout"));
      out.put("sessionTimeoutAborts", count(registry, "rserpool.pool.element.jobs.aborted", "reason", "session-timeout"));
      out.put("unreachableReports", count(registry, "rserpool.registrar.endpoint.unreachables", null, null));
      out.put("overflow", emulation.network().overflowed());
      RunResults r = ResultsCalculator.of(scenario, w);
      out.put("utilization", r.values().get("SystemUtilization"));
      out.put("handlingSpeedPercent", r.values().get("SystemAverageHandlingSpeedPercent"));
      out.put("jobsCompleted", w.jobsCompleted());
      out.put("handleResolutionsPerJob", r.values().get("HandleResolutionsPerRequest"));
      long heapAfter = heapAfterGc();
      out.put("heapBytes", heapAfter);
      out.put("heapBytesPerComponent", (double) (heapAfter - heapBefore) / components);
      long stopStart = System.nanoTime();
      emulation.stop(Duration.ofSeconds(60));
      out.put("stopSeconds", (System.nanoTime() - stopStart) / 1e9);
    }
    System.out.println(RESULT_PREFIX + new ObjectMapper().writeValueAsString(out));
    System.out.flush();
    System.exit(0);
  }

  private static long[] delivered(Emulation emulation) {
    return new long[] {emulation.network().delivered(PayloadProtocol.ASAP), emulation.network().delivered(PayloadProtocol.ENRP),
        emulation.network().delivered(PayloadProtocol.CALCAPP)};
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 2; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long gcMillis() {
    long total = 0;
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) total += Math.max(0, gc.getCollectionTime());
    return total;
  }

  private static double count(MeterRegistry registry, String name, String tag, String value) {
    var search = registry.find(name);
    if (tag != null) search = search.tag(tag, value);
    double sum = 0;
    for (Counter c : search.counters()) sum += c.count();
    return sum;
  }

  /**
   * A quantile of what a histogram recorded between two snapshots, interpolated linearly inside its
   * bucket as Prometheus' histogram_quantile does (ms; the largest bound if beyond it, NaN without samples).
   */
  static double quantileMillis(HistogramSnapshot first, HistogramSnapshot last, double q) {
    CountAtBucket[] before = first.histogramCounts();
    CountAtBucket[] after = last.histogramCounts();
    List<double[]> buckets = new ArrayList<>();
    for (int i = 0; i < after.length; i++) {
      double prior = i < before.length ? before[i].count() : 0;
      buckets.add(new double[] {after[i].bucket(TimeUnit.MILLISECONDS), after[i].count() - prior});
    }
    if (buckets.isEmpty()) return Double.NaN;
    // Micrometer's bucket counts are cumulative (values <= the bound); values beyond the last bound count only in count().
    double total = last.count() - first.count();
    if (total <= 0) return Double.NaN;
    double rank = q * total;
    double lowerBound = 0;
    double lowerCount = 0;
    for (double[] b : buckets) {
      if (b[1] >= rank) {
        double inBucket = b[1] - lowerCount;
        return inBucket <= 0 ? b[0] : lowerBound + (b[0] - lowerBound) * (rank - lowerCount) / inBucket;
      }
      lowerBound = b[0];
      lowerCount = b[1];
    }
    return lowerBound;
  }

  static String describe(int components) {
    int pe = poolElementsPerSite(components);
    return String.format(Locale.ROOT, "3 sites x (2 PRs, %d PEs, %d PUs) = %d components", pe, 10 * pe, 3 * (2 + 11 * pe));
  }
}
