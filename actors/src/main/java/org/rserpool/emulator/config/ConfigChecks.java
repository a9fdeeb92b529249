package org.rserpool.emulator.config;

import com.typesafe.config.ConfigException;
import java.time.Duration;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.random.Distribution;

/**
 * Range checks for configuration values. A bad value raises Typesafe Config's own
 * {@link ConfigException.BadValue}, whose message names the key and what is allowed, e.g.
 * {@code Invalid value at 'rserpool.pool-element.capacity': must be a positive number, got -1.0}.
 */
public final class ConfigChecks {
  private ConfigChecks() {}

  public static double positive(double value, String key) {
    if (!(value > 0) || Double.isInfinite(value)) throw bad(key, "must be a positive number, got " + value);
    return value;
  }

  public static double inRange(double value, double min, double max, String key) {
    if (!(value >= min && value <= max)) throw bad(key, "must be in " + min + ".." + max + ", got " + value);
    return value;
  }

  public static int atLeast(int value, int min, String key) {
    if (value < min) throw bad(key, "must be at least " + min + ", got " + value);
    return value;
  }

  public static Duration positive(Duration value, String key) {
    if (value.isNegative() || value.isZero()) throw bad(key, "must be a positive duration, got " + value);
    return value;
  }

  public static Duration nonNegative(Duration value, String key) {
    if (value.isNegative()) throw bad(key, "must not be negative, got " + value);
    return value;
  }

  public static int port(int value, String key) {
    if (value < 1 || value > 65535) throw bad(key, "must be a port in 1..65535, got " + value);
    return value;
  }

  public static PoolHandle poolHandle(String value, String key) {
    PoolHandle handle = PoolHandle.of(value);
    if (handle.value().length() < 1 || handle.value().length() > PoolHandle.MAX_LENGTH) {
      throw bad(key, "must be 1 to " + PoolHandle.MAX_LENGTH + " bytes long, got '" + value + "'");
    }
    return handle;
  }

  /** A distribution shape ({@code exponential}, {@code constant}, {@code uniform G}) around a mean. */
  public static Distribution distribution(String shape, double mean, String key) {
    try {
      return Distribution.parse(shape, mean);
    } catch (IllegalArgumentException e) {
      throw bad(key, e.getMessage());
    }
  }

  public static ConfigException bad(String key, String message) {
    return new ConfigException.BadValue(key, message);
  }
}
