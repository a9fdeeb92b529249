package org.rserpool.emulator.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOriginFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;
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
import java.util.TreeSet;
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
    Config commandLine = ConfigFactory.parseMap(overrides, "command line");
    rejectUnknownKeys(scenarioFile, reference);
    rejectUnknownKeys(commandLine, reference);
    Config layered = ConfigFactory.defaultOverrides()
        .withFallback(commandLine)
        .withFallback(scenarioFile)
        .withFallback(ConfigFactory.defaultApplication())
        .withFallback(ConfigFactory.parseResources("emulator.conf"))
        .withFallback(reference)
        .resolve();
    return validate(layered);
  }

  /**
   * Keys under {@code scenario} and {@code rserpool} must exist in a reference.conf: anything else is a
   * typo, named with the keys its parent has. (The {@code sweep} block sits beside {@code scenario} and
   * is read by the sweep command.)
   */
  private static void rejectUnknownKeys(Config file, Config reference) {
    for (Map.Entry<String, ConfigValue> e : file.entrySet()) {
      String path = e.getKey();
      boolean ours = path.startsWith("scenario.") || path.startsWith("rserpool.");
      if (!ours || reference.hasPathOrNull(path)) continue;
      // The deepest ancestor the defaults know, and what it has.
      List<String> parts = ConfigUtil.splitPath(path);
      String known = parts.get(0);
      int depth = 1;
      while (depth < parts.size() && reference.hasPathOrNull(ConfigUtil.joinPath(parts.subList(0, depth + 1)))
          && reference.getValue(ConfigUtil.joinPath(parts.subList(0, depth + 1))).valueType() == ConfigValueType.OBJECT) {
        depth++;
        known = ConfigUtil.joinPath(parts.subList(0, depth));
      }
      String has = reference.getValue(known).valueType() == ConfigValueType.OBJECT
          ? "; " + known + " has " + new TreeSet<>(reference.getObject(known).keySet())
          : "";
      throw new ConfigException.BadPath(e.getValue().origin(), path, "unknown key" + has
          + " (every key a scenario may set is listed with its default in the reference.conf files)");
    }
  }

  private static Scenario validate(Config c) {
    String name = ScenarioValues.string(c, "scenario.name", "a name for logs and results");
    if (name.isBlank() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\")) {
      throw ConfigChecks.bad("scenario.name", "must be a non-empty name without / or \\ (it names the results folder), got '" + name + "'");
    }
    long seed = ScenarioValues.wholeNumber(c, "scenario.seed", "a whole number (64 bits)");
    double timeScale = ConfigChecks.positive(ScenarioValues.number(c, "scenario.time-scale", "a positive number (emulated seconds per real second)"),
        "scenario.time-scale");
    Duration duration = null;
    if (!(c.getValue("scenario.duration").valueType() == ConfigValueType.STRING
        && UNTIL_STOPPED.equals(c.getString("scenario.duration")))) {
      try {
        duration = c.getDuration("scenario.duration");
      } catch (ConfigException.WrongType | ConfigException.BadValue e) {
        throw ConfigChecks.bad("scenario.duration", "must be an emulated duration such as 30s or 10m, or \"" + UNTIL_STOPPED + "\"");
      }
      duration = ConfigChecks.positive(duration, "scenario.duration");
    }
    Workload workload = Workload.fromConfig(c);
    List<Site> sites = sites(c, workload.puToPeRatio());
    LinkPlan network = LinkPlan.fromConfig(c, sites.size());
    StartTimes start = new StartTimes(
        ConfigChecks.nonNegative(ScenarioValues.duration(c, "scenario.start.registrars"), "scenario.start.registrars"),
        ConfigChecks.nonNegative(ScenarioValues.duration(c, "scenario.start.pool-elements"), "scenario.start.pool-elements"),
        ConfigChecks.nonNegative(ScenarioValues.duration(c, "scenario.start.pool-users"), "scenario.start.pool-users"),
        ConfigChecks.nonNegative(ScenarioValues.duration(c, "scenario.start.attackers"), "scenario.start.attackers"));
    List<ScenarioEvent> events = events(c, sites);
    PoolElementCapacities distribution = PoolElementCapacities.fromConfig(c);
    PoolElementSettings nominal = PoolElementSettings.fromConfig(c);
    int poolElements = sites.stream().mapToInt(Site::poolElements).sum();
    List<Double> capacities = List.copyOf(distribution.of(poolElements, nominal.capacity(), seed));
    checkCapacities(nominal, capacities);
    Config components = workload.withDerivedJobInterval(c, sites, capacities);
    Duration warmUp = ConfigChecks.nonNegative(c.getDuration("scenario.warm-up"), "scenario.warm-up");
    if (duration != null && warmUp.compareTo(duration) >= 0) {
      throw new ConfigException.BadValue(c.origin(), "scenario.warm-up",
          "must be shorter than scenario.duration (" + duration + "), or the measurement window would be empty; got " + warmUp);
    }
    return new Scenario(name, seed, timeScale, duration, warmUp, sites, network, start, workload.targetUtilization(), workload.puToPeRatio(),
        distribution, capacities, events, RegistrarSettings.fromConfig(components), nominal, PoolUserSettings.fromConfig(components),
        AttackerSettings.fromConfig(components), components);
  }

  /** Every pool element must be able to work with its capacity (e.g. its automatic WeightedRandom weight fits 32 bits). */
  private static void checkCapacities(PoolElementSettings nominal, List<Double> capacities) {
    double max = capacities.stream().mapToDouble(Double::doubleValue).max().orElse(nominal.capacity());
    try {
      nominal.withCapacity(max);
    } catch (IllegalArgumentException e) {
      throw ConfigChecks.bad(PoolElementCapacities.PATH, "gives a pool element the capacity " + max + ", for which " + e.getMessage()
          + " (lower rserpool.pool-element.capacity or the spread, or set rserpool.pool-element.policy-weight)");
    }
  }

  private static List<Site> sites(Config c, OptionalDouble puToPeRatio) {
    List<? extends ConfigObject> list = ScenarioValues.objectList(c, "scenario.sites",
        "one object per site with registrars, pool-elements, pool-users and attackers");
    if (list.isEmpty()) throw ConfigChecks.bad("scenario.sites", "must list at least one site");
    if (list.size() > AddressPlan.MAX_SITES) throw ConfigChecks.bad("scenario.sites", "at most " + AddressPlan.MAX_SITES + " sites, got " + list.size());
    List<Site> sites = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "scenario.sites[" + i + "]";
      for (String k : list.get(i).keySet()) {
        if (!SITE_KEYS.contains(k)) throw ConfigChecks.bad(at + "." + k, "unknown key; a site has " + new TreeSet<>(SITE_KEYS));
      }
      if (puToPeRatio.isPresent() && list.get(i).containsKey("pool-users")) {
        throw ConfigChecks.bad(at + ".pool-users", "is derived from scenario.workload.pu-to-pe-ratio (" + puToPeRatio.getAsDouble()
            + "): give either the pool users of each site or scenario.workload.pu-to-pe-ratio, not both");
      }
      Config s = list.get(i).toConfig()
          .withFallback(ConfigFactory.parseMap(Map.of("registrars", 0, "pool-elements", 0, "pool-users", 0, "attackers", 0)));
      int prs = count(s, "registrars", at, AddressPlan.MAX_REGISTRARS_PER_SITE);
      int pes = count(s, "pool-elements", at, AddressPlan.MAX_POOL_ELEMENTS_PER_SITE);
      int pus;
      if (puToPeRatio.isPresent()) {
        // RSPSIM's tool-chain: #PUs = round(r x N) per LAN; R rounds halves to even, as rint does.
        double derived = Math.rint(puToPeRatio.getAsDouble() * pes);
        if (derived > AddressPlan.MAX_POOL_USERS_PER_SITE) {
          throw ConfigChecks.bad("scenario.workload.pu-to-pe-ratio", "gives site " + (i + 1) + " (" + at + ".pool-elements = " + pes + ") "
              + (long) derived + " pool users, more than the " + AddressPlan.MAX_POOL_USERS_PER_SITE + " a site can have");
        }
        pus = (int) derived;
      } else {
        pus = count(s, "pool-users", at, AddressPlan.MAX_POOL_USERS_PER_SITE);
      }
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
    List<? extends ConfigObject> list = ScenarioValues.objectList(c, "scenario.events",
        "{ at = 60s, action = crash | shutdown | restart, component = \"registrar-S-I\" | \"pe-S-I\" | \"pu-S-I\" | \"at-S-I\" }");
    for (int i = 0; i < list.size(); i++) {
      String at = "scenario.events[" + i + "]";
      for (String k : list.get(i).keySet()) {
        if (!EVENT_KEYS.contains(k)) throw ConfigChecks.bad(at + "." + k, "unknown key; an event has " + new TreeSet<>(EVENT_KEYS));
      }
      Config e = list.get(i).toConfig();
      for (String k : EVENT_KEYS) {
        if (!e.hasPath(k)) throw ConfigChecks.bad(at + "." + k, "is required; an event has " + new TreeSet<>(EVENT_KEYS));
      }
      Duration time;
      try {
        time = ConfigChecks.nonNegative(e.getDuration("at"), at + ".at");
      } catch (ConfigException.BadValue | ConfigException.WrongType bad) {
        throw ConfigChecks.bad(at + ".at", "must be an emulated time such as 90s or 2m");
      }
      ComponentAction action = ComponentAction.fromKey(ScenarioValues.string(e, "action", "one of [crash, shutdown, restart]").trim());
      if (action == null) {
        List<String> keys = new ArrayList<>();
        for (ComponentAction a : ComponentAction.values()) keys.add(a.key());
        throw ConfigChecks.bad(at + ".action", "must be one of " + keys + ", got '" + e.getString("action") + "'");
      }
      String component = ScenarioValues.string(e, "component", "a component name: registrar-S-I, pe-S-I, pu-S-I or at-S-I").trim();
      if (!ComponentNames.exists(sites, component)) {
        throw ConfigChecks.bad(at + ".component", "no component '" + component
            + "' in this scenario (names: registrar-S-I, pe-S-I, pu-S-I, at-S-I for site S, index I from 1)");
      }
      // Refused at run time anyway (EmulationGuardian): say so before anything starts.
      if (action == ComponentAction.SHUTDOWN && (component.startsWith("registrar-") || component.startsWith("pu-"))) {
        throw ConfigChecks.bad(at + ".action", "registrars and pool users have no graceful shutdown (RSPSIM and rsplib stop them"
            + " silently): use crash for " + component + "; shutdown is for pool elements and attackers");
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
    } catch (ConfigException.WrongType | ConfigException.BadValue e) {
      throw ConfigChecks.bad(at + "." + key, "must be a whole number in 0.." + max);
    }
    if (n < 0 || n > max) throw ConfigChecks.bad(at + "." + key, "must be in 0.." + max + ", got " + n);
    return n;
  }
}
