package org.rserpool.emulator.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code rserpool.profile}: one key that sets every behaviour where the RFCs, rsplib and RSPSIM differ
 * and the emulator has a switch for it (docs/profiles.md has the table). A profile is a block
 * {@code rserpool.profiles.<name>} of keys under {@code rserpool}; each applies unless that key was set
 * anywhere but the defaults (a scenario, the command line, a system property, a test's overrides), so
 * an individual key still wins over the profile. The defaults in reference.conf are those of the
 * default profile, so that a configuration read without this step behaves the same.
 */
public final class Profiles {
  public static final String KEY = "rserpool.profile";
  private static final String PROFILES = "rserpool.profiles";

  private Profiles() {}

  /** The configuration with the chosen profile's values where nothing but the defaults set them. */
  public static Config apply(Config config) {
    if (!config.hasPath(KEY) || !config.hasPath(PROFILES)) return config;
    String name = config.getString(KEY).trim();
    if (!config.getObject(PROFILES).containsKey(name)) {
      throw ConfigChecks.bad(KEY, "must be one of " + new TreeSet<>(config.getObject(PROFILES).keySet()) + ", got '" + name + "'");
    }
    Config out = config;
    for (Map.Entry<String, ConfigValue> e : config.getConfig(PROFILES + "." + name).entrySet()) {
      String path = "rserpool." + e.getKey();
      if (!config.hasPath(path) || fromDefaults(config.getValue(path))) out = out.withValue(path, e.getValue());
    }
    return out;
  }

  /** A value that comes from a reference.conf, not from anything a user wrote. */
  private static boolean fromDefaults(ConfigValue value) {
    String resource = value.origin().resource();
    return resource != null && resource.endsWith("reference.conf");
  }
}
