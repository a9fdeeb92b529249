package org.rserpool.emulator.sweep;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.util.List;

/**
 * The numeric positions of a swept parameter's values on a plot's x axis: numbers as they are, and
 * durations (e.g. RSPSIM's WAN delay sweeps, {@code "50ms"}) in seconds.
 *
 * @param values one position per value, in the parameter's order
 * @param unit the axis unit ("s" for durations), or "" when unknown
 */
record XAxis(double[] values, String unit) {

  /** @throws IllegalArgumentException when a value is neither a number nor a duration */
  static XAxis of(SweptParameter parameter) {
    List<ConfigValue> values = parameter.values();
    double[] x = new double[values.size()];
    boolean numbers = true;
    for (int i = 0; i < x.length; i++) {
      ConfigValue v = values.get(i);
      if (v.valueType() == ConfigValueType.NUMBER) {
        x[i] = ((Number) v.unwrapped()).doubleValue();
      } else if (v.valueType() == ConfigValueType.STRING && isNumber((String) v.unwrapped())) {
        x[i] = Double.parseDouble(((String) v.unwrapped()).trim());
      } else {
        numbers = false;
      }
    }
    if (numbers) return new XAxis(x, "");
    for (int i = 0; i < x.length; i++) {
      Double seconds = seconds(values.get(i));
      if (seconds == null) {
        throw new IllegalArgumentException("'" + SweptParameter.text(values.get(i)) + "' is neither a number nor a duration");
      }
      x[i] = seconds;
    }
    return new XAxis(x, "s");
  }

  private static boolean isNumber(String s) {
    try {
      return Double.isFinite(Double.parseDouble(s.trim()));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** A HOCON duration ("50ms", "1.5h"; a bare number is milliseconds, as HOCON reads it) in seconds, or null. */
  private static Double seconds(ConfigValue v) {
    if (v.valueType() != ConfigValueType.STRING && v.valueType() != ConfigValueType.NUMBER) return null;
    try {
      return ConfigFactory.empty().withValue("d", ConfigValueFactory.fromAnyRef(v.unwrapped())).getDuration("d").toNanos() / 1e9;
    } catch (ConfigException e) {
      return null;
    }
  }
}
