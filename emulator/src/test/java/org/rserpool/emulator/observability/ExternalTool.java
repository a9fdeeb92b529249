package org.rserpool.emulator.observability;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The programs the observability tests run (promtool, prometheus, docker-compose): Debian packages CI
 * installs (.ci/run). A missing one fails the test with the package to install, never skips it: the
 * stack would otherwise ship unchecked.
 */
final class ExternalTool {
  private ExternalTool() {}

  record Result(int code, String out, String err) {
    String both() {
      return out + err;
    }
  }

  /** The tool's path on PATH; fails the test, naming the Debian package, when it is not there. */
  static Path require(String tool, String debianPackage) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) continue;
      Path candidate = Path.of(dir, tool);
      if (Files.isExecutable(candidate)) return candidate;
    }
    return fail(tool + " is not installed (not on PATH): install Debian's " + debianPackage
        + " package (apt-get install " + debianPackage + "; .ci/run installs it)");
  }

  /**
   * Runs a command to its end, feeding it {@code stdin}, and returns its exit code and output. A
   * command still running after {@code timeout} is killed and fails the test.
   */
  static Result run(List<String> command, Path directory, Map<String, String> environment, String stdin, Duration timeout)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(directory.toFile());
    pb.environment().putAll(environment);
    Process p = pb.start();
    try {
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
      try (var in = p.getOutputStream()) {
        if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        fail("did not finish within " + timeout.toSeconds() + " s: " + String.join(" ", command));
      }
      return new Result(p.exitValue(), out.join(), err.join());
    } finally {
      if (p.isAlive()) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read: " + e.getMessage() + ")";
    }
  }

  /** The repository's top folder (the one holding docker-compose.yml), from the module's folder. */
  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("docker-compose.yml")) && Files.isRegularFile(d.resolve("mvnw"))) return d;
    }
    return fail("no docker-compose.yml above " + dir);
  }
}
