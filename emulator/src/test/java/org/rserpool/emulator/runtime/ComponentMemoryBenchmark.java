package org.rserpool.emulator.runtime;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.rserpool.emulator.scenario.Scenario;
import org.rserpool.emulator.scenario.ScenarioLoader;

/**
 * {@code ./bench Memory [sizes=2000,6000] [settle=5]}: the heap each component takes, by role (issue
 * 15, item 3). For each role, two emulations that differ only in how many components of that role they
 * have (a registrar, one pool element and one pool user besides), each run until everything runs and
 * pool elements are registered, then {@code settle} seconds at time-scale 1 (pool users have jobs,
 * keep-alives run: a running component, not an idle one); the heap after two full collections of the
 * larger minus that of the smaller, over the difference in components. The slope cancels what every
 * emulation has once (the actor system, meters, the network). Registrars are measured at 10 and 40: they
 * peer all with all, so theirs grows with their number.
 */
public final class ComponentMemoryBenchmark {
  private ComponentMemoryBenchmark() {}

  record Role(String name, int small, int large, java.util.function.IntFunction<Map<String, Object>> site) {}

  public static void main(String[] args) throws Exception {
    int small = 2000;
    int large = 6000;
    int settle = 5;
    for (String a : args) {
      String[] kv = a.split("=", 2);
      if (kv.length != 2) throw new IllegalArgumentException("expected key=value, got " + a);
      switch (kv[0]) {
        case "sizes" -> {
          String[] s = kv[1].split(",");
          if (s.length != 2) throw new IllegalArgumentException("sizes: two counts, e.g. sizes=2000,6000");
          small = Integer.parseInt(s[0]);
          large = Integer.parseInt(s[1]);
        }
        case "settle" -> settle = Integer.parseInt(kv[1]);
        default -> throw new IllegalArgumentException("unknown option " + kv[0] + " (sizes, settle)");
      }
    }
    List<Role> roles = List.of(
        new Role("pool element", small, large, n -> Map.of("registrars", 1, "pool-elements", n, "pool-users", 1)),
        new Role("pool user", small, large, n -> Map.of("registrars", 1, "pool-elements", 1, "pool-users", n)),
        new Role("registrar", 10, 40, n -> Map.of("registrars", n, "pool-elements", 1, "pool-users", 1)));
    List<String> lines = new ArrayList<>();
    for (Role role : roles) {
      long a = heapWith(role.site().apply(role.small()), settle);
      long b = heapWith(role.site().apply(role.large()), settle);
      double per = (double) (b - a) / (role.large() - role.small());
      String line = String.format(Locale.ROOT, "%-13s %6d -> %6d: heap %8.1f -> %8.1f MB, %,8.0f bytes each", role.name(), role.small(),
          role.large(), a / 1e6, b / 1e6, per);
      System.out.println(line);
      lines.add(line);
    }
    System.out.println("component memory (heap after GC, slope between the two sizes; time-scale 1, " + settle + " s settled):");
    lines.forEach(System.out::println);
    System.exit(0);
  }

  /** The heap after GC of a running emulation of one site like {@code site}. */
  static long heapWith(Map<String, Object> site, int settle) throws Exception {
    // The scenario defaults (reference.conf), not scenarios/default.conf, which derives the pool users from a ratio.
    Scenario scenario = ScenarioLoader.loadString("scenario { name = \"memory\" }",
        Map.of("scenario.time-scale", 1.0, "rserpool.metrics.port", 0, "scenario.sites", List.of(site)));
    try (Emulation emulation = Emulation.start(scenario)) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        Statistics s = emulation.statistics();
        if (s.registrars() == scenario.registrarCount() && s.poolElementsRunning() == scenario.poolElementCount()
            && s.poolUsersRunning() == scenario.poolUserCount() && s.poolElementsRegistered() == scenario.poolElementCount()) {
          break;
        }
        Thread.sleep(50);
      }
      Thread.sleep(TimeUnit.SECONDS.toMillis(settle));
      return heapAfterGc();
    }
  }

  static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 2; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
