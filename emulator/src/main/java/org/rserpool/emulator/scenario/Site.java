package org.rserpool.emulator.scenario;

/** One site (a LAN, as in RSPSIM's scenario) and how many components of each kind it runs. */
public record Site(int id, int registrars, int poolElements, int poolUsers, int attackers) {

  /** A site without attackers. */
  public Site(int id, int registrars, int poolElements, int poolUsers) {
    this(id, registrars, poolElements, poolUsers, 0);
  }
}
