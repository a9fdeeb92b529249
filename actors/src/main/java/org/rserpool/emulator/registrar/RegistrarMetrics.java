package org.rserpool.emulator.registrar;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The registrar statistics of one node (RSPSIM's "Registrar Total ..." scalars), summed over the
 * node's registrars. One instance per meter registry, shared by every registrar actor of the node.
 */
public final class RegistrarMetrics {
  private final Counter registrations;
  private final Counter refusedRegistrations;
  private final Counter deregistrations;
  private final Counter handleResolutions;
  private final AtomicLong registrars = new AtomicLong();
  private final AtomicLong pools = new AtomicLong();
  private final AtomicLong poolElements = new AtomicLong();

  public RegistrarMetrics(MeterRegistry registry) {
    registrations = Counter.builder("rserpool.registrar.registrations")
        .description("ASAP_REGISTRATIONs received, re-registrations and refused ones included").register(registry);
    refusedRegistrations = Counter.builder("rserpool.registrar.refused.registrations")
        .description("ASAP_REGISTRATIONs answered with the reject flag").register(registry);
    deregistrations = Counter.builder("rserpool.registrar.deregistrations")
        .description("ASAP_DEREGISTRATIONs received").register(registry);
    handleResolutions = Counter.builder("rserpool.registrar.handle.resolutions")
        .description("ASAP_HANDLE_RESOLUTIONs received").register(registry);
    Gauge.builder("rserpool.registrar.registrars", registrars, AtomicLong::get)
        .description("Registrars running on this node").register(registry);
    Gauge.builder("rserpool.registrar.pools", pools, AtomicLong::get)
        .description("Pools in the handlespaces of this node's registrars (summed)").register(registry);
    Gauge.builder("rserpool.registrar.pool.elements", poolElements, AtomicLong::get)
        .description("Pool elements in the handlespaces of this node's registrars (summed)").register(registry);
  }

  void registration(boolean refused) {
    registrations.increment();
    if (refused) refusedRegistrations.increment();
  }

  void deregistration() {
    deregistrations.increment();
  }

  void handleResolution() {
    handleResolutions.increment();
  }

  void registrarStarted() {
    registrars.incrementAndGet();
  }

  void registrarStopped(long ownPools, long ownPoolElements) {
    registrars.decrementAndGet();
    pools.addAndGet(-ownPools);
    poolElements.addAndGet(-ownPoolElements);
  }

  void handlespaceChanged(long poolDelta, long poolElementDelta) {
    pools.addAndGet(poolDelta);
    poolElements.addAndGet(poolElementDelta);
  }

  public long registrations() {
    return (long) registrations.count();
  }

  public long handleResolutions() {
    return (long) handleResolutions.count();
  }

  public long deregistrations() {
    return (long) deregistrations.count();
  }

  public long registrars() {
    return registrars.get();
  }

  public long pools() {
    return pools.get();
  }

  public long poolElements() {
    return poolElements.get();
  }
}
