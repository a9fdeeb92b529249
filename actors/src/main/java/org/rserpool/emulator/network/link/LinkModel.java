package org.rserpool.emulator.network.link;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.rserpool.emulator.network.AddressPlan;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.param.Ipv4Address;

/**
 * The configured links of the emulated network: one directed link per ordered pair of sites (a
 * site's LAN to itself included), with per-component overrides. Each link has its own state (its
 * random generators, loss state and rate queue), created when the first packet crosses it.
 *
 * <p>Which link carries a packet from a to b: the link of (site(a), site(b)); if a has an egress
 * override its changes apply, then those of b's ingress override if it has one. A component with
 * an override thus has its own access link (its own state) towards each site.
 */
public final class LinkModel {

  /** The profile of the link from one site to another ({@link AddressPlan#NO_SITE} for addresses outside every site). */
  @FunctionalInterface
  public interface SitePairs {
    LinkProfile profile(int fromSite, int toSite);
  }

  /** Which of a component's traffic its override changes. */
  public enum Direction {
    /** What it sends. */
    EGRESS,
    /** What it receives. */
    INGRESS,
    /** Both. */
    BOTH;

    boolean egress() {
      return this != INGRESS;
    }

    boolean ingress() {
      return this != EGRESS;
    }
  }

  /** A component's own link parameters, over those of the site pair. */
  public record ComponentOverride(Ipv4Address host, Direction direction, LinkPatch patch) {
    public ComponentOverride {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(direction, "direction");
      Objects.requireNonNull(patch, "patch");
    }
  }

  private record OverrideKey(Ipv4Address from, Ipv4Address to, int fromSite, int toSite) {}

  private static final int SITES = AddressPlan.MAX_SITES + 1;
  private final SitePairs sitePairs;
  private final long seed;
  private final AtomicReferenceArray<Link> siteLinks = new AtomicReferenceArray<>(SITES * SITES);
  private final Map<Ipv4Address, ComponentOverride> egress = new HashMap<>();
  private final Map<Ipv4Address, ComponentOverride> ingress = new HashMap<>();
  private final ConcurrentHashMap<OverrideKey, Link> overrideLinks = new ConcurrentHashMap<>();

  /**
   * @param seed seeds every link's random generators (each link its own stream, derived from it)
   * @throws IllegalArgumentException when two overrides name the same host and direction
   */
  public LinkModel(SitePairs sitePairs, List<ComponentOverride> overrides, long seed) {
    this.sitePairs = Objects.requireNonNull(sitePairs, "sitePairs");
    this.seed = seed;
    for (ComponentOverride o : overrides) {
      if (o.direction().egress() && egress.putIfAbsent(o.host(), o) != null
          || o.direction().ingress() && ingress.putIfAbsent(o.host(), o) != null) {
        throw new IllegalArgumentException("two link overrides for the " + o.direction().name().toLowerCase() + " traffic of " + o.host());
      }
    }
  }

  /** Every link the same. */
  public static LinkModel uniform(LinkProfile profile, long seed) {
    return new LinkModel((from, to) -> profile, List.of(), seed);
  }

  /** The profile of the link between two sites, before component overrides. */
  public LinkProfile sitePair(int fromSite, int toSite) {
    return sitePairs.profile(fromSite, toSite);
  }

  /** Whether some component has a link of its own (an override), so not every pair of a site pair shares its link. */
  public boolean hasOverrides() {
    return !egress.isEmpty() || !ingress.isEmpty();
  }

  /** The link that carries packets from {@code source} to {@code destination}. */
  public Link link(TransportAddress source, TransportAddress destination) {
    int from = AddressPlan.siteOf(source.address());
    int to = AddressPlan.siteOf(destination.address());
    if (!egress.isEmpty() || !ingress.isEmpty()) {
      ComponentOverride out = egress.get(source.address());
      ComponentOverride in = ingress.get(destination.address());
      if (out != null || in != null) {
        OverrideKey key = new OverrideKey(out == null ? null : out.host(), in == null ? null : in.host(), from, to);
        return overrideLinks.computeIfAbsent(key, k -> {
          LinkPatch patch = out == null ? in.patch() : in == null ? out.patch() : out.patch().then(in.patch());
          return new Link(patch.applyTo(sitePairs.profile(from, to)), seed ^ mix(k.hashCode()));
        });
      }
    }
    int index = from * SITES + to;
    Link link = siteLinks.get(index);
    if (link == null) {
      link = new Link(sitePairs.profile(from, to), seed ^ mix(index));
      if (!siteLinks.compareAndSet(index, null, link)) link = siteLinks.get(index);
    }
    return link;
  }

  private static long mix(long x) {
    // SplitMix64's finaliser: distinct links get unrelated streams from one scenario seed.
    x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
    x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
    return x ^ (x >>> 31);
  }
}
