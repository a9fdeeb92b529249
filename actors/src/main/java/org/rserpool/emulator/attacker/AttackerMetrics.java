package org.rserpool.emulator.attacker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The attacker statistics of one node, RSPSIM's "Total Attacker ..." scalars (attackerprocess.cc,
 * writeStatistics), summed over the node's attackers, plus what they sent.
 */
public final class AttackerMetrics {
  private final Counter handleResolutionsSent;
  private final Counter registrationsSent;
  private final Counter handleResolutions;
  private final Counter failureReports;
  private final Counter registrations;
  private final Counter keepAliveAcks;
  private final Counter ignoredApplicationMessages;
  private final AtomicLong running = new AtomicLong();

  public AttackerMetrics(MeterRegistry registry) {
    handleResolutionsSent = Counter.builder("rserpool.attacker.requests.sent").tag("type", "handle-resolution")
        .description("Attack requests sent to registrars").register(registry);
    registrationsSent = Counter.builder("rserpool.attacker.requests.sent").tag("type", "registration")
        .description("Attack requests sent to registrars").register(registry);
    handleResolutions = counter(registry, "rserpool.attacker.handle.resolutions",
        "Handle resolution answers received (RSPSIM Total Attacker Handle Resolutions)");
    failureReports = counter(registry, "rserpool.attacker.failure.reports",
        "Fake ASAP_ENDPOINT_UNREACHABLEs sent (RSPSIM Total Attacker Failure Reports)");
    registrations = counter(registry, "rserpool.attacker.registrations",
        "Fake registrations accepted by a registrar (RSPSIM Total Attacker Registrations)");
    keepAliveAcks = counter(registry, "rserpool.attacker.endpoint.keep.alive.acks",
        "Endpoint keep-alives of fake pool elements acked (RSPSIM Total Attacker Endpoint Keep-Alive Acks)");
    ignoredApplicationMessages = counter(registry, "rserpool.attacker.ignored.application.messages",
        "CalcApp messages pool users sent to fake pool elements (RSPSIM Total Attacker Ignored Application Messages)");
    Gauge.builder("rserpool.attacker.running", running, AtomicLong::get).description("Attackers running on this node").register(registry);
  }

  private static Counter counter(MeterRegistry registry, String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }

  void started() {
    running.incrementAndGet();
  }

  void stopped() {
    running.decrementAndGet();
  }

  void sent(AttackerSettings.Type type) {
    (type == AttackerSettings.Type.REGISTRATION ? registrationsSent : handleResolutionsSent).increment();
  }

  void handleResolution() {
    handleResolutions.increment();
  }

  void failureReport() {
    failureReports.increment();
  }

  void registration() {
    registrations.increment();
  }

  void keepAliveAck() {
    keepAliveAcks.increment();
  }

  void ignoredApplicationMessage() {
    ignoredApplicationMessages.increment();
  }

  public long running() {
    return running.get();
  }

  public long requestsSent() {
    return (long) (handleResolutionsSent.count() + registrationsSent.count());
  }

  public long handleResolutions() {
    return (long) handleResolutions.count();
  }

  public long failureReports() {
    return (long) failureReports.count();
  }

  public long registrations() {
    return (long) registrations.count();
  }

  public long keepAliveAcks() {
    return (long) keepAliveAcks.count();
  }

  public long ignoredApplicationMessages() {
    return (long) ignoredApplicationMessages.count();
  }
}
