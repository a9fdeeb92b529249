package org.rserpool.emulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * The client side of the REST control API (docs/control-api.md) for {@code ./emulate ctl}: one
 * request, its JSON answer, and every failure turned into a {@link Failure} whose message a user can act
 * on — the problem+json detail (RFC 9457) of a 4xx/5xx, or that nothing listens at the URL.
 */
final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String token;
  private final Duration timeout;
  private final HttpClient http;

  ApiClient(URI base, String token, Duration timeout) {
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
    this.token = token == null || token.isBlank() ? null : token;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  JsonNode get(String path) throws Failure {
    return send(request(path).GET());
  }

  JsonNode post(String path, JsonNode body) throws Failure {
    return send(request(path)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body == null ? "{}" : body.toString())));
  }

  JsonNode delete(String path) throws Failure {
    return send(request(path).DELETE());
  }

  /**
   * Follows {@code GET /api/events} (Server-Sent Events) and hands each event's type and data to
   * {@code sink} until it returns false or the server ends the stream.
   */
  void events(EventSink sink) throws Failure {
    HttpRequest req = request("/api/events").header("Accept", "text/event-stream").GET().timeout(Duration.ofDays(365)).build();
    HttpResponse<InputStream> res;
    try {
      res = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure("interrupted", 1);
    }
    if (res.statusCode() >= 400) {
      try (InputStream in = res.body()) {
        throw problem(res.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw unreachable(e);
      }
    }
    try (BufferedReader in = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
      String type = "message";
      StringBuilder data = new StringBuilder();
      for (String line; (line = in.readLine()) != null; ) {
        if (line.isEmpty()) {
          // A blank line ends an event (the SSE format, WHATWG HTML §9.2); comments and keep-alives carry no data.
          if (data.length() > 0 && !sink.accept(type, JSON.readTree(data.toString()))) return;
          type = "message";
          data.setLength(0);
        } else if (line.startsWith("event:")) {
          type = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          if (data.length() > 0) data.append('\n');
          data.append(line.substring(5).trim());
        }
      }
    } catch (IOException e) {
      throw new Failure("the event stream from " + base + " broke off: " + e.getMessage(), 1);
    }
  }

  @FunctionalInterface
  interface EventSink {
    boolean accept(String type, JsonNode data) throws IOException;
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).header("Accept", "application/json");
    if (token != null) b.header("Authorization", "Bearer " + token);
    return b;
  }

  private JsonNode send(HttpRequest.Builder builder) throws Failure {
    HttpResponse<String> res;
    try {
      res = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure("interrupted", 1);
    }
    if (res.statusCode() >= 400) throw problem(res.statusCode(), res.body());
    try {
      return res.body().isEmpty() ? JSON.nullNode() : JSON.readTree(res.body());
    } catch (IOException e) {
      throw new Failure(base + " answered " + res.statusCode() + " with something that is not JSON: " + abbreviate(res.body()), 1);
    }
  }

  private Failure unreachable(IOException e) {
    if (e instanceof HttpTimeoutException) return new Failure("no answer from " + base + " within " + timeout.toSeconds() + " s", 1);
    Throwable cause = e;
    while (cause.getCause() != null && !(cause instanceof ConnectException)) cause = cause.getCause();
    if (cause instanceof ConnectException) {
      return new Failure("no emulation answers at " + base + " (is one running? ./emulate starts one; --url or EMULATOR_CONTROL_URL point elsewhere)", 1);
    }
    return new Failure("cannot reach " + base + ": " + e, 1);
  }

  /** A 4xx/5xx: the problem document's title, detail and offending field, or the raw body if it has none. */
  private static Failure problem(int status, String body) {
    String text;
    try {
      JsonNode p = JSON.readTree(body);
      Predicate<String> has = k -> p.hasNonNull(k) && !p.get(k).asText().isEmpty();
      text = status + " " + (has.test("title") ? p.get("title").asText() : "")
          + (has.test("detail") ? ": " + p.get("detail").asText() : "")
          + (has.test("field") ? " (field '" + p.get("field").asText() + "')" : "");
    } catch (IOException | RuntimeException e) {
      text = status + ": " + abbreviate(body);
    }
    // 4xx: the request was wrong (bad input, exit 2); 5xx: the server could not do it.
    return new Failure(text, status < 500 ? EmulatorMain.EXIT_BAD_INPUT : 1);
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }

  /** A request that did not succeed: the message for the user and the exit code. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    final int exitCode;

    Failure(String message, int exitCode) {
      super(message);
      this.exitCode = exitCode;
    }
  }
}
