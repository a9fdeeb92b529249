package org.rserpool.emulator.control;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.AskPattern;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.rserpool.emulator.attacker.Attacker;
import org.rserpool.emulator.network.AddressPlan;
import org.rserpool.emulator.poolelement.PoolElement;
import org.rserpool.emulator.pooluser.PoolUser;
import org.rserpool.emulator.protocol.param.Identifiers;
import org.rserpool.emulator.protocol.param.Ipv4Address;
import org.rserpool.emulator.registrar.HandlespaceDump;
import org.rserpool.emulator.registrar.Registrar;
import org.rserpool.emulator.registrar.RegistrarSummary;
import org.rserpool.emulator.results.ResultsCalculator;
import org.rserpool.emulator.results.ResultsWriter;
import org.rserpool.emulator.runtime.Emulation;
import org.rserpool.emulator.runtime.EmulationGuardian.ComponentStatus;
import org.rserpool.emulator.runtime.EmulationGuardian.ControlReply;
import org.rserpool.emulator.runtime.EmulationGuardian.Located;
import org.rserpool.emulator.runtime.EmulationGuardian.Role;
import org.rserpool.emulator.runtime.EmulationGuardian.State;
import org.rserpool.emulator.runtime.Statistics;
import org.rserpool.emulator.scenario.ComponentAction;
import org.rserpool.emulator.scenario.Scenario;

/**
 * The control API's resources (docs/control-api.md; the contract is {@code openapi.yaml} beside this
 * class): reading the emulation's state, acting on components, and the faults. Every route is one
 * method here; {@link #routes()} lists them for the server and the OpenAPI test.
 *
 * <p>Everything goes through the emulation's own control seams ({@link Emulation#control},
 * {@link Emulation#network()}'s control, asks to the guardian and the components), so a cluster can
 * route an action to the node that hosts its target behind the same calls.
 */
final class ControlApi {
  private static final Duration ASK = Duration.ofSeconds(5);
  static final String OPENAPI = "openapi.yaml";

  private final Emulation emulation;
  private final FaultBook faults;
  private final EventHub events;
  private final Supplier<ResultsWriter.Run> run;
  private final String openApi;
  /** Actions on one component through the API, by action: the dashboards' "Component actions" annotation. */
  private final Map<ComponentAction, Counter> actions = new EnumMap<>(ComponentAction.class);

  ControlApi(Emulation emulation, FaultBook faults, EventHub events, Supplier<ResultsWriter.Run> run) {
    this.emulation = emulation;
    this.faults = faults;
    this.events = events;
    this.run = run;
    this.openApi = resource(OPENAPI);
    for (ComponentAction a : List.of(ComponentAction.CRASH, ComponentAction.SHUTDOWN, ComponentAction.RESTART)) {
      actions.put(a, Counter.builder("emulator.control.actions").tag("action", a.key())
          .description("Actions on one component done through the control API, by action").register(emulation.registry()));
    }
  }

  List<Route> routes() {
    return List.of(
        new Route("GET", "/api/status", r -> status()),
        new Route("GET", "/api/components", this::components),
        new Route("GET", "/api/components/{name}", r -> component(r.path().get("name"))),
        new Route("POST", "/api/components/{name}/crash", r -> act(ComponentAction.CRASH, r)),
        new Route("POST", "/api/components/{name}/shutdown", r -> act(ComponentAction.SHUTDOWN, r)),
        new Route("POST", "/api/components/{name}/restart", r -> act(ComponentAction.RESTART, r)),
        new Route("GET", "/api/pools", r -> pools()),
        new Route("GET", "/api/registrars/{name}/handlespace", r -> handlespace(r.path().get("name"))),
        new Route("GET", "/api/results", r -> results()),
        new Route("GET", "/api/faults", r -> done(Reply.ok(Map.of("faults", faults.list())))),
        new Route("POST", "/api/faults", this::createFault),
        new Route("GET", "/api/faults/{id}", r -> fault(r.path().get("id"))),
        new Route("DELETE", "/api/faults/{id}", r -> deleteFault(r.path().get("id"))),
        new Route("POST", "/api/reset", r -> faults.reset().thenApply(n -> Reply.ok(Map.of("removed", n)))),
        new Route("GET", "/api/events", r -> done(Reply.events(events.subscribe(lastEventId(r.lastEventId()))))),
        new Route("GET", "/api/openapi.yaml", r -> done(Reply.text("application/yaml", openApi))));
  }

  // --- reading ---

  private CompletionStage<Reply> status() {
    return emulation.listComponents(ASK).thenApply(list -> {
      Scenario s = emulation.scenario();
      Statistics st = emulation.statistics();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("scenario", s.name());
      m.put("seed", s.seed());
      m.put("emulatedTime", emulation.clock().seconds());
      m.put("timeScale", s.timeScale());
      m.put("duration", s.runsUntilStopped() ? null : s.duration().toNanos() / 1e9);
      m.put("warmUp", s.warmUp().toNanos() / 1e9);
      m.put("phase", emulation.finished() ? "finished" : emulation.warmingUp() ? "warm-up" : "running");
      Map<String, Map<String, Integer>> byRole = new LinkedHashMap<>();
      for (Role role : Role.values()) {
        Map<String, Integer> states = new LinkedHashMap<>();
        for (State state : State.values()) states.put(state.name().toLowerCase(Locale.ROOT), 0);
        byRole.put(TargetSelector.roleName(role), states);
      }
      for (ComponentStatus c : list.components()) byRole.get(TargetSelector.roleName(c.role())).merge(c.state().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
      m.put("components", byRole);
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("active", faults.list().size());
      f.put("networkImpairments", emulation.network().control().activeImpairments());
      f.put("networkPartitions", emulation.network().control().activePartitions());
      m.put("faults", f);
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("registrations", st.registrations());
      c.put("deregistrations", st.deregistrations());
      c.put("handleResolutions", st.handleResolutions());
      c.put("poolElementsRegistered", st.poolElementsRegistered());
      c.put("keepAliveTimeouts", st.keepAliveTimeouts());
      c.put("takeoversStarted", st.takeoversStarted());
      c.put("takeoversFinished", st.takeoversByConsent() + st.takeoversByTimeout());
      c.put("jobsQueued", st.jobsQueued());
      c.put("jobsCompleted", st.jobsCompleted());
      c.put("failovers", st.failovers());
      c.put("messagesDelivered", st.messagesDelivered());
      c.put("messagesLost", st.messagesLost());
      c.put("messagesPartitioned", st.messagesPartitioned());
      c.put("retransmissions", st.retransmissions());
      c.put("associationsLost", st.associationsLost());
      m.put("counters", c);
      return Reply.ok(m);
    });
  }

  private static final Set<String> COMPONENT_QUERY = Set.of("role", "site", "state");

  private CompletionStage<Reply> components(Route.Request r) {
    for (String k : r.query().keySet()) {
      if (!COMPONENT_QUERY.contains(k)) throw ProblemException.invalid(k, "unknown query parameter '" + k + "'; allowed: role, site, state");
    }
    Set<Role> roles = new java.util.HashSet<>();
    for (String v : values(r, "role")) roles.add(TargetSelector.role(v, "role"));
    Set<Integer> sites = new java.util.HashSet<>();
    for (String v : values(r, "site")) {
      try {
        sites.add(Integer.parseInt(v.trim()));
      } catch (NumberFormatException e) {
        throw ProblemException.invalid("site", "a site is a whole number, got '" + v + "'");
      }
    }
    Set<State> states = new java.util.HashSet<>();
    for (String v : values(r, "state")) {
      try {
        states.add(State.valueOf(v.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw ProblemException.invalid("state", "must be pending, running, stopping or stopped; got '" + v + "'");
      }
    }
    return emulation.listComponents(ASK).thenApply(list -> {
      List<Map<String, Object>> out = new ArrayList<>();
      for (ComponentStatus c : list.components()) {
        if (!roles.isEmpty() && !roles.contains(c.role())) continue;
        if (!sites.isEmpty() && !sites.contains(AddressPlan.siteOf(Ipv4Address.parse(c.address())))) continue;
        if (!states.isEmpty() && !states.contains(c.state())) continue;
        out.add(summary(c));
      }
      return Reply.ok(Map.of("components", out));
    });
  }

  /** Comma-separated or repeated query values. */
  private static List<String> values(Route.Request r, String key) {
    List<String> out = new ArrayList<>();
    for (String v : r.query().getOrDefault(key, List.of())) {
      for (String part : v.split(",")) {
        if (!part.isBlank()) out.add(part);
      }
    }
    return out;
  }

  private static Map<String, Object> summary(ComponentStatus c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", c.name());
    m.put("role", TargetSelector.roleName(c.role()));
    m.put("site", AddressPlan.siteOf(Ipv4Address.parse(c.address())));
    m.put("address", c.address());
    m.put("state", c.state().name().toLowerCase(Locale.ROOT));
    m.put("incarnation", c.incarnation());
    return m;
  }

  private CompletionStage<Located> located(String name) {
    return emulation.locate(name, ASK).thenApply(l -> {
      if (l.status() == null) throw ProblemException.notFound("no component named '" + name + "'");
      return l;
    });
  }

  @SuppressWarnings("unchecked")
  private CompletionStage<Reply> component(String name) {
    return located(name).thenCompose(l -> {
      Map<String, Object> m = summary(l.status());
      if (l.actor() == null) return done(Reply.ok(m));
      return switch (l.status().role()) {
        case REGISTRAR -> ask((ActorRef<Registrar.Command>) l.actor(), Registrar.GetSummary::new).thenApply(s -> {
          m.put("serverId", Identifiers.hex(s.serverId()));
          m.put("startupPhase", s.startupPhase());
          m.put("poolElements", s.poolElements().size());
          m.put("ownedPoolElements", s.ownedBy(s.serverId()));
          m.put("peers", s.peers().stream().map(p -> {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("serverId", p.serverId() == 0 ? null : Identifiers.hex(p.serverId()));
            pm.put("address", p.address().toString());
            pm.put("timer", p.timer());
            pm.put("takingOver", p.takingOver());
            return pm;
          }).toList());
          m.put("digest", String.format("0x%08x", s.digest()));
          return Reply.ok(m);
        });
        case POOL_ELEMENT -> ask((ActorRef<PoolElement.Command>) l.actor(), PoolElement.GetStatus::new).thenApply(s -> {
          m.put("identifier", Identifiers.hex(s.identifier()));
          m.put("registered", s.registered());
          m.put("homeRegistrar", s.registrar() == null ? null : s.registrar().toString());
          m.put("homeRegistrarName", registrarName(s.registrar() == null ? null : s.registrar().address().toString()));
          m.put("jobsInService", s.jobsInService());
          m.put("jobsAccepted", s.jobsAccepted());
          m.put("jobsRejected", s.jobsRejected());
          m.put("jobsCompleted", s.jobsCompleted());
          return Reply.ok(m);
        });
        case POOL_USER -> ask((ActorRef<PoolUser.Command>) l.actor(), PoolUser.GetStatus::new).thenApply(s -> {
          m.put("homeRegistrar", s.registrar() == null ? null : s.registrar().toString());
          m.put("homeRegistrarName", registrarName(s.registrar() == null ? null : s.registrar().address().toString()));
          m.put("jobsQueued", s.jobsQueued());
          m.put("jobsStarted", s.jobsStarted());
          m.put("jobsCompleted", s.jobsCompleted());
          m.put("queueLength", s.queueLength());
          m.put("handleResolutions", s.handleResolutions());
          m.put("failovers", s.failovers());
          return Reply.ok(m);
        });
        case ATTACKER -> ask((ActorRef<Attacker.Command>) l.actor(), Attacker.GetStatus::new).thenApply(s -> {
          m.put("attacks", s.attacks());
          m.put("handleResolutions", s.handleResolutions());
          m.put("failureReports", s.failureReports());
          m.put("registrations", s.registrations());
          return Reply.ok(m);
        });
      };
    });
  }

  /** The name of the registrar at this IPv4 address, from the deployment. */
  private String registrarName(String address) {
    if (address == null) return null;
    return emulation.deployment().registrars().stream().filter(r -> r.asapAddress().address().toString().equals(address))
        .map(r -> r.name()).findFirst().orElse(null);
  }

  @SuppressWarnings("unchecked")
  private CompletionStage<Reply> handlespace(String name) {
    return located(name).thenCompose(l -> {
      if (l.status().role() != Role.REGISTRAR) throw ProblemException.notFound("'" + name + "' is a " + TargetSelector.roleName(l.status().role()) + ", not a registrar");
      if (l.actor() == null) throw ProblemException.conflict(name + " is not running (" + l.status().state().name().toLowerCase(Locale.ROOT) + ")");
      return ask((ActorRef<Registrar.Command>) l.actor(), Registrar.GetHandlespace::new).thenApply(d -> Reply.ok(handlespaceJson(d)));
    });
  }

  static Map<String, Object> handlespaceJson(HandlespaceDump d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("registrar", d.name());
    m.put("serverId", Identifiers.hex(d.serverId()));
    m.put("emulatedTime", d.emulatedNanos() / 1e9);
    List<Map<String, Object>> pools = new ArrayList<>();
    for (HandlespaceDump.PoolDump p : d.pools()) {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("poolHandle", p.poolHandle());
      pm.put("policy", p.policy());
      List<Map<String, Object>> pes = new ArrayList<>();
      for (HandlespaceDump.ElementDump e : p.poolElements()) {
        Map<String, Object> em = new LinkedHashMap<>();
        em.put("identifier", Identifiers.hex(e.identifier()));
        em.put("homeRegistrar", Identifiers.hex(e.home()));
        em.put("transport", e.transport());
        em.put("policy", e.policy());
        em.put("load", e.load());
        em.put("weight", e.weight());
        em.put("distance", e.distance());
        em.put("registrationLife", e.registrationLifeMillis() / 1000.0);
        em.put("lastUpdate", e.lastUpdateNanos() / 1e9);
        em.put("timer", e.timer());
        em.put("timerDue", e.timerDueNanos() < 0 ? null : e.timerDueNanos() / 1e9);
        em.put("unreachabilityReports", e.unreachabilityReports());
        pes.add(em);
      }
      pm.put("poolElements", pes);
      pools.add(pm);
    }
    m.put("pools", pools);
    List<Map<String, Object>> owners = new ArrayList<>();
    for (RegistrarSummary.OwnerRecord o : d.owners()) {
      Map<String, Object> om = new LinkedHashMap<>();
      om.put("serverId", Identifiers.hex(o.serverId()));
      om.put("poolElements", o.poolElements());
      om.put("checksum", String.format("0x%04x", o.checksum()));
      owners.add(om);
    }
    m.put("owners", owners);
    m.put("digest", String.format("0x%08x", d.digest()));
    return m;
  }

  /** Every pool as the running registrars see it: policy, and how many pool elements each registrar holds. */
  @SuppressWarnings("unchecked")
  private CompletionStage<Reply> pools() {
    return emulation.listComponents(ASK).thenCompose(list -> {
      List<CompletableFuture<HandlespaceDump>> dumps = new ArrayList<>();
      for (ComponentStatus c : list.components()) {
        if (c.role() != Role.REGISTRAR || c.state() != State.RUNNING) continue;
        dumps.add(emulation.locate(c.name(), ASK).thenCompose(l -> l.actor() == null
            ? CompletableFuture.<HandlespaceDump>completedFuture(null)
            : ask((ActorRef<Registrar.Command>) l.actor(), Registrar.GetHandlespace::new)).toCompletableFuture());
      }
      return CompletableFuture.allOf(dumps.toArray(CompletableFuture[]::new)).thenApply(v -> {
        Map<String, Map<String, Object>> pools = new TreeMap<>();
        for (CompletableFuture<HandlespaceDump> f : dumps) {
          HandlespaceDump d = f.join();
          if (d == null) continue;
          for (HandlespaceDump.PoolDump p : d.pools()) {
            Map<String, Object> pm = pools.computeIfAbsent(p.poolHandle(), h -> {
              Map<String, Object> n = new LinkedHashMap<>();
              n.put("poolHandle", h);
              n.put("policy", p.policy());
              n.put("registrars", new TreeMap<String, Integer>());
              return n;
            });
            ((Map<String, Integer>) pm.get("registrars")).put(d.name(), p.poolElements().size());
          }
        }
        return Reply.ok(Map.of("pools", List.copyOf(pools.values())));
      });
    });
  }

  private CompletionStage<Reply> results() {
    return CompletableFuture.supplyAsync(() -> {
      String json = ResultsWriter.json(run.get(), ResultsCalculator.of(emulation.scenario(), emulation.windowStatistics()));
      try {
        return Reply.ok(Json.MAPPER.readTree(json));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  // --- acting ---

  private CompletionStage<Reply> act(ComponentAction action, Route.Request r) {
    if (!r.body().isBlank()) {
      // An empty object is allowed (some clients always send one); anything else is a mistake.
      if (!Json.object(r.body()).isEmpty()) throw ProblemException.invalid("body", "this action takes no body");
    }
    String name = r.path().get("name");
    return located(name).thenCompose(l -> emulation.control(action, name, ASK)).thenApply((ControlReply reply) -> {
      if (!reply.done()) throw ProblemException.conflict(reply.message());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("component", name);
      m.put("action", action.key());
      m.put("message", reply.message());
      actions.get(action).increment();
      events.publish("control", m);
      return Reply.accepted(m);
    });
  }

  private CompletionStage<Reply> createFault(Route.Request r) {
    FaultSpec spec = FaultSpec.parse(Json.object(r.body()));
    return faults.create(spec).thenApply(Reply::created);
  }

  private CompletionStage<Reply> fault(String id) {
    return done(Reply.ok(faults.get(id).orElseThrow(() -> ProblemException.notFound("no fault with id '" + id + "'"))));
  }

  private CompletionStage<Reply> deleteFault(String id) {
    return faults.delete(id).thenApply(f -> Reply.ok(f.orElseThrow(() -> ProblemException.notFound("no active fault with id '" + id + "'"))));
  }

  // --- helpers ---

  private <T, R> CompletionStage<R> ask(ActorRef<T> actor, java.util.function.Function<ActorRef<R>, T> message) {
    return AskPattern.ask(actor, message::apply, ASK, emulation.system().scheduler());
  }

  private static Long lastEventId(String header) {
    if (header == null || header.isBlank()) return null;
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      throw ProblemException.invalid("Last-Event-ID", "must be an event id (a whole number), got '" + header + "'");
    }
  }

  static CompletionStage<Reply> done(Reply reply) {
    return CompletableFuture.completedFuture(reply);
  }

  /** The problem inside a failed stage, if it is one. */
  static ProblemException problem(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof java.util.concurrent.ExecutionException) && c.getCause() != null) c = c.getCause();
    return c instanceof ProblemException p ? p : null;
  }

  static String resource(String name) {
    try (InputStream in = ControlApi.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("missing resource " + name + " beside " + ControlApi.class.getName());
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
