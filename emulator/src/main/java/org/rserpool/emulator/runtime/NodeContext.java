package org.rserpool.emulator.runtime;

import org.rserpool.emulator.attacker.AttackerMetrics;
import org.rserpool.emulator.network.Network;
import org.rserpool.emulator.poolelement.PoolElementMetrics;
import org.rserpool.emulator.pooluser.PoolUserMetrics;
import org.rserpool.emulator.registrar.RegistrarMetrics;

/** What the components of one node share: the emulated network (and its clock) and the statistics. */
public record NodeContext(
    Network network,
    RegistrarMetrics registrarMetrics,
    PoolElementMetrics poolElementMetrics,
    PoolUserMetrics poolUserMetrics,
    AttackerMetrics attackerMetrics) {}
