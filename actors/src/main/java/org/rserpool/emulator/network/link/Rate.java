package org.rserpool.emulator.network.link;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A link's bandwidth in bits per second, written as tc writes rates: {@code 10mbit}, {@code 512kbit},
 * {@code 1gbit}, {@code 100bit}; {@code bps}, {@code kbps}, {@code mbps}, {@code gbps} are bytes per
 * second (tc(8) "RATES"). Decimal prefixes (k = 1000), as tc has them.
 */
public record Rate(long bitsPerSecond) {
  private static final Pattern TEXT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([kmgt]?)(bit|bps)");

  public Rate {
    if (bitsPerSecond <= 0) throw new IllegalArgumentException("rate must be positive, got " + bitsPerSecond + " bit/s");
  }

  /** Emulated nanoseconds to put {@code bytes} on the link. */
  public long transmissionNanos(int bytes) {
    return (long) Math.ceil(bytes * 8e9 / bitsPerSecond);
  }

  /** Parses a tc rate such as {@code 10mbit} or {@code 1.5mbps}. */
  public static Rate parse(String text) {
    Matcher m = TEXT.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("rate must be a number with a tc unit (bit, kbit, mbit, gbit, tbit, or bps, kbps, mbps, gbps, tbps for bytes/s), got '" + text + "'");
    }
    double value = Double.parseDouble(m.group(1));
    double factor = switch (m.group(2)) {
      case "k" -> 1e3;
      case "m" -> 1e6;
      case "g" -> 1e9;
      case "t" -> 1e12;
      default -> 1;
    };
    double bits = value * factor * (m.group(3).equals("bps") ? 8 : 1);
    if (bits < 1 || bits > Long.MAX_VALUE / 2) throw new IllegalArgumentException("rate out of range (1 bit/s and up): '" + text + "'");
    return new Rate(Math.round(bits));
  }

  @Override
  public String toString() {
    if (bitsPerSecond % 1_000_000_000 == 0) return bitsPerSecond / 1_000_000_000 + "gbit";
    if (bitsPerSecond % 1_000_000 == 0) return bitsPerSecond / 1_000_000 + "mbit";
    if (bitsPerSecond % 1_000 == 0) return bitsPerSecond / 1_000 + "kbit";
    return bitsPerSecond + "bit";
  }
}
