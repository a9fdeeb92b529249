package org.rserpool.emulator.network.association;

import com.typesafe.config.Config;
import java.time.Duration;
import org.rserpool.emulator.config.ConfigChecks;

/**
 * How ASAP and ENRP unicast travel ({@code rserpool.network.sctp} in reference.conf): over emulated SCTP
 * associations (RFC 4960), as in rsplib, or as single datagrams that a lossy link simply drops, as in
 * RSPSIM's abstract transport. The retransmission values are the Linux kernel's defaults
 * (net.sctp.rto_initial, rto_min, rto_max, association_max_retrans), which rsplib's registrar keeps (its
 * tuning code in rspregistrar-asap.c is compiled out).
 *
 * @param enabled ASAP and ENRP unicast over associations
 * @param rtoInitial RTO.Initial: the retransmission timeout before the first round-trip measurement
 * @param rtoMin RTO.Min
 * @param rtoMax RTO.Max: the exponential back-off stops there
 * @param maxRetrans Association.Max.Retrans: consecutive retransmissions after which the association is lost
 */
public record SctpSettings(boolean enabled, Duration rtoInitial, Duration rtoMin, Duration rtoMax, int maxRetrans) {
  /** Linux's defaults, on. */
  public static final SctpSettings LINUX = new SctpSettings(true, Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(60), 10);

  public SctpSettings {
    if (rtoMin.isNegative() || rtoMin.isZero()) throw new IllegalArgumentException("rto-min must be positive, got " + rtoMin);
    if (rtoInitial.compareTo(rtoMin) < 0 || rtoInitial.compareTo(rtoMax) > 0) {
      throw new IllegalArgumentException("rto-initial must lie between rto-min and rto-max, got " + rtoInitial);
    }
    if (rtoMax.compareTo(rtoMin) < 0) throw new IllegalArgumentException("rto-max must be at least rto-min, got " + rtoMax);
    if (maxRetrans < 0) throw new IllegalArgumentException("association-max-retrans must be at least 0, got " + maxRetrans);
  }

  public static SctpSettings fromConfig(Config config) {
    String path = "rserpool.network.sctp.";
    Config c = config.getConfig("rserpool.network.sctp");
    try {
      return new SctpSettings(c.getBoolean("enabled"), c.getDuration("rto-initial"), c.getDuration("rto-min"), c.getDuration("rto-max"),
          c.getInt("association-max-retrans"));
    } catch (IllegalArgumentException e) {
      throw ConfigChecks.bad(path.substring(0, path.length() - 1), e.getMessage());
    }
  }

  /**
   * How long an association to a peer that answers nothing lasts: the first transmission and
   * Association.Max.Retrans retransmissions, each RTO doubled up to RTO.Max (RFC 4960 §6.3.3, §8.1).
   */
  public Duration failureDetectionTime(Duration firstRto) {
    long rto = firstRto.toNanos();
    long total = 0;
    for (int i = 0; i <= maxRetrans; i++) {
      total += rto;
      rto = Math.min(2 * rto, rtoMax.toNanos());
    }
    return Duration.ofNanos(total);
  }
}
