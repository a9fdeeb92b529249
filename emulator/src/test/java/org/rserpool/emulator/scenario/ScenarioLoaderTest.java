package org.rserpool.emulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rserpool.emulator.attacker.AttackerSettings;

class ScenarioLoaderTest {

  @Test
  void theDefaultScenarioIsOneSiteWithOneRegistrarTenPoolElementsAndHundredPoolUsers() {
    Scenario s = ScenarioLoader.loadDefault(Map.of());
    assertEquals("default", s.name());
    assertEquals(List.of(new Site(1, 1, 10, 100)), s.sites());
    assertNull(s.duration(), "runs until stopped");
    assertEquals(1.0, s.timeScale());
    assertEquals("RoundRobin", s.config().getString("rserpool.pool-element.policy"));
    assertEquals("CalcAppPool", s.config().getString("rserpool.pool-element.pool-handle"));
  }

  @Test
  void theJobIntervalIsDerivedFromTheTargetUtilizationAsRspsimDoes() {
    // PU:PE ratio 10, utilization 0.8, job size 1e7, capacity 1e6: 10 x 1e7 / 0.8e6 = 125 s.
    Scenario s = ScenarioLoader.loadDefault(Map.of());
    assertEquals(Duration.ofSeconds(125), s.config().getDuration("rserpool.pool-user.job-interval"));
    // Fewer users than elements: max(1, r) keeps each user's interval at S / (u C).
    Scenario few = ScenarioLoader.loadString("scenario.sites = [{registrars = 1, pool-elements = 10, pool-users = 5}]\n"
        + "scenario.workload.target-utilization = 0.5", Map.of());
    assertEquals(Duration.ofSeconds(20), few.config().getDuration("rserpool.pool-user.job-interval"));
  }

  @Test
  void commandLineOverridesWinOverTheFile() {
    Scenario s = ScenarioLoader.loadDefault(Map.of("scenario.duration", "30s", "scenario.time-scale", 4.0, "scenario.seed", 7L));
    assertEquals(Duration.ofSeconds(30), s.duration());
    assertEquals(4.0, s.timeScale());
    assertEquals(7L, s.seed());
  }

  @Test
  void aMisspelledKeyIsNamed() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ScenarioLoader.loadString("rserpool.pool-element.capacty = 5", Map.of()));
    assertTrue(e.getMessage().contains("rserpool.pool-element.capacty"), e.getMessage());
    assertTrue(e.getMessage().contains("unknown key"), e.getMessage());
  }

  @Test
  void anOutOfRangeValueIsNamedWithWhatIsAllowed() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ScenarioLoader.loadString("scenario.time-scale = -2", Map.of()));
    assertTrue(e.getMessage().contains("scenario.time-scale"), e.getMessage());
    assertTrue(e.getMessage().contains("positive"), e.getMessage());
    ConfigException u = assertThrows(ConfigException.class,
        () -> ScenarioLoader.loadString("scenario.workload.target-utilization = 1.5", Map.of()));
    assertTrue(u.getMessage().contains("(0, 1]"), u.getMessage());
  }

  @Test
  void aSiteWithPoolElementsButNoRegistrarIsRefused() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ScenarioLoader.loadString("scenario.sites = [{registrars = 0, pool-elements = 3}]", Map.of()));
    assertTrue(e.getMessage().contains("scenario.sites[0].registrars"), e.getMessage());
  }

  @Test
  void aSiteKeyThatDoesNotExistIsNamed() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ScenarioLoader.loadString("scenario.sites = [{registrars = 1, pool-element = 3}]", Map.of()));
    assertTrue(e.getMessage().contains("scenario.sites[0].pool-element"), e.getMessage());
  }

  @Test
  void aWrongTypeIsNamed() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ScenarioLoader.loadString("rserpool.pool-element.registration-life = soon", Map.of()));
    assertTrue(e.getMessage().contains("registration-life"), e.getMessage());
  }

  @Test
  void anUnknownPolicyListsTheKnownOnes() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> org.rserpool.emulator.poolelement.PoolElementSettings.fromConfig(
            ScenarioLoader.loadString("rserpool.pool-element.policy = Fastest", Map.of()).config()));
    assertTrue(e.getMessage().contains("rserpool.pool-element.policy"), e.getMessage());
    assertTrue(e.getMessage().contains("LeastUsed"), e.getMessage());
  }

  @Test
  void aMissingFileIsReportedAsSuch(@TempDir Path dir) {
    ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.loadFile(dir.resolve("nope.conf"), Map.of()));
    assertTrue(e.getMessage().contains("nope.conf"), e.getMessage());
  }

  @Test
  void aScenarioFileOnlyNeedsWhatDiffersFromTheDefaults(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("small.conf");
    Files.writeString(file, "scenario { name = small, duration = 2m, sites = [{registrars = 2, pool-elements = 3, pool-users = 9}] }\n");
    Scenario s = ScenarioLoader.loadFile(file, Map.of());
    assertEquals("small", s.name());
    assertEquals(Duration.ofMinutes(2), s.duration());
    assertEquals(2, s.registrarCount());
    assertEquals(3, s.poolElementCount());
    assertEquals(9, s.poolUserCount());
  }

  @Test
  void eventsAreReadInTimeOrder() {
    Scenario s = ScenarioLoader.loadString("""
        scenario.sites = [{ registrars = 2, pool-elements = 3 }]
        scenario.events = [
          { at = 2m, action = restart, component = "registrar-1-2" }
          { at = 60s, action = crash, component = "registrar-1-2" }
        ]
        """, Map.of());
    assertEquals(List.of(
        new ScenarioEvent(Duration.ofSeconds(60), ComponentAction.CRASH, "registrar-1-2"),
        new ScenarioEvent(Duration.ofMinutes(2), ComponentAction.RESTART, "registrar-1-2")), s.events());
  }

  @Test
  void anEventForAComponentTheScenarioDoesNotHaveIsNamed() {
    ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.loadString(
        "scenario.events = [{ at = 1s, action = crash, component = \"pe-1-11\" }]", Map.of()));
    assertTrue(e.getMessage().contains("scenario.events[0].component"), e.getMessage());
    assertTrue(e.getMessage().contains("pe-1-11"), e.getMessage());
  }

  @Test
  void anUnknownEventActionListsTheKnownOnes() {
    ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.loadString(
        "scenario.events = [{ at = 1s, action = explode, component = pe-1-1 }]", Map.of()));
    assertTrue(e.getMessage().contains("scenario.events[0].action"), e.getMessage());
    assertTrue(e.getMessage().contains("[crash, shutdown, restart]"), e.getMessage());
  }

  @Test
  void sitesMayRunAttackersWhoseNamesEventsCanUse() {
    Scenario s = ScenarioLoader.loadString("""
        scenario.sites = [{ registrars = 1, pool-elements = 2, attackers = 2 }]
        scenario.start.attackers = 10s
        scenario.events = [{ at = 20s, action = shutdown, component = "at-1-2" }]
        rserpool.attacker { type = registration, interval = 0.5s }
        """, Map.of());
    assertEquals(List.of(new Site(1, 1, 2, 0, 2)), s.sites());
    assertEquals(2, s.attackerCount());
    assertEquals(Duration.ofSeconds(10), s.start().attackers());
    assertEquals(List.of(new ScenarioEvent(Duration.ofSeconds(20), ComponentAction.SHUTDOWN, "at-1-2")), s.events());
    assertEquals(AttackerSettings.Type.REGISTRATION, s.attacker().type());
    ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.loadString(
        "scenario.events = [{ at = 1s, action = crash, component = \"at-1-1\" }]", Map.of()));
    assertTrue(e.getMessage().contains("at-S-I"), e.getMessage());
    ConfigException tooMany = assertThrows(ConfigException.class, () -> ScenarioLoader.loadString(
        "scenario.sites = [{ registrars = 1, attackers = 251 }]", Map.of()));
    assertTrue(tooMany.getMessage().contains("scenario.sites[0].attackers"), tooMany.getMessage());
    ConfigException alone = assertThrows(ConfigException.class, () -> ScenarioLoader.loadString(
        "scenario.sites = [{ attackers = 1 }]", Map.of()));
    assertTrue(alone.getMessage().contains("scenario.sites[0].registrars"), alone.getMessage());
  }

  @Test
  void badPoolElementAndPoolUserSettingsAreNamed() {
    for (String bad : new String[] {"rserpool.pool-element.lifecycle.clean-shutdown-probability = 3",
        "rserpool.pool-user.job-interval-distribution = gaussian", "rserpool.attacker.type = ddos"}) {
      ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.loadString(bad, Map.of()));
      assertTrue(e.getMessage().contains(bad.substring(0, bad.indexOf(' '))), e.getMessage());
    }
  }
}
