package org.rserpool.emulator.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The other JVMs of {@code ./emulate --nodes N}: N-1 worker processes on loopback that join this one
 * in one cluster. Each runs the same emulator with the same options, logs to {@code node-<i>.log},
 * and halts if this process dies (so a killed runner leaves no JVM behind).
 */
final class LocalNodes implements AutoCloseable {
  /** Environment variable naming the runner's PID; a worker halts when that process is gone. */
  static final String PARENT_PID = "EMULATOR_PARENT_PID";

  private final List<Process> processes = new ArrayList<>();

  /** Free TCP ports on loopback, one per node (taken and released at once; a clash shows as a bind error). */
  static int[] freePorts(int count) throws IOException {
    int[] ports = new int[count];
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        sockets.add(s);
        ports[i] = s.getLocalPort();
      }
    } finally {
      for (ServerSocket s : sockets) s.close();
    }
    return ports;
  }

  /**
   * Starts one worker JVM.
   *
   * @param args the emulator's options for it
   * @param log where its output goes
   */
  void start(List<String> args, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      // Memory and GC settings carry over; agents and debuggers do not (ports would clash).
      if (a.startsWith("-X")) command.add(a);
    }
    // java -jar gets the opens from the manifest; -cp needs them on the command line (java-stack.md §5.7).
    for (String pkg : new String[] {"java.base/java.util", "java.base/java.lang", "java.base/java.util.concurrent",
        "java.base/java.util.concurrent.atomic", "java.base/java.math", "java.base/java.lang.invoke", "java.base/java.time",
        "java.base/java.nio", "java.base/sun.nio.ch"}) {
      command.add("--add-opens");
      command.add(pkg + "=ALL-UNNAMED");
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(EmulatorMain.class.getName());
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put(PARENT_PID, String.valueOf(ProcessHandle.current().pid()));
    processes.add(pb.start());
  }

  /** Whether every worker still runs. */
  boolean allAlive() {
    return processes.stream().allMatch(Process::isAlive);
  }

  /** The workers' process IDs. */
  List<Long> pids() {
    return processes.stream().map(Process::pid).toList();
  }

  /** Waits up to {@code seconds} for the workers to end by themselves, then stops the rest (SIGTERM, then SIGKILL). */
  void awaitExit(long seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    for (Process p : processes) {
      try {
        long left = deadline - System.nanoTime();
        if (left > 0) p.waitFor(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    close();
  }

  @Override
  public void close() {
    for (Process p : processes) {
      if (p.isAlive()) p.destroy();
    }
    for (Process p : processes) {
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  /** In a worker: halts this JVM when the runner that started it is gone (killed, or ended without stopping it). */
  static void exitWithParent() {
    String pid = System.getenv(PARENT_PID);
    if (pid == null || pid.isBlank()) return;
    try {
      ProcessHandle.of(Long.parseLong(pid.trim())).ifPresentOrElse(
          p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(3)),
          () -> Runtime.getRuntime().halt(3));
    } catch (NumberFormatException e) {
      // Not started by a runner.
    }
  }

}
