package org.rserpool.emulator.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The dashboards as Grafana provisions them: valid JSON, unique uids and panel ids, panels that do not
 * overlap on Grafana's 24-column grid, only the provisioned datasource, the {@code node} and
 * {@code pool} variables, and queries that use them. That the queries find data is
 * {@link PrometheusLiveTest}'s part.
 */
class DashboardJsonTest {
  static final List<Dashboards.Dashboard> DASHBOARDS = Dashboards.all();

  @SuppressWarnings("unchecked")
  static String provisionedDatasourceUid() throws Exception {
    Map<String, Object> file = new Yaml().load(Files.readString(
        ExternalTool.repositoryRoot().resolve("metrics/grafana/provisioning/datasources/prometheus.yml")));
    List<Map<String, Object>> sources = (List<Map<String, Object>>) file.get("datasources");
    assertEquals(1, sources.size(), "one datasource is provisioned");
    assertEquals("prometheus", sources.get(0).get("type"));
    return (String) sources.get(0).get("uid");
  }

  @Test
  void theFourDashboardsAreThereWithUniqueUidsAndTitles() {
    Set<String> uids = new TreeSet<>();
    Set<String> titles = new HashSet<>();
    for (Dashboards.Dashboard d : DASHBOARDS) {
      assertTrue(uids.add(d.json().path("uid").asText()), "uid of " + d.name() + " is unique");
      assertTrue(titles.add(d.json().path("title").asText()), "title of " + d.name() + " is unique");
      assertTrue(d.json().path("uid").asText().length() <= 40, "Grafana's uid limit: " + d.name());
      assertTrue(d.json().path("id").isMissingNode() || d.json().path("id").isNull(), "no database id in a provisioned file: " + d.name());
    }
    assertEquals(Set.of("rserpool-cluster-jvm", "rserpool-network", "rserpool-overview", "rserpool-registrars"), uids);
  }

  @Test
  void panelIdsAreUniqueWithinEachDashboard() {
    for (Dashboards.Dashboard d : DASHBOARDS) {
      Set<Integer> ids = new HashSet<>();
      for (JsonNode p : d.panels()) {
        assertTrue(p.path("id").isInt(), d.name() + ": panel '" + p.path("title").asText() + "' has an id");
        assertTrue(ids.add(p.path("id").asInt()), d.name() + ": panel id " + p.path("id") + " is used twice");
      }
    }
  }

  @Test
  void panelsFitTheGridAndDoNotOverlap() {
    for (Dashboards.Dashboard d : DASHBOARDS) {
      List<JsonNode> placed = new ArrayList<>();
      for (JsonNode p : d.json().path("panels")) {
        JsonNode g = p.path("gridPos");
        String what = d.name() + ": panel " + p.path("id") + " '" + p.path("title").asText() + "' " + g;
        assertTrue(g.path("w").asInt() > 0 && g.path("h").asInt() > 0, what + " has a size");
        assertTrue(g.path("x").asInt() >= 0 && g.path("y").asInt() >= 0 && g.path("x").asInt() + g.path("w").asInt() <= 24, what + " fits 24 columns");
        for (JsonNode q : placed) {
          JsonNode o = q.path("gridPos");
          boolean apart = g.path("x").asInt() + g.path("w").asInt() <= o.path("x").asInt()
              || o.path("x").asInt() + o.path("w").asInt() <= g.path("x").asInt()
              || g.path("y").asInt() + g.path("h").asInt() <= o.path("y").asInt()
              || o.path("y").asInt() + o.path("h").asInt() <= g.path("y").asInt();
          assertTrue(apart, what + " overlaps panel " + q.path("id") + " " + o);
        }
        placed.add(p);
      }
    }
  }

  @Test
  void everyDatasourceIsTheProvisionedOne() throws Exception {
    String uid = provisionedDatasourceUid();
    for (Dashboards.Dashboard d : DASHBOARDS) {
      List<String> found = new ArrayList<>();
      collectDatasources(d.json(), "", found);
      assertFalse(found.isEmpty(), d.name());
      for (String f : found) {
        assertTrue(f.endsWith(" = {\"type\":\"prometheus\",\"uid\":\"" + uid + "\"}"), d.name() + ": " + f);
      }
    }
  }

  private static void collectDatasources(JsonNode node, String path, List<String> found) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals("datasource")) found.add(path + "/datasource = " + e.getValue());
        else collectDatasources(e.getValue(), path + "/" + e.getKey(), found);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) collectDatasources(node.get(i), path + "/" + i, found);
    }
  }

  @Test
  void everyDashboardHasTheNodeAndPoolVariables() {
    for (Dashboards.Dashboard d : DASHBOARDS) {
      for (String name : List.of("node", "pool")) {
        JsonNode v = d.variable(name);
        assertEquals("query", v.path("type").asText(), d.name() + ": variable " + name);
        assertTrue(Dashboards.Dashboard.variableQuery(v).matches("label_values\\(.+, " + name + "\\)"), d.name() + ": " + v);
        assertTrue(v.path("includeAll").asBoolean() && v.path("multi").asBoolean(), d.name() + ": " + name + " offers All and several values");
        assertEquals(".*", v.path("allValue").asText(), d.name() + ": All is a regex matching every value");
      }
    }
  }

  @Test
  void everyPanelHasAQueryAndEveryQueryFiltersByTheVariables() {
    for (Dashboards.Dashboard d : DASHBOARDS) {
      for (JsonNode p : d.panels()) {
        if (p.path("type").asText().equals("row")) continue;
        assertTrue(p.path("targets").size() > 0, d.name() + ": panel '" + p.path("title").asText() + "' has a query");
        Set<String> refIds = new HashSet<>();
        for (JsonNode t : p.path("targets")) assertTrue(refIds.add(t.path("refId").asText()), d.name() + ": refIds of '" + p.path("title").asText() + "'");
      }
      for (Dashboards.Query q : d.queries()) {
        assertFalse(q.expr().isBlank(), q.toString());
        // Prometheus' own series (up, scrape_*) have no node label; every emulator series has one. An
        // annotation marks an event of the whole emulation (a fault, a takeover) on every node's graphs.
        if (!q.expr().matches("(?s).*\\b(up|scrape_duration_seconds)\\{.*") && !q.where().startsWith("annotation")) {
          assertTrue(q.expr().contains("node=~\"$node\""), "filters by $node: " + q);
        }
        // The pool elements' and pool users' series carry the pool label: a panel on them follows $pool.
        if (q.expr().matches("(?s).*rserpool_pool_(element|user)_.*")) {
          assertTrue(q.expr().contains("pool=~\"$pool\""), "filters by $pool: " + q);
        }
      }
    }
  }
}
