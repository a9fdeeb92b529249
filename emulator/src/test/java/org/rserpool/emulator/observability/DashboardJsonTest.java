package org.rserpool.emulator.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /** A panel where the grid shows it. */
  record Placed(int id, String title, boolean row, int x, int y, int w, int h) {
    static Placed of(JsonNode p) {
      JsonNode g = p.path("gridPos");
      return new Placed(p.path("id").asInt(), p.path("title").asText(), p.path("type").asText().equals("row"),
          g.path("x").asInt(), g.path("y").asInt(), g.path("w").asInt(), g.path("h").asInt());
    }

    Placed down(int by) {
      return new Placed(id, title, row, x, y + by, w, h);
    }

    boolean apart(Placed o) {
      return x + w <= o.x || o.x + o.w <= x || y + h <= o.y || o.y + o.h <= y;
    }

    @Override
    public String toString() {
      return "panel " + id + " '" + title + "' {x " + x + ", y " + y + ", w " + w + ", h " + h + "}";
    }
  }

  /**
   * The dashboard's grid with the collapsed rows of {@code expand} expanded, as Grafana's
   * DashboardModel.toggleRow does it: the children keep their positions relative to each other and
   * move so that the first one starts right below the row (shift = row.y + row.h - first child's y),
   * and every panel after the row moves down by the children's height (their lowest bottom - row.y - 1).
   */
  static List<Placed> layout(Dashboards.Dashboard d, Set<Integer> expand) {
    List<JsonNode> top = new ArrayList<>();
    d.json().path("panels").forEach(top::add);
    List<Placed> grid = new ArrayList<>(top.stream().map(Placed::of).toList());
    for (int i = 0, source = 0; source < top.size(); source++, i++) {
      JsonNode p = top.get(source);
      Placed row = grid.get(i);
      if (!row.row() || !expand.contains(row.id())) continue;
      List<Placed> children = new ArrayList<>();
      p.path("panels").forEach(c -> children.add(Placed.of(c)));
      if (children.isEmpty()) continue;
      int shift = row.y() + row.h() - children.get(0).y();
      int bottom = row.y();
      for (int c = 0; c < children.size(); c++) {
        Placed moved = children.get(c).down(shift);
        grid.add(i + 1 + c, moved);
        bottom = Math.max(bottom, moved.y() + moved.h());
      }
      int push = bottom - row.y() - 1;
      for (int after = i + 1 + children.size(); after < grid.size(); after++) grid.set(after, grid.get(after).down(push));
      i += children.size();
    }
    return grid;
  }

  static void assertFitsAndDoesNotOverlap(String what, List<Placed> grid) {
    for (int i = 0; i < grid.size(); i++) {
      Placed g = grid.get(i);
      assertTrue(g.w() > 0 && g.h() > 0, what + ": " + g + " has a size");
      assertTrue(g.x() >= 0 && g.y() >= 0 && g.x() + g.w() <= 24, what + ": " + g + " fits 24 columns");
      for (Placed o : grid.subList(0, i)) assertTrue(g.apart(o), what + ": " + g + " overlaps " + o);
    }
  }

  /** The grid as the dashboard opens, with each collapsed row expanded alone, and with all of them expanded. */
  @Test
  void panelsFitTheGridAndDoNotOverlapWithTheCollapsedRowsClosedOrOpen() {
    for (Dashboards.Dashboard d : DASHBOARDS) {
      Set<Integer> collapsed = new TreeSet<>();
      for (JsonNode p : d.json().path("panels")) {
        if (!p.path("type").asText().equals("row")) continue;
        if (!p.path("collapsed").asBoolean()) {
          assertEquals(0, p.path("panels").size(), d.name() + ": an open row's panels follow it on the grid, not inside it: row " + p.path("id"));
          continue;
        }
        collapsed.add(p.path("id").asInt());
        List<Placed> children = new ArrayList<>();
        p.path("panels").forEach(c -> children.add(Placed.of(c)));
        assertFalse(children.isEmpty(), d.name() + ": collapsed row " + p.path("id") + " has panels");
        // Grafana moves the children by the first one's y; the first one is the topmost, so the row
        // opens with its top panel right below it.
        int top = children.stream().mapToInt(Placed::y).min().orElseThrow();
        assertEquals(top, children.get(0).y(), d.name() + ": the first panel of collapsed row " + p.path("id") + " is its topmost");
      }
      assertFitsAndDoesNotOverlap(d.name() + " as it opens", layout(d, Set.of()));
      for (int row : collapsed) assertFitsAndDoesNotOverlap(d.name() + " with row " + row + " expanded", layout(d, Set.of(row)));
      assertFitsAndDoesNotOverlap(d.name() + " with every row expanded", layout(d, collapsed));
    }
  }

  /** The layout itself, on a made-up dashboard: a row above others, its children saved at a stale y. */
  @Test
  void expandingARowPlacesItsChildrenBelowItAndPushesThePanelsAfterIt() throws Exception {
    Dashboards.Dashboard d = new Dashboards.Dashboard(Path.of("made-up.json"), Dashboards.JSON.readTree("""
        {"panels": [
          {"id": 1, "type": "row", "collapsed": true, "gridPos": {"x": 0, "y": 0, "w": 24, "h": 1}, "panels": [
            {"id": 2, "type": "timeseries", "gridPos": {"x": 0, "y": 30, "w": 12, "h": 8}},
            {"id": 3, "type": "timeseries", "gridPos": {"x": 12, "y": 30, "w": 12, "h": 8}},
            {"id": 4, "type": "timeseries", "gridPos": {"x": 0, "y": 38, "w": 24, "h": 4}}]},
          {"id": 5, "type": "row", "collapsed": false, "gridPos": {"x": 0, "y": 1, "w": 24, "h": 1}, "panels": []},
          {"id": 6, "type": "stat", "gridPos": {"x": 0, "y": 2, "w": 24, "h": 4}}]}
        """));
    assertEquals(List.of(1, 5, 6), layout(d, Set.of()).stream().map(Placed::id).toList());
    List<Placed> open = layout(d, Set.of(1));
    assertEquals(List.of(1, 2, 3, 4, 5, 6), open.stream().map(Placed::id).toList());
    assertEquals(List.of(0, 1, 1, 9, 13, 14), open.stream().map(Placed::y).toList(), open.toString());
    assertFitsAndDoesNotOverlap("made-up", open);
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
