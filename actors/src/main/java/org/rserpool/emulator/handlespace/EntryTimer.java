package org.rserpool.emulator.handlespace;

/**
 * The one timer a handlespace entry can have running, as rsplib's registrar keeps them in its
 * handlespace (rspregistrar-asap.c, PENT_*). A registrar arms one actor timer for the earliest of all
 * of them ({@link Handlespace#nextTimerNanos()}) instead of one per pool element.
 */
public enum EntryTimer {
  /**
   * Registration life ran out (rsplib PENT_EXPIRY; RSPSIM LifetimeExpiryTimer): for pool elements of
   * other registrars, refreshed by every ENRP update. The handlespace removes the entry when it fires.
   */
  EXPIRY,
  /** Time to send the next ASAP_ENDPOINT_KEEP_ALIVE to an owned pool element (PENT_KEEPALIVE_TRANSMISSION). */
  KEEP_ALIVE_TRANSMISSION,
  /** No ASAP_ENDPOINT_KEEP_ALIVE_ACK in time (PENT_KEEPALIVE_TIMEOUT). */
  KEEP_ALIVE_TIMEOUT
}
