package org.rserpool.emulator.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.rserpool.emulator.cluster.ClusterNode;
import org.rserpool.emulator.cluster.ClusterResults;
import org.rserpool.emulator.cluster.NodeReport;
import org.rserpool.emulator.control.ControlServer;
import org.rserpool.emulator.control.ControlSettings;
import org.rserpool.emulator.metrics.MetricsEndpoint;
import org.rserpool.emulator.results.ResultsCalculator;
import org.rserpool.emulator.results.ResultsFolder;
import org.rserpool.emulator.results.ResultsWriter;
import org.rserpool.emulator.results.RunResults;
import org.rserpool.emulator.results.SummaryTable;
import org.rserpool.emulator.runtime.Emulation;
import org.rserpool.emulator.scenario.Scenario;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of an emulation on a cluster, run from the command line: it joins, waits for the plan,
 * serves metrics (and, unless it is a worker of {@code --nodes}, the REST control), and at the end the
 * node the coordinator names writes the one set of results, with the per-node table.
 */
final class ClusterRun {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterRun.class);

  /** How long a node waits for the plan before it gives up (the other nodes did not come). */
  static final Duration PLAN_TIMEOUT = Duration.ofMinutes(3);

  private final Scenario scenario;
  private final Path scenarioFile;
  private final Map<String, Object> overrides;
  private final ControlSettings control;
  private final boolean worker;
  private final Path resultsOption;
  private final PrintStream out;
  private final PrintStream err;
  private final CountDownLatch stopRequested;
  private final LocalNodes children;

  ClusterRun(Scenario scenario, Path scenarioFile, Map<String, Object> overrides, ControlSettings control, boolean worker,
      Path resultsOption, PrintStream out, PrintStream err, CountDownLatch stopRequested, LocalNodes children) {
    this.scenario = scenario;
    this.scenarioFile = scenarioFile;
    this.overrides = overrides;
    this.control = control;
    this.worker = worker;
    this.resultsOption = resultsOption;
    this.out = out;
    this.err = err;
    this.stopRequested = stopRequested;
    this.children = children;
  }

  int run() throws InterruptedException {
    OffsetDateTime started = OffsetDateTime.now();
    long startReal = System.nanoTime();
    ClusterNode node;
    try {
      node = ClusterNode.start(scenario);
    } catch (RuntimeException e) {
      err.println("emulate: cannot start the cluster node: " + e.getMessage());
      return EmulatorMain.EXIT_BAD_INPUT;
    }
    MetricsEndpoint metrics = null;
    ControlServer controlServer = null;
    try {
      try {
        metrics = MetricsEndpoint.start(node.registry(), scenario.config().getString("rserpool.metrics.host"),
            scenario.config().getInt("rserpool.metrics.port"));
      } catch (RuntimeException e) {
        err.println("emulate: " + e.getMessage() + " (choose another with --metrics-port)");
        return EmulatorMain.EXIT_BAD_INPUT;
      }
      String name = scenario.config().getString("rserpool.node");
      LOG.info("cluster node {} on {}:{}, waiting for {} nodes; metrics on http://{}:{}/metrics", name, node.settings().host(),
          node.settings().port(), node.settings().minNodes(), scenario.config().getString("rserpool.metrics.host"), metrics.port());
      Emulation emulation = awaitPlan(node);
      if (emulation == null) return 1;
      if (!worker && control.enabled()) {
        try {
          controlServer = ControlServer.start(emulation, control, () -> new ResultsWriter.Run(scenario, scenarioFile, overrides, started,
              (System.nanoTime() - startReal) / 1e9));
          LOG.info("control API on http://{}:{}/api (this node's counters; components and faults of the whole cluster)", control.host(),
              controlServer.port());
        } catch (RuntimeException e) {
          err.println("emulate: control endpoint: " + e.getMessage() + " (choose another with --control-port, 0 = any free port, or --no-control)");
        }
      }
      ClusterResults results = awaitResults(node, emulation);
      if (results == null) return 1;
      double realSeconds = (System.nanoTime() - startReal) / 1e9;
      if (worker || results.writer() != node.index()) {
        out.println("node " + name + ": emulation over; results written by node " + results.nodes().stream()
            .filter(r -> r.index() == results.writer()).map(NodeReport::node).findFirst().orElse("?"));
        return 0;
      }
      return write(results, started, realSeconds);
    } finally {
      if (controlServer != null) controlServer.close();
      node.close();
      if (metrics != null) metrics.close();
      if (children != null) children.awaitExit(30);
    }
  }

  private Emulation awaitPlan(ClusterNode node) throws InterruptedException {
    long deadline = System.nanoTime() + PLAN_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        return node.emulation().get(200, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (stopRequested.getCount() == 0) return null;
        if (children != null && !children.allAlive()) {
          err.println("emulate: a node JVM ended before the cluster formed; see node-*.log in the results folder");
          return null;
        }
      } catch (ExecutionException e) {
        err.println("emulate: the cluster refused this node: " + e.getCause().getMessage());
        return null;
      }
    }
    err.println("emulate: no plan after " + PLAN_TIMEOUT.toMinutes() + " minutes: fewer than " + node.settings().minNodes()
        + " nodes joined (check rserpool.cluster.seed-nodes / EMULATOR_SEED_NODES)");
    return null;
  }

  private ClusterResults awaitResults(ClusterNode node, Emulation emulation) throws InterruptedException {
    boolean asked = false;
    long askedAt = 0;
    try (ProgressReporter progress = worker ? null : new ProgressReporter(scenario, System.console() != null, err)) {
      while (true) {
        try {
          return node.results().get(200, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          if (progress != null) progress.update(emulation.statistics());
          if (stopRequested.getCount() == 0 && !asked) {
            node.endNow();
            asked = true;
            askedAt = System.nanoTime();
          }
          if (asked && System.nanoTime() - askedAt > TimeUnit.SECONDS.toNanos(30)) {
            err.println("emulate: no results from the cluster within 30 s of the stop");
            return null;
          }
        } catch (ExecutionException e) {
          err.println("emulate: " + e.getCause().getMessage());
          return null;
        }
      }
    }
  }

  private int write(ClusterResults results, OffsetDateTime started, double realSeconds) {
    RunResults single = ResultsCalculator.of(scenario, results.total());
    Map<String, Double> values = new LinkedHashMap<>(single.values());
    values.put("Nodes", (double) results.nodeCount());
    values.put("NodeFailures", (double) results.nodeFailures());
    values.put("CrossNodePackets", (double) results.crossNodePackets());
    RunResults all = new RunResults(single.scenario(), single.seed(), values);
    String summary = SummaryTable.format(scenario, results.total(), realSeconds, scenario.poolElement().capacity()) + nodesTable(results);
    out.println();
    out.print(summary);
    out.flush();
    List<Map<String, Object>> nodes = new ArrayList<>();
    for (NodeReport r : results.nodes()) {
      Map<String, Object> n = new LinkedHashMap<>();
      n.put("node", r.node());
      n.put("components", r.components());
      n.put("packetsSent", r.packetsSent());
      n.put("packetsDelivered", r.packetsDelivered());
      n.put("crossNodePacketsSent", r.crossNodeSent());
      n.put("crossNodePacketsReceived", r.crossNodeReceived());
      n.put("packetsToLostNodes", r.toLostNodes());
      n.put("latenessP50Seconds", r.latenessP50Seconds());
      n.put("latenessP99Seconds", r.latenessP99Seconds());
      n.put("cpuSeconds", r.cpuSeconds());
      n.put("heapUsedBytes", r.heapUsedBytes());
      n.put("kryoMessagesSerialized", r.kryoSerialized());
      n.put("kryoMessagesDeserialized", r.kryoDeserialized());
      nodes.add(n);
    }
    try {
      Path folder = ResultsFolder.create(resultsOption, scenario.name(), started.toLocalDateTime());
      ResultsWriter.write(folder, new ResultsWriter.Run(scenario, scenarioFile, overrides, started, realSeconds), all, summary, nodes);
      out.println("Results: " + folder);
      return 0;
    } catch (UncheckedIOException e) {
      err.println("emulate: " + e.getMessage());
      return 1;
    }
  }

  static String nodesTable(ClusterResults results) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%nNodes: %d (%d lost); cross-node packets: %d%n", results.nodeCount(), results.nodeFailures(),
        results.crossNodePackets()));
    b.append(String.format(Locale.ROOT, "  %-10s %10s %12s %12s %12s %12s %12s %8s%n", "node", "components", "sent", "delivered",
        "x-node out", "x-node in", "lateness p99", "CPU s"));
    for (NodeReport r : results.nodes()) {
      b.append(String.format(Locale.ROOT, "  %-10s %10d %12d %12d %12d %12d %9.2f ms %8.1f%n", r.node(), r.components(), r.packetsSent(),
          r.packetsDelivered(), r.crossNodeSent(), r.crossNodeReceived(), r.latenessP99Seconds() * 1000, r.cpuSeconds()));
    }
    return b.toString();
  }
}
