package org.rserpool.emulator.pooluser;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pool user statistics of one node, as RSPSIM's CalcApp queuing client defines them
 * (calcappqueuingclientprocess.cc, writeStatistics; rspsim-model.md §4.4), summed over the node's pool
 * users. Job times are emulated time, recorded as histograms in seconds: queuing delay at the job's
 * start, startup delay at its first accept, processing, handling, goodput and failover time at its
 * completion. The average handling speed is the ratio of sums, size of the completed jobs / their
 * handling time (RSPSIM System Average Handling Speed), not a mean of per-job speeds.
 *
 * <p>RSPSIM's numerator, TotalJobSizeCompleted, is in fact its goodput bookkeeping: the progress each
 * cookie confirms plus the rest at the completion, so it includes cookie-confirmed progress of jobs not
 * completed yet (rspsim-model.md §7 item 13). Over RSPSIM's two-hour windows the difference is small;
 * over a short run it can put the speed above the pool elements' capacity. The emulator divides the
 * completed jobs' sizes and exposes RSPSIM's bookkeeping as {@code rserpool.pool.user.goodput}, so
 * goodput / handling time gives RSPSIM's figure to the bit.
 */
public final class PoolUserMetrics {
  private final Counter jobsQueued;
  private final Counter jobsStarted;
  private final Counter jobsCompleted;
  private final Counter jobSizeQueued;
  private final Counter jobSizeStarted;
  private final Counter jobSizeCompleted;
  private final Counter goodput;
  private final Counter serverSelections;
  private final Counter requests;
  private final Counter cookieEchoes;
  private final Counter accepts;
  private final Counter rejects;
  private final Counter unreachables;
  private final Counter failoversKeepAlive;
  private final Counter failoversAbort;
  private final Map<Job.Invariant, Counter> violations = new EnumMap<>(Job.Invariant.class);
  private final Timer queuingDelay;
  private final Timer startupDelay;
  private final Timer processingTime;
  private final Timer handlingTime;
  private final Timer goodputTime;
  private final Timer failoverTime;
  private final AtomicLong running = new AtomicLong();
  private final AtomicLong queueLength = new AtomicLong();

  public PoolUserMetrics(MeterRegistry registry) {
    jobsQueued = counter(registry, "rserpool.pool.user.jobs.queued", "CalcApp jobs generated and queued");
    jobsStarted = counter(registry, "rserpool.pool.user.jobs.started", "CalcApp jobs taken from the queue into service");
    jobsCompleted = counter(registry, "rserpool.pool.user.jobs.completed", "CalcApp jobs completed");
    jobSizeQueued = calculations(registry, "rserpool.pool.user.job.size.queued", "Calculations of the jobs queued");
    jobSizeStarted = calculations(registry, "rserpool.pool.user.job.size.started", "Calculations of the jobs started");
    jobSizeCompleted = calculations(registry, "rserpool.pool.user.job.size.completed", "Calculations of the jobs completed");
    goodput = calculations(registry, "rserpool.pool.user.goodput",
        "Calculations confirmed by cookies and completions (RSPSIM's Job Size Completed bookkeeping)");
    serverSelections = counter(registry, "rserpool.pool.user.server.selections",
        "Server selections: from the cache or by a handle resolution at a registrar");
    requests = counter(registry, "rserpool.pool.user.calcapp.requests", "CALCAPP_REQUESTs sent");
    cookieEchoes = counter(registry, "rserpool.pool.user.calcapp.cookie.echoes", "ASAP_COOKIE_ECHOs sent to resume a job after a failover");
    accepts = counter(registry, "rserpool.pool.user.calcapp.accepts", "CALCAPP_ACCEPTs received");
    rejects = counter(registry, "rserpool.pool.user.calcapp.rejects", "CALCAPP_REJECTs received");
    unreachables = counter(registry, "rserpool.pool.user.unreachables",
        "ASAP_ENDPOINT_UNREACHABLEs sent: no answer to a job request, or no session keep-alive ack");
    failoversKeepAlive = Counter.builder("rserpool.pool.user.failovers").tag("cause", "keep-alive-timeout")
        .description("Jobs moved to another pool element: its session keep-alive went unanswered, or it aborted the job").register(registry);
    failoversAbort = Counter.builder("rserpool.pool.user.failovers").tag("cause", "abort")
        .description("Jobs moved to another pool element: its session keep-alive went unanswered, or it aborted the job").register(registry);
    for (Job.Invariant i : Job.Invariant.values()) {
      violations.put(i, Counter.builder("rserpool.pool.user.invariant.violations").tag("invariant", i.label)
          .description("Completed jobs whose account breaks one of RSPSIM's per-job invariants (should stay 0)").register(registry));
    }
    queuingDelay = timer(registry, "rserpool.pool.user.job.queuing.delay", "Time a job waited in its pool user's queue");
    startupDelay = timer(registry, "rserpool.pool.user.job.startup.delay", "From taking a job into service to its first accept");
    processingTime = timer(registry, "rserpool.pool.user.job.processing.time", "From a job's first accept to its completion");
    handlingTime = timer(registry, "rserpool.pool.user.job.handling.time", "From a job's generation to its completion");
    goodputTime = timer(registry, "rserpool.pool.user.job.goodput.time", "Processing time whose work was kept (up to cookies and the completion)");
    failoverTime = timer(registry, "rserpool.pool.user.job.failover.time", "Processing time lost to failovers (detection, reselection, work since the last cookie)");
    Gauge.builder("rserpool.pool.user.running", running, AtomicLong::get)
        .description("Pool users running on this node").register(registry);
    Gauge.builder("rserpool.pool.user.queue.length", queueLength, AtomicLong::get)
        .description("Jobs waiting in pool user queues (not in service)").register(registry);
    Gauge.builder("rserpool.pool.user.handling.speed", this, PoolUserMetrics::handlingSpeed).baseUnit("calculations per second")
        .description("Size / handling time of the completed jobs, ratio of sums (RSPSIM System Average Handling Speed)").register(registry);
  }

  private static Counter counter(MeterRegistry registry, String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }

  private static Counter calculations(MeterRegistry registry, String name, String description) {
    return Counter.builder(name).baseUnit("calculations").description(description).register(registry);
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

  void jobQueued(long size) {
    jobsQueued.increment();
    jobSizeQueued.increment(size);
    queueLength.incrementAndGet();
  }

  void jobStarted(long size, long queuingDelayNanos) {
    jobsStarted.increment();
    jobSizeStarted.increment(size);
    queueLength.decrementAndGet();
    queuingDelay.record(queuingDelayNanos, TimeUnit.NANOSECONDS);
  }

  void serverSelection() {
    serverSelections.increment();
  }

  void request(boolean cookieEcho) {
    (cookieEcho ? cookieEchoes : requests).increment();
  }

  void accept(long startupDelayNanos) {
    accepts.increment();
    if (startupDelayNanos >= 0) startupDelay.record(startupDelayNanos, TimeUnit.NANOSECONDS);
  }

  void reject() {
    rejects.increment();
  }

  void unreachable() {
    unreachables.increment();
  }

  void failover(boolean abort) {
    (abort ? failoversAbort : failoversKeepAlive).increment();
  }

  void goodput(long calculations) {
    if (calculations > 0) goodput.increment(calculations);
  }

  void jobCompleted(Job.Completed job) {
    jobsCompleted.increment();
    jobSizeCompleted.increment(job.size());
    goodput(job.goodputCalculations());
    processingTime.record(job.processingNanos(), TimeUnit.NANOSECONDS);
    handlingTime.record(job.handlingNanos(), TimeUnit.NANOSECONDS);
    goodputTime.record(job.goodputNanos(), TimeUnit.NANOSECONDS);
    failoverTime.record(job.failoverNanos(), TimeUnit.NANOSECONDS);
  }

  void violation(Job.Invariant invariant) {
    violations.get(invariant).increment();
  }

  public long running() {
    return running.get();
  }

  public long queueLength() {
    return queueLength.get();
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

  /** Calculations of the completed jobs (the handling speed's numerator). */
  public double jobSizeCompleted() {
    return jobSizeCompleted.count();
  }

  /** Calculations confirmed by cookies and completions (RSPSIM's TotalJobSizeCompleted bookkeeping). */
  public double goodput() {
    return goodput.count();
  }

  public long serverSelections() {
    return (long) serverSelections.count();
  }

  public long requests() {
    return (long) requests.count();
  }

  public long cookieEchoes() {
    return (long) cookieEchoes.count();
  }

  public long accepts() {
    return (long) accepts.count();
  }

  public long rejects() {
    return (long) rejects.count();
  }

  public long unreachables() {
    return (long) unreachables.count();
  }

  public long failovers() {
    return (long) (failoversKeepAlive.count() + failoversAbort.count());
  }

  public long invariantViolations() {
    double sum = 0;
    for (Counter c : violations.values()) sum += c.count();
    return (long) sum;
  }

  /** System Average Handling Speed in calculations per second (see the class comment), NaN before the first completion. */
  public double handlingSpeed() {
    double seconds = handlingTime.totalTime(TimeUnit.SECONDS);
    return seconds > 0 ? jobSizeCompleted.count() / seconds : Double.NaN;
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

  public Timer goodputTime() {
    return goodputTime;
  }

  public Timer failoverTime() {
    return failoverTime;
  }
}
