package org.rserpool.emulator.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rserpool.emulator.cli.EmulatorMain;

/**
 * {@code emulate --nodes N} as a user runs it, in a real JVM on 127.0.0.1 that starts the other
 * nodes' JVMs: started with this test JVM's class path, watched through its log and its REST control
 * endpoint, and stopped with every JVM it started by PID (kill -9 if need be) when the test ends.
 */
public final class ClusterRunner implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CONTROL = Pattern.compile("control API on http://127\\.0\\.0\\.1:(\\d+)/api");
  private static final Pattern PIDS = Pattern.compile("started \\d+ more emulator JVMs \\(pids \\[([0-9, ]+)]\\)");

  final Path dir;
  final Path results;
  final Path out;
  final Path err;
  private final Process process;
  private final List<ProcessHandle> started = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private int controlPort = -1;

  private ClusterRunner(Path dir, List<String> jvmOptions, List<String> args) throws IOException {
    this.dir = dir;
    this.results = dir.resolve("results");
    this.out = dir.resolve("runner.out");
    this.err = dir.resolve("runner.err");
    List<String> command = javaCommand("-Xmx768m");
    command.addAll(1, jvmOptions);
    command.addAll(args);
    command.addAll(List.of("--results", results.toString(), "--control-port", "0"));
    if (!args.contains("--metrics-port")) command.addAll(List.of("--metrics-port", "0"));
    this.process = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    started.add(process.toHandle());
  }

  /**
   * {@code java ... EmulatorMain} as a user's JVM runs it: this JVM's --add-opens (Surefire's argLine,
   * pom.xml jvm.opens: Kryo needs them), the emulator's own class path.
   */
  public static List<String> javaCommand(String... jvmOptions) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(List.of(jvmOptions));
    List<String> jvm = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
    for (int i = 0; i < jvm.size(); i++) {
      if (jvm.get(i).startsWith("--add-opens=")) command.add(jvm.get(i));
      else if (jvm.get(i).equals("--add-opens") && i + 1 < jvm.size()) command.addAll(List.of(jvm.get(i), jvm.get(++i)));
    }
    command.addAll(List.of("-cp", mainClassPath(), EmulatorMain.class.getName()));
    return command;
  }

  /**
   * The emulator's own class path, as a user's JVM has it: this test JVM's without the test classes
   * (their logback-test.xml and application.conf are for tests in this JVM).
   */
  static String mainClassPath() {
    String full = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> kept = new ArrayList<>();
    for (String entry : full.split(java.io.File.pathSeparator)) {
      if (!entry.endsWith("test-classes") && !entry.endsWith("test-classes/") && !entry.endsWith("-tests.jar")) kept.add(entry);
    }
    return String.join(java.io.File.pathSeparator, kept);
  }

  static ClusterRunner start(Path dir, String... args) throws IOException {
    return new ClusterRunner(dir, List.of(), List.of(args));
  }

  /** The same with JVM options (the first node's; the others copy them, as {@code --nodes} does). */
  static ClusterRunner startWith(Path dir, List<String> jvmOptions, String... args) throws IOException {
    return new ClusterRunner(dir, jvmOptions, List.of(args));
  }

  String log() {
    try {
      return Files.readString(err, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  String output() {
    try {
      return Files.readString(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** The log of worker node {@code node} (node-2, ...). */
  String nodeLog(String node) throws IOException {
    return Files.readString(results.resolve(node + ".log"), StandardCharsets.UTF_8);
  }

  /** Waits (bounded) until {@code condition} holds; fails with {@code what} and the log's tail otherwise. */
  void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        fail(what + " within " + timeout.toSeconds() + " s; runner log ends:\n" + tail(log(), 3000) + "\noutput:\n" + tail(output(), 2000));
      }
      if (!process.isAlive()) {
        fail(what + ": the runner ended (exit " + process.exitValue() + "); log ends:\n" + tail(log(), 3000) + "\noutput:\n" + tail(output(), 2000));
      }
      Thread.sleep(250);
    }
  }

  /** The worker JVMs' PIDs in node order (node-2, node-3, ...), once the runner has started them. */
  List<Long> workerPids() throws InterruptedException {
    await("the runner starts the other nodes", Duration.ofSeconds(60), () -> PIDS.matcher(log()).find());
    Matcher m = PIDS.matcher(log());
    assertTrue(m.find());
    List<Long> pids = new ArrayList<>();
    for (String p : m.group(1).split(",\\s*")) {
      long pid = Long.parseLong(p.trim());
      pids.add(pid);
      ProcessHandle.of(pid).ifPresent(started::add);
    }
    return pids;
  }

  /** The REST control port, once the cluster has formed and the plan arrived. */
  int controlPort() throws InterruptedException {
    if (controlPort < 0) {
      await("the cluster forms and the control API starts", Duration.ofSeconds(90), () -> CONTROL.matcher(log()).find());
      Matcher m = CONTROL.matcher(log());
      assertTrue(m.find());
      controlPort = Integer.parseInt(m.group(1));
    }
    return controlPort;
  }

  /** GET on the control API; null if it does not answer 200. */
  JsonNode get(String path) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPort() + path))
          .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** POST with a JSON body on the control API: the status and the body. */
  JsonNode post(String path, String body, int expectedStatus) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPort() + path))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != expectedStatus) fail("POST " + path + ": " + r.statusCode() + " " + r.body());
    return JSON.readTree(r.body());
  }

  int delete(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPort() + path)).timeout(Duration.ofSeconds(10))
        .DELETE().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  /** A node's /metrics text; "" if it does not answer. */
  String metrics(int port) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10)).GET().build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** A base port with the next {@code count - 1} ports free too (the metrics ports of --nodes are base + i). */
  static int freePortRun(int count) throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base;
      try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        base = s.getLocalPort();
      }
      if (base + count > 65535) continue;
      boolean free = true;
      for (int i = 1; i < count && free; i++) {
        try (java.net.ServerSocket s = new java.net.ServerSocket(base + i, 1, java.net.InetAddress.getLoopbackAddress())) {
          // free
        } catch (IOException taken) {
          free = false;
        }
      }
      if (free) return base;
    }
    throw new IOException("no run of " + count + " free ports");
  }

  /** Waits (bounded) for the runner to end and returns its exit code. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) fail("the runner did not end within " + timeout.toSeconds() + " s");
    return process.exitValue();
  }

  JsonNode resultsJson() throws IOException {
    return JSON.readTree(results.resolve("results.json").toFile());
  }

  static String tail(String s, int chars) {
    return s.length() <= chars ? s : s.substring(s.length() - chars);
  }

  /** Stops every JVM of the run: the runner and the workers, by PID, SIGKILL after a grace period. */
  @Override
  public void close() {
    List<ProcessHandle> all = new ArrayList<>(started);
    process.toHandle().descendants().forEach(all::add);
    for (ProcessHandle p : all) p.destroy();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    for (ProcessHandle p : all) {
      try {
        long left = end - System.nanoTime();
        if (left > 0) p.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        // Killed below.
      }
      if (p.isAlive()) p.destroyForcibly();
    }
  }
}
