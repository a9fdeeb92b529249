package org.rserpool.emulator.sweep;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.List;

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
}
