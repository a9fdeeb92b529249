package org.rserpool.emulator.control;

import akka.Done;
import akka.NotUsed;
import akka.japi.Pair;
import akka.stream.Materializer;
import akka.stream.OverflowStrategy;
import akka.stream.javadsl.Source;
import akka.stream.javadsl.SourceQueueWithComplete;
import akka.util.ByteString;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.rserpool.emulator.runtime.Emulation;
import org.rserpool.emulator.runtime.EmulationGuardian.ComponentStatus;
import org.rserpool.emulator.runtime.Statistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens in the emulation, as a stream of Server-Sent Events ({@code GET /api/events}): faults
 * added and removed (told by {@link FaultBook}), component state changes, takeovers started and
 * finished, and failovers. The last three are found by looking at the emulation every poll interval
 * (the guardian's component list, the registrars' and pool users' counters), so they cost the
 * components nothing; an event then says how many happened since the last look.
 *
 * <p>Each event has an increasing id; a client that reconnects with {@code Last-Event-ID} gets the
 * events it missed from the last {@value #HISTORY}. A slow client loses its oldest undelivered events
 * rather than slowing anything down.
 */
final class EventHub implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
  static final int HISTORY = 1000;
  private static final int CLIENT_BUFFER = 1024;
  private static final Duration STREAM_END_GRACE = Duration.ofMillis(250);

  /** One event as it was published. */
  record Event(long id, String type, String json) {
    ByteString sse() {
      return ByteString.fromString("id: " + id + "\nevent: " + type + "\ndata: " + json + "\n\n");
    }
  }

  private final Emulation emulation;
  private final Materializer materializer;
  private final ScheduledExecutorService poller;
  private final ArrayDeque<Event> history = new ArrayDeque<>();
  private final Set<SourceQueueWithComplete<ByteString>> clients = ConcurrentHashMap.newKeySet();
  /** The subscribed streams until they have terminated (their last element passed on). */
  private final Set<CompletableFuture<Done>> streams = ConcurrentHashMap.newKeySet();
  private long nextId = 1;
  // The poller's view of the last look.
  private Map<String, ComponentStatus> lastComponents;
  private Statistics lastStatistics;

  EventHub(Emulation emulation, Materializer materializer, Duration pollInterval) {
    this.emulation = emulation;
    this.materializer = materializer;
    this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "control-events");
      t.setDaemon(true);
      return t;
    });
    long ms = Math.max(10, pollInterval.toMillis());
    poller.scheduleWithFixedDelay(this::poll, 0, ms, TimeUnit.MILLISECONDS);
  }

  /** Publishes an event to every client now; {@code data} becomes the JSON of its {@code data} member. */
  void publish(String type, Object data) {
    Map<String, Object> body = new LinkedHashMap<>();
    Event e;
    synchronized (history) {
      long id = nextId++;
      body.put("id", id);
      body.put("type", type);
      body.put("emulatedTime", emulation.clock().seconds());
      body.put("time", Instant.now().toString());
      body.put("data", data);
      e = new Event(id, type, Json.write(body));
      history.addLast(e);
      if (history.size() > HISTORY) history.removeFirst();
      // Offered under the lock, so every client sees the events in id order.
      for (SourceQueueWithComplete<ByteString> q : clients) q.offer(e.sse());
    }
  }

  /**
   * A new client's stream: the events after {@code lastEventId} still in the history (none if
   * {@code null}), then every new one, with a comment line every 10 s so proxies keep it open.
   */
  Source<ByteString, NotUsed> subscribe(Long lastEventId) {
    Pair<SourceQueueWithComplete<ByteString>, Source<ByteString, NotUsed>> p =
        Source.<ByteString>queue(CLIENT_BUFFER, OverflowStrategy.dropHead()).preMaterialize(materializer);
    SourceQueueWithComplete<ByteString> queue = p.first();
    synchronized (history) {
      if (lastEventId != null) {
        for (Event e : history) {
          if (e.id() > lastEventId) queue.offer(e.sse());
        }
      }
      clients.add(queue);
    }
    queue.watchCompletion().whenComplete((done, failure) -> clients.remove(queue));
    return p.second().keepAlive(Duration.ofSeconds(10), () -> ByteString.fromString(": keep-alive\n\n"))
        .watchTermination((notUsed, terminated) -> {
          // Until the last chunk has left, so that close() can wait for it.
          CompletableFuture<Done> t = terminated.toCompletableFuture();
          streams.add(t);
          t.whenComplete((d, f) -> streams.remove(t));
          return notUsed;
        });
  }

  /** The events still in the history, oldest first (tests, and {@code ./emulate ctl events}). */
  List<Event> recent() {
    synchronized (history) {
      return new ArrayList<>(history);
    }
  }

  int clients() {
    return clients.size();
  }

  private void poll() {
    try {
      List<ComponentStatus> now = emulation.listComponents(Duration.ofSeconds(5)).toCompletableFuture().get(6, TimeUnit.SECONDS).components();
      Map<String, ComponentStatus> byName = new HashMap<>(now.size() * 2);
      for (ComponentStatus c : now) byName.put(c.name(), c);
      if (lastComponents != null) {
        for (ComponentStatus c : now) {
          ComponentStatus before = lastComponents.get(c.name());
          if (before != null && (before.state() != c.state() || before.incarnation() != c.incarnation())) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", c.name());
            d.put("role", TargetSelector.roleName(c.role()));
            d.put("from", before.state().name().toLowerCase());
            d.put("to", c.state().name().toLowerCase());
            d.put("incarnation", c.incarnation());
            publish("component", d);
          }
        }
      }
      lastComponents = byName;
      Statistics s = emulation.statistics();
      if (lastStatistics != null) {
        long started = s.takeoversStarted() - lastStatistics.takeoversStarted();
        long consent = s.takeoversByConsent() - lastStatistics.takeoversByConsent();
        long timeout = s.takeoversByTimeout() - lastStatistics.takeoversByTimeout();
        long failovers = s.failovers() - lastStatistics.failovers();
        if (started > 0) publish("takeover-started", Map.of("count", started, "total", s.takeoversStarted()));
        if (consent + timeout > 0) {
          publish("takeover-finished", Map.of("byConsent", consent, "byTimeout", timeout, "total", s.takeoversByConsent() + s.takeoversByTimeout()));
        }
        if (failovers > 0) publish("failover", Map.of("count", failovers, "total", s.failovers()));
      }
      lastStatistics = s;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // The emulation is stopping or busy: look again next time.
      LOG.debug("control: event poll skipped: {}", e.toString());
    }
  }

  @Override
  public void close() {
    poller.shutdownNow();
    for (SourceQueueWithComplete<ByteString> q : clients) q.complete();
    clients.clear();
    // Each stream sends what it holds and its last chunk; the server's unbinding would cut it otherwise.
    // A stream has terminated when its last chunk has passed to the HTTP layer, which renders and
    // writes it a moment later: that moment is the grace (a test showed the connection cut without it).
    try {
      CompletableFuture<?>[] open = streams.toArray(CompletableFuture[]::new);
      CompletableFuture.allOf(open).get(2, TimeUnit.SECONDS);
      if (open.length > 0) Thread.sleep(STREAM_END_GRACE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.debug("control: event streams did not end in time: {}", e.toString());
    }
  }
}
