package org.rserpool.emulator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How {@code ./emulate ctl} shows the control API's answers to a person: short lines and tables. */
final class ControlOutput {
  private ControlOutput() {}

  private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  static String pretty(JsonNode n) {
    try {
      return PRETTY.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      return n.toString();
    }
  }

  static void status(JsonNode s, PrintStream out) {
    out.printf(Locale.ROOT, "%s (seed %d): %s at %.1f s emulated of %s, time-scale %s%n",
        s.path("scenario").asText(), s.path("seed").asLong(), s.path("phase").asText(), s.path("emulatedTime").asDouble(),
        s.path("duration").isNull() ? "until stopped" : String.format(Locale.ROOT, "%.0f s", s.path("duration").asDouble()),
        s.path("timeScale").asText());
    for (Iterator<Map.Entry<String, JsonNode>> roles = s.path("components").fields(); roles.hasNext(); ) {
      Map.Entry<String, JsonNode> role = roles.next();
      List<String> states = new ArrayList<>();
      int total = 0;
      for (Iterator<Map.Entry<String, JsonNode>> it = role.getValue().fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> st = it.next();
        if (st.getValue().asInt() > 0) states.add(st.getValue().asInt() + " " + st.getKey());
        total += st.getValue().asInt();
      }
      if (total > 0) out.printf(Locale.ROOT, "  %-14s %5d  %s%n", role.getKey(), total, String.join(", ", states));
    }
    JsonNode f = s.path("faults");
    out.printf(Locale.ROOT, "  faults         %5d  (network impairments %d, partitions %d)%n",
        f.path("active").asInt(), f.path("networkImpairments").asInt(), f.path("networkPartitions").asInt());
    List<String> counters = new ArrayList<>();
    s.path("counters").fields().forEachRemaining(e -> counters.add(e.getKey() + "=" + e.getValue().asText()));
    out.println("  counters       " + String.join(" ", counters));
  }

  static void components(JsonNode list, PrintStream out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NAME", "ROLE", "SITE", "ADDRESS", "STATE", "INCARNATION"});
    for (JsonNode c : list) {
      rows.add(new String[] {c.path("name").asText(), c.path("role").asText(), c.path("site").asText(), c.path("address").asText(),
          c.path("state").asText(), c.path("incarnation").asText()});
    }
    table(rows, out);
  }

  static void faults(JsonNode list, PrintStream out) {
    if (list.isEmpty()) {
      out.println("no faults");
      return;
    }
    for (JsonNode f : list) {
      StringBuilder b = new StringBuilder();
      b.append(f.path("id").asText()).append(' ').append(f.path("type").asText());
      if (!f.path("name").asText().isEmpty()) b.append(" '").append(f.path("name").asText()).append('\'');
      b.append(" [").append(f.path("state").asText()).append(']');
      if (f.has("link")) b.append(' ').append(f.path("link").asText());
      if (f.has("from")) b.append(" from ").append(selector(f.get("from"))).append(" to ").append(selector(f.get("to")))
          .append(" (").append(f.path("direction").asText()).append(')');
      if (f.has("target")) b.append(" target ").append(selector(f.get("target")));
      b.append(", ").append(f.path("matched").asInt()).append(" matched");
      if (f.has("duration")) b.append(", duration ").append(f.path("duration").asText());
      if (f.has("schedule")) b.append(", schedule ").append(f.get("schedule"));
      if (f.has("endsAt")) b.append(String.format(Locale.ROOT, ", ends at %.1f s", f.path("endsAt").asDouble()));
      if (f.has("nextAt")) b.append(String.format(Locale.ROOT, ", next at %.1f s", f.path("nextAt").asDouble()));
      if (!f.path("message").asText().isEmpty()) b.append(": ").append(f.path("message").asText());
      out.println(b);
    }
  }

  /** A selector back in the command line's words (SelectorText), so that the user recognizes it. */
  static String selector(JsonNode s) {
    if (s == null || s.isTextual()) return s == null ? "all" : s.asText();
    List<String> terms = new ArrayList<>();
    for (String key : List.of("names", "role", "site", "address")) {
      for (JsonNode v : s.path(key)) terms.add(key.equals("names") ? v.asText() : key + ":" + v.asText());
    }
    String mode = s.path("mode").asText("all");
    if (!mode.equals("all")) terms.add("mode:" + mode + (s.has("value") ? ":" + s.get("value").asText() : ""));
    return terms.isEmpty() ? "all" : String.join(",", terms);
  }

  static void handlespace(JsonNode h, PrintStream out) {
    out.printf(Locale.ROOT, "%s (server ID %s) at %.1f s: digest %s%n", h.path("registrar").asText(), h.path("serverId").asText(),
        h.path("emulatedTime").asDouble(), h.path("digest").asText());
    for (JsonNode p : h.path("pools")) {
      out.printf(Locale.ROOT, "pool '%s' (%s), %d PEs%n", p.path("poolHandle").asText(), p.path("policy").asText(), p.path("poolElements").size());
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"  IDENTIFIER", "HOME", "TRANSPORT", "LOAD", "WEIGHT", "DISTANCE", "LIFE", "TIMER"});
      for (JsonNode e : p.path("poolElements")) {
        rows.add(new String[] {"  " + e.path("identifier").asText(), e.path("homeRegistrar").asText(), e.path("transport").asText(),
            e.path("load").asText(), e.path("weight").asText(), e.path("distance").asText(), e.path("registrationLife").asText() + " s",
            e.path("timer").asText()});
      }
      table(rows, out);
    }
    for (JsonNode o : h.path("owners")) {
      out.printf(Locale.ROOT, "owner %s: %d PEs, checksum %s%n", o.path("serverId").asText(), o.path("poolElements").asInt(), o.path("checksum").asText());
    }
  }

  static void event(String type, JsonNode e, PrintStream out) {
    JsonNode d = e.path("data");
    String what;
    switch (type) {
      case "component" -> what = d.path("name").asText() + " " + d.path("from").asText() + " -> " + d.path("to").asText();
      case "control" -> what = d.path("component").asText() + " " + d.path("action").asText() + ": " + d.path("message").asText();
      case "fault-added", "fault-removed", "fault-occurrence-started", "fault-occurrence-ended" ->
          what = d.path("id").asText() + " " + d.path("type").asText() + " [" + d.path("state").asText() + "] " + d.path("matched").asInt() + " matched";
      default -> what = d.toString();
    }
    out.printf(Locale.ROOT, "%9.3f s  %-24s %s%n", e.path("emulatedTime").asDouble(), type, what);
  }

  private static void table(List<String[]> rows, PrintStream out) {
    int[] width = new int[rows.get(0).length];
    for (String[] r : rows) for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
    for (String[] r : rows) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        b.append(r[i]);
        if (i < r.length - 1) b.append(" ".repeat(width[i] - r[i].length() + 2));
      }
      out.println(b);
    }
  }
}
