package org.rserpool.emulator.control;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An RFC 9457 problem document ({@code application/problem+json}): {@code type} (a URI naming the kind
 * of problem, here relative to the API's documentation), {@code title}, {@code status}, {@code detail},
 * and the extension member {@code field}, the request field at fault.
 */
public record Problem(int status, String title, String detail, String field) {
  public static final String MEDIA_TYPE = "application/problem+json";

  public static Problem of(ProblemException e) {
    return new Problem(e.status(), e.title(), e.getMessage(), e.field());
  }

  /**
   * The problem type: a URI reference relative to the API (RFC 9457 §3.1.1), one per kind of problem,
   * e.g. {@code /api/problems#invalid-field}; docs/control-api.md lists them. Not meant to be fetched.
   */
  public String type() {
    return "/api/problems#" + title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
  }

  public ObjectNode toJson() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("type", type());
    n.put("title", title);
    n.put("status", status);
    n.put("detail", detail);
    if (field != null) n.put("field", field);
    return n;
  }
}
