package org.rserpool.emulator.sweep;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One swept configuration key and the values it takes, in the order the sweep block lists them.
 *
 * @param key a configuration path, e.g. {@code rserpool.pool-element.policy}
 * @param values the values as the scenario file wrote them
 */
public record SweptParameter(String key, List<ConfigValue> values) {

  public SweptParameter {
    values = List.copyOf(values);
  }

  /** A value as users wrote it: strings without quotes, anything else as compact HOCON/JSON. */
  public static String text(ConfigValue value) {
    return value.valueType() == ConfigValueType.STRING ? (String) value.unwrapped() : value.render(ConfigRenderOptions.concise());
  }

  /** The last segment of each key, or the whole key where two keys share their last segment. */
  public static Map<String, String> shortNames(List<String> keys) {
    Set<String> seen = new HashSet<>();
    Set<String> clash = new HashSet<>();
    for (String k : keys) {
      String last = k.substring(k.lastIndexOf('.') + 1);
      if (!seen.add(last)) clash.add(last);
    }
    Map<String, String> names = new LinkedHashMap<>();
    for (String k : keys) {
      String last = k.substring(k.lastIndexOf('.') + 1);
      names.put(k, clash.contains(last) ? k : last);
    }
    return names;
  }

}
