package org.rserpool.emulator.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOriginFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.rserpool.emulator.attacker.AttackerSettings;
import org.rserpool.emulator.config.ConfigChecks;
import org.rserpool.emulator.network.AddressPlan;
import org.rserpool.emulator.poolelement.PoolElementSettings;
import org.rserpool.emulator.pooluser.PoolUserSettings;
import org.rserpool.emulator.registrar.RegistrarSettings;

/**
 * Reads a scenario file and turns it into a validated {@link Scenario}. The layers, highest first:
 * system properties, command-line overrides, the scenario file, the user's application.conf, the
 * emulator's Akka settings (emulator.conf), and the defaults of every module (reference.conf).
 *
 * <p>Every problem becomes a {@link ConfigException} whose message names the key and what is allowed:
 * a missing or mistyped value, a value out of range, or a key no default knows (usually a typo).
 */
public final class ScenarioLoader {
  /** The scenario {@code ./emulate} runs without {@code --scenario}. */
  public static final String DEFAULT_RESOURCE = "scenarios/default.conf";
  private static final String UNTIL_STOPPED = "until-stopped";
  private static final Set<String> SITE_KEYS = Set.of("registrars", "pool-elements", "pool-users", "attackers");

  private ScenarioLoader() {}

  /** The built-in default scenario with the given overrides. */
  public static Scenario loadDefault(Map<String, ?> overrides) {
    return load(ConfigFactory.parseResources(DEFAULT_RESOURCE, ConfigParseOptions.defaults().setAllowMissing(false)), overrides);
  }

  /** A scenario file with the given overrides (config paths to values, e.g. {@code scenario.seed -> 7}). */
  public static Scenario loadFile(Path file, Map<String, ?> overrides) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException.IO(ConfigOriginFactory.newSimple(file.toString()), "scenario file not found");
    }
    return load(ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)), overrides);
  }

  /** A scenario given as configuration text (tests, REST). */
  public static Scenario loadString(String hocon, Map<String, ?> overrides) {
    return load(ConfigFactory.parseString(hocon), overrides);
  }

  static Scenario load(Config scenarioFile, Map<String, ?> overrides) {
    Config reference = ConfigFactory.defaultReference();
    rejectUnknownKeys(scenarioFile, reference);
    Config layered = ConfigFactory.defaultOverrides()
        .withFallback(ConfigFactory.parseMap(overrides, "command line"))
        .withFallback(scenarioFile)
        .withFallback(ConfigFactory.defaultApplication())
        .withFallback(ConfigFactory.parseResources("emulator.conf"))
        .withFallback(reference)
        .resolve();
    return validate(layered);
  }

  /** Keys under {@code scenario} and {@code rserpool} must exist in a reference.conf: anything else is a typo. */
  private static void rejectUnknownKeys(Config file, Config reference) {
    for (Map.Entry<String, ConfigValue> e : file.entrySet()) {
      String path = e.getKey();
      boolean ours = path.startsWith("scenario.") || path.startsWith("rserpool.");
      if (ours && !reference.hasPathOrNull(path)) {
        throw new ConfigException.BadPath(e.getValue().origin(), path,
            "unknown key; the keys a scenario may set are listed with their defaults in the reference.conf files");
      }
    }
  }

  private static Scenario validate(Config c) {
    String name = c.getString("scenario.name");
    long seed = c.getLong("scenario.seed");
    double timeScale = ConfigChecks.positive(c.getDouble("scenario.time-scale"), "scenario.time-scale");
    Duration duration = null;
    if (!(c.getValue("scenario.duration").valueType() == ConfigValueType.STRING
        && UNTIL_STOPPED.equals(c.getString("scenario.duration")))) {
      duration = ConfigChecks.positive(c.getDuration("scenario.duration"), "scenario.duration");
    }
    List<Site> sites = sites(c);
    LinkPlan network = LinkPlan.fromConfig(c, sites.size());
    StartTimes start = new StartTimes(
        ConfigChecks.nonNegative(c.getDuration("scenario.start.registrars"), "scenario.start.registrars"),
        ConfigChecks.nonNegative(c.getDuration("scenario.start.pool-elements"), "scenario.start.pool-elements"),
        ConfigChecks.nonNegative(c.getDuration("scenario.start.pool-users"), "scenario.start.pool-users"),
        ConfigChecks.nonNegative(c.getDuration("scenario.start.attackers"), "scenario.start.attackers"));
    OptionalDouble utilization = OptionalDouble.empty();
    String key = "scenario.workload.target-utilization";
    if (!(c.getValue(key).valueType() == ConfigValueType.STRING && "none".equals(c.getString(key)))) {
      double u = c.getDouble(key);
      if (!(u > 0 && u <= 1)) throw ConfigChecks.bad(key, "must be in (0, 1] or \"none\", got " + u);
      utilization = OptionalDouble.of(u);
    }
    List<ScenarioEvent> events = events(c, sites);
    Config components = withDerivedJobInterval(c, sites, utilization);
    Duration warmUp = ConfigChecks.nonNegative(c.getDuration("scenario.warm-up"), "scenario.warm-up");
    if (duration != null && warmUp.compareTo(duration) >= 0) {
      throw new ConfigException.BadValue(c.origin(), "scenario.warm-up",
          "must be shorter than scenario.duration (" + duration + "), or the measurement window would be empty; got " + warmUp);
    }
    return new Scenario(name, seed, timeScale, duration, warmUp, sites, network, start, utilization, events,
        RegistrarSettings.fromConfig(components), PoolElementSettings.fromConfig(components), PoolUserSettings.fromConfig(components),
        AttackerSettings.fromConfig(components), components);
  }

  private static List<Site> sites(Config c) {
    List<? extends ConfigObject> list = c.getObjectList("scenario.sites");
    if (list.isEmpty()) throw ConfigChecks.bad("scenario.sites", "must list at least one site");
    if (list.size() > AddressPlan.MAX_SITES) throw ConfigChecks.bad("scenario.sites", "at most " + AddressPlan.MAX_SITES + " sites, got " + list.size());
    List<Site> sites = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "scenario.sites[" + i + "]";
      for (String k : list.get(i).keySet()) {
        if (!SITE_KEYS.contains(k)) throw ConfigChecks.bad(at + "." + k, "unknown key; a site has " + SITE_KEYS);
      }
      Config s = list.get(i).toConfig()
          .withFallback(ConfigFactory.parseMap(Map.of("registrars", 0, "pool-elements", 0, "pool-users", 0, "attackers", 0)));
      int prs = count(s, "registrars", at, AddressPlan.MAX_REGISTRARS_PER_SITE);
      int pes = count(s, "pool-elements", at, AddressPlan.MAX_POOL_ELEMENTS_PER_SITE);
      int pus = count(s, "pool-users", at, AddressPlan.MAX_POOL_USERS_PER_SITE);
      int ats = count(s, "attackers", at, AddressPlan.MAX_ATTACKERS_PER_SITE);
      if (prs == 0 && pes + pus + ats > 0) {
        throw ConfigChecks.bad(at + ".registrars", "a site with pool elements, pool users or attackers needs at least 1 registrar");
      }
      sites.add(new Site(i + 1, prs, pes, pus, ats));
    }
    return List.copyOf(sites);
  }

  private static final Set<String> EVENT_KEYS = Set.of("at", "action", "component");

  /** {@code scenario.events}: objects with {@code at} (emulated time), {@code action} and {@code component}. */
  private static List<ScenarioEvent> events(Config c, List<Site> sites) {
    List<ScenarioEvent> events = new ArrayList<>();
    List<? extends ConfigObject> list = c.getObjectList("scenario.events");
    for (int i = 0; i < list.size(); i++) {
      String at = "scenario.events[" + i + "]";
      for (String k : list.get(i).keySet()) {
        if (!EVENT_KEYS.contains(k)) throw ConfigChecks.bad(at + "." + k, "unknown key; an event has " + EVENT_KEYS);
      }
      Config e = list.get(i).toConfig();
      for (String k : EVENT_KEYS) {
        if (!e.hasPath(k)) throw ConfigChecks.bad(at + "." + k, "is required; an event has " + EVENT_KEYS);
      }
      Duration time;
      try {
        time = ConfigChecks.nonNegative(e.getDuration("at"), at + ".at");
      } catch (ConfigException.BadValue | ConfigException.WrongType bad) {
        throw ConfigChecks.bad(at + ".at", "must be an emulated time such as 90s or 2m");
      }
      ComponentAction action = ComponentAction.fromKey(e.getString("action"));
      if (action == null) {
        List<String> keys = new ArrayList<>();
        for (ComponentAction a : ComponentAction.values()) keys.add(a.key());
        throw ConfigChecks.bad(at + ".action", "must be one of " + keys + ", got '" + e.getString("action") + "'");
      }
      String component = e.getString("component");
      if (!ComponentNames.exists(sites, component)) {
        throw ConfigChecks.bad(at + ".component", "no component '" + component
            + "' in this scenario (names: registrar-S-I, pe-S-I, pu-S-I, at-S-I for site S, index I from 1)");
      }
      events.add(new ScenarioEvent(time, action, component));
    }
    events.sort(java.util.Comparator.comparing(ScenarioEvent::at));
    return List.copyOf(events);
  }

  private static int count(Config site, String key, String at, int max) {
    int n;
    try {
      n = site.getInt(key);
    } catch (ConfigException.WrongType e) {
      throw ConfigChecks.bad(at + "." + key, "must be a whole number in 0.." + max);
    }
    if (n < 0 || n > max) throw ConfigChecks.bad(at + "." + key, "must be in 0.." + max + ", got " + n);
    return n;
  }

  /**
   * RSPSIM's tool-chain (simulate-version14.R, rspsim5AutoParameters): with PU:PE ratio r, target
   * utilization u, PE capacity C and mean job size S, the mean job interval is max(1, r) * S / (u * C),
   * so the offered load is u * N * C for r >= 1.
   */
  private static Config withDerivedJobInterval(Config c, List<Site> sites, OptionalDouble utilization) {
    int poolElements = sites.stream().mapToInt(Site::poolElements).sum();
    int poolUsers = sites.stream().mapToInt(Site::poolUsers).sum();
    if (utilization.isEmpty() || poolElements == 0 || poolUsers == 0) return c;
    double ratio = (double) poolUsers / poolElements;
    double jobSize = ConfigChecks.positive(c.getDouble("rserpool.pool-user.job-size"), "rserpool.pool-user.job-size");
    double capacity = ConfigChecks.positive(c.getDouble("rserpool.pool-element.capacity"), "rserpool.pool-element.capacity");
    double seconds = Math.max(1, ratio) * jobSize / (utilization.getAsDouble() * capacity);
    return ConfigFactory.parseMap(Map.of("rserpool.pool-user.job-interval", Math.round(seconds * 1e9) + "ns"),
            "derived from scenario.workload.target-utilization")
        .withFallback(c);
  }
}
