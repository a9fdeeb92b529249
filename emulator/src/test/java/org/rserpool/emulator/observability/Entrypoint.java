package org.rserpool.emulator.observability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * docker/entrypoint.sh run outside a container: with a stub {@code java} first on PATH that prints the
 * arguments and the {@code EMULATOR_*} environment it was started with, and the container's hostname
 * and hosts file replaced by files of the test's (EMULATOR_HOSTNAME_FILE, EMULATOR_HOSTS_FILE). The
 * environment is only what the caller gives (env -i): a variable of the developer's shell cannot
 * change what the script decides.
 */
final class Entrypoint {
  private Entrypoint() {}

  /** What the stub java saw, or the script's exit code and error output when it did not get there. */
  record Launch(int code, List<String> javaArguments, Map<String, String> environment, String err) {
    boolean started() {
      return code == 0 && !javaArguments.isEmpty();
    }

    @Override
    public String toString() {
      return "exit " + code + ", java " + javaArguments + ", " + environment + (err.isEmpty() ? "" : ", stderr: " + err);
    }
  }

  /** Prints one line per argument, then the EMULATOR_* variables; the entry point execs it in place of the JVM. */
  static final String STUB_JAVA = """
      #!/bin/sh
      for a in "$@"; do printf 'arg %s\\n' "$a"; done
      env | grep '^EMULATOR_' | sed 's/^/env /'
      """;

  /** The script under {@code shell} with a hostname that is in no hosts file entry. */
  static Launch run(String shell, Map<String, String> environment, String... arguments) throws Exception {
    return run(shell, "test-host", "127.0.0.1\tlocalhost\n", environment, arguments);
  }

  static Launch run(String shell, String hostname, String hosts, Map<String, String> environment, String... arguments) throws Exception {
    Path root = ExternalTool.repositoryRoot();
    Path dir = Files.createTempDirectory("entrypoint-test");
    try {
      Path bin = Files.createDirectory(dir.resolve("bin"));
      Path java = bin.resolve("java");
      Files.writeString(java, STUB_JAVA);
      Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
      Path hostnameFile = Files.writeString(dir.resolve("hostname"), hostname + "\n");
      Path hostsFile = Files.writeString(dir.resolve("hosts"), hosts);

      List<String> command = new ArrayList<>(List.of("env", "-i", "PATH=" + bin + ":/usr/bin:/bin",
          "EMULATOR_HOSTNAME_FILE=" + hostnameFile, "EMULATOR_HOSTS_FILE=" + hostsFile));
      environment.forEach((k, v) -> command.add(k + "=" + v));
      command.add(shell);
      command.add(root.resolve("docker/entrypoint.sh").toString());
      command.addAll(List.of(arguments));
      ExternalTool.Result r = ExternalTool.run(command, dir, Map.of(), null, Duration.ofSeconds(30));

      List<String> javaArguments = new ArrayList<>();
      Map<String, String> seen = new TreeMap<>();
      for (String line : r.out().lines().toList()) {
        if (line.startsWith("arg ")) javaArguments.add(line.substring(4));
        else if (line.startsWith("env ")) {
          String kv = line.substring(4);
          int eq = kv.indexOf('=');
          seen.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
      }
      // The test's own file locations are not what the script decided.
      seen.remove("EMULATOR_HOSTNAME_FILE");
      seen.remove("EMULATOR_HOSTS_FILE");
      return new Launch(r.code(), javaArguments, seen, r.err());
    } finally {
      delete(dir);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
