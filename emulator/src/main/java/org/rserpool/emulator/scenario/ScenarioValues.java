package org.rserpool.emulator.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.List;
import org.rserpool.emulator.config.ConfigChecks;

/**
 * Typed reads of scenario keys whose failures name the key and what it takes. Typesafe Config's own
 * messages name the key but not what is allowed ("has type STRING rather than NUMBER"); a scenario
 * author needs both.
 */
final class ScenarioValues {
  private ScenarioValues() {}

  static String string(Config c, String key, String allowed) {
    try {
      return c.getString(key);
    } catch (ConfigException.WrongType | ConfigException.Missing e) {
      throw ConfigChecks.bad(key, "must be " + allowed);
    }
  }

  static double number(Config c, String key, String allowed) {
    try {
      return c.getDouble(key);
    } catch (ConfigException.WrongType | ConfigException.Missing e) {
      throw ConfigChecks.bad(key, "must be " + allowed + ", got " + shown(c, key));
    }
  }

  static long wholeNumber(Config c, String key, String allowed) {
    try {
      return c.getLong(key);
    } catch (ConfigException.WrongType | ConfigException.Missing e) {
      throw ConfigChecks.bad(key, "must be " + allowed + ", got " + shown(c, key));
    }
  }

  /** An emulated duration such as 30s, 500ms or 2m. */
  static Duration duration(Config c, String key) {
    try {
      return c.getDuration(key);
    } catch (ConfigException.WrongType | ConfigException.BadValue | ConfigException.Missing e) {
      throw ConfigChecks.bad(key, "must be an emulated duration such as 500ms, 30s or 2m, got " + shown(c, key));
    }
  }

  /** A number, or the word {@code none}: {@code null} for none. */
  static Double numberOrNone(Config c, String key, String allowed) {
    if (c.hasPath(key) && c.getValue(key).valueType() == ConfigValueType.STRING && "none".equals(c.getString(key).trim())) return null;
    return number(c, key, allowed + " or \"none\"");
  }

  static List<? extends ConfigObject> objectList(Config c, String key, String allowed) {
    try {
      return c.getObjectList(key);
    } catch (ConfigException.WrongType | ConfigException.Missing e) {
      throw ConfigChecks.bad(key, "must be a list of objects: " + allowed);
    }
  }

  /** The value as written, for messages. */
  private static String shown(Config c, String key) {
    if (!c.hasPathOrNull(key)) return "nothing";
    if (c.getIsNull(key)) return "null";
    Object v = c.getValue(key).unwrapped();
    return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
  }
}
