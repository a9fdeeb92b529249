package org.rserpool.emulator.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.network.AddressPlan;
import org.rserpool.emulator.runtime.Deployment;
import org.rserpool.emulator.scenario.ScenarioLoader;

/** Placement is a function of the deployment and the node count; rehoming moves only the lost node's components. */
class PlacementTest {
  static final Deployment DEFAULT = Deployment.of(ScenarioLoader.loadDefault(Map.of()));

  @Test
  void bySitePutsEachSiteOnOneNode() {
    Map<String, Integer> p = Placement.of(DEFAULT, 3, Placement.Mode.BY_SITE);
    assertEquals(1062, p.size());
    for (Deployment.ComponentSpec pe : DEFAULT.poolElements()) {
      assertEquals(AddressPlan.siteOf(pe.address().address()) - 1, p.get(pe.name()), pe.name());
    }
    assertEquals(Placement.of(DEFAULT, 3, Placement.Mode.BY_SITE), p, "the same on every node");
  }

  @Test
  void spreadPutsEverySiteOnEveryNodeEvenly() {
    Map<String, Integer> p = Placement.of(DEFAULT, 3, Placement.Mode.SPREAD);
    Map<Integer, Long> perNode = p.values().stream().collect(Collectors.groupingBy(n -> n, Collectors.counting()));
    assertEquals(Set.of(0, 1, 2), perNode.keySet());
    perNode.values().forEach(n -> assertEquals(354, n));
    for (int site = 1; site <= 3; site++) {
      int s = site;
      Set<Integer> nodes = DEFAULT.poolElements().stream().filter(pe -> AddressPlan.siteOf(pe.address().address()) == s)
          .map(pe -> p.get(pe.name())).collect(Collectors.toSet());
      assertEquals(Set.of(0, 1, 2), nodes, "site " + site + "'s pool elements on every node");
    }
  }

  @Test
  void moreNodesThanSitesByMoreNodes() {
    Map<String, Integer> p = Placement.of(DEFAULT, 5, Placement.Mode.BY_SITE);
    assertEquals(Set.of(0, 1, 2), Set.copyOf(p.values()), "by-site: a node without a site idles");
    assertThrows(IllegalArgumentException.class, () -> Placement.of(DEFAULT, 0, Placement.Mode.SPREAD));
  }

  @Test
  void rehomingMovesOnlyTheLostNodesComponentsOverTheSurvivors() {
    Map<String, Integer> p = Placement.of(DEFAULT, 3, Placement.Mode.BY_SITE);
    Map<String, Integer> moved = Placement.rehome(p, new boolean[] {true, false, true});
    assertEquals(354, moved.size());
    moved.forEach((name, node) -> {
      assertEquals(1, p.get(name), name + " was on the lost node");
      assertTrue(node == 0 || node == 2);
    });
    Map<Integer, Long> split = moved.values().stream().collect(Collectors.groupingBy(n -> n, Collectors.counting()));
    assertEquals(177, split.get(0));
    assertEquals(177, split.get(2));
    Map<String, Integer> after = new HashMap<>(p);
    after.putAll(moved);
    assertTrue(Placement.rehome(after, new boolean[] {true, false, true}).isEmpty(), "nothing left to move");
  }

  @Test
  void settingsComeFromTheConfigurationAndNameBadValues() {
    ClusterSettings s = ClusterSettings.fromConfig(ScenarioLoader.loadDefault(Map.of(
        "rserpool.cluster.seed-nodes", "node1:25520, node2:25521", "rserpool.cluster.min-nodes", 3,
        "scenario.cluster.placement", "spread")).config());
    assertEquals(java.util.List.of("node1:25520", "node2:25521"), s.seedNodes());
    assertEquals(3, s.minNodes());
    assertEquals(Placement.Mode.SPREAD, s.placement());
    assertTrue(s.akkaConfig().getStringList("akka.cluster.seed-nodes").contains("akka://rserpool@node2:25521"));
    assertEquals("keep-majority", s.akkaConfig().getString("akka.cluster.split-brain-resolver.active-strategy"));
    ConfigException e = assertThrows(ConfigException.class, () -> ClusterSettings.fromConfig(ScenarioLoader.loadDefault(Map.of(
        "rserpool.cluster.seed-nodes", "node1")).config()));
    assertTrue(e.getMessage().contains("rserpool.cluster.seed-nodes"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> ClusterSettings.fromConfig(ScenarioLoader.loadDefault(Map.of(
        "scenario.cluster.placement", "random")).config()));
    assertTrue(e.getMessage().contains("scenario.cluster.placement"), e.getMessage());
  }
}
