package org.rserpool.emulator.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The image's entry point (docker/entrypoint.sh) run for real, with a stub in place of the JVM: the
 * node name and address a replica of a scaled service takes from its container, the cluster minimum it
 * makes of the worker count, the garbage collector it chooses, and the jar it starts. Under bash and under sh (the script's {@code #!/bin/sh}, dash in
 * the eclipse-temurin image), so that no bash-only construct slips in.
 */
class EntrypointTest {
  static final String SCALED_REPLICA = "5d8e0c2a9f31";
  /** /etc/hosts as Docker writes it for a container on a compose network. */
  static final String HOSTS = """
      127.0.0.1\tlocalhost
      ::1\tlocalhost ip6-localhost ip6-loopback
      172.20.0.4\t5d8e0c2a9f31
      """;

  static Path jarInTheImage() throws Exception {
    Path root = ExternalTool.repositoryRoot();
    Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(Files.readString(root.resolve("emulator/pom.xml")));
    assertTrue(finalName.find(), "emulator/pom.xml names the shaded jar");
    String jar = finalName.group(1) + ".jar";
    Matcher copy = Pattern.compile("(?m)^COPY --from=\\S+ /src/emulator/target/" + Pattern.quote(jar) + " (\\S+)$")
        .matcher(Files.readString(root.resolve("Dockerfile")));
    assertTrue(copy.find(), "the Dockerfile copies " + jar + " from the build stage");
    return Path.of(copy.group(1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash", "sh"})
  void aScaledReplicaIsNamedAndAddressedByItsContainer(String shell) throws Exception {
    Entrypoint.Launch l = Entrypoint.run(shell, SCALED_REPLICA, HOSTS, Map.of());
    assertTrue(l.started(), l.toString());
    assertEquals(SCALED_REPLICA, l.environment().get("EMULATOR_NODE"), "the node label is the container's hostname: " + l);
    assertEquals("172.20.0.4", l.environment().get("EMULATOR_HOST"), "other nodes reach it at its address on the network: " + l);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash", "sh"})
  void aHostnameWithoutAHostsEntryIsItsOwnAddress(String shell) throws Exception {
    Entrypoint.Launch l = Entrypoint.run(shell, "lonely", HOSTS, Map.of());
    assertTrue(l.started(), l.toString());
    assertEquals("lonely", l.environment().get("EMULATOR_NODE"), l.toString());
    assertEquals("lonely", l.environment().get("EMULATOR_HOST"), l.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash", "sh"})
  void aNodeNamedByItsServiceKeepsItsNameAndAddress(String shell) throws Exception {
    Entrypoint.Launch l = Entrypoint.run(shell, SCALED_REPLICA, HOSTS, Map.of("EMULATOR_NODE", "seed", "EMULATOR_HOST", "seed"));
    assertTrue(l.started(), l.toString());
    assertEquals("seed", l.environment().get("EMULATOR_NODE"), l.toString());
    assertEquals("seed", l.environment().get("EMULATOR_HOST"), l.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash", "sh"})
  void theClusterWaitsForTheSeedAndEveryWorker(String shell) throws Exception {
    assertEquals("6", Entrypoint.run(shell, Map.of("EMULATOR_WORKERS", "5")).environment().get("EMULATOR_MIN_NODES"));
    assertEquals("1", Entrypoint.run(shell, Map.of("EMULATOR_WORKERS", "0")).environment().get("EMULATOR_MIN_NODES"), "the seed alone");
    assertEquals("2", Entrypoint.run(shell, Map.of("EMULATOR_WORKERS", "5", "EMULATOR_MIN_NODES", "2")).environment().get("EMULATOR_MIN_NODES"),
        "a minimum given outright wins");
    Entrypoint.Launch alone = Entrypoint.run(shell, Map.of());
    assertTrue(alone.started(), alone.toString());
    assertFalse(alone.environment().containsKey("EMULATOR_MIN_NODES"), "without a worker count, reference.conf's default: " + alone);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash", "sh"})
  void aWorkerCountThatIsNotANumberStopsBeforeTheJvm(String shell) throws Exception {
    for (String bad : List.of("five", "-1", "3 ", "08")) {
      Entrypoint.Launch l = Entrypoint.run(shell, Map.of("EMULATOR_WORKERS", bad));
      assertEquals(64, l.code(), "'" + bad + "': " + l);
      assertTrue(l.javaArguments().isEmpty(), l.toString());
      assertTrue(l.err().contains("EMULATOR_WORKERS must be a number of worker nodes, got '" + bad + "'"), l.toString());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash", "sh"})
  void zgcIsTheDefaultThenJavaOptsThenTheJarAndTheCommandsArguments(String shell) throws Exception {
    String jar = jarInTheImage().toString();
    Entrypoint.Launch l = Entrypoint.run(shell, Map.of("JAVA_OPTS", "-Xmx1g -XX:+UseStringDeduplication"), "--scenario", "/scenarios/default.conf");
    assertTrue(l.started(), l.toString());
    assertEquals(List.of("-XX:+UseZGC", "-Xmx1g", "-XX:+UseStringDeduplication", "-jar", jar, "--scenario", "/scenarios/default.conf"),
        l.javaArguments(), "an option that is not a collector leaves ZGC the default");
    assertEquals(List.of("-XX:+UseZGC", "-jar", jar), Entrypoint.run(shell, Map.of()).javaArguments(), "no JAVA_OPTS, no arguments");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash", "sh"})
  void aCollectorInJavaOptsReplacesZgc(String shell) throws Exception {
    String jar = jarInTheImage().toString();
    for (String gc : List.of("-XX:+UseG1GC", "-XX:+UseParallelGC", "-XX:+UseSerialGC", "-XX:+UseShenandoahGC")) {
      Entrypoint.Launch l = Entrypoint.run(shell, Map.of("JAVA_OPTS", "-Xmx2g " + gc));
      assertTrue(l.started(), l.toString());
      assertEquals(List.of("-Xmx2g", gc, "-jar", jar), l.javaArguments(), gc);
      assertFalse(l.javaArguments().contains("-XX:+UseZGC"), gc + " is the only collector");
    }
  }
}
