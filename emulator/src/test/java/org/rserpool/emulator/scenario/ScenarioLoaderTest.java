package org.rserpool.emulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
  void theDefaultScenarioIsThreeSitesWithTwoRegistrars32PoolElementsAnd320PoolUsersEach() {
    Scenario s = ScenarioLoader.loadDefault(Map.of());
    assertEquals("default", s.name());
    assertEquals(List.of(new Site(1, 2, 32, 320), new Site(2, 2, 32, 320), new Site(3, 2, 32, 320)), s.sites());
    assertTrue(s.registrarCount() + s.poolElementCount() + s.poolUserCount() + s.attackerCount() >= 1000, "at least 1,000 components");
    assertNull(s.duration(), "runs until stopped");
    assertEquals(1.0, s.timeScale());
    assertEquals("LeastUsed", s.config().getString("rserpool.pool-element.policy"));
    assertEquals("CalcAppPool", s.config().getString("rserpool.pool-element.pool-handle"));
  }

  @Test
  void aPuToPeRatioGivesEachSiteItsPoolUsersAndTheJobInterval() {
    Scenario s = ScenarioLoader.loadString("""
        scenario.sites = [{ registrars = 1, pool-elements = 10 }, { registrars = 1, pool-elements = 5 }, { registrars = 1 }]
        scenario.workload { pu-to-pe-ratio = 2.5, target-utilization = 0.5 }
        """, Map.of());
    // round(2.5 x 10) = 25; round(2.5 x 5) = 12.5 -> 12, halves to even as R's round().
    assertEquals(List.of(25, 12, 0), s.sites().stream().map(Site::poolUsers).toList());
    assertEquals(2.5, s.puToPeRatio().getAsDouble());
    // max(1, 2.5) x 1e7 / (0.5 x 1e6) = 50 s.
    assertEquals(Duration.ofSeconds(50), s.config().getDuration("rserpool.pool-user.job-interval"));
    Scenario few = ScenarioLoader.loadString("scenario.sites = [{ registrars = 1, pool-elements = 10 }]\n"
        + "scenario.workload.pu-to-pe-ratio = 0.5", Map.of());
    assertEquals(5, few.poolUserCount());
    assertEquals(Duration.ofMillis(12_500), few.config().getDuration("rserpool.pool-user.job-interval"), "max(1, r): S / (u C)");
    assertTrue(ScenarioLoader.loadDefault(Map.of()).puToPeRatio().isPresent());
    assertTrue(ScenarioLoader.loadString("", Map.of()).puToPeRatio().isEmpty(), "none by default: the sites give the pool users");
  }

  @Test
  void aSiteThatGivesPoolUsersBesideAPuToPeRatioIsNamedWithBothKeys() {
    ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.loadString("""
        scenario.sites = [{ registrars = 1, pool-elements = 10 }, { registrars = 1, pool-elements = 10, pool-users = 30 }]
        scenario.workload.pu-to-pe-ratio = 3
        """, Map.of()));
    assertTrue(e.getMessage().contains("scenario.sites[1].pool-users"), e.getMessage());
    assertTrue(e.getMessage().contains("scenario.workload.pu-to-pe-ratio"), e.getMessage());
    for (String bad : new String[] {"0", "-1", "lots"}) {
      ConfigException r = assertThrows(ConfigException.class, () -> ScenarioLoader.loadString(
          "scenario.sites = [{ registrars = 1, pool-elements = 10 }]\nscenario.workload.pu-to-pe-ratio = " + bad, Map.of()));
      assertTrue(r.getMessage().contains("scenario.workload.pu-to-pe-ratio") && r.getMessage().contains("\"none\""), r.getMessage());
    }
    ConfigException tooMany = assertThrows(ConfigException.class, () -> ScenarioLoader.loadString(
        "scenario.sites = [{ registrars = 1, pool-elements = 1000 }]\nscenario.workload.pu-to-pe-ratio = 100", Map.of()));
    assertTrue(tooMany.getMessage().contains("scenario.workload.pu-to-pe-ratio") && tooMany.getMessage().contains("32000"), tooMany.getMessage());
  }

  @Test
  void heterogeneousCapacitiesReachEveryPoolElementAndKeepTheOfferedLoad() {
    Scenario s = ScenarioLoader.loadString("""
        scenario.sites = [{ registrars = 1, pool-elements = 6 }, { registrars = 1, pool-elements = 4 }]
        scenario.workload.pu-to-pe-ratio = 3
        scenario.pool-element-capacities { distribution = fast-servers, gamma = 4, lambda = 0.1 }
        rserpool.pool-element.policy = WeightedRandom
        """, Map.of());
    // N counts the pool elements of all sites: 10, one fast server, pe-1-1.
    assertEquals(10, s.poolElementCapacities().size());
    assertEquals(3_076_923, s.poolElementCapacities().get(0), 1e-6);
    assertEquals(1e7, s.totalCapacity(), 1e-3);
    // Normalised: the job interval is RSPSIM's, 3 x 1e7 / (0.8 x 1e6) = 37.5 s.
    assertEquals(Duration.ofMillis(37_500), s.config().getDuration("rserpool.pool-user.job-interval"));
    assertEquals(1e6, s.poolElement().capacity(), "the nominal settings stay");

    // A random distribution: the interval follows the capacity the pool really has.
    Scenario u = ScenarioLoader.loadString("""
        scenario.sites = [{ registrars = 1, pool-elements = 10 }]
        scenario.workload.pu-to-pe-ratio = 1
        scenario.pool-element-capacities { distribution = uniform, gamma = 4 }
        """, Map.of());
    double mean = u.totalCapacity() / 10;
    assertNotEquals(1e6, mean);
    assertEquals(1e7 / (0.8 * mean), u.config().getDuration("rserpool.pool-user.job-interval").toNanos() / 1e9, 1e-6);
    assertEquals(u.poolElementCapacities(), ScenarioLoader.loadString("""
        scenario.sites = [{ registrars = 1, pool-elements = 10 }]
        scenario.pool-element-capacities { distribution = uniform, gamma = 4 }
        """, Map.of()).poolElementCapacities(), "drawn from the scenario seed");
  }

  @Test
  void badCapacityDistributionsAreNamedWithWhatIsAllowed() {
    String[][] cases = {
        {"distribution = gaussian", "scenario.pool-element-capacities.distribution", "fast-servers"},
        {"distribution = linear, gamma = 0.5", "scenario.pool-element-capacities.gamma", "at least 1"},
        {"distribution = truncnormal, gamma = -1", "scenario.pool-element-capacities.gamma", "at least 0"},
        {"distribution = fast-servers, lambda = 2", "scenario.pool-element-capacities.lambda", "0..1"},
        {"gamma = fast", "scenario.pool-element-capacities.gamma", "a number"},
        {"kappa = 2", "scenario.pool-element-capacities.kappa", "[distribution, gamma, lambda]"},
    };
    for (String[] c : cases) {
      ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.loadString(
          "scenario.pool-element-capacities { " + c[0] + " }", Map.of()), c[0]);
      assertTrue(e.getMessage().contains(c[1]) && e.getMessage().contains(c[2]), e.getMessage());
    }
    ConfigException weight = assertThrows(ConfigException.class, () -> ScenarioLoader.loadString("""
        rserpool.pool-element { policy = WeightedRandom, capacity = 3e9 }
        scenario.pool-element-capacities { distribution = fast-servers, gamma = 8 }
        """, Map.of()));
    assertTrue(weight.getMessage().contains("scenario.pool-element-capacities") && weight.getMessage().contains("weight"), weight.getMessage());
  }

  @Test
  void anUnknownScenarioKeyIsNamedWithTheKeysItsParentHas() {
    ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.loadString("scenario.workload.target-utilisation = 0.5", Map.of()));
    assertTrue(e.getMessage().contains("scenario.workload.target-utilisation"), e.getMessage());
    assertTrue(e.getMessage().contains("[pu-to-pe-ratio, target-utilization]"), e.getMessage());
    ConfigException top = assertThrows(ConfigException.class, () -> ScenarioLoader.loadString("scenario.warmup = 10s", Map.of()));
    assertTrue(top.getMessage().contains("scenario.warmup") && top.getMessage().contains("time-scale"), top.getMessage());
    ConfigException override = assertThrows(ConfigException.class, () -> ScenarioLoader.loadString("", Map.of("scenario.sede", 3)));
    assertTrue(override.getMessage().contains("scenario.sede"), override.getMessage());
    // The sweep block beside scenario belongs to the sweep command.
    ScenarioLoader.loadString("sweep { replications = 2 }", Map.of());
  }

  @Test
  void valuesOfTheWrongKindAreNamedWithWhatIsAllowed() {
    String[][] cases = {
        {"scenario.seed = lucky", "scenario.seed", "whole number"},
        {"scenario.time-scale = fast", "scenario.time-scale", "positive number"},
        {"scenario.duration = forever", "scenario.duration", "until-stopped"},
        {"scenario.start.pool-users = later", "scenario.start.pool-users", "duration such as"},
        {"scenario.workload.target-utilization = high", "scenario.workload.target-utilization", "(0, 1]"},
        {"scenario.sites = 3", "scenario.sites", "list of objects"},
        {"scenario.sites = [{ registrars = many }]", "scenario.sites[0].registrars", "whole number"},
        {"scenario.sites = [{ registrars = -1 }]", "scenario.sites[0].registrars", "0..250"},
        {"scenario.name = \"a/b\"", "scenario.name", "without /"},
        {"scenario.events = [{ at = 1s, action = shutdown, component = registrar-1-1 }]", "scenario.events[0].action", "use crash"},
        {"scenario.events = [{ at = soon, action = crash, component = pe-1-1 }]", "scenario.events[0].at", "emulated time"},
        {"scenario.network.site-pairs = [{ from = 1, to = 2, delay = 5ms }]", "scenario.network.site-pairs[0].to", "1..1"},
    };
    for (String[] c : cases) {
      ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.loadString(c[0], Map.of()), c[0]);
      assertTrue(e.getMessage().contains(c[1]) && e.getMessage().contains(c[2]), c[0] + ": " + e.getMessage());
    }
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
