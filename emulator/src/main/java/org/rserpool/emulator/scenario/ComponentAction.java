package org.rserpool.emulator.scenario;

import java.util.Locale;

/** What can be done to a running component, from a scenario's events or the control API. */
public enum ComponentAction {
  /** Stop at once, silently: no deregistration, no goodbye; state is lost (RSPSIM's unclean shutdown). */
  CRASH,
  /** Start a crashed component again at its address: a registrar keeps its ID, a pool element gets a new identifier. */
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
