package org.rserpool.emulator.poolelement;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pool element statistics of one node (RSPSIM's "CalcAppPE ..." scalars), summed over its pool
 * elements. One instance per meter registry, shared by every pool element actor of the node.
 */
public final class PoolElementMetrics {
  private final Counter registrationsSent;
  private final Counter jobsAccepted;
  private final Counter jobsRejected;
  private final Counter jobsCompleted;
  private final Counter usedCapacity;
  private final AtomicLong running = new AtomicLong();
  private final AtomicLong registered = new AtomicLong();
  private final AtomicLong jobsInService = new AtomicLong();

  public PoolElementMetrics(MeterRegistry registry) {
    registrationsSent = Counter.builder("rserpool.pool.element.registrations.sent")
        .description("ASAP_REGISTRATIONs sent by pool elements, re-registrations included").register(registry);
    jobsAccepted = Counter.builder("rserpool.pool.element.jobs.accepted")
        .description("CalcApp jobs accepted (requests and cookie echoes)").register(registry);
    jobsRejected = Counter.builder("rserpool.pool.element.jobs.rejected")
        .description("CalcApp jobs rejected").register(registry);
    jobsCompleted = Counter.builder("rserpool.pool.element.jobs.completed")
        .description("CalcApp jobs completed").register(registry);
    usedCapacity = Counter.builder("rserpool.pool.element.used.capacity")
        .baseUnit("calculations")
        .description("Calculations performed (RSPSIM's used capacity)").register(registry);
    Gauge.builder("rserpool.pool.element.running", running, AtomicLong::get)
        .description("Pool elements running on this node").register(registry);
    Gauge.builder("rserpool.pool.element.registered", registered, AtomicLong::get)
        .description("Pool elements whose last registration was accepted").register(registry);
    Gauge.builder("rserpool.pool.element.jobs.in.service", jobsInService, AtomicLong::get)
        .description("CalcApp jobs being served").register(registry);
  }

  void started() {
    running.incrementAndGet();
  }

  void stopped(boolean wasRegistered, int jobs) {
    running.decrementAndGet();
    if (wasRegistered) registered.decrementAndGet();
    jobsInService.addAndGet(-jobs);
  }

  void registrationSent() {
    registrationsSent.increment();
  }

  void registeredChanged(boolean nowRegistered) {
    registered.addAndGet(nowRegistered ? 1 : -1);
  }

  void jobAccepted() {
    jobsAccepted.increment();
    jobsInService.incrementAndGet();
  }

  void jobRejected() {
    jobsRejected.increment();
  }

  void jobCompleted() {
    jobsCompleted.increment();
    jobsInService.decrementAndGet();
  }

  void calculations(double done) {
    if (done > 0) usedCapacity.increment(done);
  }

  public long running() {
    return running.get();
  }

  public long registered() {
    return registered.get();
  }

  public long jobsAccepted() {
    return (long) jobsAccepted.count();
  }

  public long jobsCompleted() {
    return (long) jobsCompleted.count();
  }

  public double usedCapacity() {
    return usedCapacity.count();
  }
}
