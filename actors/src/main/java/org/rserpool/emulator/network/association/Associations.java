package org.rserpool.emulator.network.association;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.rserpool.emulator.network.TransportAddress;

/**
 * The SCTP associations of one node's network (RFC 4960), as far as ASAP and ENRP see them: reliable,
 * ordered delivery (one stream, as rsplib uses), retransmission on loss with the RTO measured from
 * round trips (§6.3.1) and doubled on every timeout up to RTO.Max (§6.3.3), and the association lost
 * after Association.Max.Retrans consecutive retransmissions (§8.1).
 *
 * <p>A message's fate is worked out when it is sent, by the sender's node (which in a cluster also
 * applies the links and faults): each transmission crosses the path at its own time, its SACK crosses
 * the path back, and a transmission not acknowledged within the RTO is sent again. The message arrives
 * with its first copy that gets through, and not before the messages sent before it on the association
 * (in-order delivery: a lost message holds the later ones back). The SACK is one per DATA chunk (rsplib
 * turns delayed SACK off); handshakes, heartbeats, bundling and congestion control are not modelled:
 * a new association carries its first message at once.
 *
 * <p>An association belongs to one incarnation of each end (an address bound anew is a new
 * incarnation). When the sender restarted, its first message starts a new association (the peer's
 * stack sees a restart and carries on). When the receiver restarted, the old association's DATA meets a
 * stack that does not know it and is answered with an ABORT (§8.4): the message is lost and the sender
 * told.
 *
 * <p>Thread-safe: each association is worked on under its own lock.
 */
public final class Associations {
  /** How one transmission crosses the network from {@code from} to {@code to} at a time: its delay, or -1 when it is lost. */
  @FunctionalInterface
  public interface Path {
    long attempt(TransportAddress from, TransportAddress to, long atNanos);
  }

  /**
   * What becomes of one message.
   *
   * @param deliverAtNanos when the receiver gets it, or -1 when it never does
   * @param retransmissions how many times it was sent again
   * @param lostAtNanos when the sender's association is lost for it (retransmissions exhausted), or -1
   * @param peerRestarted the receiver had restarted: an ABORT answers the message, which is lost
   * @param association the association it went on (to check, when a consequence is due, that it still exists)
   */
  public record Outcome(long deliverAtNanos, int retransmissions, long lostAtNanos, boolean peerRestarted, Association association) {}

  /** One association: an unordered pair of addresses, each in one incarnation, with each direction's sender state. */
  public static final class Association {
    final TransportAddress low;
    final TransportAddress high;
    final int lowIncarnation;
    final int highIncarnation;
    final Direction fromLow;
    final Direction fromHigh;
    boolean closed;

    Association(TransportAddress low, int lowIncarnation, TransportAddress high, int highIncarnation, long rtoInitialNanos) {
      this.low = low;
      this.high = high;
      this.lowIncarnation = lowIncarnation;
      this.highIncarnation = highIncarnation;
      this.fromLow = new Direction(rtoInitialNanos);
      this.fromHigh = new Direction(rtoInitialNanos);
    }

    public synchronized boolean isOpen() {
      return !closed;
    }

    /** The sender's smoothed round-trip time from {@code from}, or -1 before the first measurement. */
    public synchronized long srttNanos(TransportAddress from) {
      return (from.equals(low) ? fromLow : fromHigh).srtt;
    }

    /** The retransmission timeout the sender at {@code from} uses now. */
    public synchronized long rtoNanos(TransportAddress from) {
      return (from.equals(low) ? fromLow : fromHigh).rto;
    }
  }

  /** A sender's state: RFC 4960 §6.3.1's SRTT, RTTVAR and RTO, and the delivery time of its last message. */
  static final class Direction {
    long srtt = -1;
    long rttvar;
    long rto;
    long lastDeliveryNanos = Long.MIN_VALUE;

    Direction(long rtoInitialNanos) {
      this.rto = rtoInitialNanos;
    }
  }

  private record Key(TransportAddress low, TransportAddress high) {
    static Key of(TransportAddress a, TransportAddress b) {
      return a.compareTo(b) <= 0 ? new Key(a, b) : new Key(b, a);
    }
  }

  private final ConcurrentMap<Key, Association> associations = new ConcurrentHashMap<>();
  private final SctpSettings settings;
  private final long rtoMin;
  private final long rtoMax;

  public Associations(SctpSettings settings) {
    this.settings = settings;
    this.rtoMin = settings.rtoMin().toNanos();
    this.rtoMax = settings.rtoMax().toNanos();
  }

  /** The open association between two addresses, or {@code null}. */
  public Association find(TransportAddress a, TransportAddress b) {
    return associations.get(Key.of(a, b));
  }

  /**
   * Sends one message from {@code from} to {@code to} at {@code nowNanos}.
   *
   * @param fromIncarnation the sender's incarnation (how often its address was bound)
   * @param toIncarnation the receiver's, or -1 when this node cannot know it (another node's endpoint)
   */
  public Outcome send(TransportAddress from, int fromIncarnation, TransportAddress to, int toIncarnation, long nowNanos, Path path) {
    Key key = Key.of(from, to);
    boolean fromLow = key.low().equals(from);
    while (true) {
      Association a = associations.get(key);
      if (a == null) {
        Association fresh = new Association(key.low(), fromLow ? fromIncarnation : toIncarnation, key.high(),
            fromLow ? toIncarnation : fromIncarnation, settings.rtoInitial().toNanos());
        a = associations.putIfAbsent(key, fresh);
        if (a == null) a = fresh;
      }
      synchronized (a) {
        if (a.closed) continue;
        int knownFrom = fromLow ? a.lowIncarnation : a.highIncarnation;
        int knownTo = fromLow ? a.highIncarnation : a.lowIncarnation;
        if (knownFrom != fromIncarnation) {
          // The sender restarted: its INIT makes a new association (the peer's stack sees a restart).
          close(key, a);
          continue;
        }
        if (toIncarnation >= 0 && knownTo >= 0 && knownTo != toIncarnation) {
          close(key, a);
          return new Outcome(-1, 0, -1, true, a);
        }
        return transmit(a, fromLow ? a.fromLow : a.fromHigh, from, to, nowNanos, path);
      }
    }
  }

  /** The attempts of one message (RFC 4960 §6.3.2, §6.3.3, §8.1), under the association's lock. */
  private Outcome transmit(Association a, Direction d, TransportAddress from, TransportAddress to, long now, Path path) {
    long arrival = Long.MAX_VALUE;
    long acked = Long.MAX_VALUE;
    long t = now;
    long rto = d.rto;
    int retransmissions = 0;
    long lostAt = -1;
    while (true) {
      long forward = path.attempt(from, to, t);
      if (forward >= 0) {
        long arrived = t + forward;
        arrival = Math.min(arrival, arrived);
        long back = path.attempt(to, from, arrived);
        if (back >= 0) acked = Math.min(acked, arrived + back);
      }
      long expiry = t + rto;
      if (acked <= expiry) break;
      // T3-rtx expires: back off (§6.3.3 E2) and send again, unless that was the last retransmission allowed.
      rto = Math.min(2 * rto, rtoMax);
      if (retransmissions == settings.maxRetrans()) {
        lostAt = expiry;
        break;
      }
      retransmissions++;
      t = expiry;
    }
    if (retransmissions == 0 && lostAt < 0) {
      measure(d, acked - now);
    } else {
      // Karn's rule (§6.3.1 C5): no measurement from a retransmitted chunk; the backed-off RTO stays.
      d.rto = rto;
    }
    long deliverAt = -1;
    if (arrival != Long.MAX_VALUE) {
      deliverAt = Math.max(arrival, d.lastDeliveryNanos);
      d.lastDeliveryNanos = deliverAt;
    }
    return new Outcome(deliverAt, retransmissions, lostAt, false, a);
  }

  /** RFC 4960 §6.3.1 C2/C3 with RTO.Alpha 1/8, RTO.Beta 1/4, and the RTO kept within RTO.Min and RTO.Max. */
  private void measure(Direction d, long r) {
    if (d.srtt < 0) {
      d.srtt = r;
      d.rttvar = r / 2;
    } else {
      d.rttvar = (3 * d.rttvar + Math.abs(d.srtt - r)) / 4;
      d.srtt = (7 * d.srtt + r) / 8;
    }
    d.rto = Math.max(rtoMin, Math.min(rtoMax, d.srtt + 4 * d.rttvar));
  }

  /**
   * Ends the association between two addresses (an ABORT, or the sender's stack giving up); {@code true}
   * if it was open and is {@code expected} (or any, when {@code expected} is null).
   */
  public boolean close(TransportAddress a, TransportAddress b, Association expected) {
    Key key = Key.of(a, b);
    Association current = associations.get(key);
    if (current == null || expected != null && current != expected) return false;
    synchronized (current) {
      if (current.closed) return false;
      close(key, current);
      return true;
    }
  }

  private void close(Key key, Association a) {
    a.closed = true;
    associations.remove(key, a);
  }
}
