package org.rserpool.emulator.control;

/**
 * A request the control API refuses, carried to the server as an RFC 9457 problem: the status, a
 * short title for the kind of problem, what exactly is wrong, and the request field it is about.
 */
public final class ProblemException extends RuntimeException {
  private final int status;
  private final String title;
  private final String field;

  public ProblemException(int status, String title, String detail, String field) {
    super(detail);
    this.status = status;
    this.title = title;
    this.field = field;
  }

  /**
   * 400: a field of the request is wrong by itself, whatever the emulation holds: a wrong type, an
   * unknown key or fault type, a value out of range.
   */
  public static ProblemException invalid(String field, String detail) {
    return new ProblemException(400, "Invalid field", detail, field);
  }

  /**
   * 422: the request is right, but this emulation has nothing it applies to: a selector that matches
   * no component (a name it does not have, a site without such a role).
   */
  public static ProblemException unmatched(String field, String detail) {
    return new ProblemException(422, "Selector matches nothing", detail, field);
  }

  /** 404: no such resource. */
  public static ProblemException notFound(String detail) {
    return new ProblemException(404, "Not found", detail, null);
  }

  /** 409: the target's state forbids the action. */
  public static ProblemException conflict(String detail) {
    return new ProblemException(409, "Conflict", detail, null);
  }

  /** 400: the body is not JSON, or not the JSON shape expected. */
  public static ProblemException malformed(String detail, String field) {
    return new ProblemException(400, "Malformed request", detail, field);
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** The JSON field (dotted path) the problem is about, or {@code null}. */
  public String field() {
    return field;
  }
}
