package org.rserpool.emulator.network.link;

import java.util.SplittableRandom;

/**
 * One direction of one link with its state, like one netem qdisc (Linux {@code sch_netem.c}): the
 * correlated random generators, the Gilbert-Elliott state and the rate queue. Packets sent over it
 * get their fate in the order they are sent, under the link's lock.
 *
 * <p>Per packet, as {@code netem_enqueue}: decide duplication, then loss (a lost duplicated packet
 * still sends one copy); each surviving copy gets a delay of {@code delay + jitter × X} (never below
 * 0). The second copy of a duplicate crosses the loss model and the delay once more, as netem
 * re-enqueues it.
 *
 * <p>With a rate, a copy first waits for the link to be free and for its own transmission time
 * ({@code size / rate}), then travels for its delay: it leaves the queue at
 * {@code max(now, previous end) + size / rate}. At most {@code queueLimit} packets wait or transmit;
 * more are dropped (counted as overflow). This is a real link's order (serialise, then propagate,
 * as tbf in front of netem); netem itself applies its rate after the delay and counts delayed
 * packets against its limit too, which makes long delays fill the queue.
 *
 * <p>One deviation from netem: the distribution tables are indexed by the whole correlated random
 * value (u = rnd / 2^32) rather than {@code rnd % table size}. The modulo keeps only the low bits,
 * which discards the correlation (a long-known netem flaw); this way a 25 % delay correlation does
 * what tc-netem(8) says it does.
 */
public final class Link {
  private final LinkProfile profile;
  private final boolean constant;
  private final long delayNanos;
  private final long jitterNanos;
  private final SplittableRandom random;
  private final CorrelatedRandom delayRandom;
  private final CorrelatedRandom lossRandom;
  private final CorrelatedRandom duplicateRandom;
  private final LossModel.GilbertElliott gemodel;
  private final double lossProbability;
  private boolean bad;
  private long lastDeparture = Long.MIN_VALUE;
  /** Departure times of the packets in the rate queue, oldest first (a ring). */
  private final long[] queue;
  private int queueHead;
  private int queueSize;

  public Link(LinkProfile profile, long seed) {
    this.profile = profile;
    this.constant = profile.isConstant();
    this.delayNanos = profile.delay().toNanos();
    this.jitterNanos = profile.jitter().toNanos();
    this.random = new SplittableRandom(seed);
    this.delayRandom = new CorrelatedRandom(profile.delayCorrelation(), random);
    this.duplicateRandom = new CorrelatedRandom(profile.duplicateCorrelation(), random);
    if (profile.loss() instanceof LossModel.Random r) {
      this.lossRandom = new CorrelatedRandom(r.correlation(), random);
      this.lossProbability = r.probability();
      this.gemodel = null;
    } else {
      this.lossRandom = null;
      this.lossProbability = 0;
      this.gemodel = profile.loss() instanceof LossModel.GilbertElliott g ? g : null;
    }
    this.queue = profile.rate() == null ? new long[0] : new long[profile.queueLimit()];
  }

  public LinkProfile profile() {
    return profile;
  }

  /** Whether every packet simply takes {@link #constantDelayNanos()}: no state, no lock, order kept. */
  public boolean isConstant() {
    return constant;
  }

  public long constantDelayNanos() {
    return delayNanos;
  }

  /** Sends one copy that reaches this link {@code delaySoFar} after {@code now}. */
  synchronized void transmit(Transmission t, long nowNanos, long delaySoFar, int sizeBytes) {
    if (constant) {
      t.arrive(delaySoFar + delayNanos);
      return;
    }
    boolean twice = profile.duplicate() > 0 && duplicateRandom.chance(profile.duplicate(), random);
    int count = twice ? 2 : 1;
    if (lose()) count--;
    if (count == 0) {
      t.lose();
      return;
    }
    if (twice) {
      if (count == 2) t.duplicate();
      else t.lose();
    }
    depart(t, nowNanos, delaySoFar, sizeBytes);
    if (count == 2) {
      // netem sends the copy through the qdisc again, with duplication off: it may be lost on its own.
      if (lose()) t.lose();
      else depart(t, nowNanos, delaySoFar, sizeBytes);
    }
  }

  private void depart(Transmission t, long nowNanos, long delaySoFar, int sizeBytes) {
    if (profile.rate() == null) {
      t.arrive(delaySoFar + sampleDelay());
      return;
    }
    long start = nowNanos + delaySoFar;
    while (queueSize > 0 && queue[queueHead] <= start) {
      queueHead = (queueHead + 1) % queue.length;
      queueSize--;
    }
    if (queueSize == queue.length) {
      t.overflow();
      return;
    }
    long end = Math.max(start, lastDeparture) + profile.rate().transmissionNanos(sizeBytes);
    lastDeparture = end;
    queue[(queueHead + queueSize++) % queue.length] = end;
    t.arrive(end - nowNanos + sampleDelay());
  }

  private long sampleDelay() {
    if (jitterNanos == 0) return delayNanos;
    double x = profile.distribution().variate(delayRandom.next(random));
    return Math.max(0, delayNanos + Math.round(jitterNanos * x));
  }

  private boolean lose() {
    if (lossRandom != null) return lossRandom.chance(lossProbability, random);
    if (gemodel == null) return false;
    // netem's loss_gilb_ell: the loss is decided by the state the packet finds, then the state moves.
    if (!bad) {
      if (random.nextDouble() < gemodel.p()) bad = true;
      return random.nextDouble() < gemodel.lossInGood();
    }
    if (random.nextDouble() < gemodel.r()) bad = false;
    return random.nextDouble() < gemodel.lossInBad();
  }
}
