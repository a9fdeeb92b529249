package org.rserpool.emulator.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Prometheus' own checker on the compose stack's files: the configuration (with the rule file it
 * names), the alert rules, and their unit tests (metrics/prometheus/rules.test.yml). {@code promtool
 * check metrics} on a live /metrics is in {@link PrometheusLiveTest}.
 */
class PromtoolTest {
  static Path promtool;
  static Path dir;

  @BeforeAll
  static void locate() {
    promtool = ExternalTool.require("promtool", "prometheus");
    dir = ExternalTool.repositoryRoot().resolve("metrics/prometheus");
  }

  static ExternalTool.Result promtool(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of(promtool.toString()));
    command.addAll(List.of(arguments));
    return ExternalTool.run(command, dir, Map.of(), null, Duration.ofSeconds(60));
  }

  @Test
  void theConfigurationAndTheRuleFileItNamesAreValid() throws Exception {
    ExternalTool.Result r = promtool("check", "config", "prometheus.yml");
    assertEquals(0, r.code(), r.both());
    assertTrue(r.both().contains("SUCCESS: prometheus.yml is valid"), r.both());
    assertTrue(r.both().contains("SUCCESS: 1 rule files found"), "the configuration loads rules.yml: " + r.both());
  }

  @Test
  void theAlertRulesAreValid() throws Exception {
    ExternalTool.Result r = promtool("check", "rules", "rules.yml");
    assertEquals(0, r.code(), r.both());
    assertTrue(r.both().matches("(?s).*SUCCESS: \\d+ rules found.*"), r.both());
  }

  @Test
  void theAlertRulesPassTheirUnitTests() throws Exception {
    ExternalTool.Result r = promtool("test", "rules", "rules.test.yml");
    assertEquals(0, r.code(), r.both());
    assertTrue(r.both().contains("SUCCESS"), r.both());
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyAlertHasAUnitTestThatFiresItAndOneThatDoesNot() throws Exception {
    Set<String> alerts = new TreeSet<>();
    Map<String, Object> rules = new Yaml().load(Files.readString(dir.resolve("rules.yml")));
    for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
      for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
        if (rule.containsKey("alert")) alerts.add((String) rule.get("alert"));
      }
    }
    assertFalse(alerts.isEmpty());
    Set<String> firing = new TreeSet<>();
    Set<String> quiet = new TreeSet<>();
    Map<String, Object> tests = new Yaml().load(Files.readString(dir.resolve("rules.test.yml")));
    for (Map<String, Object> test : (List<Map<String, Object>>) tests.get("tests")) {
      for (Map<String, Object> check : (List<Map<String, Object>>) test.getOrDefault("alert_rule_test", List.of())) {
        List<Object> expected = (List<Object>) check.get("exp_alerts");
        (expected == null || expected.isEmpty() ? quiet : firing).add((String) check.get("alertname"));
      }
    }
    assertEquals(alerts, firing, "an expected firing for every alert");
    assertEquals(alerts, quiet, "an expected silence for every alert");
  }
}
