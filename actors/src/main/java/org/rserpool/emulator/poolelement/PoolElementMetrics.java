package org.rserpool.emulator.poolelement;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.rserpool.emulator.time.EmulationClock;

/**
 * The pool element statistics of one node, as RSPSIM's CalcApp server defines them
 * (calcappserverprocess.cc, writeStatistics; rspsim-model.md §4.3), summed over the node's pool
 * elements. One instance per meter registry, shared by every pool element actor of the node.
 *
 * <p>Capacity is accounted over emulated time: provided capacity = up-time × capacity (a pool element
 * is up from its start until it shuts down or crashes, RSPSIM's ServiceUptime), used capacity = the
 * calculations performed, which under processor sharing is capacity × the time it has jobs, and wasted
 * = provided − used. The system utilization is the ratio of the sums, used / provided, RSPSIM's
 * "System Utilization" (not the mean of per-PE ratios, which misleads for heterogeneous pools).
 */
public final class PoolElementMetrics {
  private final EmulationClock clock;
  private final Counter registrationsSent;
  private final Counter deregistrationsSent;
  private final Counter keepAliveAcks;
  private final Counter acceptedRequests;
  private final Counter acceptedCookieEchoes;
  private final Counter rejectedFull;
  private final Counter rejectedRandomly;
  private final Counter jobsCompleted;
  private final Counter abortedShutdown;
  private final Counter abortedSession;
  private final Counter cookiesSent;
  private final Counter policyUpdates;
  private final TimeIntegral provided;
  private final TimeIntegral used;
  private final TimeIntegral uptime;
  private final AtomicLong running = new AtomicLong();
  private final AtomicLong registered = new AtomicLong();
  private final AtomicLong jobsInService = new AtomicLong();

  public PoolElementMetrics(MeterRegistry registry, EmulationClock clock) {
    this.clock = clock;
    long now = clock.nanos();
    provided = new TimeIntegral(now);
    used = new TimeIntegral(now);
    uptime = new TimeIntegral(now);
    registrationsSent = counter(registry, "rserpool.pool.element.registrations.sent",
        "ASAP_REGISTRATIONs sent by pool elements, re-registrations included");
    deregistrationsSent = counter(registry, "rserpool.pool.element.deregistrations.sent", "ASAP_DEREGISTRATIONs sent by pool elements");
    keepAliveAcks = counter(registry, "rserpool.pool.element.endpoint.keep.alive.acks",
        "ASAP_ENDPOINT_KEEP_ALIVE_ACKs sent to registrars");
    acceptedRequests = Counter.builder("rserpool.pool.element.jobs.accepted").tag("via", "request")
        .description("CalcApp jobs accepted (RSPSIM Total Jobs Accepted: requests and cookie echoes)").register(registry);
    acceptedCookieEchoes = Counter.builder("rserpool.pool.element.jobs.accepted").tag("via", "cookie-echo")
        .description("CalcApp jobs accepted (RSPSIM Total Jobs Accepted: requests and cookie echoes)").register(registry);
    rejectedFull = Counter.builder("rserpool.pool.element.jobs.rejected").tag("reason", "max-jobs")
        .description("CalcApp jobs rejected: the pool element was full, or at random").register(registry);
    rejectedRandomly = Counter.builder("rserpool.pool.element.jobs.rejected").tag("reason", "random")
        .description("CalcApp jobs rejected: the pool element was full, or at random").register(registry);
    jobsCompleted = counter(registry, "rserpool.pool.element.jobs.completed", "CalcApp jobs completed (CALCAPP_COMPLETE sent)");
    abortedShutdown = Counter.builder("rserpool.pool.element.jobs.aborted").tag("reason", "shutdown")
        .description("CalcApp jobs given up with CALCAPP_ABORT: clean shutdown, or no session keep-alive ack").register(registry);
    abortedSession = Counter.builder("rserpool.pool.element.jobs.aborted").tag("reason", "session-timeout")
        .description("CalcApp jobs given up with CALCAPP_ABORT: clean shutdown, or no session keep-alive ack").register(registry);
    cookiesSent = counter(registry, "rserpool.pool.element.cookies.sent", "ASAP_COOKIEs (CalcApp checkpoints) sent to pool users");
    policyUpdates = counter(registry, "rserpool.pool.element.policy.updates",
        "Load changes reported by re-registration (adaptive policies; RSPSIM Total Policy Updates)");
    FunctionCounter.builder("rserpool.pool.element.provided.capacity", provided, i -> i.value(clock.nanos()))
        .baseUnit("calculations").description("Up-time × capacity of the pool elements (used + wasted)").register(registry);
    FunctionCounter.builder("rserpool.pool.element.used.capacity", used, i -> i.value(clock.nanos()))
        .baseUnit("calculations").description("Calculations performed (RSPSIM Used Capacity), work later lost by crashes included").register(registry);
    FunctionCounter.builder("rserpool.pool.element.wasted.capacity", this, m -> m.wastedCapacity())
        .baseUnit("calculations").description("Up-time × capacity not used (RSPSIM Wasted Capacity)").register(registry);
    FunctionCounter.builder("rserpool.pool.element.uptime", uptime, i -> i.value(clock.nanos()))
        .baseUnit("seconds").description("Time the pool elements were up (RSPSIM Service Uptime), summed").register(registry);
    Gauge.builder("rserpool.pool.element.utilization", this, PoolElementMetrics::utilization)
        .description("Used / provided capacity since the start (RSPSIM System Utilization, a ratio of sums)").register(registry);
    Gauge.builder("rserpool.pool.element.running", running, AtomicLong::get)
        .description("Pool elements running on this node").register(registry);
    Gauge.builder("rserpool.pool.element.registered", registered, AtomicLong::get)
        .description("Pool elements whose last registration was accepted").register(registry);
    Gauge.builder("rserpool.pool.element.jobs.in.service", jobsInService, AtomicLong::get)
        .description("CalcApp jobs being served").register(registry);
  }

  private static Counter counter(MeterRegistry registry, String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }

  void up(double capacity, long atNanos) {
    running.incrementAndGet();
    provided.change(capacity, atNanos);
    uptime.change(1, atNanos);
  }

  void down(double capacity, long atNanos, boolean wasRegistered) {
    running.decrementAndGet();
    if (wasRegistered) registered.decrementAndGet();
    provided.change(-capacity, atNanos);
    uptime.change(-1, atNanos);
  }

  /** A pool element's job set became non-empty ({@code capacity}) or empty ({@code -capacity}) at that time. */
  void busy(double capacityDelta, long atNanos) {
    used.change(capacityDelta, atNanos);
  }

  void jobsInService(int delta) {
    jobsInService.addAndGet(delta);
  }

  void registrationSent() {
    registrationsSent.increment();
  }

  void deregistrationSent() {
    deregistrationsSent.increment();
  }

  void keepAliveAcked() {
    keepAliveAcks.increment();
  }

  void registeredChanged(boolean nowRegistered) {
    registered.addAndGet(nowRegistered ? 1 : -1);
  }

  void jobAccepted(boolean cookieEcho) {
    (cookieEcho ? acceptedCookieEchoes : acceptedRequests).increment();
  }

  void jobRejected(boolean full) {
    (full ? rejectedFull : rejectedRandomly).increment();
  }

  void jobCompleted() {
    jobsCompleted.increment();
  }

  void jobAborted(boolean shutdown) {
    (shutdown ? abortedShutdown : abortedSession).increment();
  }

  void cookieSent() {
    cookiesSent.increment();
  }

  void policyUpdate() {
    policyUpdates.increment();
  }

  public long running() {
    return running.get();
  }

  public long registered() {
    return registered.get();
  }

  public long jobsAccepted() {
    return (long) (acceptedRequests.count() + acceptedCookieEchoes.count());
  }

  public long jobsRejected() {
    return (long) (rejectedFull.count() + rejectedRandomly.count());
  }

  public long jobsCompleted() {
    return (long) jobsCompleted.count();
  }

  public long jobsAborted() {
    return (long) (abortedShutdown.count() + abortedSession.count());
  }

  public long cookiesSent() {
    return (long) cookiesSent.count();
  }

  public long policyUpdates() {
    return (long) policyUpdates.count();
  }

  /** Calculations performed so far. */
  public double usedCapacity() {
    return used.value(clock.nanos());
  }

  /** Up-time × capacity so far. */
  public double providedCapacity() {
    return provided.value(clock.nanos());
  }

  public double wastedCapacity() {
    return Math.max(0, providedCapacity() - usedCapacity());
  }

  /** Pool element seconds of up-time so far. */
  public double uptimeSeconds() {
    return uptime.value(clock.nanos());
  }

  /** RSPSIM's System Utilization: used / provided capacity, NaN before any pool element was up. */
  public double utilization() {
    long now = clock.nanos();
    double p = provided.value(now);
    return p > 0 ? used.value(now) / p : Double.NaN;
  }
}
