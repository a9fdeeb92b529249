package org.rserpool.emulator.scenario;

import org.rserpool.emulator.protocol.param.Ipv4Address;

/**
 * Where each component lives on the emulated network. Site n is the LAN 10.n.0.0/16: registrars in
 * 10.n.0.x, pool elements from 10.n.16.1, pool users from 10.n.128.1, 250 hosts per /24.
 */
public final class AddressPlan {
  public static final int MAX_SITES = 254;
  public static final int HOSTS_PER_SUBNET = 250;
  public static final int MAX_REGISTRARS_PER_SITE = HOSTS_PER_SUBNET;
  public static final int MAX_POOL_ELEMENTS_PER_SITE = (128 - 16) * HOSTS_PER_SUBNET;
  public static final int MAX_POOL_USERS_PER_SITE = (256 - 128) * HOSTS_PER_SUBNET;

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

  private static Ipv4Address host(int site, int firstSubnet, int index) {
    if (site < 1 || site > MAX_SITES) throw new IllegalArgumentException("site out of range 1.." + MAX_SITES + ": " + site);
    return Ipv4Address.of(10, site, firstSubnet + index / HOSTS_PER_SUBNET, 1 + index % HOSTS_PER_SUBNET);
  }
}
