package org.rserpool.emulator.poolelement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CalcApp server's arithmetic (RSPSIM calcappserverprocess.cc, updateAccounting and scheduleJobs):
 * a capacity of C calculations per second shared equally by the jobs present (egalitarian processor
 * sharing, no waiting room: a job is running or rejected).
 *
 * <p>Progress is exact whatever the moment it is read: {@link #advance} walks the elapsed interval
 * from completion to completion, each completing job freeing its share for the others at the instant
 * it completes, so capacity is never lost when the actor's timer fires late. Completed jobs wait, with
 * their exact completion time, until {@link #takeCompleted} hands them out. RSPSIM reschedules every
 * job's completion event at each change of the job set, which gives the same times. Times are emulated
 * nanoseconds; calculations are doubles (RSPSIM credits rint(Δt · C / n), whole calculations).
 */
public final class ProcessorSharingServer {
  /** Below this many calculations left a job is complete (floating-point dust from the accounting). */
  static final double EPSILON = 1e-6;

  /** A job in service or just completed. */
  public static final class Job {
    private final int id;
    private final double size;
    private double completed;
    private long completedAtNanos = -1;

    Job(int id, double size, double completed) {
      this.id = id;
      this.size = size;
      this.completed = completed;
    }

    public int id() {
      return id;
    }

    public double size() {
      return size;
    }

    /** Calculations done so far (up to the last {@link #advance}). */
    public double completed() {
      return completed;
    }

    public double remaining() {
      return size - completed;
    }

    /** When it completed (emulated nanoseconds), or -1 while it runs. */
    public long completedAtNanos() {
      return completedAtNanos;
    }
  }

  private final double capacity;
  private final Map<Integer, Job> jobs = new LinkedHashMap<>();
  private final List<Job> finished = new ArrayList<>();
  private long lastUpdateNanos;
  private long idleSinceNanos;
  private double usedCalculations;

  /** @param capacity calculations per second */
  public ProcessorSharingServer(double capacity, long nowNanos) {
    if (!(capacity > 0) || Double.isInfinite(capacity)) throw new IllegalArgumentException("capacity must be positive: " + capacity);
    this.capacity = capacity;
    this.lastUpdateNanos = nowNanos;
    this.idleSinceNanos = nowNanos;
  }

  public double capacity() {
    return capacity;
  }

  /** Jobs running (completed ones waiting for {@link #takeCompleted} excluded), as of the last update. */
  public int jobCount() {
    return jobs.size();
  }

  public boolean contains(int jobId) {
    return jobs.containsKey(jobId);
  }

  public Job job(int jobId) {
    return jobs.get(jobId);
  }

  /** The running jobs, in the order they arrived. */
  public Collection<Job> jobs() {
    return Collections.unmodifiableCollection(jobs.values());
  }

  /** Calculations performed so far, over all jobs (RSPSIM TotalCalculations). */
  public double usedCalculations() {
    return usedCalculations;
  }

  /** When the server last became idle; meaningful while {@link #jobCount()} is 0. */
  public long idleSinceNanos() {
    return idleSinceNanos;
  }

  /** The emulated time up to which progress has been credited. */
  public long lastUpdateNanos() {
    return lastUpdateNanos;
  }

  /** Each running job's share of the capacity (calculations per second), or 0 when idle. */
  public double ratePerJob() {
    return jobs.isEmpty() ? 0 : capacity / jobs.size();
  }

  /**
   * Credits the jobs with their progress up to {@code nowNanos}, completion by completion: at each
   * completion inside the interval the remaining jobs' rate rises to C / (n - 1).
   */
  public void advance(long nowNanos) {
    while (!jobs.isEmpty() && lastUpdateNanos < nowNanos) {
      double rate = capacity / jobs.size();
      double least = leastRemaining();
      long finishAt = after(lastUpdateNanos, least / rate * 1e9);
      if (finishAt <= nowNanos) {
        credit(least);
        lastUpdateNanos = finishAt;
        collectCompleted(finishAt);
      } else {
        credit(rate * ((nowNanos - lastUpdateNanos) / 1e9));
        lastUpdateNanos = nowNanos;
      }
    }
    if (jobs.isEmpty() && lastUpdateNanos < nowNanos) lastUpdateNanos = nowNanos;
    // Jobs that arrived already complete (a cookie echo of a finished job) complete at once.
    collectCompleted(lastUpdateNanos);
  }

  private double leastRemaining() {
    double least = Double.MAX_VALUE;
    for (Job j : jobs.values()) least = Math.min(least, j.remaining());
    return Math.max(0, least);
  }

  private void credit(double each) {
    for (Job j : jobs.values()) {
      double c = Math.min(each, j.remaining());
      j.completed += c;
      usedCalculations += c;
    }
  }

  private void collectCompleted(long atNanos) {
    if (jobs.isEmpty()) return;
    boolean any = false;
    for (var i = jobs.values().iterator(); i.hasNext(); ) {
      Job j = i.next();
      if (j.remaining() <= EPSILON) {
        j.completed = j.size;
        j.completedAtNanos = atNanos;
        finished.add(j);
        i.remove();
        any = true;
      }
    }
    if (any && jobs.isEmpty()) idleSinceNanos = atNanos;
  }

  /** Starts a job (possibly resumed from a checkpoint with {@code completed} calculations done). */
  public Job add(int jobId, double size, double completed, long nowNanos) {
    if (jobs.containsKey(jobId)) throw new IllegalStateException("job " + jobId + " is already in service");
    advance(nowNanos);
    Job job = new Job(jobId, size, Math.max(0, Math.min(completed, size)));
    jobs.put(jobId, job);
    collectCompleted(nowNanos);
    return job;
  }

  /** Removes a running job (aborted, or its user gone) after crediting its progress; returns it, or {@code null}. */
  public Job remove(int jobId, long nowNanos) {
    advance(nowNanos);
    Job j = jobs.remove(jobId);
    if (j != null && jobs.isEmpty()) idleSinceNanos = lastUpdateNanos;
    return j;
  }

  /**
   * Removes and returns the jobs that completed up to {@code nowNanos}, in order of completion, each
   * with its completion time.
   */
  public List<Job> takeCompleted(long nowNanos) {
    advance(nowNanos);
    if (finished.isEmpty()) return List.of();
    List<Job> done = new ArrayList<>(finished);
    finished.clear();
    return done;
  }

  /** When the next job completes if nothing changes, or -1 when idle. */
  public long nextCompletionNanos(long nowNanos) {
    advance(nowNanos);
    if (jobs.isEmpty()) return -1;
    return after(lastUpdateNanos, leastRemaining() * jobs.size() / capacity * 1e9);
  }

  /**
   * When {@code job} will have done {@code calculations} in total if the job set does not change, or
   * -1 if it has done them already.
   */
  public long reachesNanos(Job job, double calculations) {
    double missing = calculations - job.completed;
    if (missing <= 0) return -1;
    return after(lastUpdateNanos, missing / (capacity / jobs.size()) * 1e9);
  }

  /** {@code base} plus {@code nanos} rounded up, saturating instead of overflowing for huge jobs. */
  private static long after(long base, double nanos) {
    double t = base + Math.ceil(nanos);
    return t >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) t;
  }
}
