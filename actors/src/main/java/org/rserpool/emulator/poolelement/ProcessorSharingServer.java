package org.rserpool.emulator.poolelement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CalcApp server's arithmetic (RSPSIM calcappserverprocess.cc): a capacity of C calculations per
 * second shared equally by the jobs present (egalitarian processor sharing). Each job set change first
 * credits every job with its share of the elapsed time, so progress is exact whenever it is read.
 * Times are emulated nanoseconds.
 */
public final class ProcessorSharingServer {
  /** Below this many calculations left a job is complete (floating-point dust from the accounting). */
  static final double EPSILON = 1e-6;

  /** A job in service. */
  public static final class Job {
    private final int id;
    private final double size;
    private double completed;

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

    public double completed() {
      return completed;
    }

    public double remaining() {
      return size - completed;
    }
  }

  private final double capacity;
  private final Map<Integer, Job> jobs = new LinkedHashMap<>();
  private long lastUpdateNanos;
  private double usedCalculations;

  /** @param capacity calculations per second */
  public ProcessorSharingServer(double capacity, long nowNanos) {
    if (!(capacity > 0)) throw new IllegalArgumentException("capacity must be positive: " + capacity);
    this.capacity = capacity;
    this.lastUpdateNanos = nowNanos;
  }

  public double capacity() {
    return capacity;
  }

  public int jobCount() {
    return jobs.size();
  }

  public boolean contains(int jobId) {
    return jobs.containsKey(jobId);
  }

  public Collection<Job> jobs() {
    return Collections.unmodifiableCollection(jobs.values());
  }

  /** Calculations performed so far, over all jobs. */
  public double usedCalculations() {
    return usedCalculations;
  }

  /** Credits every job with its share of the time since the last update. */
  public void advance(long nowNanos) {
    long elapsed = nowNanos - lastUpdateNanos;
    if (elapsed <= 0) return;
    lastUpdateNanos = nowNanos;
    if (jobs.isEmpty()) return;
    double share = capacity / jobs.size() * (elapsed / 1e9);
    for (Job j : jobs.values()) {
      double credit = Math.min(share, j.remaining());
      j.completed += credit;
      usedCalculations += credit;
    }
  }

  /** Starts a job (possibly resumed from a checkpoint with {@code completed} calculations done). */
  public Job add(int jobId, double size, double completed, long nowNanos) {
    if (jobs.containsKey(jobId)) throw new IllegalStateException("job " + jobId + " is already in service");
    advance(nowNanos);
    Job job = new Job(jobId, size, Math.min(completed, size));
    jobs.put(jobId, job);
    return job;
  }

  /** Removes a job (aborted, or its user gone); returns it, or {@code null}. */
  public Job remove(int jobId, long nowNanos) {
    advance(nowNanos);
    return jobs.remove(jobId);
  }

  /** Removes and returns the jobs that are complete at {@code nowNanos}. */
  public List<Job> takeCompleted(long nowNanos) {
    advance(nowNanos);
    List<Job> done = new ArrayList<>();
    jobs.values().removeIf(j -> {
      if (j.remaining() <= EPSILON) {
        done.add(j);
        return true;
      }
      return false;
    });
    return done;
  }

  /** When the next job completes if nothing changes, or -1 when idle. */
  public long nextCompletionNanos(long nowNanos) {
    advance(nowNanos);
    if (jobs.isEmpty()) return -1;
    double least = Double.MAX_VALUE;
    for (Job j : jobs.values()) least = Math.min(least, j.remaining());
    double seconds = Math.max(0, least) * jobs.size() / capacity;
    return nowNanos + (long) Math.ceil(seconds * 1e9);
  }
}
