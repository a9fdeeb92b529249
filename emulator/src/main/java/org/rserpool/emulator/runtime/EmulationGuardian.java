package org.rserpool.emulator.runtime;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.ChildFailed;
import akka.actor.typed.Terminated;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.rserpool.emulator.attacker.Attacker;
import org.rserpool.emulator.poolelement.PoolElement;
import org.rserpool.emulator.poolelement.PoolElementSettings;
import org.rserpool.emulator.pooluser.PoolUser;
import org.rserpool.emulator.registrar.Registrar;
import org.rserpool.emulator.scenario.ComponentAction;
import org.rserpool.emulator.scenario.ScenarioEvent;
import org.rserpool.emulator.scenario.StartTimes;
import org.rserpool.emulator.serialization.ClusterSerializable;

/**
 * The root actor of an emulation node: starts the registrars, pool elements, pool users and attackers
 * of the deployment at their scenario start times, supervises them as their parent, runs the
 * scenario's events, and crashes, shuts down or restarts components on request (the control API).
 *
 * <p>A crashed component stops at once and releases its addresses when it has stopped; a restart
 * waits for that, so the new incarnation can bind the same addresses. A pool element shut down
 * cleanly stops once its registrar has answered its deregistration.
 *
 * <p>RSPSIM's failures of pool elements ({@code rserpool.pool-element.lifecycle}) are split: the pool
 * element draws its uptime and decides between a clean shutdown and a crash itself (RSPSIM's
 * CalcAppServerProcess does), then stops; the guardian sees it stop by itself and starts the next
 * incarnation (a new identifier) after a drawn downtime. A component that stops by failing (an
 * exception) is not restarted.
 */
public final class EmulationGuardian extends AbstractBehavior<EmulationGuardian.Command> {

  public sealed interface Command extends ClusterSerializable
      permits Start, RunEvent, GetComponents, ListComponents, Locate, Control, Revive, ListLocal, Adopt {}

  /**
   * The other nodes of an emulation that spans a cluster, as this node's guardian reaches them: the
   * guardian of the node that hosts a component, and every other live node's guardian.
   */
  public interface ClusterPeers {
    /** The guardian of the other node that hosts {@code component}; {@code null} if none does (lost). */
    ActorRef<Command> hostOf(String component);

    /** The guardians of the other live nodes. */
    List<ActorRef<Command>> others();
  }

  /** Asks for the components this node hosts (the parts of a cluster-wide {@link ListComponents}). */
  public record ListLocal(ActorRef<ComponentList> replyTo) implements Command {}

  /**
   * This node takes over components of a lost node: they start here (pool elements with new
   * identifiers: their incarnations continue at {@code 100 × generation}; registrars keep their identity).
   */
  public record Adopt(List<String> names, int generation) implements Command {}

  /** Time to start one kind of component. */
  record Start(Role role) implements Command {}

  /** Time for the scenario event with this index. */
  record RunEvent(int index) implements Command {}

  /** A pool element's downtime after a failure of its own is over: start its next incarnation. */
  record Revive(String name, int incarnation) implements Command {}

  /** The kinds of component. */
  public enum Role { REGISTRAR, POOL_ELEMENT, POOL_USER, ATTACKER }

  /** Asks for the running components' actors. */
  public record GetComponents(ActorRef<Components> replyTo) implements Command {}

  public record Components(
      List<ActorRef<Registrar.Command>> registrars,
      List<ActorRef<PoolElement.Command>> poolElements,
      List<ActorRef<PoolUser.Command>> poolUsers,
      List<ActorRef<Attacker.Command>> attackers)
      implements ClusterSerializable {}

  /** Asks for every component of the deployment with its state. */
  public record ListComponents(ActorRef<ComponentList> replyTo) implements Command {}

  public record ComponentList(List<ComponentStatus> components) implements ClusterSerializable {}

  /**
   * One component as the guardian sees it.
   *
   * @param incarnation how often it has been started (0 before its start time)
   */
  public record ComponentStatus(String name, Role role, String address, State state, int incarnation)
      implements ClusterSerializable {}

  public enum State {
    /** Its start time has not come yet. */
    PENDING,
    RUNNING,
    /** Crashed or shutting down, waiting to stop completely (a restart asked for meanwhile runs after it). */
    STOPPING,
    STOPPED
  }

  /** Asks for one component's state and current actor (to ask it for its own status). */
  public record Locate(String name, ActorRef<Located> replyTo) implements Command {}

  /**
   * The answer to {@link Locate}.
   *
   * @param status {@code null} if there is no component of that name
   * @param actor the running incarnation's actor, {@code null} unless it is running
   */
  public record Located(ComponentStatus status, ActorRef<?> actor) implements ClusterSerializable {}

  /** Crash, shut down or restart a component; the reply says whether it was done and, if not, why. */
  public record Control(ComponentAction action, String component, ActorRef<ControlReply> replyTo) implements Command {}

  public record ControlReply(boolean done, String message) implements ClusterSerializable {}

  /** A component of the deployment and its current actor. */
  private static final class Slot {
    final String name;
    final Role role;
    final Object spec;
    ActorRef<?> actor;
    State state = State.PENDING;
    int incarnation;
    boolean restartWhenStopped;

    Slot(String name, Role role, Object spec) {
      this.name = name;
      this.role = role;
      this.spec = spec;
    }

    String address() {
      return spec instanceof Deployment.RegistrarSpec r ? r.asapAddress().address().toString()
          : ((Deployment.ComponentSpec) spec).address().address().toString();
    }
  }

  private final Deployment deployment;
  private final NodeContext node;
  private final Map<String, Slot> slots = new LinkedHashMap<>();
  private final Map<ActorRef<?>, Slot> byActor = new HashMap<>();
  private final List<ScenarioEvent> events;
  private final TimerScheduler<Command> timers;
  /** The components this node runs; {@code null}: all of them (a single-node emulation). */
  private final java.util.Set<String> hosted;
  private final ClusterPeers peers;
  private final java.util.EnumSet<Role> started = java.util.EnumSet.noneOf(Role.class);

  public static Behavior<Command> create(Deployment deployment, NodeContext node, StartTimes delays, List<ScenarioEvent> events) {
    return create(deployment, node, delays, events, null, null);
  }

  /**
   * The guardian of one node of an emulation that spans a cluster: it runs the {@code hosted}
   * components, and forwards control requests for the others to the node that hosts them.
   */
  public static Behavior<Command> create(Deployment deployment, NodeContext node, StartTimes delays, List<ScenarioEvent> events,
      java.util.Set<String> hosted, ClusterPeers peers) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      // Start and event times are emulated; the timers run in real time.
      at(timers, node, delays.registrars(), new Start(Role.REGISTRAR), "start-registrars");
      at(timers, node, delays.poolElements(), new Start(Role.POOL_ELEMENT), "start-pool-elements");
      at(timers, node, delays.poolUsers(), new Start(Role.POOL_USER), "start-pool-users");
      at(timers, node, delays.attackers(), new Start(Role.ATTACKER), "start-attackers");
      for (int i = 0; i < events.size(); i++) {
        at(timers, node, events.get(i).at(), new RunEvent(i), "event-" + i);
      }
      return new EmulationGuardian(ctx, timers, deployment, node, events, hosted, peers);
    }));
  }

  /** A timer for emulated time {@code emulated}, from the clock's now (a cluster node may start its part late). */
  private static void at(TimerScheduler<Command> timers, NodeContext node, java.time.Duration emulated, Command command, String key) {
    org.rserpool.emulator.time.EmulationClock clock = node.network().clock();
    timers.startSingleTimer(key, command, java.time.Duration.ofNanos(clock.toRealNanos(emulated.toNanos() - clock.nanos())));
  }

  private EmulationGuardian(ActorContext<Command> ctx, TimerScheduler<Command> timers, Deployment deployment, NodeContext node,
      List<ScenarioEvent> events, java.util.Set<String> hosted, ClusterPeers peers) {
    super(ctx);
    this.timers = timers;
    this.hosted = hosted == null ? null : new java.util.HashSet<>(hosted);
    this.peers = peers;
    this.deployment = deployment;
    this.node = node;
    this.events = List.copyOf(events);
    for (Deployment.RegistrarSpec r : deployment.registrars()) slots.put(r.name(), new Slot(r.name(), Role.REGISTRAR, r));
    for (Deployment.ComponentSpec pe : deployment.poolElements()) slots.put(pe.name(), new Slot(pe.name(), Role.POOL_ELEMENT, pe));
    for (Deployment.ComponentSpec pu : deployment.poolUsers()) slots.put(pu.name(), new Slot(pu.name(), Role.POOL_USER, pu));
    for (Deployment.ComponentSpec at : deployment.attackers()) slots.put(at.name(), new Slot(at.name(), Role.ATTACKER, at));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Start.class, this::onStart)
        .onMessage(RunEvent.class, this::onRunEvent)
        .onMessage(GetComponents.class, this::onGetComponents)
        .onMessage(ListComponents.class, this::onListComponents)
        .onMessage(Locate.class, this::onLocate)
        .onMessage(Control.class, this::onControl)
        .onMessage(Revive.class, this::onRevive)
        .onMessage(ListLocal.class, this::onListLocal)
        .onMessage(Adopt.class, this::onAdopt)
        .onSignal(Terminated.class, this::onTerminated)
        .build();
  }

  private Behavior<Command> onStart(Start start) {
    started.add(start.role());
    for (Slot slot : slots.values()) {
      if (slot.role == start.role() && slot.state == State.PENDING && hosts(slot.name)) spawn(slot);
    }
    return this;
  }

  private boolean hosts(String name) {
    return hosted == null || hosted.contains(name);
  }

  private Behavior<Command> onAdopt(Adopt adopt) {
    for (String name : adopt.names()) {
      Slot slot = slots.get(name);
      if (slot == null || hosts(name)) continue;
      hosted.add(name);
      slot.incarnation = Math.max(slot.incarnation, 100 * adopt.generation());
      if (started.contains(slot.role)) {
        spawn(slot);
        getContext().getLog().info("{} restarted here after its node was lost (incarnation {})", name, slot.incarnation);
      }
    }
    return this;
  }

  private Behavior<Command> onListLocal(ListLocal request) {
    List<ComponentStatus> list = new ArrayList<>();
    for (Slot slot : slots.values()) {
      if (hosts(slot.name)) list.add(status(slot));
    }
    request.replyTo().tell(new ComponentList(List.copyOf(list)));
    return this;
  }

  /** A request for a component another node hosts goes there; false if this node hosts it. */
  private boolean forwarded(String name, Command request, Runnable whenLost) {
    if (peers == null || hosts(name) || !slots.containsKey(name)) return false;
    ActorRef<Command> host = peers.hostOf(name);
    if (host == null) {
      whenLost.run();
    } else {
      host.tell(request);
    }
    return true;
  }

  private void spawn(Slot slot) {
    slot.incarnation++;
    // Later incarnations get their own actor name: the old actor's name stays taken until it is gone.
    String actorName = slot.incarnation == 1 ? slot.name : slot.name + "-r" + slot.incarnation;
    ActorRef<?> actor;
    switch (slot.role) {
      case REGISTRAR -> {
        // A restarted registrar keeps its ID (RSPSIM registrarIdentifier is read once).
        Deployment.RegistrarSpec r = (Deployment.RegistrarSpec) slot.spec;
        actor = getContext().spawn(Registrar.create(deployment.registrarSettings(), r.identity(),
            node.network(), node.registrarMetrics()), actorName);
      }
      case POOL_ELEMENT -> {
        Deployment.ComponentSpec pe = (Deployment.ComponentSpec) slot.spec;
        actor = getContext().spawn(PoolElement.create(deployment.poolElementSettings(pe.name()), pe.registrars(), pe.address(),
            node.network(), node.poolElementMetrics(), seed(pe, slot.incarnation)), actorName);
      }
      case POOL_USER -> {
        Deployment.ComponentSpec pu = (Deployment.ComponentSpec) slot.spec;
        actor = getContext().spawn(PoolUser.create(deployment.poolUserSettings(), pu.registrars(), pu.address(),
            node.network(), node.poolUserMetrics(), seed(pu, slot.incarnation)), actorName);
      }
      case ATTACKER -> {
        Deployment.ComponentSpec at = (Deployment.ComponentSpec) slot.spec;
        actor = getContext().spawn(Attacker.create(deployment.attackerSettings(), at.registrars(), at.address(),
            node.network(), node.attackerMetrics(), seed(at, slot.incarnation)), actorName);
      }
      default -> throw new IllegalStateException("unknown role " + slot.role);
    }
    getContext().watch(actor);
    slot.actor = actor;
    slot.state = State.RUNNING;
    byActor.put(actor, slot);
  }

  /** Each incarnation draws anew (a restarted pool element gets a new identifier, as in RSPSIM), reproducibly. */
  private static long seed(Deployment.ComponentSpec spec, int incarnation) {
    return incarnation == 1 ? spec.seed() : new SplittableRandom(spec.seed() + incarnation).nextLong();
  }

  private Behavior<Command> onRunEvent(RunEvent run) {
    ScenarioEvent event = events.get(run.index());
    // In a cluster, the node that hosts the component runs the event.
    if (!hosts(event.component()) && slots.containsKey(event.component())) return this;
    ControlReply reply = control(event.action(), event.component());
    getContext().getLog().info("scenario event at {}: {} {}: {}", event.at(), event.action().key(), event.component(), reply.message());
    return this;
  }

  private Behavior<Command> onControl(Control request) {
    if (forwarded(request.component(), request, () -> request.replyTo().tell(
        new ControlReply(false, request.component() + " was on a lost node and has not been restarted elsewhere yet")))) {
      return this;
    }
    request.replyTo().tell(control(request.action(), request.component()));
    return this;
  }

  private ControlReply control(ComponentAction action, String name) {
    Slot slot = slots.get(name);
    if (slot == null) return new ControlReply(false, "no component named '" + name + "'");
    switch (action) {
      case CRASH -> {
        if (slot.state != State.RUNNING) return new ControlReply(false, name + " is not running (" + slot.state + ")");
        getContext().stop(slot.actor);
        slot.state = State.STOPPING;
        return new ControlReply(true, name + " crashed");
      }
      case SHUTDOWN -> {
        return shutdown(slot);
      }
      case RESTART -> {
        if (slot.state == State.RUNNING) {
          return new ControlReply(false, name + " is running, not crashed or shut down");
        }
        if (slot.state == State.PENDING) {
          // Before its start time: start it now (how the control API starts attackers on demand).
          spawn(slot);
          return new ControlReply(true, name + " started before its start time");
        }
        if (slot.state == State.STOPPING) {
          slot.restartWhenStopped = true;
          return new ControlReply(true, name + " restarts once it has stopped");
        }
        spawn(slot);
        return new ControlReply(true, name + " restarted (incarnation " + slot.incarnation + ")");
      }
      default -> throw new IllegalStateException("unknown action " + action);
    }
  }

  /** RSPSIM's clean shutdown for pool elements; attackers just stop; registrars and pool users have none. */
  @SuppressWarnings("unchecked")
  private ControlReply shutdown(Slot slot) {
    String name = slot.name;
    switch (slot.role) {
      case REGISTRAR -> {
        return new ControlReply(false, name + ": registrars have no graceful shutdown (RSPSIM and rsplib stop them silently); use crash");
      }
      case POOL_USER -> {
        return new ControlReply(false, name + ": pool users have no graceful shutdown in RSPSIM; use crash");
      }
      default -> {
        if (slot.state != State.RUNNING) return new ControlReply(false, name + " is not running (" + slot.state + ")");
        slot.state = State.STOPPING;
        if (slot.role == Role.POOL_ELEMENT) {
          ((ActorRef<PoolElement.Command>) slot.actor).tell(new PoolElement.Shutdown());
          return new ControlReply(true, name + " shuts down: cookies and aborts to its users, deregistration, then it stops");
        }
        getContext().stop(slot.actor);
        return new ControlReply(true, name + " stopped attacking");
      }
    }
  }

  private Behavior<Command> onTerminated(Terminated terminated) {
    Slot slot = byActor.remove(terminated.getRef());
    if (slot == null || !terminated.getRef().equals(slot.actor)) return this;
    boolean byItself = slot.state == State.RUNNING;
    slot.state = State.STOPPED;
    slot.actor = null;
    if (byItself) {
      PoolElementSettings.Lifecycle life = deployment.poolElementSettings().lifecycle();
      if (terminated instanceof ChildFailed failed) {
        getContext().getLog().warn("{} failed: {}", slot.name, failed.getCause().toString());
      } else if (slot.role == Role.POOL_ELEMENT && life.fails()) {
        // Its own failure (RSPSIM componentUptime over): back after the drawn downtime, as a new pool element.
        long downtime = life.downtime().drawLong(new SplittableRandom(seed((Deployment.ComponentSpec) slot.spec, slot.incarnation) ^ 0x5eed), 0);
        timers.startSingleTimer("revive-" + slot.name, new Revive(slot.name, slot.incarnation),
            node.network().clock().toReal(java.time.Duration.ofNanos(downtime)));
      } else {
        getContext().getLog().warn("{} stopped unexpectedly", slot.name);
      }
    }
    if (slot.restartWhenStopped) {
      slot.restartWhenStopped = false;
      spawn(slot);
    }
    return this;
  }

  private Behavior<Command> onRevive(Revive revive) {
    Slot slot = slots.get(revive.name());
    // Only if nothing else (a restart through the control API) has brought it back meanwhile.
    if (slot != null && slot.state == State.STOPPED && slot.incarnation == revive.incarnation()) spawn(slot);
    return this;
  }

  /** This node's running components (in a cluster: only those it hosts). */
  @SuppressWarnings("unchecked")
  private Behavior<Command> onGetComponents(GetComponents request) {
    List<ActorRef<Registrar.Command>> registrars = new ArrayList<>();
    List<ActorRef<PoolElement.Command>> poolElements = new ArrayList<>();
    List<ActorRef<PoolUser.Command>> poolUsers = new ArrayList<>();
    List<ActorRef<Attacker.Command>> attackers = new ArrayList<>();
    for (Slot slot : slots.values()) {
      if (slot.state != State.RUNNING) continue;
      switch (slot.role) {
        case REGISTRAR -> registrars.add((ActorRef<Registrar.Command>) slot.actor);
        case POOL_ELEMENT -> poolElements.add((ActorRef<PoolElement.Command>) slot.actor);
        case POOL_USER -> poolUsers.add((ActorRef<PoolUser.Command>) slot.actor);
        case ATTACKER -> attackers.add((ActorRef<Attacker.Command>) slot.actor);
        default -> throw new IllegalStateException("unknown role " + slot.role);
      }
    }
    request.replyTo().tell(new Components(List.copyOf(registrars), List.copyOf(poolElements), List.copyOf(poolUsers), List.copyOf(attackers)));
    return this;
  }

  private Behavior<Command> onLocate(Locate request) {
    Slot lostSlot = slots.get(request.name());
    if (forwarded(request.name(), request, () -> request.replyTo().tell(new Located(
        new ComponentStatus(lostSlot.name, lostSlot.role, lostSlot.address(), State.STOPPED, lostSlot.incarnation), null)))) {
      return this;
    }
    Slot slot = slots.get(request.name());
    if (slot == null) {
      request.replyTo().tell(new Located(null, null));
    } else {
      request.replyTo().tell(new Located(status(slot), slot.state == State.RUNNING ? slot.actor : null));
    }
    return this;
  }

  private static ComponentStatus status(Slot slot) {
    return new ComponentStatus(slot.name, slot.role, slot.address(), slot.state, slot.incarnation);
  }

  private Behavior<Command> onListComponents(ListComponents request) {
    if (peers != null) {
      List<ComponentStatus> local = new ArrayList<>();
      for (Slot slot : slots.values()) {
        // Components of other nodes: stopped unless their node answers (a lost node does not).
        local.add(hosts(slot.name) ? status(slot) : new ComponentStatus(slot.name, slot.role, slot.address(), State.STOPPED, slot.incarnation));
      }
      getContext().spawnAnonymous(ComponentListMerge.create(local, peers.others(), request.replyTo()));
      return this;
    }
    List<ComponentStatus> list = new ArrayList<>(slots.size());
    for (Slot slot : slots.values()) {
      list.add(status(slot));
    }
    request.replyTo().tell(new ComponentList(List.copyOf(list)));
    return this;
  }
}
