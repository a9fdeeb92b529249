package org.rserpool.emulator.pooluser;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pool user statistics of one node (RSPSIM's "CalcAppPU ..." scalars), summed over its pool users.
 * Durations are emulated time, recorded as histograms in seconds.
 */
public final class PoolUserMetrics {
  private final Counter jobsQueued;
  private final Counter jobsStarted;
  private final Counter jobsCompleted;
  private final Counter jobSizeCompleted;
  private final Counter serverSelections;
  private final Counter requests;
  private final Counter rejects;
  private final Counter requestTimeouts;
  private final Timer queuingDelay;
  private final Timer startupDelay;
  private final Timer processingTime;
  private final Timer handlingTime;
  private final AtomicLong running = new AtomicLong();
  private final AtomicLong queueLength = new AtomicLong();

  public PoolUserMetrics(MeterRegistry registry) {
    jobsQueued = counter(registry, "rserpool.pool.user.jobs.queued", "CalcApp jobs generated and queued");
    jobsStarted = counter(registry, "rserpool.pool.user.jobs.started", "CalcApp jobs taken from the queue into service");
    jobsCompleted = counter(registry, "rserpool.pool.user.jobs.completed", "CalcApp jobs completed");
    jobSizeCompleted = Counter.builder("rserpool.pool.user.job.size.completed").baseUnit("calculations")
        .description("Calculations of completed jobs").register(registry);
    serverSelections = counter(registry, "rserpool.pool.user.server.selections", "Server selections (handle resolutions sent)");
    requests = counter(registry, "rserpool.pool.user.calcapp.requests", "CALCAPP_REQUESTs sent");
    rejects = counter(registry, "rserpool.pool.user.calcapp.rejects", "CALCAPP_REJECTs received");
    requestTimeouts = counter(registry, "rserpool.pool.user.calcapp.request.timeouts", "Job requests neither accepted nor rejected in time");
    queuingDelay = timer(registry, "rserpool.pool.user.job.queuing.delay", "Time a job waited in its pool user's queue");
    startupDelay = timer(registry, "rserpool.pool.user.job.startup.delay", "From taking a job into service to its first accept");
    processingTime = timer(registry, "rserpool.pool.user.job.processing.time", "From a job's first accept to its completion");
    handlingTime = timer(registry, "rserpool.pool.user.job.handling.time", "From a job's generation to its completion");
    Gauge.builder("rserpool.pool.user.running", running, AtomicLong::get)
        .description("Pool users running on this node").register(registry);
    Gauge.builder("rserpool.pool.user.queue.length", queueLength, AtomicLong::get)
        .description("Jobs waiting in pool user queues (not in service)").register(registry);
  }

  private static Counter counter(MeterRegistry registry, String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }

  /** Bucket bounds of the job time histograms: 1 ms to 1 h, roughly 1-2-5 per decade (emulated seconds). */
  static final Duration[] BUCKETS = {
    Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
    Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
    Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(50), Duration.ofSeconds(100), Duration.ofSeconds(200),
    Duration.ofSeconds(500), Duration.ofSeconds(1000), Duration.ofHours(1)
  };

  private static Timer timer(MeterRegistry registry, String name, String description) {
    return Timer.builder(name).description(description).serviceLevelObjectives(BUCKETS).register(registry);
  }

  void started() {
    running.incrementAndGet();
  }

  void stopped(int queued) {
    running.decrementAndGet();
    queueLength.addAndGet(-queued);
  }

  void jobQueued() {
    jobsQueued.increment();
    queueLength.incrementAndGet();
  }

  void jobStarted(long queuingDelayNanos) {
    jobsStarted.increment();
    queueLength.decrementAndGet();
    queuingDelay.record(queuingDelayNanos, TimeUnit.NANOSECONDS);
  }

  void serverSelection() {
    serverSelections.increment();
  }

  void request() {
    requests.increment();
  }

  void reject() {
    rejects.increment();
  }

  void requestTimeout() {
    requestTimeouts.increment();
  }

  void jobAccepted(long startupDelayNanos) {
    startupDelay.record(startupDelayNanos, TimeUnit.NANOSECONDS);
  }

  void jobCompleted(double size, long processingNanos, long handlingNanos) {
    jobsCompleted.increment();
    jobSizeCompleted.increment(size);
    processingTime.record(processingNanos, TimeUnit.NANOSECONDS);
    handlingTime.record(handlingNanos, TimeUnit.NANOSECONDS);
  }

  public long running() {
    return running.get();
  }

  public long jobsQueued() {
    return (long) jobsQueued.count();
  }

  public long jobsStarted() {
    return (long) jobsStarted.count();
  }

  public long jobsCompleted() {
    return (long) jobsCompleted.count();
  }

  public double jobSizeCompleted() {
    return jobSizeCompleted.count();
  }

  public long serverSelections() {
    return (long) serverSelections.count();
  }

  public Timer handlingTime() {
    return handlingTime;
  }

  public Timer queuingDelay() {
    return queuingDelay;
  }

  public Timer startupDelay() {
    return startupDelay;
  }

  public Timer processingTime() {
    return processingTime;
  }
}
