package org.rserpool.emulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in the repository's scenarios/ folder is a valid scenario, says what it is for and how
 * to run it, and every run of its sweep grid is a valid scenario too; the default built into the jar
 * is the folder's default.conf with at least 1,000 components.
 */
class ScenariosFolderTest {
  /** Surefire runs in the module's folder; the scenarios sit beside it. */
  private static final Path FOLDER = Path.of("..", "scenarios");

  static Stream<Path> scenarioFiles() throws IOException {
    try (Stream<Path> files = Files.list(FOLDER)) {
      return files.filter(f -> f.toString().endsWith(".conf")).sorted().toList().stream();
    }
  }

  @Test
  void theFolderHoldsTheDefaultAndRspsimsStudies() throws IOException {
    List<String> names = scenarioFiles().map(f -> f.getFileName().toString()).toList();
    assertTrue(names.containsAll(List.of("default.conf", "policy-vs-pu-pe-ratio.conf", "heterogeneous-fast-servers.conf",
        "pe-failures-cookies.conf", "registrar-takeover.conf", "registration-attack.conf")), names.toString());
  }

  @ParameterizedTest
  @MethodSource("scenarioFiles")
  void loadsAndIsDocumented(Path file) throws IOException {
    Scenario s = load(file, Map.of());
    String base = file.getFileName().toString().replaceFirst("\\.conf$", "");
    assertEquals(base, s.name(), file + ": scenario.name is the file's name, so its results folder is found by it");
    String text = Files.readString(file);
    assertTrue(text.startsWith("#"), file + " starts with a header comment");
    String header = text.substring(0, text.indexOf("\nscenario"));
    assertTrue(header.contains("./emulate"), file + ": the header says how to run it");
    assertTrue(s.poolElementCount() > 0 && s.poolUserCount() > 0, file + " has pool elements and users");
  }

  /** Each run of a sweep = the scenario with one grid point's keys set: all of them must load. */
  @ParameterizedTest
  @MethodSource("scenarioFiles")
  void everyRunOfItsSweepIsAValidScenario(Path file) {
    Config raw = ConfigFactory.parseFile(file.toFile());
    if (!raw.hasPath("sweep")) return;
    Config sweep = raw.getConfig("sweep");
    assertTrue(sweep.getInt("replications") >= 1, file + ": sweep.replications");
    List<String> keys = new ArrayList<>();
    List<List<Object>> values = new ArrayList<>();
    for (Config p : sweep.getConfigList("parameters")) {
      keys.add(p.getString("key"));
      List<Object> v = new ArrayList<>();
      for (ConfigValue value : p.getList("values")) v.add(value.unwrapped());
      assertFalse(v.isEmpty(), file + ": " + p.getString("key") + " has values");
      values.add(v);
    }
    assertTrue(keys.contains(sweep.getString("plot.x")), file + ": sweep.plot.x is a swept key");
    if (sweep.hasPath("plot.curves")) assertTrue(keys.contains(sweep.getString("plot.curves")), file + ": sweep.plot.curves is a swept key");
    assertFalse(sweep.getStringList("plot.metrics").isEmpty(), file + ": sweep.plot.metrics");
    int runs = 0;
    for (Map<String, Object> point : grid(keys, values)) {
      Scenario s = load(file, point);
      assertNotNull(s.duration(), file + ": every run of a sweep needs a duration");
      runs++;
    }
    // Finishes in minutes: at most about 12 minutes of run time on any machine (start-up aside).
    Scenario s = load(file, Map.of());
    double realSeconds = runs * sweep.getInt("replications") * s.duration().toNanos() / 1e9 / s.timeScale();
    assertTrue(realSeconds <= 12 * 60, file + ": " + realSeconds + " s of runs");
  }

  @Test
  void theDefaultBuiltIntoTheJarIsTheFoldersDefaultWithAtLeast1000Components() throws IOException {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(ScenarioLoader.DEFAULT_RESOURCE)) {
      assertNotNull(in, ScenarioLoader.DEFAULT_RESOURCE + " is on the class path");
      assertEquals(Files.readString(FOLDER.resolve("default.conf")), new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    Scenario s = ScenarioLoader.loadDefault(Map.of());
    int components = s.registrarCount() + s.poolElementCount() + s.poolUserCount() + s.attackerCount();
    assertTrue(components >= 1000, components + " components");
  }

  private static Scenario load(Path file, Map<String, Object> overrides) {
    try {
      return ScenarioLoader.loadFile(file, overrides);
    } catch (ConfigException e) {
      return fail(file + (overrides.isEmpty() ? "" : " with " + overrides) + ": " + e.getMessage());
    }
  }

  private static List<Map<String, Object>> grid(List<String> keys, List<List<Object>> values) {
    List<Map<String, Object>> points = new ArrayList<>();
    points.add(Map.of());
    for (int i = 0; i < keys.size(); i++) {
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> point : points) {
        for (Object v : values.get(i)) {
          Map<String, Object> p = new HashMap<>(point);
          p.put(keys.get(i), v);
          next.add(p);
        }
      }
      points = next;
    }
    return points;
  }

}
