package org.rserpool.emulator.scenario;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.rserpool.emulator.attacker.AttackerSettings;
import org.rserpool.emulator.poolelement.PoolElementSettings;
import org.rserpool.emulator.pooluser.PoolUserSettings;
import org.rserpool.emulator.registrar.RegistrarSettings;

/**
 * A validated scenario: what to emulate, for how long, how fast, from which seed. {@link #config()} is
 * the whole layered configuration (the scenario over the defaults), from which the components read
 * their settings and Akka its own.
 *
 * @param duration emulated run time, or {@code null} to run until stopped
 * @param warmUp emulated time after which the statistics are reset (RSPSIM's statisticsResetTime); the
 *     results cover the measurement window from it to the end
 * @param network the links between sites and components (scenario.network)
 * @param targetUtilization RSPSIM's target system utilization, from which the job interval is derived; empty to keep the configured interval
 * @param events what happens to which component when (scenario.events), in time order
 * @param registrar the registrars' settings (from {@code rserpool.registrar})
 * @param poolElement the pool elements' settings (from {@code rserpool.pool-element})
 * @param poolUser the pool users' settings (from {@code rserpool.pool-user}, with the derived job interval)
 * @param attacker the attackers' settings (from {@code rserpool.attacker})
 */
public record Scenario(
    String name,
    long seed,
    double timeScale,
    Duration duration,
    Duration warmUp,
    List<Site> sites,
    LinkPlan network,
    StartTimes start,
    OptionalDouble targetUtilization,
    List<ScenarioEvent> events,
    RegistrarSettings registrar,
    PoolElementSettings poolElement,
    PoolUserSettings poolUser,
    AttackerSettings attacker,
    Config config) {

  public int registrarCount() {
    return sites.stream().mapToInt(Site::registrars).sum();
  }

  public int poolElementCount() {
    return sites.stream().mapToInt(Site::poolElements).sum();
  }

  public int poolUserCount() {
    return sites.stream().mapToInt(Site::poolUsers).sum();
  }

  public int attackerCount() {
    return sites.stream().mapToInt(Site::attackers).sum();
  }

  public boolean runsUntilStopped() {
    return duration == null;
  }
}
