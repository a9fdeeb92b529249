package org.rserpool.emulator.results;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rserpool.emulator.runtime.Statistics;
import org.rserpool.emulator.scenario.Scenario;

/**
 * RSPSIM's global metrics (rspsim-model.md §4.1, §4.6) from the statistics of a run's measurement
 * window, named as RSPSIM's controller scalars without spaces. Besides the raw globals it computes the
 * derived ones its plots use: utilization and speeds as ratios of sums, speeds also in percent of the
 * nominal pool element capacity, packets per second of the window, handle resolutions per job.
 */
public final class ResultsCalculator {
  private ResultsCalculator() {}

  /**
   * @param window the statistics of the measurement window ({@code Emulation.windowStatistics()})
   */
  public static RunResults of(Scenario scenario, Statistics window) {
    Statistics s = window;
    double capacity = scenario.poolElement().capacity();
    double seconds = s.windowSeconds();
    Map<String, Double> v = new LinkedHashMap<>();
    v.put("MeasuredDuration", seconds);
    // Provider's perspective.
    v.put("SystemUtilization", s.utilization());
    // User's perspective: ratios of sums.
    v.put("SystemAverageHandlingSpeed", s.handlingSpeed());
    v.put("SystemAverageHandlingSpeedPercent", 100 * s.handlingSpeed() / capacity);
    double processingSpeed = ratio(s.jobSizeCompleted(), s.processingTime().sumSeconds());
    v.put("SystemAverageProcessingSpeed", processingSpeed);
    v.put("SystemAverageProcessingSpeedPercent", 100 * processingSpeed / capacity);
    v.put("SystemAverageQueuingDelay", s.meanQueuingDelay());
    v.put("SystemAverageStartupDelay", s.meanStartupDelay());
    v.put("SystemAverageProcessingTime", s.meanProcessingTime());
    v.put("SystemAverageHandlingTime", s.meanHandlingTime());
    v.put("SystemAverageFailoverTime", s.meanFailoverTime());
    v.put("SystemAverageOverheadPerCalculation", ratio(s.asapPackets() + s.enrpPackets(), s.jobSizeCompleted()));
    v.put("HandleResolutionsPerRequest", ratio(s.handleResolutions(), s.jobsCompleted()));
    v.put("CalcAppAcceptance", 100 * ratio(s.accepts(), s.accepts() + s.rejects()));
    v.put("CalcAppRejection", 100 * ratio(s.rejects(), s.accepts() + s.rejects()));
    // Pool elements.
    v.put("CalcAppPEGlobalProvidedCapacity", s.providedCapacity());
    v.put("CalcAppPEGlobalUsedCapacity", s.usedCapacity());
    v.put("CalcAppPEGlobalWastedCapacity", s.providedCapacity() - s.usedCapacity());
    // Pool users.
    v.put("CalcAppPUGlobalJobQueueLength", (double) s.jobQueueLength());
    v.put("CalcAppPUGlobalJobsQueued", (double) s.jobsQueued());
    v.put("CalcAppPUGlobalJobsStarted", (double) s.jobsStarted());
    v.put("CalcAppPUGlobalJobsCompleted", (double) s.jobsCompleted());
    v.put("CalcAppPUGlobalJobSizeCompleted", s.jobSizeCompleted());
    v.put("CalcAppPUGlobalGoodput", s.goodput());
    v.put("CalcAppPUGlobalJobQueuingDelay", s.queuingDelay().sumSeconds());
    v.put("CalcAppPUGlobalJobStartupDelay", s.startupDelay().sumSeconds());
    v.put("CalcAppPUGlobalJobProcessingTime", s.processingTime().sumSeconds());
    v.put("CalcAppPUGlobalJobHandlingTime", s.handlingTime().sumSeconds());
    v.put("CalcAppPUGlobalJobGoodputTime", s.goodputTime().sumSeconds());
    v.put("CalcAppPUGlobalJobFailoverTime", s.failoverTime().sumSeconds());
    v.put("CalcAppPUGlobalServerSelections", (double) s.serverSelections());
    v.put("CalcAppPUGlobalUnreachables", (double) s.unreachables());
    v.put("CalcAppPUGlobalFailovers", (double) s.failovers());
    v.put("CalcAppPUGlobalCalcAppRequests", (double) s.requests());
    v.put("CalcAppPUGlobalCalcAppCookieEchoes", (double) s.cookieEchoes());
    v.put("CalcAppPUGlobalCalcAppAccepts", (double) s.accepts());
    v.put("CalcAppPUGlobalCalcAppRejects", (double) s.rejects());
    v.put("CalcAppPUGlobalJobInvariantViolations", (double) s.invariantViolations());
    // Registrars.
    v.put("RegistrarGlobalStartupsWithMentor", (double) s.startupsWithMentor());
    v.put("RegistrarGlobalStartupsAlone", (double) s.startupsAlone());
    v.put("RegistrarGlobalRegistrations", (double) s.registrations());
    v.put("RegistrarGlobalDeregistrations", (double) s.deregistrations());
    v.put("RegistrarGlobalEndpointKeepAlivesSent", (double) s.keepAlivesSent());
    v.put("RegistrarGlobalEndpointKeepAliveAcksReceived", (double) s.keepAliveAcksReceived());
    v.put("RegistrarGlobalEndpointKeepAliveTimeouts", (double) s.keepAliveTimeouts());
    v.put("RegistrarGlobalLifetimeExpiries", (double) s.lifetimeExpiries());
    v.put("RegistrarGlobalHandleResolutions", (double) s.handleResolutions());
    v.put("RegistrarGlobalRefusedHandleResolutions", (double) s.refusedHandleResolutions());
    v.put("RegistrarGlobalEndpointUnreachables", (double) s.endpointUnreachables());
    v.put("RegistrarGlobalRefusedEndpointUnreachables", (double) s.refusedEndpointUnreachables());
    v.put("RegistrarGlobalHandleUpdates", (double) s.handleUpdates());
    v.put("RegistrarGlobalRequestedPresences", (double) s.requestedPresences());
    v.put("RegistrarGlobalPeerListRequests", (double) s.peerListRequests());
    v.put("RegistrarGlobalHandleTableRequests", (double) s.handleTableRequests());
    v.put("RegistrarGlobalTakeoversStarted", (double) s.takeoversStarted());
    v.put("RegistrarGlobalTakeoversByConsent", (double) s.takeoversByConsent());
    v.put("RegistrarGlobalTakeoversByTimeout", (double) s.takeoversByTimeout());
    v.put("RegistrarGlobalAssociationLosses", (double) s.associationLosses());
    // The network (RSPSIM's TransportNode globals) and attackers.
    v.put("TransportNodeGlobalASAPPackets", (double) s.asapPackets());
    v.put("TransportNodeGlobalENRPPackets", (double) s.enrpPackets());
    v.put("TransportNodeGlobalASAPPacketsPerSecond", ratio(s.asapPackets(), seconds));
    v.put("TransportNodeGlobalENRPPacketsPerSecond", ratio(s.enrpPackets(), seconds));
    // Not RSPSIM's (it has no SCTP): what the associations ASAP and ENRP travel on did.
    v.put("TransportNodeGlobalSCTPRetransmissions", (double) s.retransmissions());
    v.put("TransportNodeGlobalAssociationsLost", (double) s.associationsLost());
    v.put("AttackerGlobalRequests", (double) s.attackRequests());
    return new RunResults(scenario.name(), scenario.seed(), v);
  }

  private static double ratio(double numerator, double denominator) {
    return denominator > 0 ? numerator / denominator : Double.NaN;
  }
}
