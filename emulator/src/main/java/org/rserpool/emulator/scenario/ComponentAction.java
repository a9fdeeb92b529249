package org.rserpool.emulator.scenario;

import java.util.Locale;

/** What can be done to a running component, from a scenario's events or the control API. */
public enum ComponentAction {
  /** Stop at once, silently: no deregistration, no goodbye; state is lost (RSPSIM's unclean shutdown). */
  CRASH,
  /**
   * Stop cleanly: a pool element hands every job's user a cookie and CALCAPP_ABORT, deregisters and
   * stops when its registrar answers (RSPSIM's clean shutdown); an attacker stops attacking. Registrars
   * and pool users have no graceful shutdown in RSPSIM or rsplib; for them it is refused.
   */
  SHUTDOWN,
  /**
   * Start a stopped component again at its address: a registrar keeps its ID, a pool element gets a new
   * identifier. A component whose start time has not come yet starts now.
   */
  RESTART;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The action for its scenario name, or {@code null}. */
  public static ComponentAction fromKey(String key) {
    for (ComponentAction a : values()) {
      if (a.key().equals(key)) return a;
    }
    return null;
  }
}
