package org.rserpool.emulator.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Cluster nodes started one by one, as docker-compose starts them: plain emulate JVMs configured by EMULATOR_* variables. */
final class HandStartedNodes {
  private HandStartedNodes() {}

  /** A node that waits for {@code minNodes}; log in {@code dir/<name>.log}, results in {@code dir/results-<name>}. */
  static Process node(Path dir, String name, int port, String seeds, int minNodes, String duration, String... args) throws Exception {
    List<String> command = ClusterRunner.javaCommand("-Xmx384m");
    command.addAll(List.of("--duration", duration, "--no-control", "--metrics-port", "0", "--results", dir.resolve("results-" + name).toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
    pb.environment().putAll(Map.of("EMULATOR_CLUSTER_ENABLED", "true", "EMULATOR_NODE", name, "EMULATOR_HOST", "127.0.0.1",
        "EMULATOR_CLUSTER_PORT", String.valueOf(port), "EMULATOR_SEED_NODES", seeds, "EMULATOR_MIN_NODES", String.valueOf(minNodes)));
    return pb.start();
  }

  /** Stops the nodes by PID: SIGTERM, then SIGKILL after a grace period. */
  static void stop(Process... nodes) throws InterruptedException {
    for (Process p : nodes) {
      if (p == null) continue;
      p.destroy();
      if (!p.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
    }
  }
}
