package org.rserpool.emulator.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.cluster.ClusterEvent;
import akka.cluster.Member;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Subscribe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.rserpool.emulator.runtime.Deployment;
import org.rserpool.emulator.runtime.Statistics;
import org.rserpool.emulator.scenario.Scenario;
import org.rserpool.emulator.serialization.ClusterSerializable;

/**
 * The cluster's coordinator, a Cluster Singleton (it runs on the oldest node and moves when that node
 * is lost): it waits for {@code min-nodes} nodes that run the same scenario, gives them the placement
 * and a common start instant a few seconds ahead, notices lost nodes (downed by the Split Brain
 * Resolver), moves their components to the survivors after the restart delay, and at the end collects
 * every node's statistics into one set of results.
 *
 * <p>Its state can be rebuilt: every node sends the current plan with its heartbeat, so a coordinator
 * that starts on another node picks the emulation up where it was.
 */
public final class Coordinator extends AbstractBehavior<Coordinator.Command> {
  public interface Command {}

  /** Messages from the nodes (through Kryo). */
  public sealed interface Remote extends Command, ClusterSerializable permits Hello, Report, EndNow {}

  /** A node that is Up introduces itself (again every few seconds: its heartbeat, with its plan once it has one). */
  public record Hello(ActorRef<NodeAgent.Command> agent, String node, String address, String scenarioHash, ClusterPlan plan)
      implements Remote {}

  public record Report(NodeReport report) implements Remote {}

  /** End the emulation now and collect the results. */
  public record EndNow() implements Remote {}

  private record MemberRemoved(Member member) implements Command {}

  private record MemberUp(Member member) implements Command {}

  private record EndTime() implements Command {}

  private record Rehome() implements Command {}

  private record CollectTimeout() implements Command {}

  /** After the emulated end, nodes take their end snapshot; the coordinator asks a moment later. */
  static final Duration COLLECT_AFTER_END = Duration.ofSeconds(1);
  static final Duration COLLECT_TIMEOUT = Duration.ofSeconds(15);

  private final Scenario scenario;
  private final ClusterSettings settings;
  private final String hash;
  private final Deployment deployment;
  private final TimerScheduler<Command> timers;
  private final Map<String, Hello> hellos = new HashMap<>();
  private ClusterPlan plan;
  private Map<Integer, NodeReport> reports;
  private boolean finished;

  static Behavior<Command> create(Scenario scenario, ClusterSettings settings, String hash) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new Coordinator(ctx, timers, scenario, settings, hash)));
  }

  private Coordinator(ActorContext<Command> ctx, TimerScheduler<Command> timers, Scenario scenario, ClusterSettings settings, String hash) {
    super(ctx);
    this.timers = timers;
    this.scenario = scenario;
    this.settings = settings;
    this.hash = hash;
    this.deployment = Deployment.of(scenario);
    Cluster cluster = Cluster.get(ctx.getSystem());
    cluster.subscriptions().tell(Subscribe.create(
        ctx.messageAdapter(ClusterEvent.MemberRemoved.class, e -> new MemberRemoved(e.member())), ClusterEvent.MemberRemoved.class));
    cluster.subscriptions().tell(Subscribe.create(
        ctx.messageAdapter(ClusterEvent.MemberUp.class, e -> new MemberUp(e.member())), ClusterEvent.MemberUp.class));
    ctx.getLog().info("coordinator started on {}, waiting for {} nodes", cluster.selfMember().address(), settings.minNodes());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Hello.class, this::onHello)
        .onMessage(MemberUp.class, m -> tryPlan())
        .onMessage(MemberRemoved.class, this::onRemoved)
        .onMessage(Rehome.class, m -> rehome())
        .onMessage(EndTime.class, m -> collect())
        .onMessage(EndNow.class, m -> collect())
        .onMessage(Report.class, this::onReport)
        .onMessage(CollectTimeout.class, m -> finish())
        .build();
  }

  private Set<String> upMembers() {
    Set<String> up = new java.util.HashSet<>();
    for (Member m : Cluster.get(getContext().getSystem()).state().getMembers()) {
      if (m.status() == MemberStatus.up()) up.add(m.address().toString());
    }
    return up;
  }

  private Behavior<Command> onHello(Hello hello) {
    hellos.put(hello.address(), hello);
    if (plan == null && hello.plan() != null) return takeOver(hello.plan());
    if (plan != null && hello.plan() == null && plan.indexOf(hello.address()) < 0) {
      hello.agent().tell(new NodeAgent.Refused("the emulation started without this node (" + plan.nodes().size()
          + " nodes); start every node before min-nodes is reached"));
      return this;
    }
    if (plan != null && hello.plan() == null) {
      // Its plan was lost on the way: send it again.
      hello.agent().tell(new NodeAgent.Plan(plan));
      return this;
    }
    return tryPlan();
  }

  /** Enough nodes with the same scenario: the plan. */
  private Behavior<Command> tryPlan() {
    if (plan != null || finished) return this;
    Set<String> up = upMembers();
    List<Hello> ready = hellos.values().stream().filter(h -> up.contains(h.address())).collect(Collectors.toList());
    if (ready.size() < settings.minNodes()) return this;
    // The scenario most nodes run (this node's on a tie) is the emulation; the others are refused.
    Map<String, Long> byHash = ready.stream().collect(Collectors.groupingBy(Hello::scenarioHash, Collectors.counting()));
    String chosen = byHash.entrySet().stream()
        .max(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).thenComparing(e -> e.getKey().equals(hash) ? 1 : 0))
        .get().getKey();
    List<Hello> nodes = new ArrayList<>();
    for (Hello h : ready) {
      if (h.scenarioHash().equals(chosen)) {
        nodes.add(h);
      } else {
        h.agent().tell(new NodeAgent.Refused("this node runs another scenario (hash " + h.scenarioHash() + ") than the cluster ("
            + chosen + "): start every node with the same scenario file and options"));
        hellos.remove(h.address());
      }
    }
    if (nodes.size() < settings.minNodes()) return this;
    // By name, numbers in it compared as numbers (node-2 before node-10), then by address: node-1 is index 0.
    nodes.sort(Comparator.comparing((Hello h) -> nameStem(h.node())).thenComparingLong(h -> nameNumber(h.node()))
        .thenComparing(h -> host(h.address())).thenComparingInt(h -> port(h.address())));
    List<ClusterPlan.NodeInfo> infos = nodes.stream().map(h -> new ClusterPlan.NodeInfo(h.node(), h.address(), h.agent())).toList();
    long start = System.currentTimeMillis() + settings.startDelay().toMillis();
    boolean[] live = new boolean[infos.size()];
    java.util.Arrays.fill(live, true);
    plan = new ClusterPlan(infos, settings.placement(), start, chosen, live, List.of(), 0);
    int[] per = plan.componentsPerNode(plan.placement(deployment));
    getContext().getLog().info("plan: {} nodes, placement {}, components per node {}, start in {} ms", infos.size(),
        settings.placement().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), java.util.Arrays.toString(per),
        settings.startDelay().toMillis());
    for (ClusterPlan.NodeInfo n : infos) n.agent().tell(new NodeAgent.Plan(plan));
    scheduleEnd();
    return this;
  }

  private static String nameStem(String name) {
    int i = name.length();
    while (i > 0 && Character.isDigit(name.charAt(i - 1))) i--;
    return name.substring(0, i);
  }

  private static long nameNumber(String name) {
    String digits = name.substring(nameStem(name).length());
    return digits.isEmpty() || digits.length() > 18 ? -1 : Long.parseLong(digits);
  }

  private static String host(String address) {
    int at = address.indexOf('@');
    int colon = address.lastIndexOf(':');
    return at >= 0 && colon > at ? address.substring(at + 1, colon) : address;
  }

  private static int port(String address) {
    int colon = address.lastIndexOf(':');
    try {
      return colon >= 0 ? Integer.parseInt(address.substring(colon + 1)) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private void scheduleEnd() {
    if (scenario.runsUntilStopped()) return;
    long endMillis = plan.startEpochMillis() + scenario.duration().toMillis() * 1000 / Math.max(1, Math.round(scenario.timeScale() * 1000))
        + COLLECT_AFTER_END.toMillis();
    timers.startSingleTimer("end", new EndTime(), Duration.ofMillis(Math.max(0, endMillis - System.currentTimeMillis())));
  }

  /** This coordinator started on another node while an emulation runs: carry on with the nodes' plan. */
  private Behavior<Command> takeOver(ClusterPlan carried) {
    plan = carried;
    getContext().getLog().info("coordinator takes over the running emulation ({} nodes, generation {})", plan.nodes().size(), plan.generation());
    scheduleEnd();
    Set<String> up = upMembers();
    boolean[] live = plan.live().clone();
    boolean changed = false;
    for (int i = 0; i < live.length; i++) {
      if (live[i] && !up.contains(plan.nodes().get(i).address())) {
        live[i] = false;
        changed = true;
      }
    }
    if (changed) lose(live);
    return this;
  }

  private Behavior<Command> onRemoved(MemberRemoved removed) {
    if (plan == null || finished) return this;
    int i = plan.indexOf(removed.member().address().toString());
    if (i < 0 || !plan.live()[i]) return this;
    boolean[] live = plan.live().clone();
    live[i] = false;
    getContext().getLog().warn("node {} ({}) lost", plan.nodes().get(i).name(), removed.member().address());
    lose(live);
    return this;
  }

  private void lose(boolean[] live) {
    int failures = plan.nodeFailures();
    boolean[] was = plan.live();
    for (int i = 0; i < live.length; i++) {
      if (was[i] && !live[i]) failures++;
    }
    plan = plan.withLive(live, failures);
    broadcast(new NodeAgent.Membership(plan.live(), plan.rehomes(), failures));
    if (reports != null) {
      // Collecting: a lost node will not answer.
      maybeFinish();
      return;
    }
    if (settings.restartDelay() != null) timers.startSingleTimer("rehome", new Rehome(), settings.restartDelay());
  }

  private Behavior<Command> rehome() {
    if (plan == null || finished) return this;
    Map<String, Integer> moved = Placement.rehome(plan.placement(deployment), plan.live());
    if (moved.isEmpty()) return this;
    plan = plan.withRehome();
    getContext().getLog().info("restarting {} components of lost nodes on the survivors (generation {})", moved.size(), plan.generation());
    broadcast(new NodeAgent.Membership(plan.live(), plan.rehomes(), plan.nodeFailures()));
    return this;
  }

  private void broadcast(NodeAgent.Command message) {
    boolean[] live = plan.live();
    for (int i = 0; i < live.length; i++) {
      if (live[i]) plan.nodes().get(i).agent().tell(message);
    }
  }

  private Behavior<Command> collect() {
    if (plan == null || finished || reports != null) return this;
    reports = new LinkedHashMap<>();
    broadcast(new NodeAgent.Collect(getContext().getSelf()));
    timers.startSingleTimer("collect", new CollectTimeout(), COLLECT_TIMEOUT);
    return this;
  }

  private Behavior<Command> onReport(Report report) {
    if (reports == null || finished) return this;
    reports.put(report.report().index(), report.report());
    return maybeFinish();
  }

  private Behavior<Command> maybeFinish() {
    boolean[] live = plan.live();
    for (int i = 0; i < live.length; i++) {
      if (live[i] && !reports.containsKey(i)) return this;
    }
    return finish();
  }

  private Behavior<Command> finish() {
    if (finished || reports == null) return this;
    finished = true;
    timers.cancel("collect");
    List<NodeReport> list = new ArrayList<>(new TreeMap<>(reports).values());
    Statistics total = null;
    for (NodeReport r : list) total = total == null ? r.window() : total.plus(r.window());
    int writer = list.isEmpty() ? 0 : list.get(0).index();
    ClusterResults results = new ClusterResults(total, list, plan.nodes().size(), plan.nodeFailures(), writer);
    getContext().getLog().info("results collected from {} of {} nodes", list.size(), plan.nodes().size());
    broadcast(new NodeAgent.Finished(results));
    return this;
  }
}
