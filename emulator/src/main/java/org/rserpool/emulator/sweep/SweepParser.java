package org.rserpool.emulator.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.rserpool.emulator.config.ConfigChecks;

/**
 * Reads and validates the {@code sweep} block of a scenario file. Every problem is a
 * {@link ConfigException.BadValue} naming the key (e.g. {@code sweep.parameters[1].key}) and what is
 * allowed, raised before anything runs.
 */
public final class SweepParser {
  /** The block's path in a scenario file. */
  public static final String BLOCK = "sweep";
  private static final Set<String> SWEEP_KEYS = new LinkedHashSet<>(List.of("replications", "parameters", "plot"));
  private static final Set<String> PARAMETER_KEYS = new LinkedHashSet<>(List.of("key", "values"));
  private static final Set<String> PLOT_KEYS = new LinkedHashSet<>(List.of("x", "curves", "metrics"));
  /** Replications set it: run k of a grid point uses scenario.seed + k - 1. */
  private static final String SEED = "scenario.seed";

  private SweepParser() {}

  /**
   * The sweep block of a scenario file.
   *
   * @param file the scenario file as parsed, before any defaults
   * @param reference the defaults (reference.conf), which list every key a sweep may vary
   * @throws ConfigException.BadValue naming the key, when the block is missing or wrong
   */
  public static SweepDefinition parse(Config file, Config reference) {
    if (!file.hasPathOrNull(BLOCK)) {
      throw ConfigChecks.bad(BLOCK, "the scenario file has no sweep block; add one, e.g. sweep { replications = 3, "
          + "parameters = [{ key = \"rserpool.pool-element.policy\", values = [\"LeastUsed\", \"Random\"] }] }");
    }
    ConfigObject block = object(file.getValue(BLOCK), BLOCK);
    onlyKnownKeys(block, BLOCK, SWEEP_KEYS);
    Config sweep = block.toConfig();

    int replications = 1;
    if (sweep.hasPath("replications")) {
      ConfigValue v = sweep.getValue("replications");
      if (v.valueType() != ConfigValueType.NUMBER || !(v.unwrapped() instanceof Integer)) {
        throw ConfigChecks.bad(BLOCK + ".replications", "must be a whole number >= 1, got " + SweptParameter.text(v));
      }
      replications = ConfigChecks.atLeast(sweep.getInt("replications"), 1, BLOCK + ".replications");
    }

    if (!sweep.hasPath("parameters")) {
      throw ConfigChecks.bad(BLOCK + ".parameters", "is required: a list of { key = \"...\", values = [...] }");
    }
    ConfigList list = list(sweep.getValue("parameters"), BLOCK + ".parameters");
    if (list.isEmpty()) throw ConfigChecks.bad(BLOCK + ".parameters", "must list at least one parameter");
    List<SweptParameter> parameters = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      SweptParameter p = parameter(list.get(i), BLOCK + ".parameters[" + i + "]", reference);
      if (!seen.add(p.key())) {
        throw ConfigChecks.bad(BLOCK + ".parameters[" + i + "].key", "'" + p.key() + "' is swept twice; list all its values once");
      }
      parameters.add(p);
    }

    PlotSpec plot = sweep.hasPath("plot") ? plot(sweep.getValue("plot"), parameters) : null;
    return new SweepDefinition(replications, parameters, plot);
  }

  private static SweptParameter parameter(ConfigValue value, String at, Config reference) {
    ConfigObject o = object(value, at);
    onlyKnownKeys(o, at, PARAMETER_KEYS);
    for (String k : PARAMETER_KEYS) {
      if (!o.containsKey(k)) throw ConfigChecks.bad(at + "." + k, "is required; a parameter has " + PARAMETER_KEYS);
    }
    String key = string(o.get("key"), at + ".key");
    boolean ours = key.startsWith("scenario.") || key.startsWith("rserpool.");
    if (!ours || !validPath(key) || !reference.hasPathOrNull(key)) {
      throw ConfigChecks.bad(at + ".key", "unknown key '" + key + "'; a sweep varies keys under scenario or rserpool"
          + " that the reference.conf files list with their defaults");
    }
    if (key.equals(SEED)) {
      throw ConfigChecks.bad(at + ".key", "'" + SEED + "' cannot be swept: replication k runs with " + SEED
          + " + k - 1; raise " + BLOCK + ".replications instead");
    }
    ConfigList values = list(o.get("values"), at + ".values");
    if (values.isEmpty()) throw ConfigChecks.bad(at + ".values", "must list at least one value");
    Set<String> distinct = new HashSet<>();
    for (int j = 0; j < values.size(); j++) {
      ConfigValue v = values.get(j);
      if (v.valueType() == ConfigValueType.NULL) throw ConfigChecks.bad(at + ".values[" + j + "]", "must not be null");
      if (!distinct.add(SweptParameter.text(v))) {
        throw ConfigChecks.bad(at + ".values[" + j + "]", "'" + SweptParameter.text(v) + "' is listed twice");
      }
    }
    return new SweptParameter(key, values);
  }

  private static PlotSpec plot(ConfigValue value, List<SweptParameter> parameters) {
    String at = BLOCK + ".plot";
    ConfigObject o = object(value, at);
    onlyKnownKeys(o, at, PLOT_KEYS);
    List<String> swept = parameters.stream().map(SweptParameter::key).toList();
    if (!o.containsKey("x")) throw ConfigChecks.bad(at + ".x", "is required: the swept key on the x axis, one of " + swept);
    String x = string(o.get("x"), at + ".x");
    SweptParameter xParameter = parameters.stream().filter(p -> p.key().equals(x)).findFirst()
        .orElseThrow(() -> ConfigChecks.bad(at + ".x", "must be a swept key, one of " + swept + ", got '" + x + "'"));
    try {
      XAxis.of(xParameter);
    } catch (IllegalArgumentException e) {
      throw ConfigChecks.bad(at + ".x", "'" + x + "' needs numeric values (numbers or durations) to be an x axis: " + e.getMessage());
    }
    String curves = null;
    if (o.containsKey("curves") && o.get("curves").valueType() != ConfigValueType.NULL) {
      String c = string(o.get("curves"), at + ".curves");
      if (!swept.contains(c)) throw ConfigChecks.bad(at + ".curves", "must be a swept key, one of " + swept + ", got '" + c + "'");
      if (c.equals(x)) throw ConfigChecks.bad(at + ".curves", "must differ from " + at + ".x ('" + x + "')");
      curves = c;
    }
    if (!o.containsKey("metrics")) {
      throw ConfigChecks.bad(at + ".metrics", "is required: the results keys to plot, e.g. [\"SystemUtilization\"]");
    }
    ConfigList list = list(o.get("metrics"), at + ".metrics");
    if (list.isEmpty()) throw ConfigChecks.bad(at + ".metrics", "must list at least one results key, e.g. [\"SystemUtilization\"]");
    List<String> metrics = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String m = string(list.get(i), at + ".metrics[" + i + "]");
      if (metrics.contains(m)) throw ConfigChecks.bad(at + ".metrics[" + i + "]", "'" + m + "' is listed twice");
      metrics.add(m);
    }
    return new PlotSpec(x, curves, metrics);
  }

  private static boolean validPath(String key) {
    try {
      com.typesafe.config.ConfigUtil.splitPath(key);
      return true;
    } catch (ConfigException e) {
      return false;
    }
  }

  private static void onlyKnownKeys(ConfigObject o, String at, Set<String> known) {
    for (String k : o.keySet()) {
      if (!known.contains(k)) throw ConfigChecks.bad(at + "." + k, "unknown key; allowed: " + known);
    }
  }

  private static ConfigObject object(ConfigValue v, String at) {
    if (v instanceof ConfigObject o) return o;
    throw ConfigChecks.bad(at, "must be an object { ... }, got " + v.valueType().name().toLowerCase());
  }

  private static ConfigList list(ConfigValue v, String at) {
    if (v instanceof ConfigList l) return l;
    throw ConfigChecks.bad(at, "must be a list [ ... ], got " + v.valueType().name().toLowerCase());
  }

  private static String string(ConfigValue v, String at) {
    if (v.valueType() != ConfigValueType.STRING || ((String) v.unwrapped()).isBlank()) {
      throw ConfigChecks.bad(at, "must be a non-empty string, got " + SweptParameter.text(v));
    }
    return ((String) v.unwrapped()).trim();
  }
}
