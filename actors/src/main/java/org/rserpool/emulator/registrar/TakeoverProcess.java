package org.rserpool.emulator.registrar;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One takeover this registrar runs (rsplib takeoverprocess.c): the dead peer and the peers whose
 * ENRP_INIT_TAKEOVER_ACK it still waits for, which are all peers with a known ID but the target
 * (RFC 5353 §3.5.1: "every known peer except the target").
 */
final class TakeoverProcess {
  private final int targetId;
  private final Set<Integer> outstanding;

  TakeoverProcess(int targetId, Set<Integer> peersToAsk) {
    this.targetId = targetId;
    this.outstanding = new LinkedHashSet<>(peersToAsk);
    outstanding.remove(targetId);
  }

  int targetId() {
    return targetId;
  }

  /** Records a peer's consent; returns how many acknowledgements are still missing. */
  int acknowledge(int peerId) {
    outstanding.remove(peerId);
    return outstanding.size();
  }

  int outstanding() {
    return outstanding.size();
  }
}
