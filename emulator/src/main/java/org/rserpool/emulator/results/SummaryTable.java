package org.rserpool.emulator.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rserpool.emulator.runtime.Statistics;
import org.rserpool.emulator.scenario.Scenario;

/**
 * The table printed at the end of a run: what ran, and what the pool users and registrars experienced.
 * Utilization and handling speed are RSPSIM's system-wide ratios of sums (rspsim-model.md §4.1).
 */
public final class SummaryTable {
  private SummaryTable() {}

  public static String format(Scenario scenario, Statistics s, double realSeconds, double poolElementCapacity) {
    List<String[]> rows = new ArrayList<>();
    rows.add(row("Emulated time", clock(s.emulatedSeconds()) + String.format(Locale.ROOT, " (%.1f s real, time-scale %s)",
        realSeconds, trim(scenario.timeScale()))));
    if (s.windowStartSeconds() > 0) {
      rows.add(row("Measured", clock(s.windowStartSeconds()) + " to " + clock(s.emulatedSeconds())
          + " (statistics reset after the warm-up)"));
    }
    rows.add(row("Registrars", s.registrars() + " running"
        + (s.takeoversStarted() > 0 ? ", " + s.takeoversStarted() + " takeovers started (" + s.takeoversByConsent()
            + " by consent, " + s.takeoversByTimeout() + " by timeout)" : "")));
    rows.add(row("Pool elements", s.poolElementsRegistered() + " registered of " + scenario.poolElementCount()
        + (s.registrars() == 1
            ? " (" + s.poolElementsInHandlespaces() + " in the handlespace, " + s.pools() + " pool" + (s.pools() == 1 ? "" : "s") + ")"
            // Each registrar holds the whole handlespace: the gauges add up over them.
            : " (" + s.poolElementsInHandlespaces() + " entries, " + s.pools() + " pools summed over the " + s.registrars() + " registrars' handlespaces)")));
    rows.add(row("Pool users", s.poolUsersRunning() + " running"));
    if (scenario.attackerCount() > 0) {
      rows.add(row("Attackers", s.attackersRunning() + " running, " + s.attackRequests() + " "
          + scenario.attacker().type().key() + " requests sent"));
    }
    rows.add(row("Registrations", String.valueOf(s.registrations())));
    rows.add(row("Handle resolutions", s.handleResolutions()
        + (s.jobsCompleted() > 0 ? String.format(Locale.ROOT, " (%.2f per completed job)", (double) s.handleResolutions() / s.jobsCompleted()) : "")
        + (s.refusedHandleResolutions() > 0 ? ", " + s.refusedHandleResolutions() + " refused" : "")));
    rows.add(row("Jobs", s.jobsQueued() + " queued, " + s.jobsStarted() + " started, " + s.jobsCompleted() + " completed"));
    rows.add(row("Server selections", s.serverSelections() + " (" + s.accepts() + " accepted, " + s.rejects() + " rejected)"));
    rows.add(row("Failovers", s.failovers() + " (" + s.unreachables() + " unreachable reports"
        + (Double.isNaN(s.meanFailoverTime()) ? "" : String.format(Locale.ROOT, ", mean failover time per job %.3f s", s.meanFailoverTime())) + ")"));
    rows.add(row("Mean queuing delay", seconds(s.meanQueuingDelay())));
    rows.add(row("Mean startup delay", seconds(s.meanStartupDelay())));
    rows.add(row("Mean processing time", seconds(s.meanProcessingTime())));
    rows.add(row("Mean handling time", seconds(s.meanHandlingTime())));
    double speed = s.handlingSpeed();
    rows.add(row("Handling speed", Double.isNaN(speed) ? "-"
        : String.format(Locale.ROOT, "%.0f calculations/s (%.1f %% of a PE's capacity)", speed, 100 * speed / poolElementCapacity)));
    double utilization = s.utilization();
    rows.add(row("Utilization", Double.isNaN(utilization) ? "-"
        : String.format(Locale.ROOT, "%.1f %% (used / provided capacity over the pool elements' up-time)", 100 * utilization)));
    rows.add(row("Used capacity", String.format(Locale.ROOT, "%.4g calculations of %.4g provided", s.usedCapacity(), s.providedCapacity())));
    rows.add(row("Job invariants", s.invariantViolations() == 0 ? "hold for every completed job"
        : s.invariantViolations() + " violations (see the log)"));
    double window = s.windowSeconds();
    if (window > 0) {
      rows.add(row("Protocol packets", String.format(Locale.ROOT, "%.1f ASAP/s, %.1f ENRP/s", s.asapPackets() / window, s.enrpPackets() / window)));
    }
    rows.add(row("Network", s.messagesDelivered() + " messages delivered, " + s.messagesUnroutable() + " unroutable, "
        + s.messagesLost() + " lost, " + s.messagesPartitioned() + " partitioned"
        + (s.retransmissions() + s.associationsLost() > 0 ? "; SCTP: " + s.retransmissions() + " retransmissions, " + s.associationsLost() + " associations lost" : "")));

    int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
    StringBuilder out = new StringBuilder();
    out.append("Summary of scenario '").append(scenario.name()).append("' (seed ").append(scenario.seed()).append(")\n");
    for (String[] r : rows) {
      out.append("  ").append(r[0]).append(" ".repeat(width - r[0].length() + 2)).append(r[1]).append('\n');
    }
    return out.toString();
  }

  private static String[] row(String key, String value) {
    return new String[] {key, value};
  }

  private static String seconds(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f s", value);
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  /** h:mm:ss of a number of seconds. */
  public static String clock(double seconds) {
    long s = (long) Math.floor(seconds);
    return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  }
}
