package org.rserpool.emulator.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.runtime.EmulationGuardian.ComponentStatus;
import org.rserpool.emulator.runtime.EmulationGuardian.Role;
import org.rserpool.emulator.runtime.EmulationGuardian.State;

/**
 * Chaos Mesh's selection as the fault API does it: the keys narrow, the mode draws among the eligible
 * matches, the same seed draws the same components, and what matches nothing or nothing eligible is
 * refused with 422 or 409.
 */
class TargetSelectorTest {
  /** Two sites of 10 pool elements, 20 pool users and a registrar each; every third PE stopped. */
  static final List<ComponentStatus> ALL = components();

  static List<ComponentStatus> components() {
    List<ComponentStatus> all = new ArrayList<>();
    for (int site = 1; site <= 2; site++) {
      all.add(new ComponentStatus("registrar-" + site + "-1", Role.REGISTRAR, "10." + site + ".1.1", State.RUNNING, 1));
      for (int i = 1; i <= 10; i++) {
        all.add(new ComponentStatus("pe-" + site + "-" + i, Role.POOL_ELEMENT, "10." + site + ".2." + i, i % 3 == 0 ? State.STOPPED : State.RUNNING, 1));
      }
      for (int i = 1; i <= 20; i++) all.add(new ComponentStatus("pu-" + site + "-" + i, Role.POOL_USER, "10." + site + ".3." + i, State.RUNNING, 1));
    }
    return List.copyOf(all);
  }

  static TargetSelector selector(String json) throws Exception {
    return TargetSelector.parse((com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(json), "target");
  }

  static List<String> names(List<ComponentStatus> picked) {
    return picked.stream().map(ComponentStatus::name).toList();
  }

  static List<String> pickRunning(TargetSelector s, long seed) {
    return names(s.pick(ALL, c -> c.state() == State.RUNNING, new SplittableRandom(seed), "target", "is running"));
  }

  @Test
  void everyKeyNarrowsAndAllTakesEveryEligibleMatch() throws Exception {
    List<String> site2 = pickRunning(selector("{\"role\": \"pe\", \"site\": 2}"), 1);
    assertEquals(7, site2.size(), "10 pool elements of site 2 less the 3 stopped: " + site2);
    assertTrue(site2.stream().allMatch(n -> n.startsWith("pe-2-")));
    assertEquals(List.of("pe-1-1", "pe-1-2"), pickRunning(selector("{\"names\": [\"pe-1-1\", \"pe-1-2\", \"pu-1-1\"], \"role\": \"pe\"}"), 1));
    assertEquals(List.of("registrar-1-1", "registrar-2-1"), pickRunning(selector("{\"address\": [\"10.1.1.0/24\", \"10.2.1.1\"]}"), 1));
  }

  @Test
  void theSameSeedDrawsTheSameComponentsAndAnotherSeedOthers() throws Exception {
    for (String mode : List.of("{\"role\": \"pu\", \"mode\": \"one\"}", "{\"role\": \"pu\", \"mode\": \"fixed\", \"value\": 5}",
        "{\"role\": \"pu\", \"mode\": \"percent\", \"value\": 25}")) {
      TargetSelector s = selector(mode);
      assertEquals(pickRunning(s, 42), pickRunning(s, 42), mode);
      Set<List<String>> draws = new HashSet<>();
      for (long seed = 0; seed < 20; seed++) draws.add(pickRunning(s, seed));
      assertTrue(draws.size() > 10, mode + ": 20 seeds draw different components: " + draws.size());
    }
  }

  @Test
  void theModesDrawTheirNumberWithoutRepeats() throws Exception {
    assertEquals(1, pickRunning(selector("{\"role\": \"pu\", \"mode\": \"one\"}"), 3).size());
    List<String> five = pickRunning(selector("{\"role\": \"pu\", \"mode\": \"fixed\", \"value\": 5}"), 3);
    assertEquals(5, new HashSet<>(five).size(), "five different ones: " + five);
    assertEquals(14, pickRunning(selector("{\"role\": \"pe\", \"mode\": \"fixed\", \"value\": 99}"), 3).size(), "at most the eligible ones");
    assertEquals(10, pickRunning(selector("{\"role\": \"pu\", \"mode\": \"percent\", \"value\": 25}"), 3).size(), "25 % of 40");
    assertEquals(1, pickRunning(selector("{\"role\": \"pe\", \"site\": 1, \"mode\": \"percent\", \"value\": 1}"), 3).size(), "at least one");
    // Every eligible component is drawn sometimes: a uniform draw, not the first ones.
    Set<String> seen = new HashSet<>();
    for (long seed = 0; seed < 400; seed++) seen.addAll(pickRunning(selector("{\"role\": \"pe\", \"mode\": \"one\"}"), seed));
    assertEquals(14, seen.size(), "every running PE drawn at least once: " + seen);
  }

  @Test
  void nothingMatchingIs422AndNothingEligible409() throws Exception {
    ProblemException none = assertThrows(ProblemException.class, () -> pickRunning(selector("{\"role\": \"attacker\"}"), 1));
    assertEquals(422, none.status());
    assertEquals("target", none.field());
    ProblemException unknown = assertThrows(ProblemException.class, () -> pickRunning(selector("{\"names\": \"pe-3-1\"}"), 1));
    assertEquals(422, unknown.status());
    assertEquals("target.names", unknown.field());
    ProblemException stopped = assertThrows(ProblemException.class, () -> pickRunning(selector("{\"names\": [\"pe-1-3\", \"pe-1-6\"]}"), 1));
    assertEquals(409, stopped.status());
    assertNotEquals(null, stopped.getMessage());
  }

  @Test
  void aWrongKeyOrValueIs400NamingIt() {
    for (String[] c : new String[][] {{"{\"colour\": 1}", "target.colour"}, {"{\"site\": 0}", "target.site"}, {"{\"role\": \"boss\"}", "target.role"},
        {"{\"address\": \"10.1.0.0/33\"}", "target.address"}, {"{\"mode\": \"some\"}", "target.mode"}, {"{\"mode\": \"fixed\"}", "target.value"},
        {"{\"mode\": \"percent\", \"value\": 101}", "target.value"}, {"{\"mode\": \"one\", \"value\": 2}", "target.value"},
        {"{\"names\": []}", "target.names"}}) {
      ProblemException e = assertThrows(ProblemException.class, () -> selector(c[0]), c[0]);
      assertEquals(400, e.status(), c[0]);
      assertEquals(c[1], e.field(), c[0]);
    }
  }
}
