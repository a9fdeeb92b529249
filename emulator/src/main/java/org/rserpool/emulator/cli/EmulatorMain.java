package org.rserpool.emulator.cli;

import com.typesafe.config.ConfigException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.rserpool.emulator.control.ControlServer;
import org.rserpool.emulator.control.ControlSettings;
import org.rserpool.emulator.metrics.MetricsEndpoint;
import org.rserpool.emulator.results.ResultsCalculator;
import org.rserpool.emulator.results.ResultsFolder;
import org.rserpool.emulator.results.ResultsWriter;
import org.rserpool.emulator.results.SummaryTable;
import org.rserpool.emulator.runtime.Emulation;
import org.rserpool.emulator.runtime.Statistics;
import org.rserpool.emulator.scenario.Scenario;
import org.rserpool.emulator.scenario.ScenarioLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./emulate}: runs a scenario, shows its progress, and prints a summary when it ends or on Ctrl-C. */
@Command(
    name = "emulate",
    mixinStandardHelpOptions = true,
    versionProvider = EmulatorMain.Version.class,
    description = {
      "Runs an RSerPool emulation: registrars, pool elements and pool users exchanging ASAP messages over an",
      "emulated network. Without --scenario it runs the built-in default scenario until stopped (Ctrl-C)."
    },
    subcommands = {DecodeCommand.class, SweepCommand.class, ControlCommand.class},
    sortOptions = false)
public final class EmulatorMain implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(EmulatorMain.class);
  static final int EXIT_BAD_INPUT = 2;

  @Option(names = "--scenario", paramLabel = "FILE", description = "Scenario file (HOCON). Default: the built-in scenarios/default.conf.")
  Path scenarioFile;

  @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
      description = "Emulated run time, e.g. 30s, 10m, 1.5h. Default: the scenario's (the default scenario runs until stopped).")
  Duration duration;

  @Option(names = "--warm-up", paramLabel = "D", converter = DurationConverter.class,
      description = "Emulated time after which the statistics are reset; the results cover the rest of the run (RSPSIM's warm-up).")
  Duration warmUp;

  @Option(names = "--time-scale", paramLabel = "X", description = "Emulated seconds per real second, e.g. 10 runs ten times faster than real time.")
  Double timeScale;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of all random choices (overrides the scenario's).")
  Long seed;

  @Option(names = "--capture", paramLabel = "FILE",
      description = "Write the emulated traffic (ASAP, ENRP, CalcApp) to a pcap file for Wireshark.")
  Path capture;

  @Option(names = "--results", paramLabel = "DIR",
      description = "Folder for the results (results.json, results.csv, summary.txt, scenario.conf). Default: results/<scenario>/<timestamp>.")
  Path results;

  @Option(names = "--metrics-port", paramLabel = "PORT", description = "Port of the Prometheus endpoint /metrics (default 9464; 0 = any free port).")
  Integer metricsPort;

  @Option(names = "--control-port", paramLabel = "PORT",
      description = "Port of the REST control endpoint (default 8080; 0 = any free port, printed at start).")
  Integer controlPort;

  @Option(names = "--control-host", paramLabel = "HOST",
      description = "Address of the REST control endpoint (default 127.0.0.1; any other needs --control-token).")
  String controlHost;

  @Option(names = "--control-token", paramLabel = "TOKEN",
      description = "Bearer token every control request must carry (or EMULATOR_CONTROL_TOKEN); needed off loopback.")
  String controlToken;

  @Option(names = "--no-control", negatable = false, description = "Do not start the REST control endpoint.")
  boolean noControl;

  @Option(names = "--nodes", paramLabel = "N",
      description = "Run the emulation on N local JVMs that form one Akka cluster (metrics ports 9464+i, REST control on this one).")
  Integer nodes;

  @Option(names = "--placement", paramLabel = "MODE",
      description = "On a cluster: by-site (a site per node, the default) or spread (every site over all nodes).")
  String placement;

  // The worker JVMs of --nodes: set by the runner, not by users.
  @Option(names = "--cluster-worker", hidden = true)
  boolean clusterWorker;

  @Option(names = "--cluster-node", hidden = true)
  String clusterNode;

  @Option(names = "--cluster-port", hidden = true)
  Integer clusterPort;

  @Option(names = "--cluster-seeds", hidden = true)
  String clusterSeeds;

  @Option(names = "--cluster-min-nodes", hidden = true)
  Integer clusterMinNodes;

  private final PrintStream out;
  private final PrintStream err;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch summaryPrinted = new CountDownLatch(1);

  EmulatorMain(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  public static void main(String[] args) {
    EmulatorMain main = new EmulatorMain(System.out, System.err);
    int code = new CommandLine(main).execute(args);
    // Stopped by a signal: the JVM is already shutting down, and System.exit would block forever.
    if (main.stopRequested.getCount() == 0) return;
    System.exit(code);
  }

  @Override
  public Integer call() throws Exception {
    Scenario scenario;
    Map<String, Object> overrides = new HashMap<>();
    try {
      if (duration != null) overrides.put("scenario.duration", duration.toNanos() + "ns");
      if (warmUp != null) overrides.put("scenario.warm-up", warmUp.toNanos() + "ns");
      if (timeScale != null) overrides.put("scenario.time-scale", timeScale);
      if (seed != null) overrides.put("scenario.seed", seed);
      if (metricsPort != null) overrides.put("rserpool.metrics.port", metricsPort);
      if (capture != null) overrides.put("rserpool.network.capture", capture.toString());
      if (placement != null) overrides.put("scenario.cluster.placement", placement);
      if (nodes != null && (nodes < 1 || nodes > 64)) throw new IllegalArgumentException("--nodes must be 1..64, got " + nodes);
      if (clusterWorker) {
        overrides.putAll(clusterOverrides(clusterNode, clusterPort, clusterSeeds, clusterMinNodes));
      } else if (nodes != null && nodes > 1) {
        clusterPorts = LocalNodes.freePorts(nodes);
        overrides.putAll(clusterOverrides("node-1", clusterPorts[0], "127.0.0.1:" + clusterPorts[0], nodes));
        if (capture != null) overrides.put("rserpool.network.capture", perNode(capture, "node-1").toString());
      }
      scenario = scenarioFile == null ? ScenarioLoader.loadDefault(overrides) : ScenarioLoader.loadFile(scenarioFile, overrides);
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("emulate: bad scenario: " + e.getMessage());
      return EXIT_BAD_INPUT;
    } catch (java.io.IOException e) {
      err.println("emulate: no free ports for the cluster: " + e.getMessage());
      return 1;
    }
    double capacity = scenario.poolElement().capacity();
    ControlSettings controlSettings;
    try {
      controlSettings = ControlSettings.fromConfig(scenario.config());
      if (noControl) controlSettings = controlSettings.withEnabled(false);
      if (controlHost != null) controlSettings = controlSettings.withHost(controlHost);
      if (controlPort != null) controlSettings = controlSettings.withPort(controlPort);
      if (controlToken != null) controlSettings = controlSettings.withToken(controlToken);
      if (controlSettings.enabled()) controlSettings.check();
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("emulate: control endpoint: " + e.getMessage());
      return EXIT_BAD_INPUT;
    }

    if (clusterWorker || clusterPorts != null || scenario.config().getBoolean("rserpool.cluster.enabled")) {
      return runCluster(scenario, overrides, controlSettings);
    }
    OffsetDateTime started = OffsetDateTime.now();
    long startReal = System.nanoTime();
    Emulation emulation;
    try {
      emulation = Emulation.start(scenario);
    } catch (UncheckedIOException e) {
      err.println("emulate: " + e.getMessage());
      return EXIT_BAD_INPUT;
    }
    MetricsEndpoint metrics;
    try {
      metrics = MetricsEndpoint.start(emulation.registry(),
          scenario.config().getString("rserpool.metrics.host"), scenario.config().getInt("rserpool.metrics.port"));
    } catch (RuntimeException e) {
      err.println("emulate: " + e.getMessage() + " (choose another with --metrics-port)");
      emulation.stop(Duration.ofSeconds(10));
      return EXIT_BAD_INPUT;
    }
    ControlServer control = null;
    if (controlSettings.enabled()) {
      try {
        control = ControlServer.start(emulation, controlSettings, () -> new ResultsWriter.Run(scenario, scenarioFile, overrides, started,
            (System.nanoTime() - startReal) / 1e9));
        LOG.info("control API on http://{}:{}/api (OpenAPI document: /api/openapi.yaml){}", controlSettings.host(), control.port(),
            controlSettings.token().isEmpty() ? "" : "; requests need the bearer token");
      } catch (RuntimeException e) {
        err.println("emulate: control endpoint: " + e.getMessage() + " (choose another with --control-port, 0 = any free port, or --no-control)");
        metrics.close();
        emulation.stop(Duration.ofSeconds(10));
        return EXIT_BAD_INPUT;
      }
    }
    Thread hook = new Thread(this::onSignal, "emulate-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    LOG.info("scenario '{}': {} registrars, {} pool elements, {} pool users; time-scale {}; {}; metrics on http://{}:{}/metrics",
        scenario.name(), scenario.registrarCount(), scenario.poolElementCount(), scenario.poolUserCount(), scenario.timeScale(),
        scenario.runsUntilStopped() ? "until stopped (Ctrl-C)" : "for " + SummaryTable.clock(scenario.duration().toMillis() / 1000.0),
        scenario.config().getString("rserpool.metrics.host"), metrics.port());
    try (ProgressReporter progress = new ProgressReporter(scenario, System.console() != null, err)) {
      while (!emulation.finished() && !stopRequested.await(200, TimeUnit.MILLISECONDS)) {
        progress.update(emulation.statistics());
      }
      progress.update(emulation.statistics());
    }
    double realSeconds = (System.nanoTime() - startReal) / 1e9;
    Statistics window = emulation.windowStatistics();
    String summary = SummaryTable.format(scenario, window, realSeconds, capacity);
    out.println();
    out.print(summary);
    out.flush();
    int code = 0;
    try {
      Path folder = ResultsFolder.create(results, scenario.name(), started.toLocalDateTime());
      ResultsWriter.write(folder, new ResultsWriter.Run(scenario, scenarioFile, overrides, started, realSeconds),
          ResultsCalculator.of(scenario, window), summary);
      out.println("Results: " + folder);
    } catch (UncheckedIOException e) {
      err.println("emulate: " + e.getMessage());
      code = 1;
    }
    try {
      // The control API first, while its actor system runs: its event streams end cleanly for the
      // clients that follow them, instead of being cut when the system stops.
      if (control != null) control.close();
      emulation.stop(Duration.ofSeconds(20));
      emulation.capture().ifPresent(c -> out.println("Capture: " + c.written() + " packets in " + c.file()));
    } finally {
      metrics.close();
      summaryPrinted.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C arrived meanwhile; the hook is already waiting for summaryPrinted.
      }
    }
    return code;
  }

  /** The cluster ports of --nodes (null without). */
  private int[] clusterPorts;

  static Map<String, Object> clusterOverrides(String node, Integer port, String seeds, Integer minNodes) {
    Map<String, Object> o = new HashMap<>();
    o.put("rserpool.cluster.enabled", true);
    o.put("rserpool.cluster.host", "127.0.0.1");
    if (node != null) o.put("rserpool.node", node);
    if (port != null) o.put("rserpool.cluster.port", port);
    if (seeds != null) o.put("rserpool.cluster.seed-nodes", seeds);
    if (minNodes != null) o.put("rserpool.cluster.min-nodes", minNodes);
    return o;
  }

  /** capture.pcap becomes capture-node-2.pcap: one capture file per node. */
  static Path perNode(Path file, String node) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String each = dot > 0 ? name.substring(0, dot) + "-" + node + name.substring(dot) : name + "-" + node;
    return file.resolveSibling(each);
  }

  /** One node of a cluster; with --nodes N also the N-1 others, as worker JVMs on loopback. */
  private int runCluster(Scenario scenario, Map<String, Object> overrides, ControlSettings controlSettings) throws Exception {
    Thread hook = new Thread(this::onSignal, "emulate-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    LocalNodes children = null;
    Path folder = results;
    try {
      if (clusterWorker) {
        LocalNodes.exitWithParent();
      } else if (clusterPorts != null) {
        folder = org.rserpool.emulator.results.ResultsFolder.create(results, scenario.name(), java.time.LocalDateTime.now());
        children = new LocalNodes();
        int metricsBase = scenario.config().getInt("rserpool.metrics.port");
        for (int i = 1; i < clusterPorts.length; i++) {
          String node = "node-" + (i + 1);
          List<String> args = new ArrayList<>();
          if (scenarioFile != null) args.addAll(List.of("--scenario", scenarioFile.toAbsolutePath().toString()));
          if (duration != null) args.addAll(List.of("--duration", duration.toNanos() + "ns"));
          if (warmUp != null) args.addAll(List.of("--warm-up", warmUp.toNanos() + "ns"));
          if (timeScale != null) args.addAll(List.of("--time-scale", String.valueOf(timeScale)));
          if (seed != null) args.addAll(List.of("--seed", String.valueOf(seed)));
          if (placement != null) args.addAll(List.of("--placement", placement));
          if (capture != null) args.addAll(List.of("--capture", perNode(capture, node).toAbsolutePath().toString()));
          args.addAll(List.of("--metrics-port", String.valueOf(metricsBase == 0 ? 0 : metricsBase + i), "--no-control", "--cluster-worker",
              "--cluster-node", node, "--cluster-port", String.valueOf(clusterPorts[i]),
              "--cluster-seeds", "127.0.0.1:" + clusterPorts[0], "--cluster-min-nodes", String.valueOf(clusterPorts.length)));
          children.start(args, folder.resolve(node + ".log"));
        }
        LOG.info("started {} more emulator JVMs (pids {}), logs in {}", clusterPorts.length - 1, children.pids(), folder);
      }
      return new ClusterRun(scenario, scenarioFile, overrides, controlSettings, clusterWorker, folder, out, err, stopRequested, children).run();
    } finally {
      if (children != null) children.close();
      summaryPrinted.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C arrived meanwhile.
      }
    }
  }

  /** Ctrl-C: let the main thread print the summary and stop the emulation before the JVM goes. */
  private void onSignal() {
    stopRequested.countDown();
    try {
      summaryPrinted.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = EmulatorMain.class.getPackage().getImplementationVersion();
      return new String[] {"RSerPool emulator " + (v == null ? "(development build)" : v)};
    }
  }
}
