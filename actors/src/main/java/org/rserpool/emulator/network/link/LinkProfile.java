package org.rserpool.emulator.network.link;

import java.time.Duration;
import java.util.Objects;

/**
 * What one direction of a link does to packets, with netem's parameters (tc-netem(8)): a delay with
 * jitter, correlation and distribution; a loss model; duplication with correlation; an optional rate
 * with a queue limit. Times are emulated.
 *
 * @param delay mean one-way delay
 * @param jitter spread around it (0: constant delay, which keeps the order of packets)
 * @param delayCorrelation how much each delay's random value depends on the previous one (0..1)
 * @param distribution the shape of the variation (netem's {@code distribution})
 * @param loss the loss model
 * @param duplicate probability that a packet is sent twice (the copy is delayed and may be lost on its own)
 * @param duplicateCorrelation netem's correlation of the duplication decisions
 * @param rate bandwidth, or {@code null} for none: packets queue behind each other for their wire size
 * @param queueLimit packets that may wait for the rate before more are dropped (netem's {@code limit})
 */
public record LinkProfile(
    Duration delay,
    Duration jitter,
    double delayCorrelation,
    DelayDistribution distribution,
    LossModel loss,
    double duplicate,
    double duplicateCorrelation,
    Rate rate,
    int queueLimit) {

  /** netem's default {@code limit}. */
  public static final int DEFAULT_QUEUE_LIMIT = 1000;
  /** A link that delivers everything at once. */
  public static final LinkProfile IDEAL = constant(Duration.ZERO);

  public LinkProfile {
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(jitter, "jitter");
    Objects.requireNonNull(distribution, "distribution");
    Objects.requireNonNull(loss, "loss");
    if (delay.isNegative()) throw new IllegalArgumentException("delay must not be negative, got " + delay);
    if (jitter.isNegative()) throw new IllegalArgumentException("jitter must not be negative, got " + jitter);
    Probability.check(delayCorrelation, "delay correlation");
    Probability.check(duplicate, "duplicate");
    Probability.check(duplicateCorrelation, "duplicate correlation");
    if (queueLimit < 1) throw new IllegalArgumentException("queue limit must be at least 1 packet, got " + queueLimit);
  }

  /** A constant delay and nothing else (with jitter added later, normal is netem's documented default). */
  public static LinkProfile constant(Duration delay) {
    return new LinkProfile(delay, Duration.ZERO, 0, DelayDistribution.NORMAL, LossModel.none(), 0, 0, null, DEFAULT_QUEUE_LIMIT);
  }

  /** Whether the link only delays, by a constant: then it needs no state and keeps the order of packets. */
  public boolean isConstant() {
    return jitter.isZero() && loss instanceof LossModel.None && duplicate == 0 && rate == null;
  }

  public LinkProfile withDelay(Duration d) {
    return new LinkProfile(d, jitter, delayCorrelation, distribution, loss, duplicate, duplicateCorrelation, rate, queueLimit);
  }

  public LinkProfile withJitter(Duration j, double correlation, DelayDistribution dist) {
    return new LinkProfile(delay, j, correlation, dist, loss, duplicate, duplicateCorrelation, rate, queueLimit);
  }

  public LinkProfile withLoss(LossModel l) {
    return new LinkProfile(delay, jitter, delayCorrelation, distribution, l, duplicate, duplicateCorrelation, rate, queueLimit);
  }

  public LinkProfile withDuplicate(double probability, double correlation) {
    return new LinkProfile(delay, jitter, delayCorrelation, distribution, loss, probability, correlation, rate, queueLimit);
  }

  public LinkProfile withRate(Rate r, int limit) {
    return new LinkProfile(delay, jitter, delayCorrelation, distribution, loss, duplicate, duplicateCorrelation, r, limit);
  }

  /** The profile in netem's words, e.g. {@code delay 10ms 2ms 25% distribution normal loss random 1%}. */
  public String describe() {
    StringBuilder s = new StringBuilder("delay ").append(format(delay));
    if (!jitter.isZero()) {
      s.append(' ').append(format(jitter));
      if (delayCorrelation > 0) s.append(' ').append(Probability.format(delayCorrelation));
      s.append(" distribution ").append(distribution.configName());
    }
    if (!(loss instanceof LossModel.None)) s.append(" loss ").append(loss.describe());
    if (duplicate > 0) {
      s.append(" duplicate ").append(Probability.format(duplicate));
      if (duplicateCorrelation > 0) s.append(' ').append(Probability.format(duplicateCorrelation));
    }
    if (rate != null) s.append(" rate ").append(rate).append(" limit ").append(queueLimit);
    return s.toString();
  }

  private static String format(Duration d) {
    long nanos = d.toNanos();
    if (nanos % 1_000_000 == 0) return nanos / 1_000_000 + "ms";
    if (nanos % 1_000 == 0) return nanos / 1_000 + "us";
    return nanos + "ns";
  }
}
