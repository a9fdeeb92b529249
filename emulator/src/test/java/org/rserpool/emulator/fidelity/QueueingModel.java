package org.rserpool.emulator.fidelity;

import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * An independent, idealised model of RSPSIM's CalcApp workload, simulated event by event in virtual
 * time: no actors, no network, no protocol, no emulator code. It gives the fidelity tests the value to
 * expect from an emulation of the same size, warm-up and window, and the statistical spread of that
 * value from run to run, so their bounds come from theory and a measured error, not from a run.
 *
 * <p>The model (rspsim-model.md §1.5, §1.6, §4, §6.1): N pool elements of capacity 1 serving their
 * jobs by processor sharing; P pool users, each a FIFO queue fed by a Poisson stream of jobs with
 * exponential sizes of mean 1 (times are in units of the mean job time S/C) and mean interval
 * max(1, P/N) / θ (RSPSIM's auto-computation), serving one job at a time. A job leaves the queue and
 * goes at once, with zero delay, to the pool element the pool policy picks with exact knowledge of
 * the loads: Least Used takes the fewest jobs, ties to the one picked least recently (rsplib's
 * sequence numbers); Random takes any; Round Robin takes the next. Startup delay is therefore 0.
 *
 * <p>Statistics as RSPSIM keeps them over a window from the warm-up to its end: utilization = work
 * done in the window / (N × window); handling speed = sizes of the jobs completed in the window / their
 * handling times (a ratio of sums; jobs queued before the window count whole); queuing delay sampled
 * when a job starts, processing and handling time when it completes.
 */
final class QueueingModel {

  enum Policy { LEAST_USED, RANDOM, ROUND_ROBIN }

  /**
   * @param warmUp job times before the window
   * @param window job times measured
   */
  record Config(int poolElements, int poolUsers, double utilization, Policy policy, double warmUp, double window) {
    /** Mean interval between one pool user's jobs, in job times. */
    double jobInterval() {
      return Math.max(1.0, (double) poolUsers / poolElements) / utilization;
    }
  }

  /** One run's window statistics; times in job times (S/C), speed as a fraction of the capacity. */
  record Result(double utilization, double handlingSpeed, double queuingDelay, double processingTime, double handlingTime, long jobs) {}

  /** Means and standard deviations of the results of independent runs. */
  record Summary(int runs, Result mean, Result sd) {}

  private static final int ARRIVAL = 0;
  private static final int COMPLETION = 1;

  private record Event(double time, int kind, int index, long version) {}

  private static final class Job {
    final double queuedAt;
    final double size;
    double startedAt;
    int poolUser;
    double finishWork;

    Job(double queuedAt, double size) {
      this.queuedAt = queuedAt;
      this.size = size;
    }
  }

  private static final class PoolElement {
    final PriorityQueue<Job> jobs = new PriorityQueue<>((a, b) -> Double.compare(a.finishWork, b.finishWork));
    /** Service each present job has received since the start (processor sharing's virtual time). */
    double work;
    double updatedAt;
    long version;
    long lastPicked = -1;
  }

  private static final class PoolUser {
    final ArrayDeque<Job> queue = new ArrayDeque<>();
    boolean busy;
  }

  private final Config config;
  private final SplittableRandom random;
  private final PoolElement[] poolElements;
  private final PoolUser[] poolUsers;
  private final PriorityQueue<Event> events =
      new PriorityQueue<>((a, b) -> a.time != b.time ? Double.compare(a.time, b.time) : Long.compare(a.version, b.version));
  private final double windowStart;
  private final double windowEnd;
  private long picks;
  private int roundRobin;
  private long eventVersion;
  // Window statistics.
  private double busyTime;
  private double sizeCompleted;
  private double handlingSum;
  private double processingSum;
  private long completed;
  private double queuingSum;
  private long started;

  private QueueingModel(Config config, long seed) {
    this.config = config;
    this.random = new SplittableRandom(seed);
    this.poolElements = new PoolElement[config.poolElements()];
    for (int i = 0; i < poolElements.length; i++) poolElements[i] = new PoolElement();
    this.poolUsers = new PoolUser[config.poolUsers()];
    for (int i = 0; i < poolUsers.length; i++) poolUsers[i] = new PoolUser();
    this.windowStart = config.warmUp();
    this.windowEnd = config.warmUp() + config.window();
  }

  /** One run from empty queues. */
  static Result run(Config config, long seed) {
    return new QueueingModel(config, seed).simulate();
  }

  /** {@code runs} independent runs (seeds seed, seed + 1, ...). */
  static Summary replicate(Config config, int runs, long seed) {
    double[][] values = new double[6][runs];
    for (int k = 0; k < runs; k++) {
      Result r = run(config, seed + k);
      double[] v = {r.utilization(), r.handlingSpeed(), r.queuingDelay(), r.processingTime(), r.handlingTime(), r.jobs()};
      for (int m = 0; m < v.length; m++) values[m][k] = v[m];
    }
    double[] mean = new double[6];
    double[] sd = new double[6];
    for (int m = 0; m < 6; m++) {
      double sum = 0;
      for (double x : values[m]) sum += x;
      mean[m] = sum / runs;
      double sq = 0;
      for (double x : values[m]) sq += (x - mean[m]) * (x - mean[m]);
      sd[m] = runs > 1 ? Math.sqrt(sq / (runs - 1)) : Double.NaN;
    }
    return new Summary(runs, new Result(mean[0], mean[1], mean[2], mean[3], mean[4], Math.round(mean[5])),
        new Result(sd[0], sd[1], sd[2], sd[3], sd[4], Math.round(sd[5])));
  }

  private Result simulate() {
    for (int u = 0; u < poolUsers.length; u++) events.add(new Event(exponential(config.jobInterval()), ARRIVAL, u, eventVersion++));
    while (!events.isEmpty()) {
      Event e = events.poll();
      if (e.time() > windowEnd) break;
      if (e.kind() == ARRIVAL) {
        arrive(e.index(), e.time());
      } else if (e.version() == poolElements[e.index()].version) {
        complete(e.index(), e.time());
      }
    }
    for (PoolElement pe : poolElements) {
      if (!pe.jobs.isEmpty()) busyTime += overlap(pe.updatedAt, windowEnd);
    }
    return new Result(busyTime / (poolElements.length * config.window()), sizeCompleted / handlingSum, queuingSum / started,
        processingSum / completed, handlingSum / completed, completed);
  }

  private double exponential(double mean) {
    return -mean * Math.log(1 - random.nextDouble());
  }

  private void arrive(int u, double now) {
    events.add(new Event(now + exponential(config.jobInterval()), ARRIVAL, u, eventVersion++));
    PoolUser pu = poolUsers[u];
    Job job = new Job(now, exponential(1));
    job.poolUser = u;
    pu.queue.add(job);
    if (!pu.busy) startNext(pu, now);
  }

  private void startNext(PoolUser pu, double now) {
    Job job = pu.queue.poll();
    if (job == null) {
      pu.busy = false;
      return;
    }
    pu.busy = true;
    job.startedAt = now;
    if (now >= windowStart) {
      queuingSum += now - job.queuedAt;
      started++;
    }
    int p = select();
    PoolElement pe = poolElements[p];
    advance(pe, now);
    job.finishWork = pe.work + job.size;
    pe.jobs.add(job);
    reschedule(p, now);
  }

  private int select() {
    int chosen;
    switch (config.policy()) {
      case RANDOM -> chosen = random.nextInt(poolElements.length);
      case ROUND_ROBIN -> chosen = roundRobin++ % poolElements.length;
      default -> {
        chosen = 0;
        for (int i = 1; i < poolElements.length; i++) {
          PoolElement a = poolElements[i];
          PoolElement b = poolElements[chosen];
          if (a.jobs.size() < b.jobs.size() || a.jobs.size() == b.jobs.size() && a.lastPicked < b.lastPicked) chosen = i;
        }
      }
    }
    poolElements[chosen].lastPicked = picks++;
    return chosen;
  }

  /** Brings the pool element's virtual time to {@code now} and counts its busy time in the window. */
  private void advance(PoolElement pe, double now) {
    int n = pe.jobs.size();
    if (n > 0) {
      pe.work += (now - pe.updatedAt) / n;
      busyTime += overlap(pe.updatedAt, now);
    }
    pe.updatedAt = now;
  }

  private double overlap(double from, double to) {
    return Math.max(0, Math.min(to, windowEnd) - Math.max(from, windowStart));
  }

  private void reschedule(int p, double now) {
    PoolElement pe = poolElements[p];
    pe.version = eventVersion++;
    Job first = pe.jobs.peek();
    if (first != null) events.add(new Event(now + (first.finishWork - pe.work) * pe.jobs.size(), COMPLETION, p, pe.version));
  }

  private void complete(int p, double now) {
    PoolElement pe = poolElements[p];
    advance(pe, now);
    Job job = pe.jobs.poll();
    if (now >= windowStart) {
      sizeCompleted += job.size;
      handlingSum += now - job.queuedAt;
      processingSum += now - job.startedAt;
      completed++;
    }
    reschedule(p, now);
    startNext(poolUsers[job.poolUser], now);
  }
}
