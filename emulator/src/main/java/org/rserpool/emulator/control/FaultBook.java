package org.rserpool.emulator.control;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.rserpool.emulator.network.fault.Fault;
import org.rserpool.emulator.network.fault.NetworkControl;
import org.rserpool.emulator.network.fault.Selector;
import org.rserpool.emulator.runtime.Emulation;
import org.rserpool.emulator.runtime.EmulationGuardian.ComponentStatus;
import org.rserpool.emulator.runtime.EmulationGuardian.ControlReply;
import org.rserpool.emulator.runtime.EmulationGuardian.State;
import org.rserpool.emulator.scenario.ComponentAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The faults injected through the control API, as resources with ids (Toxiproxy's toxics, Chaos Mesh's
 * experiments): it applies each to the network ({@link NetworkControl}) or to components
 * ({@link Emulation#control}), removes it at the end of its duration, and runs its schedule.
 *
 * <p>Removing a fault undoes it: a link fault or partition leaves the network; components a crash or
 * shutdown fault stopped are restarted (a pool element with a new identifier, as RSPSIM restarts it);
 * attackers an attacker fault started are stopped. Durations and schedules run in emulated time.
 *
 * <p>Every change runs on one thread of its own, one after another, so a fault is never half applied
 * when another request looks at it; the asks to the emulation it waits for are bounded by a timeout.
 */
final class FaultBook implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FaultBook.class);
  private static final Duration ASK = Duration.ofSeconds(5);
  /** Removed faults kept so that {@code GET /api/faults/{id}} can still say what became of them. */
  private static final int HISTORY = 1000;

  /** A fault's answer lists the components it acts on up to this many. */
  static final int LISTED_COMPONENTS = 32;

  enum Phase { ACTIVE, WAITING, ENDED }

  /** One fault and its current occurrence. */
  private final class Entry {
    final String id;
    final FaultSpec spec;
    final long createdNanos;
    final SplittableRandom random;
    Phase phase = Phase.WAITING;
    int occurrences;
    long occurrenceStartNanos = -1;
    long occurrenceEndNanos = -1;
    long nextOccurrenceNanos = -1;
    /** The network faults of the current occurrence. */
    final List<String> networkFaults = new ArrayList<>();
    /** The components the current occurrence acted on. */
    final List<String> components = new ArrayList<>();
    ScheduledFuture<?> timer;
    String lastMessage = "";

    Entry(String id, FaultSpec spec, long createdNanos, long seed) {
      this.id = id;
      this.spec = spec;
      this.createdNanos = createdNanos;
      this.random = new SplittableRandom(seed);
    }

    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id);
      m.put("type", spec.type().key());
      m.put("name", spec.name());
      m.put("state", phase.name().toLowerCase());
      m.put("createdAt", seconds(createdNanos));
      if (spec.type().isNetwork()) {
        m.put("from", spec.from().toJson());
        m.put("to", spec.to() == null ? "all" : spec.to().toJson());
        m.put("direction", spec.direction().name().toLowerCase());
        if (spec.link() != null) m.put("link", spec.link().describe());
        m.put("networkFaults", List.copyOf(networkFaults));
      } else {
        m.put("target", spec.target().toJson());
      }
      // The names, unless there are so many that listing them would drown the answer.
      m.put("matched", components.size());
      if (components.size() <= LISTED_COMPONENTS) m.put("components", List.copyOf(components));
      if (spec.duration() != null) m.put("duration", text(spec.duration()));
      if (spec.schedule() != null) m.put("schedule", spec.schedule().toJson());
      m.put("occurrences", occurrences);
      if (phase == Phase.ACTIVE && occurrenceEndNanos >= 0) m.put("endsAt", seconds(occurrenceEndNanos));
      if (phase == Phase.WAITING && nextOccurrenceNanos >= 0) m.put("nextAt", seconds(nextOccurrenceNanos));
      m.put("message", lastMessage);
      return m;
    }
  }

  private final Emulation emulation;
  private final EventHub events;
  private final ScheduledExecutorService exec;
  private final Map<String, Entry> active = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> ended = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Map<String, Object>> eldest) {
      return size() > HISTORY;
    }
  };
  /** What the readers see: replaced after every change, read from any thread. */
  private volatile List<Map<String, Object>> view = List.of();
  private final Map<FaultSpec.Type, Integer> activeByType = new ConcurrentHashMap<>();
  private final Map<FaultSpec.Type, Counter> injected = new EnumMap<>(FaultSpec.Type.class);
  private long nextId = 1;

  FaultBook(Emulation emulation, EventHub events, MeterRegistry registry) {
    this.emulation = emulation;
    this.events = events;
    this.exec = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "control-faults");
      t.setDaemon(true);
      return t;
    });
    for (FaultSpec.Type t : FaultSpec.Type.values()) {
      activeByType.put(t, 0);
      Gauge.builder("emulator.faults.active", activeByType, m -> m.get(t))
          .tag("type", t.key()).description("Faults injected through the control API that act now, by type").register(registry);
      injected.put(t, Counter.builder("emulator.faults.injected").tag("type", t.key())
          .description("Occurrences of faults applied through the control API, by type").register(registry));
    }
  }

  /** Creates a fault and applies it (or, for a schedule, waits for its first occurrence). */
  CompletableFuture<Map<String, Object>> create(FaultSpec spec) {
    return on(() -> {
      long now = emulation.clock().nanos();
      String id = "f-" + nextId;
      Entry e = new Entry(id, spec, now, emulation.scenario().seed() ^ (nextId * 0x9e3779b97f4a7c15L));
      // Refuse what cannot be applied before anything happens: the first occurrence runs now, or a dry run picks its targets.
      if (spec.schedule() != null && spec.schedule().mtbf() != null) {
        select(e, components());
        nextId++;
        active.put(id, e);
        waitForNext(e, now + spec.schedule().distribution().drawLong(e.random, 1));
      } else {
        apply(e, components());
        nextId++;
        active.put(id, e);
      }
      events.publish("fault-added", e.toJson());
      publishView();
      return e.toJson();
    });
  }

  List<Map<String, Object>> list() {
    return view;
  }

  /** An active fault, or one removed lately (state {@code ended}). */
  Optional<Map<String, Object>> get(String id) {
    for (Map<String, Object> f : view) {
      if (f.get("id").equals(id)) return Optional.of(f);
    }
    synchronized (ended) {
      return Optional.ofNullable(ended.get(id));
    }
  }

  /** Removes a fault and undoes it; false if no active fault has that id. */
  CompletableFuture<Optional<Map<String, Object>>> delete(String id) {
    return on(() -> {
      Entry e = active.get(id);
      if (e == null) return Optional.empty();
      remove(e, "deleted");
      publishView();
      return Optional.of(e.toJson());
    });
  }

  /** Toxiproxy's reset: every fault removed and undone, and any network fault made without this API too. */
  CompletableFuture<Integer> reset() {
    return on(() -> {
      int n = active.size();
      for (Entry e : List.copyOf(active.values())) remove(e, "reset");
      int others = emulation.network().control().reset();
      publishView();
      events.publish("reset", Map.of("faults", n, "otherNetworkFaults", others));
      return n + others;
    });
  }

  private void remove(Entry e, String why) {
    if (e.timer != null) e.timer.cancel(false);
    if (e.phase == Phase.ACTIVE) undo(e);
    e.phase = Phase.ENDED;
    e.lastMessage = why;
    active.remove(e.id);
    Map<String, Object> json = e.toJson();
    synchronized (ended) {
      ended.put(e.id, json);
    }
    events.publish("fault-removed", json);
    LOG.info("control: fault {} ({}) removed: {}", e.id, e.spec.type().key(), why);
  }

  private List<ComponentStatus> components() {
    return join(emulation.listComponents(ASK).toCompletableFuture()).components();
  }

  /** Picks the targets of a component fault (or checks a network fault's selections), without acting. */
  private List<ComponentStatus> select(Entry e, List<ComponentStatus> all) {
    FaultSpec s = e.spec;
    return switch (s.type()) {
      case CRASH, SHUTDOWN -> s.target().pick(all, c -> c.state() == State.RUNNING, e.random, "target", "is running");
      case ATTACKER -> s.target().pick(all, c -> c.state() == State.PENDING || c.state() == State.STOPPED, e.random, "target",
          "is waiting to start or stopped (attackers of the scenario that are not attacking)");
      default -> {
        List<ComponentStatus> from = s.from().pick(all, c -> true, e.random, "from", "");
        if (s.to() != null) s.to().pick(all, c -> true, e.random, "to", "");
        yield from;
      }
    };
  }

  /** One occurrence: act now; arm its end. */
  private void apply(Entry e, List<ComponentStatus> all) {
    FaultSpec s = e.spec;
    long now = emulation.clock().nanos();
    e.networkFaults.clear();
    e.components.clear();
    if (s.type().isNetwork()) {
      List<ComponentStatus> from = s.from().pick(all, c -> true, e.random, "from", "");
      Selector a = s.from().network(from);
      Selector b = s.to() == null ? Selector.all() : s.to().network(s.to().pick(all, c -> true, e.random, "to", ""));
      NetworkControl net = emulation.network().control();
      Fault f = s.link() != null ? net.impair(e.id + " " + s.name(), a, b, s.direction(), s.link()) : net.partition(e.id + " " + s.name(), a, b, s.direction());
      e.networkFaults.add(f.id());
      from.forEach(c -> e.components.add(c.name()));
      e.lastMessage = "network " + f.id() + ": " + (s.link() != null ? s.link().describe() : "partition");
    } else {
      ComponentAction action = s.type() == FaultSpec.Type.ATTACKER ? ComponentAction.RESTART
          : s.type() == FaultSpec.Type.CRASH ? ComponentAction.CRASH : ComponentAction.SHUTDOWN;
      List<String> refused = new ArrayList<>();
      ProblemException unanswered = null;
      for (ComponentStatus c : select(e, all)) {
        // A target that does not answer must not lose the ones already acted on: they stay in the
        // fault, so deleting it or its end undoes them.
        try {
          ControlReply r = join(emulation.control(action, c.name(), ASK).toCompletableFuture());
          if (r.done()) e.components.add(c.name());
          else refused.add(r.message());
        } catch (ProblemException ex) {
          if (unanswered == null) unanswered = ex;
          refused.add(c.name() + ": " + ex.getMessage());
        }
      }
      if (e.components.isEmpty()) throw unanswered != null ? unanswered : ProblemException.conflict(String.join("; ", refused));
      e.lastMessage = refused.isEmpty() ? "" : "refused: " + String.join("; ", refused);
    }
    e.phase = Phase.ACTIVE;
    e.occurrences++;
    e.occurrenceStartNanos = now;
    e.nextOccurrenceNanos = -1;
    injected.get(s.type()).increment();
    activeByType.merge(s.type(), 1, Integer::sum);
    // The occurrence a create applies is told by its fault-added; every later one (the first one of an
    // mtbf schedule too, which waits for its up-time) by an event of its own.
    if (active.containsKey(e.id)) events.publish("fault-occurrence-started", e.toJson());
    LOG.info("control: fault {} ({}) applied to {}", e.id, s.type().key(), e.components);
    if (s.duration() != null) {
      e.occurrenceEndNanos = now + s.duration().toNanos();
      e.timer = later(e.occurrenceEndNanos, () -> endOccurrence(e));
    } else {
      e.occurrenceEndNanos = -1;
    }
  }

  /** Undoes the current occurrence. */
  private void undo(Entry e) {
    FaultSpec s = e.spec;
    activeByType.merge(s.type(), -1, Integer::sum);
    if (s.type().isNetwork()) {
      for (String id : e.networkFaults) emulation.network().control().remove(id);
      return;
    }
    ComponentAction back = s.type() == FaultSpec.Type.ATTACKER ? ComponentAction.SHUTDOWN : ComponentAction.RESTART;
    for (String name : e.components) {
      try {
        ControlReply r = join(emulation.control(back, name, ASK).toCompletableFuture());
        if (!r.done()) LOG.info("control: undoing fault {} on {}: {}", e.id, name, r.message());
      } catch (RuntimeException ex) {
        LOG.warn("control: undoing fault {} on {} failed: {}", e.id, name, ex.toString());
      }
    }
  }

  /** The end of an occurrence's duration. */
  private void endOccurrence(Entry e) {
    if (!active.containsKey(e.id) || e.phase != Phase.ACTIVE) return;
    FaultSpec.Schedule sch = e.spec.schedule();
    if (sch == null || (sch.occurrences() > 0 && e.occurrences >= sch.occurrences())) {
      remove(e, sch == null ? "its duration is over" : "its last occurrence is over");
    } else {
      undo(e);
      e.phase = Phase.WAITING;
      events.publish("fault-occurrence-ended", e.toJson());
      long next = sch.every() != null ? e.occurrenceStartNanos + sch.every().toNanos()
          : emulation.clock().nanos() + sch.distribution().drawLong(e.random, 1);
      waitForNext(e, next);
    }
    publishView();
  }

  private void waitForNext(Entry e, long atNanos) {
    e.phase = Phase.WAITING;
    e.nextOccurrenceNanos = atNanos;
    e.timer = later(atNanos, () -> {
      if (!active.containsKey(e.id)) return;
      try {
        apply(e, components());
      } catch (ProblemException | IllegalArgumentException ex) {
        // Nothing to act on this time (e.g. every target is down already): skip to the next occurrence.
        e.lastMessage = "occurrence " + (e.occurrences + 1) + " skipped: " + ex.getMessage();
        LOG.info("control: fault {}: {}", e.id, e.lastMessage);
        e.occurrences++;
        FaultSpec.Schedule sch = e.spec.schedule();
        if (sch.occurrences() > 0 && e.occurrences >= sch.occurrences()) {
          remove(e, "its last occurrence is over");
        } else {
          long now = emulation.clock().nanos();
          waitForNext(e, sch.every() != null ? atNanos + sch.every().toNanos() : now + sch.distribution().drawLong(e.random, 1));
        }
      }
      publishView();
    });
  }

  /** Runs {@code task} on the fault thread at the emulated time {@code atNanos}. */
  private ScheduledFuture<?> later(long atNanos, Runnable task) {
    long realNanos = emulation.clock().toRealNanos(Math.max(0, atNanos - emulation.clock().nanos()));
    return exec.schedule(() -> {
      try {
        task.run();
      } catch (RuntimeException ex) {
        LOG.warn("control: fault timer failed: {}", ex.toString(), ex);
      }
    }, realNanos, TimeUnit.NANOSECONDS);
  }

  private void publishView() {
    List<Map<String, Object>> v = new ArrayList<>(active.size());
    for (Entry e : active.values()) v.add(e.toJson());
    view = List.copyOf(v);
  }

  private <T> CompletableFuture<T> on(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, exec);
  }

  private static <T> T join(CompletableFuture<T> f) {
    try {
      return f.get(ASK.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking the emulation");
    } catch (ExecutionException | TimeoutException e) {
      throw new ProblemException(503, "Emulation not answering", "the emulation did not answer in time: " + e, null);
    }
  }

  /** Emulated nanoseconds as seconds. */
  static double seconds(long nanos) {
    return nanos / 1e9;
  }

  /** A duration as the API writes it, e.g. {@code 30s}, {@code 1500ms}. */
  static String text(Duration d) {
    long ms = d.toMillis();
    if (d.toNanos() % 1_000_000 != 0) return d.toNanos() + "ns";
    if (ms % 1000 != 0) return ms + "ms";
    return ms / 1000 + "s";
  }

  @Override
  public void close() {
    exec.shutdownNow();
  }
}
