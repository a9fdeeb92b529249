package org.rserpool.emulator.network;

import org.rserpool.emulator.protocol.param.Ipv4Address;

/**
 * Where each component lives on the emulated network. Site n (1..254) is the LAN 10.n.0.0/16, as
 * RSPSIM's scenario is a chain of LANs: registrars in 10.n.0.x, attackers in 10.n.15.x, pool elements
 * from 10.n.16.1, pool users from 10.n.128.1, 250 hosts per /24. The network reads a packet's sites back from its
 * addresses ({@link #siteOf}) to pick the link between them.
 */
public final class AddressPlan {
  public static final int MAX_SITES = 254;
  public static final int HOSTS_PER_SUBNET = 250;
  public static final int MAX_REGISTRARS_PER_SITE = HOSTS_PER_SUBNET;
  public static final int MAX_POOL_ELEMENTS_PER_SITE = (128 - 16) * HOSTS_PER_SUBNET;
  public static final int MAX_POOL_USERS_PER_SITE = (256 - 128) * HOSTS_PER_SUBNET;
  public static final int MAX_ATTACKERS_PER_SITE = HOSTS_PER_SUBNET;
  /** The "site" of an address outside every site's LAN. */
  public static final int NO_SITE = 0;

  private AddressPlan() {}

  public static Ipv4Address registrar(int site, int index) {
    return host(site, 0, index);
  }

  public static Ipv4Address poolElement(int site, int index) {
    return host(site, 16, index);
  }

  public static Ipv4Address poolUser(int site, int index) {
    return host(site, 128, index);
  }

  /** The attacker {@code index} (from 0) of a site: 10.site.15.(index + 1), at most {@link #MAX_ATTACKERS_PER_SITE}. */
  public static Ipv4Address attacker(int site, int index) {
    if (index < 0 || index >= MAX_ATTACKERS_PER_SITE) {
      throw new IllegalArgumentException("attacker index out of range 0.." + (MAX_ATTACKERS_PER_SITE - 1) + ": " + index);
    }
    return host(site, 15, index);
  }

  /** The site whose LAN holds {@code address}, or {@link #NO_SITE} for an address outside 10.1-254.x.y. */
  public static int siteOf(Ipv4Address address) {
    int a = address.value();
    if ((a >>> 24) != 10) return NO_SITE;
    int site = (a >>> 16) & 0xff;
    return site >= 1 && site <= MAX_SITES ? site : NO_SITE;
  }

  private static Ipv4Address host(int site, int firstSubnet, int index) {
    if (site < 1 || site > MAX_SITES) throw new IllegalArgumentException("site out of range 1.." + MAX_SITES + ": " + site);
    return Ipv4Address.of(10, site, firstSubnet + index / HOSTS_PER_SUBNET, 1 + index % HOSTS_PER_SUBNET);
  }
}
