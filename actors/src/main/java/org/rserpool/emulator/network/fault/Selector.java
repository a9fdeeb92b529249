package org.rserpool.emulator.network.fault;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.rserpool.emulator.network.AddressPlan;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.param.Ipv4Address;

/**
 * Which endpoints a fault applies to, as Chaos Mesh's selectors pick pods: whole sites, hosts (every
 * port of an address), single endpoints (address and port), everything, or everything but a selection.
 */
public sealed interface Selector {

  boolean matches(TransportAddress address);

  /** A short text for listings, e.g. {@code sites 1,2} or {@code hosts 10.1.0.1}. */
  String describe();

  /** Every endpoint. */
  record All() implements Selector {
    @Override
    public boolean matches(TransportAddress address) {
      return true;
    }

    @Override
    public String describe() {
      return "all";
    }
  }

  /** Every endpoint in these sites' LANs (10.n.0.0/16). */
  record Sites(Set<Integer> sites) implements Selector {
    public Sites {
      sites = Set.copyOf(nonEmpty(sites, "sites"));
      for (int s : sites) {
        if (s < 1 || s > AddressPlan.MAX_SITES) throw new IllegalArgumentException("site out of range 1.." + AddressPlan.MAX_SITES + ": " + s);
      }
    }

    @Override
    public boolean matches(TransportAddress address) {
      return sites.contains(AddressPlan.siteOf(address.address()));
    }

    @Override
    public String describe() {
      return "sites " + sorted(sites);
    }
  }

  /** Every port of these IPv4 addresses. */
  record Hosts(Set<Ipv4Address> hosts) implements Selector {
    public Hosts {
      hosts = Set.copyOf(nonEmpty(hosts, "hosts"));
    }

    @Override
    public boolean matches(TransportAddress address) {
      return hosts.contains(address.address());
    }

    @Override
    public String describe() {
      return "hosts " + sorted(hosts);
    }
  }

  /** These transport addresses (address and port) only. */
  record Endpoints(Set<TransportAddress> endpoints) implements Selector {
    public Endpoints {
      endpoints = Set.copyOf(nonEmpty(endpoints, "endpoints"));
    }

    @Override
    public boolean matches(TransportAddress address) {
      return endpoints.contains(address);
    }

    @Override
    public String describe() {
      return "endpoints " + sorted(endpoints);
    }
  }

  /** Every endpoint whose IPv4 address is in this prefix, e.g. {@code 10.1.0.0/16}. */
  record Cidr(Ipv4Address network, int prefixLength) implements Selector {
    public Cidr {
      if (network == null) throw new IllegalArgumentException("a CIDR selector needs a network address");
      if (prefixLength < 0 || prefixLength > 32) throw new IllegalArgumentException("a CIDR prefix length is 0..32, got " + prefixLength);
      if ((network.value() & ~mask(prefixLength)) != 0) {
        throw new IllegalArgumentException(network + "/" + prefixLength + " has host bits set; the network is "
            + new Ipv4Address(network.value() & mask(prefixLength)) + "/" + prefixLength);
      }
    }

    /** Reads {@code a.b.c.d/n}, or a single address {@code a.b.c.d} as {@code /32}. */
    public static Cidr parse(String text) {
      String t = text.trim();
      int slash = t.indexOf('/');
      Ipv4Address address = Ipv4Address.parse(slash < 0 ? t : t.substring(0, slash));
      int length;
      try {
        length = slash < 0 ? 32 : Integer.parseInt(t.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("expected an IPv4 prefix such as 10.1.0.0/16, got '" + text + "'");
      }
      return new Cidr(address, length);
    }

    private static int mask(int length) {
      return length == 0 ? 0 : -1 << (32 - length);
    }

    @Override
    public boolean matches(TransportAddress address) {
      return (address.address().value() & mask(prefixLength)) == network.value();
    }

    @Override
    public String describe() {
      return "cidr " + network + "/" + prefixLength;
    }
  }

  /** Every endpoint the inner selector does not match: {@code except(sites(1))} is "everyone outside site 1". */
  record Except(Selector excluded) implements Selector {
    public Except {
      if (excluded == null) throw new IllegalArgumentException("except needs a selector");
    }

    @Override
    public boolean matches(TransportAddress address) {
      return !excluded.matches(address);
    }

    @Override
    public String describe() {
      return "all except " + excluded.describe();
    }
  }

  static Selector all() {
    return new All();
  }

  static Selector sites(Integer... sites) {
    return new Sites(Set.of(sites));
  }

  static Selector hosts(Ipv4Address... hosts) {
    return new Hosts(Set.of(hosts));
  }

  /** Hosts in dotted-quad notation. */
  static Selector hosts(String... dotted) {
    return new Hosts(Arrays.stream(dotted).map(Ipv4Address::parse).collect(Collectors.toSet()));
  }

  static Selector endpoints(TransportAddress... endpoints) {
    return new Endpoints(Set.of(endpoints));
  }

  static Selector except(Selector excluded) {
    return new Except(excluded);
  }

  /** The members in order, comma-separated, so listings read the same every time. */
  private static String sorted(Set<?> members) {
    return new TreeSet<>(members).stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  private static <T> Set<T> nonEmpty(Set<T> set, String what) {
    if (set == null || set.isEmpty()) throw new IllegalArgumentException("a selector of " + what + " needs at least one");
    for (T t : set) {
      if (t == null) throw new IllegalArgumentException("a selector of " + what + " must not contain null");
    }
    return set;
  }
}
