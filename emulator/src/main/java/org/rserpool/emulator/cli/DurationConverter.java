package org.rserpool.emulator.cli;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.time.Duration;
import picocli.CommandLine;

/**
 * Reads durations as scenario files write them ({@code 30s}, {@code 10m}, {@code 1.5h}, {@code 500ms}),
 * so the command line and the files agree.
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      Duration d = ConfigFactory.empty().withValue("d", ConfigValueFactory.fromAnyRef(value.trim())).getDuration("d");
      if (d.isNegative() || d.isZero()) throw new CommandLine.TypeConversionException("must be positive, got '" + value + "'");
      return d;
    } catch (ConfigException e) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (examples: 30s, 10m, 1.5h, 500ms)");
    }
  }
}
