package org.rserpool.emulator.control;

import akka.actor.typed.ActorSystem;
import akka.http.javadsl.Http;
import akka.http.javadsl.ServerBinding;
import akka.http.javadsl.model.ContentType;
import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpCharsets;
import akka.http.javadsl.model.HttpEntities;
import akka.http.javadsl.model.HttpHeader;
import akka.http.javadsl.model.HttpMethods;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.MediaTypes;
import akka.http.javadsl.model.headers.Allow;
import akka.http.javadsl.model.headers.RawHeader;
import akka.http.javadsl.settings.ServerSettings;
import akka.http.scaladsl.model.EntityStreamSizeException;
import akka.stream.Materializer;
import com.typesafe.config.ConfigFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.rserpool.emulator.results.ResultsWriter;
import org.rserpool.emulator.runtime.Emulation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST control endpoint of a running emulation (docs/control-api.md): Akka HTTP's server on the
 * emulation's actor system, JSON in and out, every refusal an RFC 9457 problem. It checks the bearer
 * token (when there is one), bounds request bodies to {@value #MAX_BODY} bytes, finds the route, and
 * turns whatever a handler throws into a problem, so no request can stop or change the emulation
 * except as the API says.
 */
public final class ControlServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
  /** Request bodies above this are refused with 413 (a fault is a few hundred bytes). */
  public static final int MAX_BODY = 64 * 1024;
  private static final ContentType PROBLEM = ContentTypes.create(MediaTypes.applicationWithFixedCharset("problem+json", HttpCharsets.UTF_8));
  private static final ContentType YAML = ContentTypes.create(MediaTypes.applicationWithOpenCharset("yaml"), HttpCharsets.UTF_8);
  private static final ContentType EVENTS = ContentTypes.create(MediaTypes.TEXT_EVENT_STREAM);

  private final ServerBinding binding;
  private final FaultBook faults;
  private final EventHub events;
  private final List<Route> routes;
  private final byte[] tokenDigest;
  private final Materializer materializer;
  private final MeterRegistry registry;

  private ControlServer(Emulation emulation, ControlSettings settings, Supplier<ResultsWriter.Run> run) {
    ActorSystem<?> system = emulation.system();
    this.materializer = Materializer.matFromSystem(system);
    this.registry = emulation.registry();
    this.events = new EventHub(emulation, materializer, settings.eventPollInterval());
    this.faults = new FaultBook(emulation, events, registry);
    this.routes = new ControlApi(emulation, faults, events, run).routes();
    this.tokenDigest = settings.token().isEmpty() ? null : sha256(settings.token());
    try {
      // Requests too malformed to reach handle() get a problem document too (ParsingProblems).
      ServerSettings server = ServerSettings.create(
          ConfigFactory.parseMap(Map.of("akka.http.server.parsing.error-handler", ParsingProblems.class.getName()))
              .withFallback(system.settings().config()));
      this.binding = Http.get(system).newServerAt(settings.host(), settings.port()).withSettings(server).bind(this::handle)
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      events.close();
      faults.close();
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException("cannot listen on " + settings.host() + ":" + settings.port() + ": " + cause.getMessage(), cause);
    }
  }

  /**
   * Starts the endpoint of {@code emulation}.
   *
   * @param run what results.json says of the run, for {@code GET /api/results}
   * @throws IllegalArgumentException when the settings are unsafe ({@link ControlSettings#check})
   * @throws IllegalStateException when it cannot listen (port taken)
   */
  public static ControlServer start(Emulation emulation, ControlSettings settings, Supplier<ResultsWriter.Run> run) {
    settings.check();
    return new ControlServer(emulation, settings, run);
  }

  /** The port it listens on (the one chosen when the settings said 0). */
  public int port() {
    return binding.localAddress().getPort();
  }

  public String host() {
    return binding.localAddress().getHostString();
  }

  /** The event stream's hub (tests look at what was published). */
  EventHub events() {
    return events;
  }

  /** Every route, for the OpenAPI test: method and path template. */
  public List<String> routes() {
    return routes.stream().map(r -> r.method() + " " + r.template()).toList();
  }

  private CompletionStage<HttpResponse> handle(HttpRequest request) {
    String method = request.method().value();
    String path;
    Map<String, List<String>> query;
    try {
      path = request.getUri().path();
      query = request.getUri().query().toMultiMap();
    } catch (RuntimeException e) {
      return done(count("unmatched", problem(new ProblemException(400, "Malformed request", "cannot read the request URI: " + e.getMessage(), null))));
    }
    if (tokenDigest != null && !authorized(request)) {
      HttpResponse r = problem(new ProblemException(401, "Unauthorized", "this endpoint needs 'Authorization: Bearer <token>' (--control-token)", "Authorization"))
          .addHeader(RawHeader.create("WWW-Authenticate", "Bearer realm=\"rserpool-emulator\""));
      request.discardEntityBytes(materializer);
      return done(count("unauthorized", r));
    }
    List<String> segments = Route.segments(path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    Route found = null;
    Map<String, String> params = null;
    Set<String> allowed = new LinkedHashSet<>();
    for (Route r : routes) {
      Map<String, String> p = r.match(segments);
      if (p == null) continue;
      allowed.add(r.method());
      if (r.method().equals(method)) {
        found = r;
        params = p;
        break;
      }
    }
    if (found == null) {
      request.discardEntityBytes(materializer);
      if (allowed.isEmpty()) return done(count("unmatched", problem(ProblemException.notFound("no resource " + path + "; the API is described at /api/openapi.yaml"))));
      HttpResponse r = problem(new ProblemException(405, "Method not allowed", method + " is not allowed on " + path + "; allowed: " + String.join(", ", allowed), null));
      List<akka.http.javadsl.model.HttpMethod> methods = new ArrayList<>();
      for (String m : allowed) HttpMethods.lookup(m).ifPresent(methods::add);
      return done(count("unmatched", r.addHeader(Allow.create(methods.toArray(akka.http.javadsl.model.HttpMethod[]::new)))));
    }
    Route route = found;
    Map<String, String> pathParams = params;
    String lastEventId = request.getHeader("Last-Event-ID").map(HttpHeader::value).orElse(null);
    return request.entity().withSizeLimit(MAX_BODY).toStrict(5000, materializer)
        .thenCompose(strict -> {
          String body = strict.getData().decodeString(StandardCharsets.UTF_8);
          return route.handler().handle(new Route.Request(pathParams, query, body, lastEventId));
        })
        .thenApply(this::response)
        .exceptionally(t -> failure(route, t))
        .thenApply(r -> count(route.template(), r));
  }

  private HttpResponse failure(Route route, Throwable t) {
    ProblemException p = ControlApi.problem(t);
    if (p != null) return problem(p);
    Throwable c = t;
    while (c.getCause() != null && (c instanceof java.util.concurrent.CompletionException || c instanceof java.util.concurrent.ExecutionException)) c = c.getCause();
    if (c instanceof EntityStreamSizeException) {
      return problem(new ProblemException(413, "Body too large", "request bodies are limited to " + MAX_BODY + " bytes", "body"));
    }
    if (c instanceof java.util.concurrent.TimeoutException || c instanceof akka.pattern.AskTimeoutException) {
      return problem(new ProblemException(503, "Emulation not answering", "the emulation did not answer in time; try again", null));
    }
    LOG.warn("control: {} {} failed", route.method(), route.template(), c);
    return problem(new ProblemException(500, "Internal error", c.toString(), null));
  }

  private HttpResponse response(Reply r) {
    HttpResponse res = HttpResponse.create().withStatus(r.status());
    if (r.stream() != null) return res.withEntity(HttpEntities.createChunked(EVENTS, r.stream())).addHeader(RawHeader.create("Cache-Control", "no-cache"));
    if (r.text() != null) return res.withEntity(HttpEntities.create(r.contentType().equals("application/yaml") ? YAML : ContentTypes.TEXT_PLAIN_UTF8,
        r.text().getBytes(StandardCharsets.UTF_8)));
    return res.withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, Json.write(r.json())));
  }

  /** A refusal as the API answers it: an RFC 9457 problem document with the refusal's status. */
  static HttpResponse problem(ProblemException e) {
    Problem p = Problem.of(e);
    return HttpResponse.create().withStatus(p.status()).withEntity(HttpEntities.create(PROBLEM, Json.write(p.toJson()).getBytes(StandardCharsets.UTF_8)));
  }

  private HttpResponse count(String route, HttpResponse r) {
    Counter.builder("emulator.control.requests").tag("route", route).tag("status", Integer.toString(r.status().intValue()))
        .description("Requests to the REST control API, by route template and status code").register(registry).increment();
    return r;
  }

  /** The bearer token, compared in constant time (as digests, so not even its length leaks). */
  private boolean authorized(HttpRequest request) {
    Optional<HttpHeader> h = request.getHeader("Authorization");
    if (h.isEmpty()) return false;
    String v = h.get().value().trim();
    if (v.length() < 7 || !v.substring(0, 7).equalsIgnoreCase("Bearer ")) return false;
    return MessageDigest.isEqual(sha256(v.substring(7).trim()), tokenDigest);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CompletionStage<HttpResponse> done(HttpResponse r) {
    return CompletableFuture.completedFuture(r);
  }

  /** Stops listening, ends the event streams and the fault timers (faults stay as they are). */
  @Override
  public void close() {
    // The event streams end first, so their clients see them complete, not the connection cut.
    events.close();
    try {
      binding.terminate(Duration.ofSeconds(2)).toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.debug("control: unbinding: {}", e.toString());
    }
    faults.close();
  }
}
