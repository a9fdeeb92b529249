package org.rserpool.emulator.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.ClusterSingleton;
import akka.cluster.typed.SelfUp;
import akka.cluster.typed.SingletonActor;
import akka.cluster.typed.Subscribe;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.network.fault.Fault;
import org.rserpool.emulator.network.fault.NetworkControl;
import org.rserpool.emulator.runtime.Deployment;
import org.rserpool.emulator.runtime.Emulation;
import org.rserpool.emulator.runtime.EmulationGuardian;
import org.rserpool.emulator.scenario.Scenario;
import org.rserpool.emulator.serialization.ClusterSerializable;
import org.rserpool.emulator.time.EmulationClock;

/**
 * The root actor of a cluster node: it introduces the node to the coordinator, starts its part of the
 * emulation when the plan arrives (the components the placement gives it, on a clock that starts at the
 * plan's instant), carries packets, multicast memberships and faults between its network and the other
 * nodes', takes over components of lost nodes, and reports its statistics at the end.
 */
public final class NodeAgent extends AbstractBehavior<NodeAgent.Command> {
  /** Every message the agent handles; only {@link Remote} ones cross nodes. */
  public interface Command {}

  /** Messages from other nodes (through Kryo). */
  public sealed interface Remote extends Command, ClusterSerializable
      permits Plan, RemotePacket, GroupChange, FaultAdded, FaultRemoved, Membership, Collect, Finished, Refused {}

  public record Plan(ClusterPlan plan) implements Remote {}

  /**
   * A packet from another node, due at emulated time {@code dueNanos} (the sender applied link and
   * faults). Most of what crosses nodes: Kryo writes it without reflection ({@link Wire}).
   */
  @com.esotericsoftware.kryo.DefaultSerializer(RemotePacket.Wire.class)
  public record RemotePacket(Packet packet, long sentNanos, long dueNanos) implements Remote {
    /** The two times, then the packet in its own Kryo format (the message as wire bytes). */
    public static final class Wire extends com.esotericsoftware.kryo.Serializer<RemotePacket> {
      public Wire() {
        super(false, true);
      }

      @Override
      public void write(com.esotericsoftware.kryo.Kryo kryo, com.esotericsoftware.kryo.io.Output out, RemotePacket p) {
        out.writeLong(p.sentNanos());
        out.writeLong(p.dueNanos());
        kryo.writeObject(out, p.packet());
      }

      @Override
      public RemotePacket read(com.esotericsoftware.kryo.Kryo kryo, com.esotericsoftware.kryo.io.Input in, Class<? extends RemotePacket> type) {
        long sent = in.readLong();
        long due = in.readLong();
        return new RemotePacket(kryo.readObject(in, Packet.class), sent, due);
      }
    }
  }

  /** An endpoint on another node joined or left a multicast group. */
  public record GroupChange(TransportAddress group, TransportAddress member, boolean joined) implements Remote {}

  /** A network fault added on another node: it holds here too. */
  public record FaultAdded(Fault fault) implements Remote {}

  public record FaultRemoved(String id) implements Remote {}

  /**
   * Nodes lost (not live) and, once the restart delay is over, components moved to other nodes: each
   * node replays the moves ({@link ClusterPlan#rehomes}) on its placement, so only who was live travels.
   */
  public record Membership(boolean[] live, List<boolean[]> rehomes, int nodeFailures) implements Remote {}

  /** The coordinator asks for this node's statistics of the measurement window. */
  public record Collect(ActorRef<Coordinator.Command> replyTo) implements Remote {}

  /** The results of the whole emulation. */
  public record Finished(ClusterResults results) implements Remote {}

  /** The coordinator will not run this node (another scenario, or the emulation started without it). */
  public record Refused(String reason) implements Remote {}

  /** Asks the coordinator to end the emulation now (the runner's Ctrl-C, or the end of a run until stopped). */
  record EndNow() implements Command {}

  private record SelfIsUp() implements Command {}

  private record SayHello() implements Command {}

  /** What the node's runner learns from its agent. */
  public interface Listener {
    void started(Emulation emulation, ClusterPlan plan, int index);

    void membership(ClusterPlan plan);

    void finished(ClusterResults results);

    void refused(String reason);
  }

  static final String GUARDIAN_NAME = "emulation";
  private static final Duration HELLO_BEFORE_PLAN = Duration.ofSeconds(1);
  private static final Duration HELLO_WITH_PLAN = Duration.ofSeconds(3);

  private final Scenario scenario;
  private final Deployment deployment;
  private final String node;
  private final String hash;
  private final PrometheusMeterRegistry registry;
  private final Listener listener;
  private final TimerScheduler<Command> timers;
  private final ActorRef<Coordinator.Command> coordinator;
  private final String selfAddress;
  private ClusterPlan plan;
  private int index = -1;
  private ClusterRouter router;
  /** Component name to node index now. */
  private Map<String, Integer> placement;
  private Emulation emulation;
  private boolean up;
  private boolean done;

  public static Behavior<Command> create(Scenario scenario, ClusterSettings settings, String node, PrometheusMeterRegistry registry,
      Listener listener) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new NodeAgent(ctx, timers, scenario, settings, node, registry, listener)));
  }

  private NodeAgent(ActorContext<Command> ctx, TimerScheduler<Command> timers, Scenario scenario, ClusterSettings settings, String node,
      PrometheusMeterRegistry registry, Listener listener) {
    super(ctx);
    this.timers = timers;
    this.scenario = scenario;
    this.deployment = Deployment.of(scenario);
    this.node = node;
    this.hash = ScenarioHash.of(scenario);
    this.registry = registry;
    this.listener = listener;
    Cluster cluster = Cluster.get(ctx.getSystem());
    this.selfAddress = cluster.selfMember().address().toString();
    cluster.subscriptions().tell(Subscribe.create(ctx.messageAdapter(SelfUp.class, up -> new SelfIsUp()), SelfUp.class));
    this.coordinator = ClusterSingleton.get(ctx.getSystem()).init(
        SingletonActor.of(Coordinator.create(scenario, settings, hash), "coordinator"));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(SelfIsUp.class, m -> onUp())
        .onMessage(SayHello.class, m -> hello())
        .onMessage(Plan.class, this::onPlan)
        .onMessage(RemotePacket.class, this::onPacket)
        .onMessage(GroupChange.class, this::onGroupChange)
        .onMessage(FaultAdded.class, m -> {
          if (emulation != null) emulation.network().control().addReplicated(m.fault());
          return this;
        })
        .onMessage(FaultRemoved.class, m -> {
          if (emulation != null) emulation.network().control().removeReplicated(m.id());
          return this;
        })
        .onMessage(Membership.class, this::onMembership)
        .onMessage(Collect.class, this::onCollect)
        .onMessage(Finished.class, this::onFinished)
        .onMessage(Refused.class, this::onRefused)
        .onMessage(EndNow.class, m -> {
          coordinator.tell(new Coordinator.EndNow());
          return this;
        })
        .build();
  }

  private Behavior<Command> onUp() {
    // Only once this node is Up: remote death watch and the singleton need it (java-stack.md §5).
    up = true;
    return hello();
  }

  private Behavior<Command> hello() {
    if (!up || done) return this;
    coordinator.tell(new Coordinator.Hello(getContext().getSelf(), node, selfAddress, hash, plan));
    timers.startSingleTimer("hello", new SayHello(), plan == null ? HELLO_BEFORE_PLAN : HELLO_WITH_PLAN);
    return this;
  }

  private Behavior<Command> onPlan(Plan message) {
    ClusterPlan p = message.plan();
    // Sent again only to a node that had none; later changes come as Membership.
    if (plan != null) return this;
    int i = p.indexOf(selfAddress);
    if (i < 0) return this;
    plan = p;
    index = i;
    placement = p.placement(deployment);
    Set<String> hosted = new HashSet<>();
    for (Map.Entry<String, Integer> e : placement.entrySet()) {
      if (e.getValue() == i) hosted.add(e.getKey());
    }
    ActorRefResolver resolver = ActorRefResolver.get(getContext().getSystem());
    List<ActorRef<EmulationGuardian.Command>> guardians = new ArrayList<>();
    for (ClusterPlan.NodeInfo n : p.nodes()) guardians.add(resolver.resolveActorRef(n.address() + "/user/" + GUARDIAN_NAME));
    router = new ClusterRouter(i, deployment, p, placement, guardians);
    ClusterRouter r = router;
    NetworkControl.Replica faults = new NetworkControl.Replica() {
      @Override
      public void added(Fault fault) {
        r.toOthers(new FaultAdded(fault));
      }

      @Override
      public void removed(String id) {
        r.toOthers(new FaultRemoved(id));
      }
    };
    EmulationClock clock = EmulationClock.startingAt(scenario.timeScale(), p.startEpochMillis());
    emulation = Emulation.startPart(scenario, new Emulation.Part(registry, clock, hosted, router, "fault-" + (i + 1) + ".", faults, router,
        getContext().getSystem(), behavior -> getContext().spawn(behavior, GUARDIAN_NAME)));
    getContext().getLog().info("node {} ({} of {}): {} components here, emulated time zero in {} ms", node, i + 1, p.nodes().size(),
        hosted.size(), p.startEpochMillis() - System.currentTimeMillis());
    listener.started(emulation, p, i);
    return hello();
  }

  private Behavior<Command> onPacket(RemotePacket m) {
    if (emulation != null) emulation.network().arriveFromNode(m.packet(), m.sentNanos(), m.dueNanos());
    return this;
  }

  private Behavior<Command> onGroupChange(GroupChange m) {
    if (emulation == null) return this;
    if (m.joined()) {
      emulation.network().joinedElsewhere(m.group(), m.member());
    } else {
      emulation.network().leftElsewhere(m.group(), m.member());
    }
    return this;
  }

  private Behavior<Command> onMembership(Membership m) {
    if (plan == null || emulation == null) return this;
    boolean[] was = plan.live();
    for (int n = 0; n < was.length; n++) {
      final int lost = n;
      // A lost node's endpoints left every group with it.
      if (was[n] && !m.live()[n]) emulation.network().forgetMembers(a -> router.nodeOf(a) == lost);
    }
    // Replay the moves this node has not made yet.
    Map<String, Integer> moved = new java.util.TreeMap<>();
    for (int g = plan.generation(); g < m.rehomes().size(); g++) {
      Map<String, Integer> step = Placement.rehome(placement, m.rehomes().get(g));
      placement.putAll(step);
      moved.putAll(step);
    }
    router.update(m.live(), moved);
    plan = new ClusterPlan(plan.nodes(), plan.mode(), plan.startEpochMillis(), plan.scenarioHash(), m.live(),
        m.rehomes().size() >= plan.generation() ? m.rehomes() : plan.rehomes(), Math.max(plan.nodeFailures(), m.nodeFailures()));
    List<String> mine = new ArrayList<>();
    for (Map.Entry<String, Integer> e : moved.entrySet()) {
      if (e.getValue() == index) mine.add(e.getKey());
    }
    if (!mine.isEmpty()) {
      emulation.guardian().tell(new EmulationGuardian.Adopt(List.copyOf(mine), plan.generation()));
      getContext().getLog().info("taking over {} components of lost nodes", mine.size());
    }
    listener.membership(plan);
    return this;
  }

  private Behavior<Command> onCollect(Collect m) {
    if (emulation == null) return this;
    int components = plan.componentsPerNode(placement)[index];
    double cpu = 0;
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      cpu = os.getProcessCpuTime() / 1e9;
    }
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    var net = emulation.network();
    m.replyTo().tell(new Coordinator.Report(new NodeReport(index, node, emulation.windowStatistics(), components,
        net.sent(org.rserpool.emulator.protocol.PayloadProtocol.ASAP) + net.sent(org.rserpool.emulator.protocol.PayloadProtocol.ENRP)
            + net.sent(org.rserpool.emulator.protocol.PayloadProtocol.CALCAPP),
        net.delivered(), net.crossNodeSent(), net.crossNodeReceived(), router.toLostNodes.sum(), net.latenessQuantileSeconds(0.5), net.latenessQuantileSeconds(0.99), cpu, heap,
        org.rserpool.emulator.serialization.KryoSerializer.serialized(), org.rserpool.emulator.serialization.KryoSerializer.deserialized())));
    return this;
  }

  private Behavior<Command> onFinished(Finished m) {
    if (done) return this;
    done = true;
    timers.cancel("hello");
    listener.finished(m.results());
    return this;
  }

  private Behavior<Command> onRefused(Refused m) {
    if (plan != null || done) return this;
    done = true;
    timers.cancel("hello");
    listener.refused(m.reason());
    return this;
  }
}
