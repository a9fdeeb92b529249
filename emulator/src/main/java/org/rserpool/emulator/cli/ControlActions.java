package org.rserpool.emulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * The {@code ./emulate ctl} subcommands that change the emulation: component actions (as the
 * scenario's events) and faults as resources ({@code POST /api/faults}, docs/control-api.md). Every
 * option is a field of the API's JSON under the same name, so the API's validation (and its errors,
 * with the field at fault) is the one that applies.
 */
final class ControlActions {
  private ControlActions() {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** {@code POST /api/faults}: prints the new fault's line, id first. */
  static int addFault(ControlCommand ctl, ObjectNode body) {
    return ctl.run(new ControlCommand.Request() {
      public JsonNode send(ApiClient api) throws ApiClient.Failure {
        return api.post("/api/faults", body);
      }

      public void print(JsonNode a, PrintStream out) {
        out.print("added ");
        ControlOutput.faults(NODES.arrayNode().add(a), out);
      }
    });
  }

  /** {@code POST /api/components/{name}/ACTION} for each name in turn; stops at the first refusal. */
  static int act(ControlCommand ctl, List<String> names, String action) {
    return ctl.run(new ControlCommand.Request() {
      public JsonNode send(ApiClient api) throws ApiClient.Failure {
        var done = NODES.arrayNode();
        for (String n : names) done.add(api.post("/api/components/" + ControlCommand.segment(n) + "/" + action, null));
        return done;
      }

      public void print(JsonNode a, PrintStream out) {
        for (JsonNode r : a) out.println(r.path("component").asText() + ": " + r.path("message").asText());
      }
    });
  }

  /** How long a fault lasts and whether it recurs: the fields every fault type has. */
  static final class Lifetime {
    @Option(names = "--duration", paramLabel = "D",
        description = "Remove the fault by itself after D (emulated, e.g. 30s); with a schedule, how long each occurrence lasts.")
    String duration;

    @Option(names = "--every", paramLabel = "D", description = "Recur: an occurrence every D.")
    String every;

    @Option(names = "--mtbf", paramLabel = "D", description = "Recur with a mean time between failures D (RSPSIM's failure model).")
    String mtbf;

    @Option(names = "--mtbf-distribution", paramLabel = "DIST", description = "exponential (default), constant or 'uniform G'.")
    String distribution;

    @Option(names = "--occurrences", paramLabel = "N", description = "At most N occurrences.")
    Integer occurrences;

    @Option(names = "--name", paramLabel = "TEXT", description = "A name for the fault, shown in lists and events.")
    String name;

    boolean given() {
      return duration != null || every != null || mtbf != null || occurrences != null || name != null;
    }

    ObjectNode fill(ObjectNode f) {
      if (name != null) f.put("name", name);
      if (duration != null) f.put("duration", duration);
      if (every != null || mtbf != null || distribution != null || occurrences != null) {
        ObjectNode s = f.putObject("schedule");
        if (every != null) s.put("every", every);
        if (mtbf != null) s.put("mtbf", mtbf);
        if (distribution != null) s.put("distribution", distribution);
        if (occurrences != null) s.put("occurrences", occurrences);
      }
      return f;
    }
  }

  /** Where a network fault acts: packets between two selections, in one or both directions. */
  static final class Path {
    @Option(names = "--from", paramLabel = "SELECTOR", converter = SelectorText.class,
        description = "Components on one side: 'all' (default), a name, or terms such as site:1,role:pe,address:10.1.0.0/16,mode:percent:50.")
    ObjectNode from;

    @Option(names = "--to", paramLabel = "SELECTOR", converter = SelectorText.class,
        description = "Components on the other side (default: every component).")
    ObjectNode to;

    @Option(names = "--direction", paramLabel = "DIR", description = "to (from -> to only), from (back only) or both (default).")
    String direction;

    ObjectNode fill(ObjectNode f) {
      f.set("from", from == null ? NODES.objectNode() : from);
      if (to != null) f.set("to", to);
      if (direction != null) f.put("direction", direction);
      return f;
    }
  }

  /** Posts one fault and prints the id it got. */
  private abstract static class NewFault implements Callable<Integer> {
    @ParentCommand ControlCommand ctl;
    @Mixin Lifetime lifetime;

    abstract ObjectNode body();

    @Override
    public Integer call() {
      return addFault(ctl, lifetime.fill(body()));
    }

    static ObjectNode typed(String type) {
      return NODES.objectNode().put("type", type);
    }
  }

  private abstract static class NetworkFault extends NewFault {
    @Mixin Path path;

    abstract ObjectNode attributes(ObjectNode f);

    @Override
    ObjectNode body() {
      return path.fill(attributes(typed(name())));
    }

    abstract String name();
  }

  @Command(name = "latency", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Adds delay to packets (netem delay TIME [JITTER [CORRELATION]] distribution DIST).")
  static final class Latency extends NetworkFault {
    @Option(names = "--delay", required = true, paramLabel = "D", description = "Extra one-way delay, e.g. 100ms.") String delay;
    @Option(names = "--jitter", paramLabel = "D") String jitter;
    @Option(names = "--delay-correlation", paramLabel = "P", description = "e.g. 25%") String correlation;
    @Option(names = "--distribution", paramLabel = "DIST", description = "normal, uniform, pareto, paretonormal, exponential") String distribution;

    String name() {
      return "latency";
    }

    ObjectNode attributes(ObjectNode f) {
      f.put("delay", delay);
      if (jitter != null) f.put("jitter", jitter);
      if (correlation != null) f.put("delay-correlation", correlation);
      if (distribution != null) f.put("distribution", distribution);
      return f;
    }
  }

  @Command(name = "jitter", mixinStandardHelpOptions = true, sortOptions = false, description = "Adds jitter around the links' delay.")
  static final class Jitter extends NetworkFault {
    @Option(names = "--jitter", required = true, paramLabel = "D") String jitter;
    @Option(names = "--delay-correlation", paramLabel = "P") String correlation;
    @Option(names = "--distribution", paramLabel = "DIST") String distribution;

    String name() {
      return "jitter";
    }

    ObjectNode attributes(ObjectNode f) {
      f.put("jitter", jitter);
      if (correlation != null) f.put("delay-correlation", correlation);
      if (distribution != null) f.put("distribution", distribution);
      return f;
    }
  }

  @Command(name = "loss", mixinStandardHelpOptions = true, sortOptions = false, description = "Drops packets (netem loss: '5%', 'random 5% 25%', 'gemodel ...').")
  static final class Loss extends NetworkFault {
    @Option(names = "--loss", required = true, paramLabel = "LOSS") String loss;

    String name() {
      return "loss";
    }

    ObjectNode attributes(ObjectNode f) {
      return f.put("loss", loss);
    }
  }

  @Command(name = "duplicate", mixinStandardHelpOptions = true, sortOptions = false, description = "Sends packets twice (netem duplicate).")
  static final class Duplicate extends NetworkFault {
    @Option(names = "--duplicate", required = true, paramLabel = "P", description = "e.g. 1%") String duplicate;
    @Option(names = "--duplicate-correlation", paramLabel = "P") String correlation;

    String name() {
      return "duplicate";
    }

    ObjectNode attributes(ObjectNode f) {
      f.put("duplicate", duplicate);
      if (correlation != null) f.put("duplicate-correlation", correlation);
      return f;
    }
  }

  @Command(name = "rate", mixinStandardHelpOptions = true, sortOptions = false, description = "Limits the bandwidth (netem rate).")
  static final class Rate extends NetworkFault {
    @Option(names = "--rate", required = true, paramLabel = "RATE", description = "e.g. 512kbit, 10mbit") String rate;
    @Option(names = "--queue-limit", paramLabel = "N") Integer queueLimit;

    String name() {
      return "rate";
    }

    ObjectNode attributes(ObjectNode f) {
      f.put("rate", rate);
      if (queueLimit != null) f.put("queue-limit", queueLimit);
      return f;
    }
  }

  @Command(name = "partition", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Cuts the network between --from and --to, e.g. partition --from site:1 --to site:2 --duration 30s.")
  static final class Partition extends NetworkFault {
    String name() {
      return "partition";
    }

    ObjectNode attributes(ObjectNode f) {
      return f;
    }
  }

  @Command(name = "attacker", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Starts the scenario's attackers that are not attacking; removing the fault stops them.")
  static final class Attacker extends NewFault {
    @Option(names = "--target", paramLabel = "SELECTOR", converter = SelectorText.class, description = "Which attackers (default: all).")
    ObjectNode target;

    ObjectNode body() {
      ObjectNode f = typed("attacker");
      if (target != null) f.set("target", target);
      return f;
    }
  }

  /**
   * {@code crash} and {@code shutdown}: the named components at once, as a scenario event
   * ({@code POST /api/components/{name}/ACTION}); with a selector, a duration or a schedule, a fault
   * that undoes itself (the components restart when it is removed).
   */
  private abstract static class StopComponents implements Callable<Integer> {
    @ParentCommand ControlCommand ctl;
    @Mixin Lifetime lifetime;

    @Parameters(arity = "0..*", paramLabel = "NAME", description = "Components, e.g. pe-1-3 registrar-1-1.")
    List<String> names = List.of();

    @Option(names = "--target", paramLabel = "SELECTOR", converter = SelectorText.class,
        description = "Instead of names: a selector such as role:pe,site:1,mode:fixed:3 (makes a fault).")
    ObjectNode target;

    abstract String action();

    @Override
    public Integer call() {
      if (target == null && !lifetime.given()) {
        if (names.isEmpty()) {
          ctl.parent.err().println("ctl " + action() + ": name at least one component, or give --target");
          return EmulatorMain.EXIT_BAD_INPUT;
        }
        return act(ctl, names, action());
      }
      ObjectNode t = target == null ? NODES.objectNode() : target.deepCopy();
      if (!names.isEmpty()) {
        var list = t.has("names") ? (com.fasterxml.jackson.databind.node.ArrayNode) t.get("names") : t.putArray("names");
        names.forEach(list::add);
      }
      ObjectNode body = lifetime.fill(NewFault.typed(action()));
      body.set("target", t);
      return addFault(ctl, body);
    }
  }

  @Command(name = "crash", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Crashes components (stop silently, state lost): crash pe-1-3, or",
        "crash --target role:pe,mode:fixed:2 --duration 60s (a fault; they restart at its end)."})
  static final class Crash extends StopComponents {
    String action() {
      return "crash";
    }
  }

  @Command(name = "shutdown", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Shuts pool elements or attackers down cleanly (deregistration, jobs handed over); same forms as crash.")
  static final class Shutdown extends StopComponents {
    String action() {
      return "shutdown";
    }
  }

  @Command(name = "restart", mixinStandardHelpOptions = true, description = "Starts stopped components again (a PE with a new identifier).")
  static final class Restart implements Callable<Integer> {
    @ParentCommand ControlCommand ctl;
    @Parameters(arity = "1..*", paramLabel = "NAME") List<String> names;

    @Override
    public Integer call() {
      return act(ctl, names, "restart");
    }
  }
}
