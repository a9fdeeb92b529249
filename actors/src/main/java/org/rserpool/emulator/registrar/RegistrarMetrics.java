package org.rserpool.emulator.registrar;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * The registrar statistics of one node: RSPSIM's "Registrar Total ..." scalars (registrarprocess.cc,
 * writeStatistics) as counters summed over the node's registrars, its averages' underlying values
 * (pools, pool elements, owned pool elements, peers) as gauges summed over the running registrars, and a
 * few gauges per registrar (labelled with its name; registrars are few) that show whether handlespaces
 * agree. One instance per meter registry, shared by every registrar actor of the node; counters are
 * thread-safe, each registrar publishes its gauge values through its own {@link Instance}.
 */
public final class RegistrarMetrics {
  private final MeterRegistry registry;
  private final Set<Instance> running = ConcurrentHashMap.newKeySet();

  final Counter registrations;
  final Counter refusedRegistrations;
  final Counter deregistrations;
  final Counter handleResolutions;
  final Counter refusedHandleResolutions;
  final Counter endpointUnreachables;
  final Counter refusedEndpointUnreachables;
  final Counter keepAlivesSent;
  final Counter keepAliveAcksReceived;
  final Counter keepAliveTimeouts;
  final Counter associationLosses;
  final Counter lifetimeExpiries;
  final Counter handleUpdates;
  final Counter requestedPresences;
  final Counter peerListRequests;
  final Counter handleTableRequests;
  final Counter audits;
  final Counter resynchronisations;
  final Counter takeoversStarted;
  final Counter takeoversByConsent;
  final Counter takeoversByTimeout;
  final Counter startupsWithMentor;
  final Counter startupsAlone;
  final Counter purgedPoolElements;
  final Counter malformedMessages;

  public RegistrarMetrics(MeterRegistry registry) {
    this.registry = registry;
    registrations = counter("registrations", "ASAP_REGISTRATIONs received, re-registrations and refused ones included");
    refusedRegistrations = counter("refused.registrations", "ASAP_REGISTRATIONs answered with the reject flag");
    deregistrations = counter("deregistrations", "ASAP_DEREGISTRATIONs received");
    handleResolutions = counter("handle.resolutions", "ASAP_HANDLE_RESOLUTIONs received, refused ones included");
    refusedHandleResolutions = counter("refused.handle.resolutions", "ASAP_HANDLE_RESOLUTIONs refused for exceeding MaxHRRate");
    endpointUnreachables = counter("endpoint.unreachables", "ASAP_ENDPOINT_UNREACHABLEs received, refused ones included");
    refusedEndpointUnreachables = counter("refused.endpoint.unreachables", "ASAP_ENDPOINT_UNREACHABLEs ignored for exceeding MaxEURate");
    keepAlivesSent = counter("endpoint.keep.alives.sent", "ASAP_ENDPOINT_KEEP_ALIVEs sent to pool elements, with the H bit included");
    keepAliveAcksReceived = counter("endpoint.keep.alive.acks.received", "ASAP_ENDPOINT_KEEP_ALIVE_ACKs received in time");
    keepAliveTimeouts = counter("endpoint.keep.alive.timeouts", "Owned pool elements removed because no ASAP_ENDPOINT_KEEP_ALIVE_ACK came in time");
    associationLosses = counter("association.losses", "Owned pool elements removed because the SCTP association they registered over was lost");
    lifetimeExpiries = counter("lifetime.expiries", "Pool elements of other registrars removed because their registration life ran out");
    handleUpdates = counter("handle.updates", "ENRP_HANDLE_UPDATEs received and not dropped by the update loss probability");
    requestedPresences = counter("requested.presences", "ENRP_PRESENCEs with the reply-required flag received and answered");
    peerListRequests = counter("peer.list.requests", "ENRP_LIST_REQUESTs sent");
    handleTableRequests = counter("handle.table.requests", "ENRP_HANDLE_TABLE_REQUESTs sent (mentor download, audit resynchronisation and their continuations)");
    audits = counter("audits", "Audits: peers' ENRP_PRESENCE PE checksums compared with the handlespace (RFC 5353 3.6.1)");
    resynchronisations = counter("resynchronisations", "Audits whose checksums differed and started a resynchronisation with the peer (RFC 5353 3.6.3)");
    takeoversStarted = counter("takeovers.started", "Takeovers of a dead peer started (ENRP_INIT_TAKEOVER sent)");
    takeoversByConsent = counter("takeovers.by.consent", "Takeovers completed with every peer's ENRP_INIT_TAKEOVER_ACK");
    takeoversByTimeout = counter("takeovers.by.timeout", "Takeovers completed when the takeover expiry ran out");
    startupsWithMentor = counter("startups.with.mentor", "Startup phases ended by the mentor's last handle table response");
    startupsAlone = counter("startups.alone", "Startup phases ended by the mentor discovery timeout");
    purgedPoolElements = counter("resynchronisation.purged.pool.elements", "Pool elements removed at the end of a resynchronisation because the owner no longer listed them");
    malformedMessages = counter("malformed.messages", "Messages that could not be decoded (answered with ASAP_ERROR / ENRP_ERROR where due)");
    gauge("registrars", "Registrars running on this node", i -> 1);
    gauge("pools", "Pools in the handlespaces of this node's registrars (summed)", i -> i.pools);
    gauge("pool.elements", "Pool elements in the handlespaces of this node's registrars (summed)", i -> i.poolElements);
    gauge("owned.pool.elements", "Pool elements owned by (homed at) this node's registrars (summed)", i -> i.ownedPoolElements);
    gauge("peers", "Peers in the peer lists of this node's registrars, with an ID (summed)", i -> i.peers);
  }

  private Counter counter(String name, String description) {
    return Counter.builder("rserpool.registrar." + name).description(description).register(registry);
  }

  private void gauge(String name, String description, ToLongFunction<Instance> value) {
    Gauge.builder("rserpool.registrar." + name, running, set -> set.stream().mapToLong(value).sum())
        .description(description).register(registry);
  }

  /**
   * Attaches a running registrar: its values count in the node's gauges, and it gets gauges of its own,
   * labelled {@code registrar=<name>}, until it is {@linkplain Instance#close() closed}.
   */
  Instance attach(String registrarName) {
    Instance instance = new Instance(registrarName);
    running.add(instance);
    return instance;
  }

  /**
   * One running registrar's gauge values, set by its actor after every change and read by the meter
   * registry on another thread.
   */
  final class Instance implements AutoCloseable {
    private volatile long pools;
    private volatile long poolElements;
    private volatile long ownedPoolElements;
    private volatile long peers;
    private volatile long digest;
    private final List<Meter> own;

    private Instance(String name) {
      own = List.of(
          Gauge.builder("rserpool.registrar.handlespace.pool.elements", this, i -> i.poolElements).tag("registrar", name)
              .description("Pool elements in this registrar's handlespace").register(registry),
          Gauge.builder("rserpool.registrar.handlespace.owned.pool.elements", this, i -> i.ownedPoolElements).tag("registrar", name)
              .description("Pool elements this registrar owns (is the home of)").register(registry),
          Gauge.builder("rserpool.registrar.handlespace.digest", this, i -> i.digest).tag("registrar", name)
              .description("Digest of the handlespace: which registrar owns which pool elements (RFC 5353 PE checksum and count per owner);"
                  + " registrars whose handlespaces agree show the same value").register(registry));
    }

    void update(long pools, long poolElements, long ownedPoolElements, long peers, long digest) {
      this.pools = pools;
      this.poolElements = poolElements;
      this.ownedPoolElements = ownedPoolElements;
      this.peers = peers;
      this.digest = digest;
    }

    @Override
    public void close() {
      running.remove(this);
      for (Meter m : own) registry.remove(m);
    }
  }

  public long registrars() {
    return running.size();
  }

  public long pools() {
    return running.stream().mapToLong(i -> i.pools).sum();
  }

  public long poolElements() {
    return running.stream().mapToLong(i -> i.poolElements).sum();
  }

  public long ownedPoolElements() {
    return running.stream().mapToLong(i -> i.ownedPoolElements).sum();
  }

  public long registrations() {
    return (long) registrations.count();
  }

  public long refusedRegistrations() {
    return (long) refusedRegistrations.count();
  }

  public long deregistrations() {
    return (long) deregistrations.count();
  }

  public long handleResolutions() {
    return (long) handleResolutions.count();
  }

  public long refusedHandleResolutions() {
    return (long) refusedHandleResolutions.count();
  }

  public long endpointUnreachables() {
    return (long) endpointUnreachables.count();
  }

  public long refusedEndpointUnreachables() {
    return (long) refusedEndpointUnreachables.count();
  }

  public long keepAlivesSent() {
    return (long) keepAlivesSent.count();
  }

  public long keepAliveAcksReceived() {
    return (long) keepAliveAcksReceived.count();
  }

  public long associationLosses() {
    return (long) associationLosses.count();
  }

  public long keepAliveTimeouts() {
    return (long) keepAliveTimeouts.count();
  }

  public long lifetimeExpiries() {
    return (long) lifetimeExpiries.count();
  }

  public long handleUpdates() {
    return (long) handleUpdates.count();
  }

  public long requestedPresences() {
    return (long) requestedPresences.count();
  }

  public long peerListRequests() {
    return (long) peerListRequests.count();
  }

  public long handleTableRequests() {
    return (long) handleTableRequests.count();
  }

  public long audits() {
    return (long) audits.count();
  }

  public long resynchronisations() {
    return (long) resynchronisations.count();
  }

  public long takeoversStarted() {
    return (long) takeoversStarted.count();
  }

  public long takeoversByConsent() {
    return (long) takeoversByConsent.count();
  }

  public long takeoversByTimeout() {
    return (long) takeoversByTimeout.count();
  }

  public long startupsWithMentor() {
    return (long) startupsWithMentor.count();
  }

  public long startupsAlone() {
    return (long) startupsAlone.count();
  }

  public long purgedPoolElements() {
    return (long) purgedPoolElements.count();
  }

  public long malformedMessages() {
    return (long) malformedMessages.count();
  }
}
