package org.rserpool.emulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./emulate ctl ...}: the REST control API (docs/control-api.md) from the shell, so that nobody
 * needs to remember its JSON. Each subcommand is one or a few requests; {@code --json} prints the
 * server's answer as it is, for scripts. Starts no actor system.
 */
@Command(
    name = "ctl",
    mixinStandardHelpOptions = true,
    description = {
      "Inspects a running emulation and injects faults through its REST control API.",
      "Exit code 0 on success, 2 when the API refused the request (4xx), 1 when it could not be reached."
    },
    subcommands = {
      ControlCommand.Status.class, ControlCommand.Components.class, ControlCommand.Component.class,
      ControlCommand.Pools.class, ControlCommand.Handlespace.class, ControlCommand.Results.class,
      ControlCommand.Faults.class, ControlCommand.Fault.class, ControlCommand.Remove.class, ControlCommand.Reset.class,
      ControlCommand.Events.class,
      ControlActions.Crash.class, ControlActions.Shutdown.class, ControlActions.Restart.class,
      ControlActions.Latency.class, ControlActions.Jitter.class, ControlActions.Loss.class, ControlActions.Duplicate.class,
      ControlActions.Rate.class, ControlActions.Partition.class, ControlActions.Attacker.class
    },
    sortOptions = false)
final class ControlCommand implements Callable<Integer> {

  @ParentCommand
  EmulatorMain parent;

  @Option(names = "--url", paramLabel = "URL",
      description = "The emulation's control endpoint (default: $EMULATOR_CONTROL_URL or http://127.0.0.1:8080).")
  URI url;

  @Option(names = "--token", paramLabel = "TOKEN",
      description = "Bearer token, needed when the endpoint has one (default: $EMULATOR_CONTROL_TOKEN).")
  String token;

  @Option(names = "--json", description = "Print the server's JSON answer instead of a summary.")
  boolean json;

  @Option(names = "--timeout", paramLabel = "D", converter = DurationConverter.class,
      description = "How long to wait for an answer (default 10s).")
  Duration timeout = Duration.ofSeconds(10);

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(parent.err());
    return EmulatorMain.EXIT_BAD_INPUT;
  }

  PrintStream out() {
    return parent.out();
  }

  ApiClient client() {
    URI u = url;
    if (u == null) {
      String env = System.getenv("EMULATOR_CONTROL_URL");
      u = URI.create(env == null || env.isBlank() ? "http://127.0.0.1:8080" : env);
    }
    String t = token != null ? token : System.getenv("EMULATOR_CONTROL_TOKEN");
    return new ApiClient(u, t, timeout);
  }

  /** Runs one subcommand's requests; prints the failure the way every subcommand does. */
  int run(Request request) {
    try {
      JsonNode answer = request.send(client());
      if (json) out().println(ControlOutput.pretty(answer));
      else request.print(answer, out());
      return 0;
    } catch (ApiClient.Failure f) {
      parent.err().println("ctl: " + f.getMessage());
      return f.exitCode;
    }
  }

  /** What a subcommand asks and how it shows the answer without {@code --json}. */
  interface Request {
    JsonNode send(ApiClient api) throws ApiClient.Failure;

    default void print(JsonNode answer, PrintStream out) {
      out.println(ControlOutput.pretty(answer));
    }
  }

  static String segment(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  // --- reading ---

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Scenario, emulated time, components by role and state, faults, the main counters.")
  static final class Status implements Callable<Integer> {
    @ParentCommand ControlCommand ctl;

    @Override
    public Integer call() {
      return ctl.run(new Request() {
        public JsonNode send(ApiClient api) throws ApiClient.Failure {
          return api.get("/api/status");
        }

        public void print(JsonNode a, PrintStream out) {
          ControlOutput.status(a, out);
        }
      });
    }
  }

  @Command(name = "components", mixinStandardHelpOptions = true, description = "Lists components, optionally filtered.")
  static final class Components implements Callable<Integer> {
    @ParentCommand ControlCommand ctl;
    @Option(names = "--role", paramLabel = "ROLE", description = "registrar, pe, pu, attacker (comma-separated for several).") String role;
    @Option(names = "--site", paramLabel = "N", description = "Site number(s), comma-separated.") String site;
    @Option(names = "--state", paramLabel = "STATE", description = "pending, running, crashed, shut-down ... (comma-separated).") String state;

    @Override
    public Integer call() {
      List<String> q = new ArrayList<>();
      if (role != null) q.add("role=" + segment(role));
      if (site != null) q.add("site=" + segment(site));
      if (state != null) q.add("state=" + segment(state));
      String path = "/api/components" + (q.isEmpty() ? "" : "?" + String.join("&", q));
      return ctl.run(new Request() {
        public JsonNode send(ApiClient api) throws ApiClient.Failure {
          return api.get(path);
        }

        public void print(JsonNode a, PrintStream out) {
          ControlOutput.components(a.path("components"), out);
        }
      });
    }
  }

  @Command(name = "component", mixinStandardHelpOptions = true, description = "One component: address, state and, while it runs, its own status.")
  static final class Component implements Callable<Integer> {
    @ParentCommand ControlCommand ctl;
    @Parameters(paramLabel = "NAME", description = "e.g. pe-1-3, registrar-1-1") String name;

    @Override
    public Integer call() {
      return ctl.run(api -> api.get("/api/components/" + segment(name)));
    }
  }

  @Command(name = "pools", mixinStandardHelpOptions = true, description = "Every pool, its policy, how many PEs each registrar holds.")
  static final class Pools implements Callable<Integer> {
    @ParentCommand ControlCommand ctl;

    @Override
    public Integer call() {
      return ctl.run(api -> api.get("/api/pools"));
    }
  }

  @Command(name = "handlespace", mixinStandardHelpOptions = true, description = "A registrar's whole handlespace, as rsplib's hsdump shows it.")
  static final class Handlespace implements Callable<Integer> {
    @ParentCommand ControlCommand ctl;
    @Parameters(paramLabel = "REGISTRAR", description = "e.g. registrar-1-1") String name;

    @Override
    public Integer call() {
      return ctl.run(new Request() {
        public JsonNode send(ApiClient api) throws ApiClient.Failure {
          return api.get("/api/registrars/" + segment(name) + "/handlespace");
        }

        public void print(JsonNode a, PrintStream out) {
          ControlOutput.handlespace(a, out);
        }
      });
    }
  }

  @Command(name = "results", mixinStandardHelpOptions = true, description = "The statistics so far, the keys of results.json.")
  static final class Results implements Callable<Integer> {
    @ParentCommand ControlCommand ctl;

    @Override
    public Integer call() {
      return ctl.run(api -> api.get("/api/results"));
    }
  }

  @Command(name = "faults", mixinStandardHelpOptions = true, description = "Lists the faults, one line each.")
  static final class Faults implements Callable<Integer> {
    @ParentCommand ControlCommand ctl;

    @Override
    public Integer call() {
      return ctl.run(new Request() {
        public JsonNode send(ApiClient api) throws ApiClient.Failure {
          return api.get("/api/faults");
        }

        public void print(JsonNode a, PrintStream out) {
          ControlOutput.faults(a.path("faults"), out);
        }
      });
    }
  }

  @Command(name = "fault", mixinStandardHelpOptions = true, description = "One fault in full.")
  static final class Fault implements Callable<Integer> {
    @ParentCommand ControlCommand ctl;
    @Parameters(paramLabel = "ID", description = "e.g. f-1") String id;

    @Override
    public Integer call() {
      return ctl.run(api -> api.get("/api/faults/" + segment(id)));
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes faults and undoes them (DELETE /api/faults/{id}).")
  static final class Remove implements Callable<Integer> {
    @ParentCommand ControlCommand ctl;
    @Parameters(arity = "1..*", paramLabel = "ID", description = "e.g. f-1 f-2") List<String> ids;

    @Override
    public Integer call() {
      return ctl.run(new Request() {
        public JsonNode send(ApiClient api) throws ApiClient.Failure {
          var removed = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
          for (String id : ids) removed.add(api.delete("/api/faults/" + segment(id)));
          return removed;
        }

        public void print(JsonNode a, PrintStream out) {
          for (JsonNode f : a) out.println("removed " + f.path("id").asText() + " (" + f.path("type").asText() + ")");
        }
      });
    }
  }

  @Command(name = "reset", mixinStandardHelpOptions = true, description = "Removes every fault (Toxiproxy's reset).")
  static final class Reset implements Callable<Integer> {
    @ParentCommand ControlCommand ctl;

    @Override
    public Integer call() {
      return ctl.run(new Request() {
        public JsonNode send(ApiClient api) throws ApiClient.Failure {
          return api.post("/api/reset", null);
        }

        public void print(JsonNode a, PrintStream out) {
          out.println("removed " + a.path("removed").asInt() + " fault(s)");
        }
      });
    }
  }

  @Command(name = "events", mixinStandardHelpOptions = true,
      description = "Follows the emulation's events (state changes, faults, takeovers, failovers), one line each, until Ctrl-C.")
  static final class Events implements Callable<Integer> {
    @ParentCommand ControlCommand ctl;
    @Option(names = "--count", paramLabel = "N", description = "Stop after N events.") Integer count;

    @Override
    public Integer call() {
      int[] seen = {0};
      try {
        ctl.client().events((type, data) -> {
          if (ctl.json) ctl.out().println(data);
          else ControlOutput.event(type, data, ctl.out());
          ctl.out().flush();
          return count == null || ++seen[0] < count;
        });
        return 0;
      } catch (ApiClient.Failure f) {
        ctl.parent.err().println("ctl: " + f.getMessage());
        return f.exitCode;
      }
    }
  }
}
