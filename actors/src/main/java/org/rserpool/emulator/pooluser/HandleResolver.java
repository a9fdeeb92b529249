package org.rserpool.emulator.pooluser;

import akka.actor.typed.javadsl.TimerScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.rserpool.emulator.asapclient.RegistrarTable;
import org.rserpool.emulator.handlespace.Pool;
import org.rserpool.emulator.handlespace.PoolElementEntry;
import org.rserpool.emulator.network.Endpoint;
import org.rserpool.emulator.network.association.AssociationEvent;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.param.CauseCode;
import org.rserpool.emulator.protocol.param.HandleResolutionOption;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.time.EmulationClock;
import org.slf4j.Logger;

/**
 * A pool user's ASAP side (RSPSIM pooluserasapprocess.cc, rsplib asapinstance.c; rspsim-model.md §2.5):
 * server selection from a local cache or by handle resolution at a registrar, and the reports about
 * pool elements that failed. Plain Java run by the pool user actor on its thread, with its timers.
 *
 * <ul>
 *   <li>The cache is a standalone handlespace {@link Pool}: every pool element a response names stays
 *       usable for stale-cache-value after it arrived. A selection first purges expired entries and
 *       selects one by the pool's policy from the cache (items 1, MaxIncrement 1,000,000,000, as RSPSIM
 *       and rsplib do); only on a miss does it ask a registrar. The answer's pool elements go into the
 *       cache and one is selected from it by the policy without purging first, so with stale-cache-value
 *       0 (the default) the answer is used exactly once.
 *   <li>Each request asks for handle-resolution-items pool elements with rsplib's Handle Resolution
 *       option: 1 when the cache is off, so the registrar's policy alone selects (RSPSIM's tool-chain
 *       has its registrar answer 1 item for the same reason); with a cache, no option.
 *   <li>Handle resolution: T1 = handle-resolution-timeout per attempt, max-request-attempts at one
 *       registrar, then a server hunt (a random registrar of the table) and a new round, without delay
 *       (RSPSIM). A refusal (an operation error other than Unknown Pool Handle, e.g. a registrar in its
 *       startup phase) waits uniformly up to server-hunt-retry-delay and hunts. An answer without pool
 *       elements (Unknown Pool Handle) is a failed selection.
 *   <li>ENDPOINT_UNREACHABLE goes to the registrar last used and removes the pool element from the cache;
 *       a cache purge only removes it.
 * </ul>
 */
final class HandleResolver {

  /** What a selection ends with. */
  interface Host {
    void selected(PoolElementParameter poolElement);

    /** The registrar knows no pool element of the pool. */
    void noPoolElement();
  }

  /** rsplib's and RSPSIM's MaxIncrement for selections from the cache. */
  static final int CACHE_MAX_INCREMENT = 1_000_000_000;

  private final PoolUserSettings settings;
  private final RegistrarTable table;
  private final Endpoint endpoint;
  private final TransportAddress asapAddress;
  private final TimerScheduler<PoolUser.Command> timers;
  private final EmulationClock clock;
  private final RandomGenerator random;
  private final Logger log;
  private final Host host;
  private Pool cache;
  private TransportAddress registrar;
  private int attempts;
  private boolean awaiting;
  private boolean waitingToHunt;
  private long handleResolutions;
  private long cacheHits;

  HandleResolver(PoolUserSettings settings, RegistrarTable table, Endpoint endpoint, TransportAddress asapAddress,
      TimerScheduler<PoolUser.Command> timers, EmulationClock clock, RandomGenerator random, Logger log, Host host) {
    this.settings = settings;
    this.table = table;
    this.endpoint = endpoint;
    this.asapAddress = asapAddress;
    this.timers = timers;
    this.clock = clock;
    this.random = random;
    this.log = log;
    this.host = host;
  }

  /** The registrar it asks now (its "home" for handle resolutions), or {@code null} while it hunts for one. */
  TransportAddress registrar() {
    return registrar;
  }

  long handleResolutions() {
    return handleResolutions;
  }

  long cacheHits() {
    return cacheHits;
  }

  /** The pool elements in the cache now, expired ones included until the next selection. */
  int cacheSize() {
    return cache == null ? 0 : cache.size();
  }

  /** Selects a pool element; the {@link Host} hears the outcome, at once on a cache hit. */
  void select() {
    purgeExpired();
    PoolElementParameter hit = selectFromCache();
    if (hit != null) {
      cacheHits++;
      host.selected(hit);
      return;
    }
    attempts = 0;
    sendRequest();
  }

  private PoolElementParameter selectFromCache() {
    if (cache == null || cache.size() == 0) return null;
    List<PoolElementEntry> selected = cache.select(1, CACHE_MAX_INCREMENT);
    return selected.isEmpty() ? null : selected.get(0).parameter();
  }

  private void purgeExpired() {
    if (cache == null) return;
    long now = clock.nanos();
    long stale = settings.staleCacheValue().toNanos();
    List<Integer> expired = new ArrayList<>();
    for (PoolElementEntry e : cache.entries()) {
      if (e.lastUpdateNanos() + stale <= now) expired.add(e.identifier());
    }
    for (int id : expired) cache.remove(id);
  }

  private void sendRequest() {
    if (registrar == null || attempts >= settings.maxRequestAttempts()) {
      if (registrar != null) table.failed(registrar, clock.nanos());
      registrar = table.pick(random, clock.nanos());
      attempts = 0;
      if (registrar == null) {
        // No registrar known yet (announces only): look again later, or when one announces itself.
        waitingToHunt = true;
        awaiting = false;
        timers.startSingleTimer(PoolUser.HUNT_TIMER, new PoolUser.HuntRetry(), clock.toReal(settings.handleResolutionTimeout()));
        return;
      }
    }
    attempts++;
    awaiting = true;
    waitingToHunt = false;
    handleResolutions++;
    long items = settings.handleResolutionItems();
    endpoint.send(asapAddress, registrar,
        new AsapMessage.HandleResolution(false, settings.poolHandle(), items == 0 ? null : new HandleResolutionOption(items)));
    timers.startSingleTimer(PoolUser.RESOLUTION_TIMER, new PoolUser.HandleResolutionTimeout(), clock.toReal(settings.handleResolutionTimeout()));
  }

  /** T1 expired: ask again (the same registrar until its attempts are spent, then another). */
  void onTimeout() {
    if (awaiting) sendRequest();
  }

  /**
   * The association with its registrar is gone (SCTP COMM_LOST or an ABORT): rsplib's ASAP instance
   * disconnects, and the next request hunts. A request still awaiting its answer is sent at once to the
   * registrar the hunt finds ({@link RegistrarTable#associationLost} says whether the lost one counts as failed).
   */
  void onAssociationLost(TransportAddress peer, AssociationEvent.Cause cause) {
    if (!peer.equals(registrar)) return;
    table.associationLost(peer, cause, clock.nanos());
    registrar = null;
    attempts = 0;
    if (awaiting) {
      timers.cancel(PoolUser.RESOLUTION_TIMER);
      sendRequest();
    }
  }

  /** The wait before a hunt is over. */
  void onHuntRetry() {
    if (!waitingToHunt) return;
    registrar = null;
    sendRequest();
  }

  void onAnnounce(TransportAddress announcedRegistrar) {
    table.announced(announcedRegistrar, clock.nanos());
    if (waitingToHunt && registrar == null) onHuntRetry();
  }

  void onResponse(Packet packet, AsapMessage.HandleResolutionResponse r) {
    if (!awaiting || !r.poolHandle().equals(settings.poolHandle())) return;
    awaiting = false;
    timers.cancel(PoolUser.RESOLUTION_TIMER);
    table.answered(packet.source());
    if (r.poolElements().isEmpty()) {
      int cause = r.error() == null ? CauseCode.UNKNOWN_POOL_HANDLE : r.error().firstCode();
      if (cause == CauseCode.UNKNOWN_POOL_HANDLE) {
        host.noPoolElement();
        return;
      }
      log.debug("handle resolution refused by {}: {}", packet.source(), CauseCode.describe(cause));
      waitingToHunt = true;
      long max = settings.serverHuntRetryDelay().toNanos();
      timers.startSingleTimer(PoolUser.HUNT_TIMER, new PoolUser.HuntRetry(),
          Duration.ofNanos(clock.toRealNanos(max == 0 ? 0 : random.nextLong(max + 1))));
      return;
    }
    purgeExpired();
    long now = clock.nanos();
    for (PoolElementParameter pe : r.poolElements()) {
      if (cache == null || cache.policyType() != pe.policy().type()) {
        if (cache != null) log.info("pool {} now uses {}; dropping the cache of {}", settings.poolHandle(), pe.policy().type(), cache.policyType());
        // Seeded from the pool user's own source: the random policies' cache selections are reproducible.
        cache = Pool.standalone(settings.poolHandle(), pe.policy().type(), new java.util.SplittableRandom(random.nextLong()), true);
      }
      cache.addOrUpdate(pe, now);
    }
    PoolElementParameter selected = selectFromCache();
    if (selected == null) {
      host.noPoolElement();
    } else {
      host.selected(selected);
    }
  }

  /** The pool element did not answer: forget it and tell the registrar (ASAP_ENDPOINT_UNREACHABLE). */
  void reportUnreachable(PoolElementParameter pe) {
    purge(pe);
    TransportAddress to = registrar != null ? registrar : table.pick(random, clock.nanos());
    if (to == null) return;
    endpoint.send(asapAddress, to, new AsapMessage.EndpointUnreachable(settings.poolHandle(), pe.identifier()));
  }

  /** Forgets a pool element (it rejected or aborted a job), telling no one. */
  void purge(PoolElementParameter pe) {
    if (cache != null) cache.remove(pe.identifier());
  }
}
