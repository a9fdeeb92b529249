package org.rserpool.emulator.registrar;

import org.rserpool.emulator.protocol.param.Identifiers;

/**
 * A registrar's startup phase (rsplib InStartupPhase, MentorServerID; RSPSIM startupService): until it
 * ends, the registrar looks for a mentor, the first peer it hears, and downloads the whole handle table
 * from it. It ends when the mentor's last handle table response arrives ("startup with mentor"), or
 * when the mentor discovery timeout runs out first ("startup alone"); then ASAP announces begin.
 */
final class StartupPhase {
  private final RegistrarContext c;
  private final Runnable onNormalOperation;
  private boolean active = true;
  private int mentorId;

  /** @param onNormalOperation what to start when the phase ends (the ASAP announces) */
  StartupPhase(RegistrarContext c, Runnable onNormalOperation) {
    this.c = c;
    this.onNormalOperation = onNormalOperation;
  }

  boolean active() {
    return active;
  }

  /** Whether a mentor should be chosen now: in startup, none chosen yet (rsplib: MentorServerID undefined). */
  boolean wantsMentor() {
    return active && mentorId == 0;
  }

  int mentorId() {
    return mentorId;
  }

  void chooseMentor(int peerId) {
    mentorId = peerId;
    c.log().info("{}: trying {} as mentor", c.name(), Identifiers.hex(peerId));
  }

  /** rsplib registrarBeginNormalOperation. */
  void end(boolean withMentor) {
    if (!active) return;
    active = false;
    if (withMentor) {
      c.metrics().startupsWithMentor.increment();
      c.log().info("{}: startup phase over: handle table downloaded from mentor {} ({} pool elements)",
          c.name(), Identifiers.hex(mentorId), c.handlespace().poolElementCount());
    } else {
      c.metrics().startupsAlone.increment();
      c.log().info("{}: startup phase over without a mentor", c.name());
    }
    onNormalOperation.run();
  }
}
