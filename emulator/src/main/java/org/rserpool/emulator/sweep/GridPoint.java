package org.rserpool.emulator.sweep;

import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One point of the sweep grid: a value for every swept key, in the sweep block's order.
 *
 * @param index 0-based position in the grid (the first parameter varies slowest)
 * @param values swept key to the value at this point
 */
public record GridPoint(int index, Map<String, ConfigValue> values) {

  public GridPoint {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The value of a swept key as users wrote it (see {@link SweptParameter#text}). */
  public String text(String key) {
    ConfigValue v = values.get(key);
    if (v == null) throw new IllegalArgumentException("'" + key + "' is not swept");
    return SweptParameter.text(v);
  }

  /** The configuration overrides of this point: key to its value. */
  public Map<String, Object> overrides() {
    Map<String, Object> o = new LinkedHashMap<>();
    values.forEach((k, v) -> o.put(k, v.unwrapped()));
    return o;
  }

  /** "policy=Random, wan-delay=50ms": the keys' last segments (unless ambiguous), for short displays. */
  public String shortLabel() {
    Map<String, String> names = SweptParameter.shortNames(List.copyOf(values.keySet()));
    List<String> parts = new ArrayList<>();
    values.forEach((k, v) -> parts.add(names.get(k) + "=" + SweptParameter.text(v)));
    return String.join(", ", parts);
  }

  /** "key=value, key=value", for progress lines and error reports. */
  public String label() {
    List<String> parts = new ArrayList<>();
    values.forEach((k, v) -> parts.add(k + "=" + SweptParameter.text(v)));
    return String.join(", ", parts);
  }
}
