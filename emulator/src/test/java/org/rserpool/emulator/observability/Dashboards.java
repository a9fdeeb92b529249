package org.rserpool.emulator.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The provisioned Grafana dashboards (metrics/grafana/dashboards/*.json) and the queries in them. */
final class Dashboards {
  private Dashboards() {}

  static final ObjectMapper JSON = new ObjectMapper();

  /** A PromQL expression of a dashboard: a panel target, an annotation or a template variable. */
  record Query(String dashboard, String where, String expr) {
    @Override
    public String toString() {
      return dashboard + ": " + where + ": " + expr;
    }
  }

  record Dashboard(Path file, JsonNode json) {
    String name() {
      return file.getFileName().toString();
    }

    /** Every panel, the rows' collapsed children included. */
    List<JsonNode> panels() {
      List<JsonNode> all = new ArrayList<>();
      for (JsonNode p : json.path("panels")) {
        all.add(p);
        for (JsonNode child : p.path("panels")) all.add(child);
      }
      return all;
    }

    /** The panels' target expressions and the annotations' expressions. */
    List<Query> queries() {
      List<Query> q = new ArrayList<>();
      for (JsonNode p : panels()) {
        for (JsonNode t : p.path("targets")) {
          q.add(new Query(name(), "panel " + p.path("id").asInt() + " '" + p.path("title").asText() + "' " + t.path("refId").asText(), t.path("expr").asText()));
        }
      }
      for (JsonNode a : json.at("/annotations/list")) {
        if (a.has("expr")) q.add(new Query(name(), "annotation '" + a.path("name").asText() + "'", a.path("expr").asText()));
      }
      return q;
    }

    /** The template variable of that name, or a missing node. */
    JsonNode variable(String name) {
      for (JsonNode v : json.at("/templating/list")) {
        if (v.path("name").asText().equals(name)) return v;
      }
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** A query variable's query ({@code label_values(...)}), in either of Grafana's two forms. */
    static String variableQuery(JsonNode variable) {
      JsonNode q = variable.path("query");
      return q.isTextual() ? q.asText() : q.path("query").asText();
    }
  }

  static Path folder() {
    return ExternalTool.repositoryRoot().resolve("metrics/grafana/dashboards");
  }

  static List<Dashboard> all() {
    try (Stream<Path> files = Files.list(folder())) {
      List<Dashboard> list = new ArrayList<>();
      for (Path f : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        list.add(new Dashboard(f, JSON.readTree(f.toFile())));
      }
      return list;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
