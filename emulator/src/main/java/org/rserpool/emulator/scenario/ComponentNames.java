package org.rserpool.emulator.scenario;

/**
 * The names of a scenario's components: {@code registrar-S-I}, {@code pe-S-I}, {@code pu-S-I} and
 * {@code at-S-I} for the I-th (from 1) registrar, pool element, pool user and attacker of site S.
 * Logs, events, metrics and the control API all use them.
 */
public final class ComponentNames {
  private ComponentNames() {}

  public static String registrar(int site, int index) {
    return "registrar-" + site + "-" + (index + 1);
  }

  public static String poolElement(int site, int index) {
    return "pe-" + site + "-" + (index + 1);
  }

  public static String poolUser(int site, int index) {
    return "pu-" + site + "-" + (index + 1);
  }

  public static String attacker(int site, int index) {
    return "at-" + site + "-" + (index + 1);
  }

  /** Whether a scenario with these sites has a component of this name. */
  public static boolean exists(Iterable<Site> sites, String name) {
    String[] parts = name.split("-");
    if (parts.length != 3) return false;
    int site;
    int index;
    try {
      site = Integer.parseInt(parts[1]);
      index = Integer.parseInt(parts[2]);
    } catch (NumberFormatException e) {
      return false;
    }
    for (Site s : sites) {
      if (s.id() != site || index < 1) continue;
      return switch (parts[0]) {
        case "registrar" -> index <= s.registrars();
        case "pe" -> index <= s.poolElements();
        case "pu" -> index <= s.poolUsers();
        case "at" -> index <= s.attackers();
        default -> false;
      };
    }
    return false;
  }
}
