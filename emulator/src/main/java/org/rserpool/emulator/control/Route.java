package org.rserpool.emulator.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * One route of the control API: a method and a path template such as {@code /api/faults/{id}}, whose
 * {@code {name}} segments match any one segment. The OpenAPI test compares these with the document.
 */
record Route(String method, String template, Handler handler) {

  /** Answers one request. */
  interface Handler {
    CompletionStage<Reply> handle(Request request);
  }

  /** What a handler sees: the path parameters, the query parameters, the body (empty for none) and the headers it needs. */
  record Request(Map<String, String> path, Map<String, List<String>> query, String body, String lastEventId) {}

  /** The segments' values if {@code path} fits the template, else {@code null}. */
  Map<String, String> match(List<String> segments) {
    List<String> parts = segments(template);
    if (parts.size() != segments.size()) return null;
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < parts.size(); i++) {
      String p = parts.get(i);
      if (p.startsWith("{") && p.endsWith("}")) {
        if (segments.get(i).isEmpty()) return null;
        values.put(p.substring(1, p.length() - 1), segments.get(i));
      } else if (!p.equals(segments.get(i))) {
        return null;
      }
    }
    return values;
  }

  static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/", -1)) out.add(s);
    if (!out.isEmpty() && out.get(0).isEmpty()) out.remove(0);
    return out;
  }
}
