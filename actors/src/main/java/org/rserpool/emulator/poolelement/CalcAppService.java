package org.rserpool.emulator.poolelement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.calcapp.CalcAppCookie;
import org.rserpool.emulator.protocol.calcapp.CalcAppMessage;

/**
 * RSPSIM's CalcApp server (calcappserverprocess.cc; rspsim-model.md §1.5) without the actor around it:
 * admission (MaxJobs, reject probability), processor sharing, cookies, session keep-alives and the
 * cleanup of orphaned jobs. Plain Java driven by its pool element actor, which delivers the messages,
 * calls {@link #serve} when {@link #nextDueNanos} has come, and sends what it is asked to send.
 *
 * <ul>
 *   <li>A CALCAPP_REQUEST or an ASAP_COOKIE_ECHO (resuming from the cookie's checkpoint) is rejected with
 *       CALCAPP_REJECT when MaxJobs jobs run already, or at random with the reject probability; else it
 *       is accepted with CALCAPP_ACCEPT and shares the capacity with the other jobs at once.
 *   <li>Each job gets an ASAP_COOKIE carrying a {@link CalcAppCookie} when it has done
 *       cookie-max-calculations since its last cookie or cookie-max-time has passed, whichever comes first.
 *   <li>Every session-keep-alive-interval the server sends a job's user CALCAPP_KEEP_ALIVE and waits
 *       session-keep-alive-timeout for the ack; without it the user is considered gone: CALCAPP_ABORT,
 *       and the job's share goes to the others. This is the only cleanup of jobs whose user failed over
 *       elsewhere (RSPSIM). The user's own keep-alives are acked.
 *   <li>A completed job gets CALCAPP_COMPLETE when the pool element next runs (its timer fires at the
 *       completion time computed by {@link ProcessorSharingServer}, exact even when the timer is late).
 * </ul>
 *
 * A job is known by its user's address and job ID (RSPSIM findJob). A second request or cookie echo for
 * a job still running replaces it: the user has given up on the first one (RSPSIM would run both).
 */
final class CalcAppService {

  /** The service parameters; times in emulated nanoseconds. */
  record Settings(
      double capacity,
      int maxJobs,
      double rejectProbability,
      double cookieMaxCalculations,
      long cookieMaxTimeNanos,
      long keepAliveIntervalNanos,
      long keepAliveTimeoutNanos) {}

  /** What the service asks of its pool element. */
  interface Events {
    /** Send {@code message} from the service address to {@code to}. */
    void send(TransportAddress to, Message message);

    /** The number of jobs changed (the load of adaptive policies). */
    void jobSetChanged(int jobs);
  }

  private record SessionKey(TransportAddress user, int jobId) {}

  private static final class Session {
    final SessionKey key;
    final int serverJob;
    long nextKeepAliveNanos;
    long keepAliveTimeoutNanos = -1;
    double lastCookieCompleted;
    long lastCookieNanos;

    Session(SessionKey key, int serverJob) {
      this.key = key;
      this.serverJob = serverJob;
    }
  }

  private final Settings settings;
  private final Events events;
  private final PoolElementMetrics metrics;
  private final RandomGenerator random;
  private final ProcessorSharingServer server;
  private final Map<SessionKey, Session> sessions = new LinkedHashMap<>();
  private final Map<Integer, Session> byServerJob = new HashMap<>();
  private int nextServerJob = 1;
  private boolean busy;
  private boolean closed;
  private long jobsAccepted;
  private long jobsRejected;
  private long jobsCompleted;

  CalcAppService(Settings settings, Events events, PoolElementMetrics metrics, RandomGenerator random, long nowNanos) {
    this.settings = settings;
    this.events = events;
    this.metrics = metrics;
    this.random = random;
    this.server = new ProcessorSharingServer(settings.capacity(), nowNanos);
  }

  int jobCount() {
    return server.jobCount();
  }

  /** Calculations performed up to {@code nowNanos} (jobs completed by then are handed out with the next {@link #serve}). */
  double usedCalculations(long nowNanos) {
    if (!closed) server.advance(nowNanos);
    return server.usedCalculations();
  }

  long jobsAccepted() {
    return jobsAccepted;
  }

  long jobsRejected() {
    return jobsRejected;
  }

  long jobsCompleted() {
    return jobsCompleted;
  }

  /** Handles a CalcApp message or cookie echo from a pool user; {@code false} if it is not one the server takes. */
  boolean receive(TransportAddress from, Message message, long nowNanos) {
    if (closed) return message instanceof CalcAppMessage || message instanceof AsapMessage.CookieEcho;
    if (message instanceof CalcAppMessage.Request r) {
      offer(from, r.jobId(), r.jobSize(), 0, false, nowNanos);
    } else if (message instanceof AsapMessage.CookieEcho echo) {
      CalcAppCookie cookie = CalcAppCookie.fromBytes(echo.cookie());
      offer(from, cookie.jobId(), cookie.jobSize(), cookie.completed(), true, nowNanos);
    } else if (message instanceof CalcAppMessage.KeepAlive k) {
      serve(nowNanos);
      if (sessions.containsKey(new SessionKey(from, k.jobId()))) events.send(from, new CalcAppMessage.KeepAliveAck(k.jobId()));
    } else if (message instanceof CalcAppMessage.KeepAliveAck a) {
      serve(nowNanos);
      Session s = sessions.get(new SessionKey(from, a.jobId()));
      if (s != null && s.keepAliveTimeoutNanos >= 0) {
        s.keepAliveTimeoutNanos = -1;
        s.nextKeepAliveNanos = nowNanos + settings.keepAliveIntervalNanos();
      }
    } else {
      return false;
    }
    return true;
  }

  /** RSPSIM addJob: admission, then the job shares the capacity from now on. */
  private void offer(TransportAddress from, int jobId, long size, long completed, boolean cookieEcho, long nowNanos) {
    serve(nowNanos);
    SessionKey key = new SessionKey(from, jobId);
    Session previous = sessions.get(key);
    if (previous != null) end(previous, nowNanos);
    boolean full = server.jobCount() >= settings.maxJobs();
    if (full || (settings.rejectProbability() > 0 && random.nextDouble() < settings.rejectProbability())) {
      jobsRejected++;
      metrics.jobRejected(full);
      events.send(from, new CalcAppMessage.Reject(jobId));
      if (previous != null) events.jobSetChanged(server.jobCount());
      return;
    }
    Session s = new Session(key, nextServerJob++);
    s.nextKeepAliveNanos = nowNanos + settings.keepAliveIntervalNanos();
    s.lastCookieNanos = nowNanos;
    ProcessorSharingServer.Job job = server.add(s.serverJob, size, completed, nowNanos);
    s.lastCookieCompleted = job.completed();
    sessions.put(key, s);
    byServerJob.put(s.serverJob, s);
    jobsAccepted++;
    metrics.jobAccepted(cookieEcho);
    metrics.jobsInService(1);
    if (!busy) {
      busy = true;
      metrics.busy(settings.capacity(), nowNanos);
    }
    events.send(from, new CalcAppMessage.Accept(jobId, size));
    events.jobSetChanged(server.jobCount());
    // A job resumed from a cookie of a finished job completes at once.
    serve(nowNanos);
  }

  /**
   * Does what is due at {@code nowNanos}: completions (each at its exact time), session keep-alives and
   * their timeouts, cookies.
   */
  void serve(long nowNanos) {
    List<ProcessorSharingServer.Job> done = server.takeCompleted(nowNanos);
    for (ProcessorSharingServer.Job job : done) {
      Session s = byServerJob.remove(job.id());
      sessions.remove(s.key);
      jobsCompleted++;
      metrics.jobCompleted();
      metrics.jobsInService(-1);
      events.send(s.key.user(), new CalcAppMessage.Complete(s.key.jobId(), (long) job.size(), (long) job.size()));
    }
    noteIdle();
    boolean aborted = false;
    for (Session s : new ArrayList<>(sessions.values())) {
      if (s.keepAliveTimeoutNanos >= 0 && s.keepAliveTimeoutNanos <= nowNanos) {
        // No ack: the user is gone (crashed, or failed over elsewhere). Free its share.
        events.send(s.key.user(), new CalcAppMessage.Abort(s.key.jobId()));
        metrics.jobAborted(false);
        end(s, nowNanos);
        aborted = true;
        continue;
      }
      if (s.keepAliveTimeoutNanos < 0 && s.nextKeepAliveNanos <= nowNanos) {
        events.send(s.key.user(), new CalcAppMessage.KeepAlive(s.key.jobId()));
        s.keepAliveTimeoutNanos = nowNanos + settings.keepAliveTimeoutNanos();
      }
      if (cookieDueNanos(s) <= nowNanos) sendCookie(s, nowNanos);
    }
    if (!done.isEmpty() || aborted) events.jobSetChanged(server.jobCount());
  }

  /** When {@link #serve} has something to do next, or -1 when nothing is pending. */
  long nextDueNanos(long nowNanos) {
    server.advance(nowNanos);
    long next = server.nextCompletionNanos(nowNanos);
    for (Session s : sessions.values()) {
      next = earliest(next, s.keepAliveTimeoutNanos >= 0 ? s.keepAliveTimeoutNanos : s.nextKeepAliveNanos);
      next = earliest(next, cookieDueNanos(s));
    }
    return next;
  }

  private static long earliest(long a, long b) {
    if (a < 0) return b;
    if (b < 0) return a;
    return Math.min(a, b);
  }

  /** RSPSIM scheduleJobs: min(by calculations at the current rate, by time since the last cookie). */
  private long cookieDueNanos(Session s) {
    ProcessorSharingServer.Job job = server.job(s.serverJob);
    long byTime = s.lastCookieNanos + settings.cookieMaxTimeNanos() < 0 ? Long.MAX_VALUE : s.lastCookieNanos + settings.cookieMaxTimeNanos();
    long byCalculations = server.reachesNanos(job, s.lastCookieCompleted + settings.cookieMaxCalculations());
    if (byCalculations < 0) byCalculations = server.lastUpdateNanos();
    return Math.min(byTime, byCalculations);
  }

  private void sendCookie(Session s, long nowNanos) {
    ProcessorSharingServer.Job job = server.job(s.serverJob);
    s.lastCookieCompleted = job.completed();
    s.lastCookieNanos = nowNanos;
    metrics.cookieSent();
    // Whole calculations, never claiming work not done.
    CalcAppCookie cookie = new CalcAppCookie(s.key.jobId(), (long) job.size(), (long) Math.floor(job.completed()));
    events.send(s.key.user(), new AsapMessage.Cookie(cookie.toBytes()));
  }

  private void end(Session s, long nowNanos) {
    sessions.remove(s.key);
    byServerJob.remove(s.serverJob);
    if (server.remove(s.serverJob, nowNanos) != null) metrics.jobsInService(-1);
    noteIdle();
  }

  private void noteIdle() {
    if (busy && server.jobCount() == 0) {
      busy = false;
      metrics.busy(-settings.capacity(), server.idleSinceNanos());
    }
  }

  /**
   * Stops serving (RSPSIM shutdownService / killAllJobs). A clean shutdown hands every user a last cookie
   * and CALCAPP_ABORT, so it resumes elsewhere without losing work; a crash sends nothing. Later
   * messages are ignored, as RSPSIM ignores them while shutting down.
   */
  void shutdown(boolean clean, long nowNanos) {
    if (closed) return;
    serve(nowNanos);
    for (Session s : new ArrayList<>(sessions.values())) {
      if (clean) {
        sendCookie(s, nowNanos);
        events.send(s.key.user(), new CalcAppMessage.Abort(s.key.jobId()));
        metrics.jobAborted(true);
      }
      end(s, nowNanos);
    }
    closed = true;
  }
}
