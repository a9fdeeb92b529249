package org.rserpool.emulator.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rserpool.emulator.cluster.ClusterRunner;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Every dashboard query and every alert rule against a real Prometheus (Debian's) fed by a real
 * emulation on a two-node Akka cluster: two emulator JVMs ({@code node-a}, the seed, and
 * {@code node-b}) started as docker-compose starts them (EMULATOR_* variables, min-nodes 2), running
 * src/test/resources/observability/live.conf as one emulation placed by site, scraped with the
 * repository's prometheus.yml (targets on 127.0.0.1, a 1 s interval), faults injected through the
 * REST API of either node (they hold cluster-wide). A query that does not parse, or returns no series
 * with a number, fails the build: its panel would show "No data".
 *
 * <p>Bounded: the nodes and Prometheus are started here and stopped by PID in {@link #stop()}
 * whatever happens; waits have deadlines.
 */
class PrometheusLiveTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final List<String> NODES = List.of("node-a", "node-b");
  static final String POOL = "CalcAppPool";
  /** What Grafana's interval variables become: long enough for the whole run, short enough that the faults show. */
  static final String WINDOW = "30s";

  @TempDir
  static Path work;
  static Path root;
  static final List<Process> processes = new ArrayList<>();
  static final Map<String, Integer> metricsPorts = new LinkedHashMap<>();
  static final Map<String, Integer> controlPorts = new LinkedHashMap<>();
  static final Map<String, Integer> clusterPorts = new LinkedHashMap<>();
  static String prometheus;
  static long startNanos;

  @BeforeAll
  static void start() throws Exception {
    startNanos = System.nanoTime();
    Path promBinary = ExternalTool.require("prometheus", "prometheus");
    root = ExternalTool.repositoryRoot();
    for (String node : NODES) {
      metricsPorts.put(node, freePort());
      controlPorts.put(node, freePort());
      clusterPorts.put(node, freePort());
    }
    for (String node : NODES) processes.add(startEmulator(node));
    int promPort = freePort();
    Path config = prometheusConfig();
    processes.add(new ProcessBuilder(promBinary.toString(), "--config.file=" + config,
        "--storage.tsdb.path=" + work.resolve("tsdb"), "--storage.tsdb.retention.time=1h",
        "--web.listen-address=127.0.0.1:" + promPort, "--log.level=warn")
        .redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile()).start());
    prometheus = "http://127.0.0.1:" + promPort;

    await("Prometheus is ready", Duration.ofSeconds(30), () -> get(prometheus + "/-/ready").statusCode() == 200);
    await("both nodes joined one cluster, are scraped (twice at least) and have completed jobs, and their control APIs answer", Duration.ofSeconds(90), () ->
        values("up{job=\"rserpool-emulator\"} == 1").size() == NODES.size()
            && values("count_over_time(up{job=\"rserpool-emulator\"}[5m]) >= 2").size() == NODES.size()
            && values("emulator_cluster_members == " + NODES.size()).size() == NODES.size()
            && values("sum by (node) (rserpool_pool_user_jobs_completed_total) > 0").size() == NODES.size()
            && NODES.stream().allMatch(PrometheusLiveTest::controlAnswers));
    // After the first scrapes, so that the fault counters rise between two samples.
    injectFaults();
    // A pool user fails over only if a crashed pool element was serving its job at that moment, and a
    // registrar starts a takeover only if its own timers expire before a peer's takeover reaches it
    // (RFC 5353 §3.9): neither is certain for one node after one set of faults. The per-node panels need
    // failovers on each node (the failover-time quantiles); the takeover annotation is cluster-wide. So
    // while a node has seen none, crash half of the pool elements for a few seconds again, as a user
    // watching the dashboard would.
    long nextNudge = System.nanoTime() + Duration.ofSeconds(8).toNanos();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    List<String> waiting = NODES;
    while (System.nanoTime() < deadline) {
      Set<String> failedOver = new TreeSet<>();
      for (JsonNode s : values("sum by (node) (increase(rserpool_pool_user_failovers_total[" + WINDOW + "])) > 0")) {
        failedOver.add(s.path("metric").path("node").asText());
      }
      waiting = NODES.stream().filter(n -> !failedOver.contains(n)).toList();
      boolean takeover = !values("sum(increase(rserpool_registrar_takeovers_started_total[" + WINDOW + "])) > 0").isEmpty();
      if (waiting.isEmpty() && takeover) break;
      if (!waiting.isEmpty() && System.nanoTime() > nextNudge) {
        System.out.println("PrometheusLiveTest: no failover on " + waiting + " yet; crashing half of the pool elements for 5 s");
        crashHalfOfThePoolElements();
        nextNudge = System.nanoTime() + Duration.ofSeconds(8).toNanos();
      }
      Thread.sleep(250);
    }
    if (!waiting.isEmpty()) fail("not within 60 s: failovers on " + waiting + " after the faults\n" + logs());
    await("a registrar started a takeover", Duration.ofSeconds(5),
        () -> !values("sum(increase(rserpool_registrar_takeovers_started_total[" + WINDOW + "])) > 0").isEmpty());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    try {
      for (Process p : processes) p.destroy();
      for (Process p : processes) {
        if (!p.waitFor(15, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } finally {
      for (Process p : processes) if (p.isAlive()) p.destroyForcibly();
      System.err.printf("PrometheusLiveTest: %.1f s from start to stop%n", (System.nanoTime() - startNanos) / 1e9);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /**
   * A cluster node as docker-compose starts one: the emulator JVM from the emulator's class path,
   * configured by EMULATOR_* variables (the first node is the seed; the cluster waits for both), with
   * its own metrics and control ports. Small and quick to start: two of them share the machine with
   * Prometheus and this JVM.
   */
  static Process startEmulator(String node) throws IOException {
    List<String> command = ClusterRunner.javaCommand("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    command.addAll(List.of("--scenario", root.resolve("emulator/src/test/resources/observability/live.conf").toString(),
        "--metrics-port", Integer.toString(metricsPorts.get(node)),
        "--control-port", Integer.toString(controlPorts.get(node)),
        "--results", work.resolve("results-" + node).toString()));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve(node + ".log").toFile());
    pb.environment().remove("EMULATOR_CONTROL_TOKEN");
    pb.environment().putAll(Map.of("EMULATOR_NODE", node, "EMULATOR_CLUSTER_ENABLED", "true", "EMULATOR_HOST", "127.0.0.1",
        "EMULATOR_CLUSTER_PORT", Integer.toString(clusterPorts.get(node)),
        "EMULATOR_SEED_NODES", "127.0.0.1:" + clusterPorts.get(NODES.get(0)),
        "EMULATOR_MIN_NODES", Integer.toString(NODES.size()), "EMULATOR_PLACEMENT", "by-site"));
    return pb.start();
  }

  /** The repository's prometheus.yml with its targets on the local emulations and a 1 s interval; the rest as it is. */
  @SuppressWarnings("unchecked")
  static Path prometheusConfig() throws IOException {
    Path dir = root.resolve("metrics/prometheus");
    Map<String, Object> yml = new Yaml().load(Files.readString(dir.resolve("prometheus.yml")));
    Map<String, Object> global = (Map<String, Object>) yml.get("global");
    global.put("scrape_interval", "1s");
    global.put("evaluation_interval", "1s");
    global.put("scrape_timeout", "1s");
    List<String> rules = new ArrayList<>();
    for (Object f : (List<Object>) yml.get("rule_files")) rules.add(dir.resolve(String.valueOf(f)).toString());
    yml.put("rule_files", rules);
    List<Map<String, Object>> jobs = (List<Map<String, Object>>) yml.get("scrape_configs");
    assertEquals(1, jobs.size(), "one job: the emulator nodes");
    Map<String, Object> job = jobs.get(0);
    job.remove("dns_sd_configs");
    job.put("static_configs", List.of(Map.of("targets", metricsPorts.values().stream().map(p -> "127.0.0.1:" + p).toList())));
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    Path file = work.resolve("prometheus.yml");
    Files.writeString(file, new Yaml(options).dump(yml));
    return file;
  }

  /**
   * The faults users inject and watch: crashes for 20 s (a pool element of each site, so that each
   * node restarts one), a clean shutdown, a latency between sites, a crashed registrar. Through both
   * nodes' APIs: each acts on the whole cluster (site 1's components live on node-a, site 2's on node-b).
   */
  static void injectFaults() throws Exception {
    String a = "http://127.0.0.1:" + controlPorts.get(NODES.get(0)) + "/api";
    String b = "http://127.0.0.1:" + controlPorts.get(NODES.get(1)) + "/api";
    Map<String, String> faults = new LinkedHashMap<>();
    faults.put("{\"type\":\"crash\",\"target\":{\"role\":\"pe\",\"site\":1,\"mode\":\"fixed\",\"value\":1},\"duration\":\"20s\"}", b);
    faults.put("{\"type\":\"crash\",\"target\":{\"role\":\"pe\",\"site\":2,\"mode\":\"fixed\",\"value\":1},\"duration\":\"20s\"}", a);
    faults.put("{\"type\":\"shutdown\",\"target\":{\"role\":\"pe\",\"site\":2,\"mode\":\"fixed\",\"value\":1}}", a);
    faults.put("{\"type\":\"latency\",\"from\":{\"site\":1},\"to\":{\"site\":2},\"delay\":\"30ms\",\"duration\":\"300s\"}", a);
    for (Map.Entry<String, String> fault : faults.entrySet()) {
      HttpResponse<String> r = post(fault.getValue() + "/faults", fault.getKey());
      assertEquals(201, r.statusCode(), fault.getValue() + ": " + fault.getKey() + " -> " + r.body());
    }
    HttpResponse<String> r = post(b + "/components/registrar-1-2/crash", "");
    assertTrue(r.statusCode() / 100 == 2, "node-b: crash registrar-1-2 -> " + r.statusCode() + " " + r.body());
  }

  static void crashHalfOfThePoolElements() throws Exception {
    String a = "http://127.0.0.1:" + controlPorts.get(NODES.get(0)) + "/api";
    String fault = "{\"type\":\"crash\",\"target\":{\"role\":\"pe\",\"mode\":\"percent\",\"value\":50},\"duration\":\"5s\"}";
    HttpResponse<String> r = post(a + "/faults", fault);
    assertEquals(201, r.statusCode(), fault + " -> " + r.body());
  }

  /** The REST endpoint starts after the emulation (and its /metrics): a few seconds later on a busy machine. */
  static boolean controlAnswers(String node) {
    try {
      return get("http://127.0.0.1:" + controlPorts.get(node) + "/api/status").statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  static HttpResponse<String> post(String url, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  interface Check {
    boolean holds() throws Exception;
  }

  /** Polls until the check holds; fails with the logs' tails at the deadline. */
  static void await(String what, Duration max, Check check) throws Exception {
    long end = System.nanoTime() + max.toNanos();
    Exception last = null;
    while (System.nanoTime() < end) {
      for (Process p : processes) {
        if (!p.isAlive()) fail("a process ended (" + p.exitValue() + ") while waiting until " + what + "\n" + logs());
      }
      try {
        if (check.holds()) return;
      } catch (IOException e) {
        last = e;
      }
      Thread.sleep(250);
    }
    fail("not within " + max.toSeconds() + " s: " + what + (last == null ? "" : " (" + last + ")") + "\n" + logs());
  }

  static String logs() throws IOException {
    StringBuilder b = new StringBuilder();
    try (var files = Files.list(work)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
        List<String> lines = Files.readAllLines(f);
        b.append("--- ").append(f.getFileName()).append(" (last lines)\n");
        for (String l : lines.subList(Math.max(0, lines.size() - 15), lines.size())) b.append(l).append('\n');
      }
    }
    return b.toString();
  }

  /** Runs an instant query; the result, or an assertion error naming the expression and Prometheus' error. */
  static JsonNode query(String expr) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(prometheus + "/api/v1/query")).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = JSON.readTree(r.body());
    if (r.statusCode() != 200 || !"success".equals(json.path("status").asText())) {
      throw new AssertionError("Prometheus refused " + expr + ": " + json.path("errorType").asText() + ": " + json.path("error").asText());
    }
    return json.path("data");
  }

  /** The series of a vector query with a number as value (NaN and infinities left out: a panel draws nothing for them). */
  static List<JsonNode> values(String expr) throws Exception {
    JsonNode data = query(expr);
    List<JsonNode> numbers = new ArrayList<>();
    if (data.path("resultType").asText().equals("scalar")) {
      if (finite(data.path("result").get(1).asText())) numbers.add(data.path("result"));
      return numbers;
    }
    for (JsonNode series : data.path("result")) {
      if (finite(series.path("value").get(1).asText())) numbers.add(series);
    }
    return numbers;
  }

  static boolean finite(String v) {
    try {
      return Double.isFinite(Double.parseDouble(v));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** A dashboard expression with Grafana's variables as Grafana substitutes them. */
  static String substitute(String expr, String node, String pool) {
    String e = expr.replace("$__rate_interval", WINDOW).replace("$__interval", WINDOW).replace("$__range", WINDOW)
        .replace("$node", node).replace("$pool", pool);
    assertFalse(e.contains("$"), "a variable the test does not know: " + expr);
    return e;
  }

  /** Checks every expression, collecting every failure (one run tells about every broken panel). */
  static List<String> failures(List<Dashboards.Query> queries, String node, String pool) throws Exception {
    List<String> failed = new ArrayList<>();
    for (Dashboards.Query q : queries) {
      String e = substitute(q.expr(), node, pool);
      try {
        if (values(e).isEmpty()) failed.add("no series with a value: " + q.dashboard() + ": " + q.where() + ": " + e);
      } catch (AssertionError err) {
        failed.add(q.dashboard() + ": " + q.where() + ": " + err.getMessage());
      }
    }
    return failed;
  }

  static List<Dashboards.Query> dashboardQueries() {
    List<Dashboards.Query> all = new ArrayList<>();
    for (Dashboards.Dashboard d : Dashboards.all()) all.addAll(d.queries());
    return all;
  }

  /**
   * Every panel and annotation query, with All selected, then with each node and the pool selected.
   * The faults happened a few seconds ago, so every rate has moved; retried for a few seconds because a
   * quantile over a short window may have no job in it at one instant.
   */
  @Test
  void everyDashboardQueryReturnsDataForAllAndForEachValueOfTheVariables() throws Exception {
    List<Dashboards.Query> queries = dashboardQueries();
    assertTrue(queries.size() > 80, "the dashboards' queries: " + queries.size());
    List<String> failed = new ArrayList<>();
    long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    do {
      failed.clear();
      failed.addAll(failures(queries, ".*", ".*"));
      for (String node : NODES) failed.addAll(failures(queries, node, POOL));
      failed.addAll(failures(queries, "(" + String.join("|", NODES) + ")", ".*"));
      if (failed.isEmpty()) return;
      Thread.sleep(1000);
    } while (System.nanoTime() < end);
    fail(failed.size() + " dashboard queries found no data:\n" + String.join("\n", failed));
  }

  /** The variables' label_values queries, through Prometheus' label API as Grafana runs them. */
  @Test
  void theTemplateVariablesOfferEveryNodeAndThePool() throws Exception {
    Pattern labelValues = Pattern.compile("label_values\\((.+), (\\w+)\\)");
    for (Dashboards.Dashboard d : Dashboards.all()) {
      for (String name : List.of("node", "pool")) {
        Matcher m = labelValues.matcher(Dashboards.Dashboard.variableQuery(d.variable(name)));
        assertTrue(m.matches(), d.name() + ": " + name);
        String match = substitute(m.group(1), ".*", ".*");
        JsonNode r = JSON.readTree(get(prometheus + "/api/v1/label/" + m.group(2) + "/values?match[]="
            + URLEncoder.encode(match, StandardCharsets.UTF_8)).body());
        Set<String> values = new TreeSet<>();
        r.path("data").forEach(v -> values.add(v.asText()));
        assertEquals(name.equals("node") ? new TreeSet<>(NODES) : Set.of(POOL), values, d.name() + ": " + name + " from " + match);
      }
    }
  }

  /**
   * Every alert expression with its comparison made {@code bool}: the measured side must exist
   * whether or not the alert fires now (promtool's unit tests check the firing). And Prometheus
   * evaluates every rule of rules.yml without an error.
   */
  @Test
  @SuppressWarnings("unchecked")
  void everyAlertRuleEvaluatesToSeries() throws Exception {
    Map<String, Object> rules = new Yaml().load(Files.readString(root.resolve("metrics/prometheus/rules.yml")));
    Map<String, String> exprs = new TreeMap<>();
    for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
      for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
        exprs.put(String.valueOf(rule.getOrDefault("alert", rule.get("record"))), String.valueOf(rule.get("expr")));
      }
    }
    List<String> failed = new ArrayList<>();
    for (Map.Entry<String, String> e : exprs.entrySet()) {
      String measured = withBool(e.getValue());
      if (values(measured).isEmpty()) failed.add(e.getKey() + ": no series: " + measured);
    }
    assertEquals(List.of(), failed);

    await("Prometheus has evaluated every rule", Duration.ofSeconds(10), () -> {
      JsonNode groups = JSON.readTree(get(prometheus + "/api/v1/rules").body()).at("/data/groups");
      int evaluated = 0;
      for (JsonNode g : groups) {
        for (JsonNode r : g.path("rules")) {
          assertEquals("ok", r.path("health").asText(), r.path("name").asText() + ": " + r.path("lastError").asText());
          if (!r.path("lastEvaluation").asText().startsWith("0001")) evaluated++;
        }
      }
      return evaluated == exprs.size();
    });
  }

  /** The expression with {@code bool} after its one top-level comparison operator. */
  static String withBool(String expr) {
    int depth = 0;
    char quote = 0;
    List<int[]> found = new ArrayList<>();
    for (int i = 0; i < expr.length(); i++) {
      char c = expr.charAt(i);
      if (quote != 0) {
        if (c == '\\') i++;
        else if (c == quote) quote = 0;
        continue;
      }
      if (c == '"' || c == '\'' || c == '`') quote = c;
      else if (c == '(' || c == '[' || c == '{') depth++;
      else if (c == ')' || c == ']' || c == '}') depth--;
      else if (depth == 0) {
        String two = expr.substring(i, Math.min(i + 2, expr.length()));
        if (Set.of("==", "!=", ">=", "<=").contains(two)) {
          found.add(new int[] {i, 2});
          i++;
        } else if (c == '>' || c == '<') {
          found.add(new int[] {i, 1});
        }
      }
    }
    assertEquals(1, found.size(), "an alert expression is one comparison: " + expr);
    int at = found.get(0)[0] + found.get(0)[1];
    return expr.substring(0, at) + " bool" + expr.substring(at);
  }

  @Test
  void withBoolFindsTheTopLevelComparisonOnly() {
    assertEquals("up{job=\"a\"} == bool 0", withBool("up{job=\"a\"} == 0"));
    assertEquals("sum(rate(x{a=~\">\"}[1m])) > bool 0.5", withBool("sum(rate(x{a=~\">\"}[1m])) > 0.5"));
    assertEquals("a < bool max_over_time(a[10m])", withBool("a < max_over_time(a[10m])"));
  }

  /**
   * {@code promtool check metrics} on each node's /metrics reports nothing for the project's own
   * series (the JVM binders' names are Micrometer's), and the label sets stay small: only labels from
   * small sets, no component names but the registrars' (few; the handlespace panels need them) and
   * those of the per-component series live.conf turns on.
   */
  @Test
  void theProjectsSeriesPassPromtoolAndKeepTheirLabelSetsSmall() throws Exception {
    Path promtool = ExternalTool.require("promtool", "prometheus");
    Set<String> allowed = Set.of("node", "pool", "protocol", "type", "outcome", "direction", "kind", "cause", "reason", "via",
        "invariant", "le", "route", "status", "registrar", "action");
    Pattern sample = Pattern.compile("^((?:rserpool|emulator)_\\w+?)(?:\\{(.*)\\})? \\S+$");
    Pattern label = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    int perComponentInCluster = 0;
    for (String node : NODES) {
      String text = get("http://127.0.0.1:" + metricsPorts.get(node) + "/metrics").body();
      ExternalTool.Result r = ExternalTool.run(List.of(promtool.toString(), "check", "metrics"), work, Map.of(), text, Duration.ofSeconds(60));
      assertTrue(r.code() == 0 || r.code() == 3, "promtool ran: " + r.both());
      List<String> ours = r.both().lines().filter(l -> l.startsWith("rserpool_") || l.startsWith("emulator_")).toList();
      assertEquals(List.of(), ours, node + ": promtool check metrics on the project's series");

      int series = 0;
      int perComponent = 0;
      Map<String, Integer> perFamily = new TreeMap<>();
      for (String line : text.lines().toList()) {
        Matcher m = sample.matcher(line);
        if (!m.matches()) continue;
        series++;
        String family = m.group(1).replaceAll("_(bucket|count|sum|max)$", "");
        perFamily.merge(family, 1, Integer::sum);
        Matcher l = label.matcher(m.group(2) == null ? "" : m.group(2));
        // rserpool.metrics.per-component (on in live.conf, a small run) is the one place for component names.
        if (family.startsWith("emulator_component_")) {
          perComponent++;
          assertTrue(m.group(2).matches("component=\"[a-z]+-\\d+-\\d+\",node=\"" + node + "\",role=\"[a-z-]+\""), line);
          continue;
        }
        while (l.find()) {
          assertTrue(allowed.contains(l.group(1)), node + ": label " + l.group(1) + " of " + line);
          assertFalse(l.group(2).matches("(pe|pu|at)-\\d+-\\d+"), node + ": a component name as a label value: " + line);
          if (l.group(1).equals("registrar")) assertTrue(family.startsWith("rserpool_registrar_handlespace_"), line);
        }
      }
      // A node shows its own components only: site 1's on node-a, site 2's on node-b.
      assertTrue(perComponent > 0, node + ": per-component series of the components it hosts");
      perComponentInCluster += perComponent;
      series -= perComponent;
      assertTrue(series > 100 && series < 1000, node + ": the project's series without the per-component ones: " + series);
      for (Map.Entry<String, Integer> f : perFamily.entrySet()) {
        if (f.getKey().startsWith("emulator_component_")) continue;
        assertTrue(f.getValue() <= 60, node + ": " + f.getKey() + " has " + f.getValue() + " series");
      }
    }
    assertEquals(2 * 35, perComponentInCluster,
        "two per-component series for each of the 35 components (3 registrars, 8 pool elements, 24 pool users), each on the node that hosts it");
  }
}
