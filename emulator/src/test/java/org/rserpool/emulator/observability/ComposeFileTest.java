package org.rserpool.emulator.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml as Compose reads it ({@code docker-compose config}: anchors merged, variables
 * interpolated, paths made absolute), checked for what a typo would break without a Docker engine to
 * notice: every emulator node on the same image and cluster settings, seed nodes that exist,
 * Prometheus scraping exactly the emulator services, provisioning paths that exist and agree.
 */
class ComposeFileTest {
  static final String TOKEN = "compose-test-token";
  /** EMULATOR_* variables docker-compose.yml may pass that no reference.conf reads (none: the cluster reads its own). */
  static final Set<String> CLUSTER_CONTRACT = Set.of();
  /** The environment every emulator service must share. */
  static final List<String> SHARED = List.of("EMULATOR_CLUSTER_ENABLED", "EMULATOR_CLUSTER_PORT", "EMULATOR_BIND_HOST",
      "EMULATOR_SEED_NODES", "EMULATOR_WORKERS", "EMULATOR_PLACEMENT", "EMULATOR_METRICS_HOST", "EMULATOR_METRICS_PORT", "EMULATOR_METRICS_PER_COMPONENT", "JAVA_OPTS");

  static Path root;
  static Path compose;
  static Map<String, Map<String, Object>> services;
  static Map<String, Map<String, Object>> emulators;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void readTheFileAsComposeDoes() throws Exception {
    compose = ExternalTool.require("docker-compose", "docker-compose");
    root = ExternalTool.repositoryRoot();
    ExternalTool.Result r = config("config");
    assertEquals(0, r.code(), r.both());
    Map<String, Object> file = new Yaml().load(r.out());
    services = new TreeMap<>((Map<String, Map<String, Object>>) file.get("services"));
    emulators = new TreeMap<>();
    services.forEach((name, s) -> {
      if (String.valueOf(s.get("image")).startsWith("rserpool-emulator:")) emulators.put(name, s);
    });
  }

  static ExternalTool.Result config(String... arguments) throws Exception {
    return configWith(Map.of("EMULATOR_CONTROL_TOKEN", TOKEN), arguments);
  }

  static ExternalTool.Result configWith(Map<String, String> environment, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of(compose.toString(), "--project-directory", root.toString(), "-f", root.resolve("docker-compose.yml").toString()));
    command.addAll(List.of(arguments));
    // A .env of the user's would change what is checked: the defaults are, with a test token.
    Map<String, String> env = new HashMap<>(environment);
    for (String v : interpolatedVariables()) env.putIfAbsent(v, "");
    return ExternalTool.run(command, root, env, null, Duration.ofSeconds(60));
  }

  /**
   * Compose with only the variables of {@code envFile} ({@code --env-file}, in place of the
   * repository's .env) and none of this JVM's environment but PATH.
   */
  static ExternalTool.Result configWithEnvFile(Path envFile, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("env", "-i", "PATH=" + System.getenv("PATH"), compose.toString(),
        "--project-directory", root.toString(), "-f", root.resolve("docker-compose.yml").toString(), "--env-file", envFile.toString()));
    command.addAll(List.of(arguments));
    return ExternalTool.run(command, root, Map.of(), null, Duration.ofSeconds(60));
  }

  /** The variables docker-compose.yml interpolates (${NAME...}). */
  static Set<String> interpolatedVariables() throws Exception {
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)").matcher(Files.readString(root.resolve("docker-compose.yml")));
    while (m.find()) names.add(m.group(1));
    return names;
  }

  /** The keys .env.example sets, in their order. */
  static List<String> envExampleKeys() throws Exception {
    List<String> keys = new ArrayList<>();
    for (String line : Files.readAllLines(root.resolve(".env.example"))) {
      if (line.isBlank() || line.startsWith("#")) continue;
      Matcher kv = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=.*").matcher(line);
      assertTrue(kv.matches(), ".env.example: KEY=value, got: " + line);
      keys.add(kv.group(1));
    }
    return keys;
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> environment(Map<String, Object> service) {
    Map<String, String> env = new TreeMap<>();
    Object e = service.get("environment");
    if (e instanceof Map<?, ?> m) m.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    else if (e instanceof List<?> l) {
      for (Object item : l) {
        String s = String.valueOf(item);
        int eq = s.indexOf('=');
        env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
      }
    }
    return env;
  }

  /** A service's bind mounts: host path (absolute) to container path and read-only flag. */
  record Mount(Path source, String target, boolean readOnly) {}

  @SuppressWarnings("unchecked")
  static List<Mount> mounts(Map<String, Object> service) {
    List<Mount> mounts = new ArrayList<>();
    for (Object v : (List<Object>) service.getOrDefault("volumes", List.of())) {
      if (v instanceof Map<?, ?> m) {
        mounts.add(new Mount(Path.of(String.valueOf(m.get("source"))), String.valueOf(m.get("target")), Boolean.TRUE.equals(m.get("read_only"))));
      } else {
        String[] parts = String.valueOf(v).split(":");
        mounts.add(new Mount(Path.of(parts[0]), parts[1], parts.length > 2 && parts[2].contains("ro")));
      }
    }
    return mounts;
  }

  /** The host-side path of a container path, through the service's bind mounts. */
  static Path hostPath(Map<String, Object> service, String containerPath) {
    for (Mount m : mounts(service)) {
      if (containerPath.equals(m.target()) || containerPath.startsWith(m.target() + "/")) {
        return m.source().resolve(containerPath.substring(m.target().length()).replaceFirst("^/", ""));
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  static int replicas(Map<String, Object> service) {
    Object deploy = service.get("deploy");
    Object n = deploy instanceof Map<?, ?> d ? d.get("replicas") : service.get("scale");
    return n == null ? 1 : Integer.parseInt(String.valueOf(n));
  }

  /** Published ports as (host ip, host port, container port) from the short or the long form. */
  @SuppressWarnings("unchecked")
  static List<String[]> ports(Map<String, Object> service) {
    List<String[]> ports = new ArrayList<>();
    for (Object p : (List<Object>) service.getOrDefault("ports", List.of())) {
      if (p instanceof Map<?, ?> m) {
        ports.add(new String[] {String.valueOf(m.get("host_ip")), String.valueOf(m.get("published")), String.valueOf(m.get("target"))});
      } else {
        Matcher x = Pattern.compile("(?:([0-9.]+):)?(\\d+):(\\d+)(?:/\\w+)?").matcher(String.valueOf(p));
        assertTrue(x.matches(), "port " + p);
        ports.add(new String[] {x.group(1) == null ? "0.0.0.0" : x.group(1), x.group(2), x.group(3)});
      }
    }
    return ports;
  }

  @Test
  void composeValidatesTheFile() throws Exception {
    ExternalTool.Result r = config("config", "-q");
    assertEquals(0, r.code(), r.both());
    assertEquals("", r.out() + r.err().replaceAll("(?m)^.*(WARNING|warning).*$\\n?", ""), "nothing to report");
  }

  @Test
  void withoutATokenComposeRefusesToStartAndSaysWhatToSet() throws Exception {
    ExternalTool.Result r = configWith(Map.of("EMULATOR_CONTROL_TOKEN", ""), "config", "-q");
    assertNotEquals(0, r.code(), "the REST endpoint of the seed is published: it must not run without a token");
    assertTrue(r.err().contains("set EMULATOR_CONTROL_TOKEN in .env"), r.both());
  }

  @Test
  void envExampleSetsExactlyTheVariablesTheComposeFileReads() throws Exception {
    List<String> keys = envExampleKeys();
    assertEquals(keys.size(), new TreeSet<>(keys).size(), "each variable once: " + keys);
    assertEquals(interpolatedVariables(), new TreeSet<>(keys), ".env.example against docker-compose.yml");
  }

  /**
   * README's first command makes .env from .env.example with a new token: with it the stack is what
   * it is with no .env but a token (the example holds the defaults). The example as it is has no
   * token, and compose refuses it.
   */
  @Test
  void aDotEnvMadeByTheReadmesFirstCommandPassesAndTheExampleAsItIsIsRefused(@TempDir Path dir) throws Exception {
    ExternalTool.require("openssl", "openssl");
    List<String> commands = Files.readAllLines(root.resolve("README.md")).stream()
        .map(l -> Pattern.compile("^(\\S.* \\.env\\.example > \\.env)(\\s+#.*)?$").matcher(l)).filter(Matcher::matches).map(x -> x.group(1)).toList();
    assertEquals(1, commands.size(), "README has one command that makes .env from .env.example: " + commands);
    Files.copy(root.resolve(".env.example"), dir.resolve(".env.example"));
    ExternalTool.Result made = ExternalTool.run(List.of("bash", "-c", commands.get(0)), dir, Map.of(), null, Duration.ofSeconds(30));
    assertEquals(0, made.code(), commands.get(0) + ": " + made.both());
    Path env = dir.resolve(".env");
    List<String> tokens = Files.readAllLines(env).stream()
        .map(l -> Pattern.compile("EMULATOR_CONTROL_TOKEN=([0-9a-f]{32})").matcher(l)).filter(Matcher::matches).map(x -> x.group(1)).toList();
    assertEquals(1, tokens.size(), "a new 128-bit token: " + Files.readString(env));

    ExternalTool.Result quiet = configWithEnvFile(env, "config", "-q");
    assertEquals(0, quiet.code(), quiet.both());
    assertEquals("", quiet.out() + quiet.err().replaceAll("(?m)^.*(WARNING|warning).*$\\n?", ""), "nothing to report");
    ExternalTool.Result resolved = configWithEnvFile(env, "config");
    assertEquals(0, resolved.code(), resolved.both());
    assertEquals(config("config").out(), resolved.out().replace(tokens.get(0), TOKEN), "the example's values are docker-compose.yml's defaults");

    ExternalTool.Result refused = configWithEnvFile(root.resolve(".env.example"), "config", "-q");
    assertNotEquals(0, refused.code(), "the example has no token: compose must refuse it");
    assertTrue(refused.err().contains("set EMULATOR_CONTROL_TOKEN in .env"), refused.both());
  }

  @Test
  void theStackHasEmulatorNodesPrometheusAndGrafana() {
    assertEquals(Set.of("grafana", "prometheus", "seed", "worker"), services.keySet());
    assertEquals(Set.of("seed", "worker"), emulators.keySet());
    assertTrue(String.valueOf(services.get("prometheus").get("image")).startsWith("prom/prometheus:v"), "the official image, pinned");
    assertTrue(String.valueOf(services.get("grafana").get("image")).startsWith("grafana/grafana:"), "the official image, pinned");
    assertFalse(String.valueOf(services.get("grafana").get("image")).endsWith(":latest"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyEmulatorNodeRunsTheSameImageScenarioAndClusterSettings() {
    Map<String, Object> first = emulators.values().iterator().next();
    Map<String, String> firstEnv = environment(first);
    for (Map.Entry<String, Map<String, Object>> e : emulators.entrySet()) {
      Map<String, Object> s = e.getValue();
      String name = e.getKey();
      assertEquals(first.get("image"), s.get("image"), name);
      assertEquals(first.get("command"), s.get("command"), name + " runs the same scenario");
      assertEquals(mounts(first), mounts(s), name);
      Map<String, String> env = environment(s);
      for (String key : SHARED) {
        assertTrue(env.containsKey(key), name + " sets " + key);
        assertEquals(firstEnv.get(key), env.get(key), name + ": " + key);
      }
      assertEquals("true", env.get("EMULATOR_CLUSTER_ENABLED"), name);
      assertEquals("0.0.0.0", env.get("EMULATOR_BIND_HOST"), name + " binds Artery on every interface");
      assertEquals("0.0.0.0", env.get("EMULATOR_METRICS_HOST"), name + " serves /metrics to Prometheus' container");
      assertTrue(Set.of("by-site", "spread").contains(env.get("EMULATOR_PLACEMENT")), name + ": " + env.get("EMULATOR_PLACEMENT"));
    }
  }

  /**
   * One service builds the image (two would build it twice); the others run it and start after the
   * builder, which Compose 1.x needs to have the image before it creates them.
   */
  @Test
  @SuppressWarnings("unchecked")
  void theSeedBuildsTheImageAndTheOtherNodesRunIt() {
    List<String> builders = emulators.entrySet().stream().filter(e -> e.getValue().containsKey("build")).map(Map.Entry::getKey).toList();
    assertEquals(List.of("seed"), builders, "one emulator service builds the image");
    Object build = emulators.get("seed").get("build");
    assertEquals(root.toString(), String.valueOf(((Map<String, Object>) build).get("context")), "the repository's Dockerfile");
    for (Map.Entry<String, Map<String, Object>> e : emulators.entrySet()) {
      if (e.getKey().equals("seed")) continue;
      Object dependsOn = e.getValue().get("depends_on");
      Set<String> after = dependsOn instanceof Map<?, ?> m ? (Set<String>) m.keySet() : new TreeSet<>((List<String>) dependsOn);
      assertTrue(after.contains("seed"), e.getKey() + " starts after the seed, whose image it runs: " + dependsOn);
    }
  }

  @Test
  void theScenarioIsMountedReadOnlyFromScenariosAndExists() {
    for (Map.Entry<String, Map<String, Object>> e : emulators.entrySet()) {
      List<?> command = (List<?>) e.getValue().get("command");
      int i = command.indexOf("--scenario");
      assertTrue(i >= 0 && i + 1 < command.size(), e.getKey() + ": " + command);
      String scenario = String.valueOf(command.get(i + 1));
      Path host = hostPath(e.getValue(), scenario);
      assertNotNull(host, e.getKey() + ": " + scenario + " is in a mounted folder");
      assertTrue(Files.isRegularFile(host), e.getKey() + ": " + host);
      assertTrue(host.startsWith(root.resolve("scenarios")), e.getKey() + ": from scenarios/: " + host);
      Mount m = mounts(e.getValue()).stream().filter(x -> scenario.startsWith(x.target())).findFirst().orElseThrow();
      assertTrue(m.readOnly(), e.getKey() + ": read-only " + m);
    }
  }

  @Test
  void theSeedNodesAreEmulatorServicesAtTheirClusterPort() {
    for (Map.Entry<String, Map<String, Object>> e : emulators.entrySet()) {
      for (String seed : environment(e.getValue()).get("EMULATOR_SEED_NODES").split(",")) {
        String[] hostPort = seed.trim().split(":");
        assertEquals(2, hostPort.length, e.getKey() + ": host:port, got " + seed);
        Map<String, Object> target = emulators.get(hostPort[0]);
        assertNotNull(target, e.getKey() + ": seed " + seed + " names an emulator service");
        Map<String, String> env = environment(target);
        assertEquals(hostPort[0], env.get("EMULATOR_HOST"), "the seed's canonical host is the name others use");
        assertEquals(hostPort[0], target.get("hostname"));
        assertEquals(hostPort[1], env.get("EMULATOR_CLUSTER_PORT"), seed);
        assertEquals(1, replicas(target), "a seed is one container");
      }
    }
  }

  @Test
  void nodeNamesAreUniqueAndTheDefaultIsASeedAndTwoWorkers() {
    Set<String> names = new TreeSet<>();
    int nodes = 0;
    for (Map.Entry<String, Map<String, Object>> e : emulators.entrySet()) {
      Map<String, String> env = environment(e.getValue());
      int n = replicas(e.getValue());
      nodes += n;
      if (n > 1 || e.getValue().get("hostname") == null) {
        assertFalse(env.containsKey("EMULATOR_NODE"), e.getKey() + ": replicas take their names from their containers");
        assertFalse(env.containsKey("EMULATOR_HOST"), e.getKey() + ": replicas take their addresses from their containers");
      } else {
        assertTrue(names.add(env.get("EMULATOR_NODE")), e.getKey() + ": node name " + env.get("EMULATOR_NODE") + " is unique");
      }
    }
    assertEquals(3, nodes, "the default stack: a seed and two workers");
  }

  /**
   * EMULATOR_WORKERS is the one knob of the node count: it sets the worker replicas, and every node's
   * entry point, started with the environment Compose resolved for it, makes the cluster wait for
   * exactly the stack's emulator containers (fewer would place the components before every node is
   * there, more would wait for nodes that never come).
   */
  @Test
  @SuppressWarnings("unchecked")
  void theClusterWaitsForEveryNodeWhateverTheWorkerCount() throws Exception {
    for (String workers : List.of("", "1", "5")) {
      ExternalTool.Result r = configWith(Map.of("EMULATOR_CONTROL_TOKEN", TOKEN, "EMULATOR_WORKERS", workers), "config");
      assertEquals(0, r.code(), r.both());
      Map<String, Map<String, Object>> scaled = (Map<String, Map<String, Object>>) ((Map<String, Object>) new Yaml().load(r.out())).get("services");
      assertEquals(workers.isEmpty() ? 2 : Integer.parseInt(workers), replicas(scaled.get("worker")), "EMULATOR_WORKERS='" + workers + "'");
      int containers = 0;
      for (String name : emulators.keySet()) containers += replicas(scaled.get(name));
      for (String name : emulators.keySet()) {
        Map<String, String> env = environment(scaled.get(name));
        assertFalse(env.containsKey("EMULATOR_MIN_NODES"), name + ": the minimum follows the worker count, not a second variable");
        Entrypoint.Launch l = Entrypoint.run("sh", env);
        assertTrue(l.started(), name + ": " + l);
        assertEquals(String.valueOf(containers), l.environment().get("EMULATOR_MIN_NODES"),
            name + " with EMULATOR_WORKERS='" + workers + "' waits for the " + containers + " emulator containers: " + l);
      }
    }
  }

  @Test
  void everyEmulatorVariableIsOneTheEmulatorReads() throws Exception {
    StringBuilder readers = new StringBuilder();
    for (String f : List.of("actors/src/main/resources/reference.conf", "emulator/src/main/resources/reference.conf", "docker/entrypoint.sh")) {
      readers.append(Files.readString(root.resolve(f)));
    }
    for (Map.Entry<String, Map<String, Object>> e : emulators.entrySet()) {
      for (String key : environment(e.getValue()).keySet()) {
        if (!key.startsWith("EMULATOR_") || CLUSTER_CONTRACT.contains(key)) continue;
        assertTrue(readers.indexOf("${?" + key + "}") >= 0 || readers.indexOf("${" + key + ":") >= 0 || readers.indexOf("\"${" + key) >= 0,
            e.getKey() + ": " + key + " is read by a reference.conf or docker/entrypoint.sh (a typo?)");
      }
    }
  }

  @Test
  void onlyLoopbackPortsArePublishedAndTheSeedsControlApiNeedsAToken() {
    Map<String, String> published = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Object>> e : services.entrySet()) {
      for (String[] p : ports(e.getValue())) {
        assertEquals("127.0.0.1", p[0], e.getKey() + " publishes on loopback only");
        assertEquals(p[1], p[2], e.getKey() + ": the same port outside");
        published.put(e.getKey(), p[1]);
      }
    }
    assertEquals(Map.of("seed", "8080", "prometheus", "9090", "grafana", "3000"), published);
    Map<String, String> seed = environment(emulators.get("seed"));
    assertEquals("8080", seed.get("EMULATOR_CONTROL_PORT"));
    assertEquals("0.0.0.0", seed.get("EMULATOR_CONTROL_HOST"));
    assertEquals(TOKEN, seed.get("EMULATOR_CONTROL_TOKEN"), "the token comes from the environment (.env)");
    assertEquals(1, emulators.values().stream().filter(s -> environment(s).containsKey("EMULATOR_CONTROL_TOKEN")).count(),
        "the other nodes keep their control endpoint on loopback");
  }

  @Test
  @SuppressWarnings("unchecked")
  void prometheusScrapesExactlyTheEmulatorServicesWithTheRepositorysConfiguration() throws Exception {
    Map<String, Object> prometheus = services.get("prometheus");
    List<String> command = (List<String>) prometheus.get("command");
    String configFile = command.stream().filter(c -> c.startsWith("--config.file=")).findFirst().orElseThrow().substring("--config.file=".length());
    Path config = hostPath(prometheus, configFile);
    assertEquals(root.resolve("metrics/prometheus/prometheus.yml"), config, "the mounted configuration is the repository's");
    String listen = command.stream().filter(c -> c.startsWith("--web.listen-address=")).findFirst().orElse("--web.listen-address=:9090");
    assertTrue(listen.endsWith(":9090"), listen);

    Map<String, Object> yml = new Yaml().load(Files.readString(config));
    for (Object rules : (List<Object>) yml.get("rule_files")) {
      assertTrue(Files.isRegularFile(config.getParent().resolve(String.valueOf(rules))), "rule file " + rules + " is mounted with the configuration");
    }
    assertEquals("5s", ((Map<String, Object>) yml.get("global")).get("scrape_interval"));
    List<Map<String, Object>> jobs = (List<Map<String, Object>>) yml.get("scrape_configs");
    assertEquals(1, jobs.size());
    Map<String, Object> job = jobs.get(0);
    assertEquals("rserpool-emulator", job.get("job_name"), "the job name the dashboards and the alert rules use");

    Map<String, String> scraped = new TreeMap<>();
    for (Map<String, Object> sc : (List<Map<String, Object>>) job.getOrDefault("static_configs", List.of())) {
      for (Object t : (List<Object>) sc.get("targets")) {
        String[] hostPort = String.valueOf(t).split(":");
        assertEquals(null, scraped.put(hostPort[0], hostPort[1]), "one target per service: " + t);
      }
    }
    for (Map<String, Object> dns : (List<Map<String, Object>>) job.getOrDefault("dns_sd_configs", List.of())) {
      assertEquals("A", dns.get("type"));
      for (Object n : (List<Object>) dns.get("names")) assertEquals(null, scraped.put(String.valueOf(n), String.valueOf(dns.get("port"))), "one target per service: " + n);
    }
    assertEquals(emulators.keySet(), scraped.keySet(), "Prometheus' targets are the emulator services");
    for (Map.Entry<String, String> t : scraped.entrySet()) {
      Map<String, Object> s = emulators.get(t.getKey());
      assertEquals(environment(s).get("EMULATOR_METRICS_PORT"), t.getValue(), t.getKey() + ": the metrics port");
      if (replicas(s) == 1 && s.get("hostname") != null) {
        assertTrue(((List<Map<String, Object>>) job.get("static_configs")).toString().contains(t.getKey() + ":"), t.getKey() + " is a static target");
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void grafanaIsProvisionedFromTheRepositoryAndOpensOnTheOverview() throws Exception {
    Map<String, Object> grafana = services.get("grafana");
    Path provisioning = hostPath(grafana, "/etc/grafana/provisioning");
    assertEquals(root.resolve("metrics/grafana/provisioning"), provisioning);
    Path datasources = provisioning.resolve("datasources/prometheus.yml");
    Path providers = provisioning.resolve("dashboards/rserpool.yml");
    assertTrue(Files.isRegularFile(datasources) && Files.isRegularFile(providers), provisioning.toString());

    Map<String, Object> ds = (Map<String, Object>) ((List<Object>) ((Map<String, Object>) new Yaml().load(Files.readString(datasources))).get("datasources")).get(0);
    assertEquals("http://prometheus:9090", ds.get("url"), "the Prometheus service at its listen port");
    assertTrue(services.containsKey("prometheus"));

    Map<String, Object> provider = (Map<String, Object>) ((List<Object>) ((Map<String, Object>) new Yaml().load(Files.readString(providers))).get("providers")).get(0);
    String dashboardsPath = String.valueOf(((Map<String, Object>) provider.get("options")).get("path"));
    assertEquals(root.resolve("metrics/grafana/dashboards"), hostPath(grafana, dashboardsPath), "the provider reads the mounted dashboards");
    try (var files = Files.list(root.resolve("metrics/grafana/dashboards"))) {
      assertEquals(4, files.filter(f -> f.toString().endsWith(".json")).count());
    }

    Map<String, String> env = environment(grafana);
    assertEquals("true", env.get("GF_AUTH_ANONYMOUS_ENABLED"));
    assertEquals("Viewer", env.get("GF_AUTH_ANONYMOUS_ORG_ROLE"), "anonymous users see, not edit");
    Path home = hostPath(grafana, env.get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"));
    assertEquals(root.resolve("metrics/grafana/dashboards/overview.json"), home);
    for (Mount m : mounts(grafana)) assertTrue(m.readOnly(), m.toString());
  }

  /**
   * The Dockerfile is multi-stage: a named build stage, whose shaded jar the last stage (the runtime,
   * on the JRE) copies, runs as a user other than root and has a health check. The checks of the
   * runtime stage read only the lines after its FROM, so an instruction of the build stage cannot
   * pass for one of the image's.
   */
  @Test
  void theImageIsBuiltInANamedStageAndRunsTheShadedJarAsANonRootUserWithAHealthCheck() throws Exception {
    String dockerfile = Files.readString(root.resolve("Dockerfile"));
    String entrypoint = Files.readString(root.resolve("docker/entrypoint.sh"));
    String pom = Files.readString(root.resolve("emulator/pom.xml"));
    Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(pom);
    assertTrue(finalName.find());
    String jar = finalName.group(1) + ".jar";

    Matcher from = Pattern.compile("(?im)^FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?\\s*$").matcher(dockerfile);
    List<String> images = new ArrayList<>();
    List<String> stages = new ArrayList<>();
    int runtimeStart = -1;
    while (from.find()) {
      images.add(from.group(1));
      if (from.group(2) != null) stages.add(from.group(2));
      runtimeStart = from.start();
    }
    assertTrue(images.size() >= 2, "multi-stage: at least two FROM lines, got " + images);
    assertFalse(stages.isEmpty(), "a named build stage (FROM ... AS name)");
    String runtime = dockerfile.substring(runtimeStart);
    assertEquals("eclipse-temurin:17-jre", images.get(images.size() - 1), "the runtime stage is on the JRE");
    Matcher copy = Pattern.compile("(?m)^COPY --from=(\\S+) /src/emulator/target/" + Pattern.quote(jar) + " /opt/rserpool/" + Pattern.quote(jar) + "$").matcher(runtime);
    assertTrue(copy.find(), "the runtime stage copies the shaded jar from a build stage");
    assertTrue(stages.contains(copy.group(1)), "COPY --from=" + copy.group(1) + " names a stage of the file: " + stages);
    assertTrue(dockerfile.contains("./mvnw "), "built with the Maven wrapper");
    assertTrue(entrypoint.contains("-jar /opt/rserpool/" + jar), "and runs that jar (EntrypointTest runs the script)");
    assertTrue(entrypoint.contains("exec java"), "as the container's main process, which gets SIGTERM");

    Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(runtime);
    String last = null;
    while (user.find()) last = user.group(1);
    assertNotNull(last, "the runtime stage names its USER");
    assertFalse(last.equals("root") || last.matches("0(:.*)?") || last.startsWith("root:"), "a non-root user, got " + last);
    assertTrue(Pattern.compile("(?m)^HEALTHCHECK\\s+(?!NONE).*").matcher(runtime).find(), "the runtime stage has a health check");
    assertTrue(runtime.contains("/dev/tcp/127.0.0.1/${EMULATOR_METRICS_PORT}"), "on the metrics port");
    assertTrue(Files.isExecutable(root.resolve("docker/entrypoint.sh")));
    String ignore = Files.readString(root.resolve(".dockerignore"));
    for (String out : List.of(".git", "**/target/", "results/", ".env")) assertTrue(ignore.lines().anyMatch(out::equals), ".dockerignore: " + out);
  }
}
