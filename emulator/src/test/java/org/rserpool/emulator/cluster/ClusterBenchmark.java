package org.rserpool.emulator.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./bench Cluster [components=30000 nodes=3 seconds=60 placement=spread]}: one emulation of that
 * many components on that many local JVMs (emulate --nodes), at time-scale 1, and what the cluster
 * did: cross-node packets per second, delay-line lateness over all nodes, CPU and heap per node, and
 * spurious timeouts (endpoint keep-alive timeouts at registrars and pool-user session failovers, when
 * no component fails: each is a message that came too late). A measurement, not a test.
 */
public final class ClusterBenchmark {
  private ClusterBenchmark() {}

  public static void main(String[] args) throws Exception {
    int components = 30_000;
    int nodes = 3;
    int seconds = 60;
    String placement = "spread";
    for (String a : args) {
      String[] kv = a.split("=", 2);
      if (kv.length != 2) throw new IllegalArgumentException("expected key=value, got " + a);
      switch (kv[0]) {
        case "components" -> components = Integer.parseInt(kv[1]);
        case "nodes" -> nodes = Integer.parseInt(kv[1]);
        case "seconds" -> seconds = Integer.parseInt(kv[1]);
        case "placement" -> placement = kv[1];
        default -> throw new IllegalArgumentException("unknown parameter " + kv[0] + " (components, nodes, seconds, placement)");
      }
    }
    // Three sites of 2 registrars and pool elements : pool users = 1 : 9 (RSPSIM's PU:PE ratio 10 at 80 %).
    int perSite = components / 3;
    int poolElements = Math.max(1, (perSite - 2) / 10);
    int poolUsers = perSite - 2 - poolElements;
    Path dir = Files.createTempDirectory("cluster-bench");
    Path scenario = dir.resolve("bench.conf");
    String site = String.format(Locale.ROOT, "{ registrars = 2, pool-elements = %d, pool-users = %d }", poolElements, poolUsers);
    Files.writeString(scenario, """
        scenario {
          name = "cluster-bench"
          seed = 1
          sites = [ %s, %s, %s ]
          network { lan-delay = 1ms, wan-delay = 10ms }
          workload.target-utilization = 0.8
        }
        """.formatted(site, site, site));
    System.out.printf(Locale.ROOT, "cluster benchmark: %d components (3 sites x (2 PRs, %d PEs, %d PUs)) on %d JVMs, %s, %d s at time-scale 1%n",
        3 * (2 + poolElements + poolUsers), poolElements, poolUsers, nodes, placement, seconds);
    // ZGC, as ./emulate runs it (docs/performance.md, "Multicast fan-out and the garbage collector").
    try (ClusterRunner run = ClusterRunner.startWith(dir, List.of("-XX:+UseZGC"), "--nodes", String.valueOf(nodes), "--placement", placement, "--scenario",
        scenario.toString(), "--duration", seconds + "s", "--no-control")) {
      int code = run.awaitExit(Duration.ofSeconds(seconds * 4L + 180));
      if (code != 0) throw new IllegalStateException("the emulation failed (exit " + code + "):\n" + ClusterRunner.tail(run.log(), 4000));
      JsonNode results = run.resultsJson();
      JsonNode v = results.get("results");
      double measured = v.get("MeasuredDuration").asDouble();
      System.out.printf(Locale.ROOT, "cross-node packets: %d (%.0f/s over %.0f s)%n", v.get("CrossNodePackets").asLong(),
          v.get("CrossNodePackets").asDouble() / measured, measured);
      System.out.printf(Locale.ROOT, "jobs completed: %.0f, utilization %.3f, handling speed %.1f %%%n", v.get("CalcAppPUGlobalJobsCompleted").asDouble(),
          v.get("SystemUtilization").asDouble(), v.get("SystemAverageHandlingSpeedPercent").asDouble());
      System.out.printf(Locale.ROOT, "spurious timeouts: %.0f endpoint keep-alive timeouts, %.0f session failovers (no component failed)%n",
          v.get("RegistrarGlobalEndpointKeepAliveTimeouts").asDouble(), v.get("CalcAppPUGlobalFailovers").asDouble());
      System.out.printf(Locale.ROOT, "%-8s %10s %12s %12s %14s %14s %8s %9s%n", "node", "components", "x-node out", "x-node in", "lateness p50",
          "lateness p99", "CPU s", "heap MiB");
      for (JsonNode n : results.get("nodes")) {
        System.out.printf(Locale.ROOT, "%-8s %10d %12d %12d %11.3f ms %11.3f ms %8.1f %9.0f%n", n.get("node").asText(), n.get("components").asInt(),
            n.get("crossNodePacketsSent").asLong(), n.get("crossNodePacketsReceived").asLong(), n.get("latenessP50Seconds").asDouble() * 1000,
            n.get("latenessP99Seconds").asDouble() * 1000, n.get("cpuSeconds").asDouble(), n.get("heapUsedBytes").asDouble() / (1 << 20));
      }
      System.out.println("results: " + run.results);
    }
  }
}
