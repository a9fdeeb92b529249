package org.rserpool.emulator.pooluser;

import java.util.ArrayList;
import java.util.List;
import org.rserpool.emulator.protocol.calcapp.CalcAppCookie;
import org.rserpool.emulator.protocol.param.PoolElementParameter;

/**
 * One CalcApp job of a pool user and RSPSIM's bookkeeping of it (calcappqueuingclientprocess.cc,
 * CalcAppQueuingClientJob; rspsim-model.md §4.4). Times are emulated nanoseconds.
 *
 * <ul>
 *   <li>queuing delay = started − queued (waiting in the pool user's own FIFO);
 *   <li>startup delay = first accept − started (handle resolutions, request round trips, rejects);
 *   <li>processing time = completion − first accept = goodput time + failover time;
 *   <li>handling time = completion − queued = queuing + startup + processing;
 *   <li>goodput time: the intervals that end at a cookie or the completion, since the previous such point
 *       or accept; failover time: from the last goodput point to the accept after a failover (detection,
 *       new selection, and the work since the last cookie, which is lost).
 * </ul>
 *
 * The goodput in calculations (RSPSIM's TotalJobSizeCompleted) grows at each cookie by the progress it
 * confirms and at the completion by the rest.
 */
final class Job {
  final int id;
  final long size;
  final long queuedAt;
  long startedAt = -1;
  long acceptedAt = -1;
  long lastGoodputAt = -1;
  long lastGoodputCalculations;
  long goodputNanos;
  long failoverNanos;
  int serverSelections;
  int unreachables;
  int failovers;
  int requests;
  int cookieEchoes;
  int accepts;
  int rejects;
  /** The last cookie of this job, echoed after a failover; {@code null} until one arrives. */
  CalcAppCookie cookie;
  /** The pool element asked or serving, {@code null} between selections. */
  PoolElementParameter poolElement;

  Job(int id, long size, long queuedAt) {
    this.id = id;
    this.size = size;
    this.queuedAt = queuedAt;
  }

  /** Taken from the queue into service; returns the queuing delay. */
  long start(long now) {
    startedAt = now;
    return now - queuedAt;
  }

  /** A CALCAPP_ACCEPT: returns the startup delay for the first one, -1 after a failover (whose time it accounts). */
  long accept(long now) {
    accepts++;
    long startup = -1;
    if (acceptedAt < 0) {
      acceptedAt = now;
      startup = now - startedAt;
    } else {
      failoverNanos += now - lastGoodputAt;
    }
    lastGoodputAt = now;
    return startup;
  }

  /** An ASAP_COOKIE: the progress up to it is safe. Returns the calculations it confirms. */
  long cookie(CalcAppCookie c, long now) {
    cookie = c;
    goodputNanos += now - lastGoodputAt;
    lastGoodputAt = now;
    long confirmed = c.completed() - lastGoodputCalculations;
    lastGoodputCalculations = c.completed();
    return confirmed;
  }

  /** CALCAPP_COMPLETE: the final account. */
  Completed complete(long now) {
    goodputNanos += now - lastGoodputAt;
    long confirmed = size - lastGoodputCalculations;
    lastGoodputCalculations = size;
    lastGoodputAt = now;
    return new Completed(id, size, confirmed, startedAt - queuedAt, acceptedAt - startedAt, now - acceptedAt, now - queuedAt,
        goodputNanos, failoverNanos, serverSelections, unreachables, failovers, requests, cookieEchoes, accepts, rejects);
  }

  /**
   * A completed job's account.
   *
   * @param goodputCalculations the calculations its completion confirmed (the rest came with cookies)
   */
  record Completed(
      int id,
      long size,
      long goodputCalculations,
      long queuingNanos,
      long startupNanos,
      long processingNanos,
      long handlingNanos,
      long goodputNanos,
      long failoverNanos,
      int serverSelections,
      int unreachables,
      int failovers,
      int requests,
      int cookieEchoes,
      int accepts,
      int rejects) {

    /** RSPSIM's tolerance for the time identities (OPP_CHECK ... < 0.001). */
    static final long TOLERANCE_NANOS = 1_000_000;

    /**
     * The invariants RSPSIM checks at every completion (calcappqueuingclientprocess.cc,
     * handleCalcAppComplete): the names of those that do not hold.
     */
    List<Invariant> violations() {
      List<Invariant> broken = new ArrayList<>();
      if (Math.abs(goodputNanos + failoverNanos - processingNanos) >= TOLERANCE_NANOS) broken.add(Invariant.PROCESSING);
      if (Math.abs(queuingNanos + startupNanos + goodputNanos + failoverNanos - handlingNanos) >= TOLERANCE_NANOS) {
        broken.add(Invariant.HANDLING);
      }
      if (unreachables > requests + cookieEchoes) broken.add(Invariant.UNREACHABLES);
      if (failovers >= requests + cookieEchoes) broken.add(Invariant.FAILOVERS);
      if (requests + cookieEchoes > serverSelections) broken.add(Invariant.SELECTIONS);
      return broken;
    }
  }

  /** The per-job invariants, named for the metrics' bounded label. */
  enum Invariant {
    /** processing time = goodput time + failover time */
    PROCESSING("processing"),
    /** handling time = queuing delay + startup delay + goodput time + failover time */
    HANDLING("handling"),
    /** unreachable reports ≤ requests + cookie echoes */
    UNREACHABLES("unreachables"),
    /** failovers < requests + cookie echoes */
    FAILOVERS("failovers"),
    /** requests + cookie echoes ≤ server selections */
    SELECTIONS("selections");

    final String label;

    Invariant(String label) {
      this.label = label;
    }
  }
}
