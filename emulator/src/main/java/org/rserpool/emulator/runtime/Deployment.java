package org.rserpool.emulator.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.rserpool.emulator.attacker.AttackerSettings;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.poolelement.PoolElementSettings;
import org.rserpool.emulator.pooluser.PoolUserSettings;
import org.rserpool.emulator.protocol.PayloadProtocol;
import org.rserpool.emulator.registrar.RegistrarIdentity;
import org.rserpool.emulator.registrar.RegistrarSettings;
import org.rserpool.emulator.network.AddressPlan;
import org.rserpool.emulator.scenario.ComponentNames;
import org.rserpool.emulator.scenario.Scenario;
import org.rserpool.emulator.scenario.Site;

/**
 * Every component a scenario asks for, with its name, address and random seed, worked out before
 * anything starts. Seeds and registrar IDs come from one generator seeded by the scenario, in a fixed
 * order, so the same scenario and seed give the same components.
 *
 * @param poolElementSettings the pool elements' settings at the nominal capacity
 * @param poolElementCapacities each pool element's capacity by name (scenario.pool-element-capacities)
 */
public record Deployment(
    RegistrarSettings registrarSettings,
    PoolElementSettings poolElementSettings,
    Map<String, PoolElementSettings> poolElementSettingsByName,
    PoolUserSettings poolUserSettings,
    AttackerSettings attackerSettings,
    List<RegistrarSpec> registrars,
    List<ComponentSpec> poolElements,
    List<ComponentSpec> poolUsers,
    List<ComponentSpec> attackers) {

  /**
   * A registrar: its actor name, ENRP server ID, ASAP and ENRP addresses (IANA ports 3863 and 9901), and
   * its static ENRP peers: every other registrar of every site (RSPSIM's enrpStaticPeersList), with IDs
   * unknown until heard.
   */
  public record RegistrarSpec(String name, int serverId, TransportAddress asapAddress, TransportAddress enrpAddress,
      List<TransportAddress> staticPeers) {
    public RegistrarSpec {
      staticPeers = List.copyOf(staticPeers);
    }

    /** Who the registrar actor is. */
    public RegistrarIdentity identity() {
      return new RegistrarIdentity(name, serverId, asapAddress, enrpAddress, staticPeers);
    }
  }

  /** A pool element, pool user or attacker: its actor name, address (port 0; the settings give the ports), registrars and seed. */
  public record ComponentSpec(String name, TransportAddress address, List<TransportAddress> registrars, long seed) {}

  /** The settings of one pool element: the scenario's, with its own capacity and what follows from it (MaxJobs, weight). */
  public PoolElementSettings poolElementSettings(String name) {
    PoolElementSettings settings = poolElementSettingsByName.get(name);
    if (settings == null) throw new IllegalArgumentException("no pool element named " + name);
    return settings;
  }

  public static Deployment of(Scenario scenario) {
    SplittableRandom random = new SplittableRandom(scenario.seed());
    List<RegistrarSpec> registrars = new ArrayList<>();
    List<ComponentSpec> poolElements = new ArrayList<>();
    List<ComponentSpec> poolUsers = new ArrayList<>();
    List<ComponentSpec> attackers = new ArrayList<>();
    Map<String, PoolElementSettings> poolElementSettings = new HashMap<>();
    // Pool elements of equal capacity share one settings object.
    Map<Double, PoolElementSettings> byCapacity = new HashMap<>();
    int asapPort = PayloadProtocol.ASAP.wellKnownPort();
    int enrpPort = PayloadProtocol.ENRP.wellKnownPort();
    List<TransportAddress> allEnrp = new ArrayList<>();
    for (Site site : scenario.sites()) {
      for (int i = 0; i < site.registrars(); i++) allEnrp.add(new TransportAddress(AddressPlan.registrar(site.id(), i), enrpPort));
    }
    for (Site site : scenario.sites()) {
      List<TransportAddress> siteRegistrars = new ArrayList<>();
      for (int i = 0; i < site.registrars(); i++) {
        TransportAddress asap = new TransportAddress(AddressPlan.registrar(site.id(), i), asapPort);
        TransportAddress enrp = asap.withPort(enrpPort);
        // A random, non-zero 32-bit ID (RFC 5353 §2.1).
        int serverId = (int) (1 + random.nextLong(0xffffffffL));
        List<TransportAddress> peers = new ArrayList<>(allEnrp);
        peers.remove(enrp);
        registrars.add(new RegistrarSpec(ComponentNames.registrar(site.id(), i), serverId, asap, enrp, peers));
        siteRegistrars.add(asap);
      }
      for (int i = 0; i < site.poolElements(); i++) {
        double capacity = scenario.poolElementCapacities().get(poolElements.size());
        poolElementSettings.put(ComponentNames.poolElement(site.id(), i),
            byCapacity.computeIfAbsent(capacity, scenario.poolElement()::withCapacity));
        poolElements.add(new ComponentSpec(ComponentNames.poolElement(site.id(), i),
            new TransportAddress(AddressPlan.poolElement(site.id(), i), 0), List.copyOf(siteRegistrars), random.nextLong()));
      }
      for (int i = 0; i < site.poolUsers(); i++) {
        poolUsers.add(new ComponentSpec(ComponentNames.poolUser(site.id(), i),
            new TransportAddress(AddressPlan.poolUser(site.id(), i), 0), List.copyOf(siteRegistrars), random.nextLong()));
      }
      // RSPSIM's attackers target their own LAN's registrars (attackTargetRegistrarsList).
      for (int i = 0; i < site.attackers(); i++) {
        attackers.add(new ComponentSpec(ComponentNames.attacker(site.id(), i),
            new TransportAddress(AddressPlan.attacker(site.id(), i), 0), List.copyOf(siteRegistrars), random.nextLong()));
      }
    }
    return new Deployment(
        scenario.registrar(),
        scenario.poolElement(),
        Map.copyOf(poolElementSettings),
        scenario.poolUser(),
        scenario.attacker(),
        List.copyOf(registrars), List.copyOf(poolElements), List.copyOf(poolUsers), List.copyOf(attackers));
  }
}
