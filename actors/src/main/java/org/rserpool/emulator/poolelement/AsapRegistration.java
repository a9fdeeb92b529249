package org.rserpool.emulator.poolelement;

import akka.actor.typed.javadsl.TimerScheduler;
import java.time.Duration;
import java.util.random.RandomGenerator;
import org.rserpool.emulator.asapclient.RegistrarTable;
import org.rserpool.emulator.handlespace.Handlespace;
import org.rserpool.emulator.handlespace.RegistrationRefusal;
import org.rserpool.emulator.network.Endpoint;
import org.rserpool.emulator.network.association.AssociationEvent;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.param.CauseCode;
import org.rserpool.emulator.protocol.param.Identifiers;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.time.EmulationClock;
import org.slf4j.Logger;

/**
 * A pool element's ASAP side (RFC 5352 §3.1-§3.5; rsplib asapinstance.c, RSPSIM
 * poolelementasapprocess.cc): server hunt, registration with retries, periodic re-registration,
 * re-registration on load change, endpoint keep-alive acks with the home change on the H bit, and
 * deregistration. Plain Java run by the pool element actor on its thread, with the actor's timers.
 *
 * <ul>
 *   <li>Server hunt: a registrar from the {@link RegistrarTable} (static list and announces), chosen at
 *       random. With none known it waits for an announce, looking again every registration timeout.
 *   <li>Registration: T2 = registration-timeout per attempt; max-registration-attempts at one registrar,
 *       then a new hunt (rsplib: 1 attempt of 3 s, then it aborts the association and hunts; RSPSIM: 3
 *       attempts of 5 s). Optionally RFC 5352's T5 backoff: before each hunt after unanswered attempts
 *       wait server-hunt-backoff, doubled each time up to server-hunt-backoff-max (rsplib and RSPSIM
 *       hunt again at once, the default). A refused registration (R flag or an operation error) waits uniformly up to
 *       server-hunt-retry-delay and hunts (RSPSIM asapServerHuntRetryDelay; RSPSIM resends at once after
 *       an error without the R flag, an endless loop at the pace of the round trip, which is not copied).
 *   <li>Before each (re-)registration the pool element checks its settings as rsplib's
 *       asapInstanceRegister does with its own handlespace: the first as a new pool's first element, a
 *       re-registration against the entry it registered first (same identifier, transport type,
 *       data/control configuration and policy type); what fails is not sent.
 *   <li>Re-registration every reregistration-interval (T4) at the home registrar; a load change asks for
 *       one at once, deferred while a registration is outstanding (RSPSIM processes the PolicyUpdate when
 *       the response arrives).
 *   <li>ENDPOINT_KEEP_ALIVE from any registrar is acked to its sender; with the H bit the sender becomes
 *       the home registrar (RFC 5352 KA2.4; rsplib). Ignored while deregistering (RSPSIM).
 *   <li>Deregistration: like a registration (T3 = registration-timeout, same attempts, hunting), but it
 *       gives up after one round over the registrar table, so a shutdown always ends.
 * </ul>
 */
final class AsapRegistration {

  /** What the registration tells its pool element. */
  interface Host {
    /** The pool element as it registers now (identifier, transport, current policy values). */
    PoolElementParameter parameter();

    /** The first registration was accepted (RSPSIM starts the component's uptime here). */
    void firstRegistration();

    /** Deregistration ended: answered, or given up. */
    void deregistered();
  }

  private enum State { HUNTING, REGISTERING, REGISTERED, WAITING_TO_HUNT, DEREGISTERING, DONE }

  private final PoolElementSettings settings;
  private final RegistrarTable table;
  private final Endpoint endpoint;
  private final TransportAddress asapAddress;
  private final TimerScheduler<PoolElement.Command> timers;
  private final EmulationClock clock;
  private final RandomGenerator random;
  private final PoolElementMetrics metrics;
  private final Logger log;
  private final Host host;
  private final int identifier;
  private State state = State.HUNTING;
  private TransportAddress registrar;
  private int homeServerId;
  private int attempts;
  private int failedHunts;
  private int deregistrationHuntsLeft;
  private boolean updatePending;
  private boolean registered;
  private boolean everRegistered;
  /**
   * The entry of rsplib's OwnPoolElements: what the first registration sent, which every later one must
   * be compatible with ({@link Handlespace#checkOwn}); {@code null} before the first.
   */
  private PoolElementParameter own;

  AsapRegistration(PoolElementSettings settings, RegistrarTable table, Endpoint endpoint, TransportAddress asapAddress,
      TimerScheduler<PoolElement.Command> timers, EmulationClock clock, RandomGenerator random, PoolElementMetrics metrics,
      Logger log, int identifier, Host host) {
    this.settings = settings;
    this.table = table;
    this.endpoint = endpoint;
    this.asapAddress = asapAddress;
    this.timers = timers;
    this.clock = clock;
    this.random = random;
    this.metrics = metrics;
    this.log = log;
    this.identifier = identifier;
    this.host = host;
  }

  /** The registrar it registers with (its home registrar once registered), or {@code null} while none is known. */
  TransportAddress registrar() {
    return registrar;
  }

  /** Whether its last registration was accepted. */
  boolean registered() {
    return registered;
  }

  void start() {
    hunt();
    if (registrar != null) sendRegistration();
  }

  /** Picks a registrar; with none known, waits (an announce or the next look ends the wait). */
  private void hunt() {
    registrar = table.pick(random, clock.nanos());
    homeServerId = 0;
    attempts = 0;
    if (registrar == null) {
      state = State.WAITING_TO_HUNT;
      timers.startSingleTimer(PoolElement.HUNT_TIMER, new PoolElement.HuntRetry(), clock.toReal(settings.registrationTimeout()));
    }
  }

  private void sendRegistration() {
    PoolElementParameter pe = host.parameter();
    RegistrationRefusal refusal = Handlespace.checkOwn(settings.poolHandle(), own, pe);
    if (refusal != null) {
      // rsplib asapInstanceRegister: nothing is sent; the caller gets the error and the registration
      // it had (if any) stays as it was until the next attempt.
      log.error("PE {}: incompatible pool element settings for {}registration in {}: {}", Identifiers.hex(identifier),
          own == null ? "" : "re-", settings.poolHandle(), refusal);
      timers.cancel(PoolElement.REGISTRATION_TIMER);
      if (registered) {
        state = State.REGISTERED;
        timers.startSingleTimer(PoolElement.REREGISTRATION_TIMER, new PoolElement.Reregister(), clock.toReal(settings.reregistrationInterval()));
      } else {
        state = State.WAITING_TO_HUNT;
        timers.startSingleTimer(PoolElement.HUNT_TIMER, new PoolElement.HuntRetry(), huntRetryDelay());
      }
      return;
    }
    if (own == null) own = pe;
    if (attempts >= settings.maxRegistrationAttempts()) {
      long backoff = backoffNanos(++failedHunts);
      if (backoff > 0) {
        // RFC 5352 T5-Serverhunt: wait before the next hunt, twice as long after each one in vain.
        state = State.WAITING_TO_HUNT;
        timers.startSingleTimer(PoolElement.HUNT_TIMER, new PoolElement.HuntRetry(), Duration.ofNanos(clock.toRealNanos(backoff)));
        return;
      }
      TransportAddress previous = registrar;
      table.failed(previous, clock.nanos());
      hunt();
      if (registrar == null) return;
      log.debug("PE {}: no registration response from {}; trying {}", Identifiers.hex(identifier), previous, registrar);
    }
    attempts++;
    state = State.REGISTERING;
    endpoint.send(asapAddress, registrar,
        new AsapMessage.Registration(settings.poolHandle(), pe.withHome(homeServerId)));
    metrics.registrationSent();
    timers.startSingleTimer(PoolElement.REGISTRATION_TIMER, new PoolElement.RegistrationTimeout(),
        clock.toReal(settings.registrationTimeout()));
  }

  /** T2/T3 expired. */
  void onTimeout() {
    if (state == State.REGISTERING) {
      sendRegistration();
    } else if (state == State.DEREGISTERING) {
      sendDeregistration();
    }
  }

  /** T4, or the wait after a refusal or without registrars, is over. */
  void onReregister() {
    if (state == State.REGISTERED) {
      attempts = 0;
      sendRegistration();
    }
  }

  void onHuntRetry() {
    if (state != State.WAITING_TO_HUNT) return;
    hunt();
    if (registrar != null) {
      attempts = 0;
      sendRegistration();
    }
  }

  /** The pool element's load changed; {@code now}: re-register at once, else with the next periodic one. */
  void policyChanged(boolean now) {
    if (!now) return;
    if (state == State.REGISTERED) {
      timers.cancel(PoolElement.REREGISTRATION_TIMER);
      attempts = 0;
      sendRegistration();
    } else if (state == State.REGISTERING) {
      updatePending = true;
    }
  }

  void onRegistrationResponse(Packet packet, AsapMessage.RegistrationResponse r) {
    if (state != State.REGISTERING || r.peIdentifier() != identifier || !packet.source().equals(registrar)) return;
    timers.cancel(PoolElement.REGISTRATION_TIMER);
    if (r.reject() || r.error() != null) {
      log.info("PE {}: registration refused by {}: {}", Identifiers.hex(identifier), packet.source(),
          r.error() == null ? CauseCode.describe(CauseCode.UNSPECIFIED_ERROR) : r.error().causes());
      setRegistered(false);
      state = State.WAITING_TO_HUNT;
      timers.startSingleTimer(PoolElement.HUNT_TIMER, new PoolElement.HuntRetry(), huntRetryDelay());
      return;
    }
    attempts = 0;
    failedHunts = 0;
    state = State.REGISTERED;
    setRegistered(true);
    timers.startSingleTimer(PoolElement.REREGISTRATION_TIMER, new PoolElement.Reregister(), clock.toReal(settings.reregistrationInterval()));
    if (!everRegistered) {
      everRegistered = true;
      host.firstRegistration();
    }
    if (updatePending) {
      updatePending = false;
      policyChanged(true);
    }
  }

  /** The wait before the n-th consecutive hunt after unanswered registrations: b, 2b, 4b, ... up to the maximum; 0 without backoff. */
  private long backoffNanos(int failed) {
    long initial = settings.serverHuntBackoff().toNanos();
    if (initial == 0) return 0;
    long max = settings.serverHuntBackoffMax().toNanos();
    long wait = initial;
    for (int i = 1; i < failed && wait < max; i++) wait = wait > max / 2 ? max : wait * 2;
    return Math.min(wait, max);
  }

  private Duration huntRetryDelay() {
    long max = settings.serverHuntRetryDelay().toNanos();
    return Duration.ofNanos(clock.toRealNanos(max == 0 ? 0 : random.nextLong(max + 1)));
  }

  private void setRegistered(boolean value) {
    if (registered != value) metrics.registeredChanged(value);
    registered = value;
  }

  /**
   * RFC 5352 §2.2.7/§3.5: a registrar's keep-alive is always answered; with the H bit its sender wants
   * to become the home registrar (a takeover) and is adopted for the following re-registrations. rsplib
   * adds the PE identifier: a keep-alive for another pool element is not ours to ack.
   */
  void onEndpointKeepAlive(Packet packet, AsapMessage.EndpointKeepAlive k) {
    if (state == State.DEREGISTERING || state == State.DONE) return;
    if (!k.poolHandle().equals(settings.poolHandle())) return;
    if (k.peIdentifier() != null && k.peIdentifier().value() != identifier) return;
    if (k.home() && !packet.source().equals(registrar)) {
      log.debug("PE {}: home registrar {} -> {}", Identifiers.hex(identifier), registrar, packet.source());
      registrar = packet.source();
      attempts = 0;
    }
    if (packet.source().equals(registrar)) homeServerId = k.serverIdentifier();
    endpoint.send(asapAddress, packet.source(), new AsapMessage.EndpointKeepAliveAck(settings.poolHandle(), identifier));
    metrics.keepAliveAcked();
  }

  /**
   * The association with its registrar is gone (SCTP COMM_LOST, or the registrar's ABORT after a
   * keep-alive timeout): rsplib's ASAP instance disconnects and hunts at once, and registers with the
   * registrar it finds ({@link RegistrarTable#associationLost} says whether the lost one counts as failed).
   */
  void onAssociationLost(TransportAddress peer, AssociationEvent.Cause cause) {
    if (!peer.equals(registrar) || state != State.REGISTERED && state != State.REGISTERING) return;
    log.info("PE {}: association with registrar {} lost ({}); hunting", Identifiers.hex(identifier), peer,
        cause.name().toLowerCase(java.util.Locale.ROOT));
    timers.cancel(PoolElement.REGISTRATION_TIMER);
    table.associationLost(peer, cause, clock.nanos());
    hunt();
    if (registrar == null) return;
    attempts = 0;
    sendRegistration();
  }

  /** A registrar announced itself; if it was waiting for one, the hunt goes on now. */
  void onAnnounce(TransportAddress announcedRegistrar) {
    table.announced(announcedRegistrar, clock.nanos());
    if (state == State.WAITING_TO_HUNT && registrar == null) onHuntRetry();
  }

  /** Starts the deregistration (clean shutdown); {@link Host#deregistered} follows. */
  void deregister() {
    timers.cancel(PoolElement.REGISTRATION_TIMER);
    timers.cancel(PoolElement.REREGISTRATION_TIMER);
    timers.cancel(PoolElement.HUNT_TIMER);
    if (!everRegistered) {
      // Nothing to undo: no registrar has it.
      finishDeregistration();
      return;
    }
    state = State.DEREGISTERING;
    attempts = 0;
    deregistrationHuntsLeft = Math.max(1, table.registrars(clock.nanos()).size()) - 1;
    if (registrar == null) hunt();
    if (registrar == null) {
      finishDeregistration();
      return;
    }
    state = State.DEREGISTERING;
    sendDeregistration();
  }

  private void sendDeregistration() {
    if (attempts >= settings.maxRegistrationAttempts()) {
      if (deregistrationHuntsLeft-- <= 0) {
        log.info("PE {}: no deregistration response; giving up", Identifiers.hex(identifier));
        finishDeregistration();
        return;
      }
      hunt();
      if (registrar == null) {
        finishDeregistration();
        return;
      }
      state = State.DEREGISTERING;
    }
    attempts++;
    endpoint.send(asapAddress, registrar, new AsapMessage.Deregistration(settings.poolHandle(), identifier));
    metrics.deregistrationSent();
    timers.startSingleTimer(PoolElement.REGISTRATION_TIMER, new PoolElement.RegistrationTimeout(),
        clock.toReal(settings.registrationTimeout()));
  }

  void onDeregistrationResponse(Packet packet, AsapMessage.DeregistrationResponse r) {
    if (state != State.DEREGISTERING || r.peIdentifier() != identifier) return;
    timers.cancel(PoolElement.REGISTRATION_TIMER);
    finishDeregistration();
  }

  private void finishDeregistration() {
    timers.cancel(PoolElement.HUNT_TIMER);
    state = State.DONE;
    setRegistered(false);
    host.deregistered();
  }

  /** Forgets the registration without a word (a crash); returns whether it was registered. */
  boolean reset() {
    boolean was = registered;
    state = State.DONE;
    registered = false;
    return was;
  }
}
