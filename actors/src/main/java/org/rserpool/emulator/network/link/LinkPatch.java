package org.rserpool.emulator.network.link;

import java.time.Duration;

/**
 * Changes to some of a link's parameters, {@code null} meaning "as before": how a site pair or a
 * component overrides only what it names (a scenario's {@code components = [{ address = ..., loss =
 * 5% }]} keeps the site pair's delay).
 */
public record LinkPatch(
    Duration delay,
    Duration jitter,
    Double delayCorrelation,
    DelayDistribution distribution,
    LossModel loss,
    Double duplicate,
    Double duplicateCorrelation,
    Rate rate,
    Integer queueLimit) {

  public static final LinkPatch NONE = new LinkPatch(null, null, null, null, null, null, null, null, null);

  /** {@code base} with this patch's values where it has them. */
  public LinkProfile applyTo(LinkProfile base) {
    return new LinkProfile(
        delay != null ? delay : base.delay(),
        jitter != null ? jitter : base.jitter(),
        delayCorrelation != null ? delayCorrelation : base.delayCorrelation(),
        distribution != null ? distribution : base.distribution(),
        loss != null ? loss : base.loss(),
        duplicate != null ? duplicate : base.duplicate(),
        duplicateCorrelation != null ? duplicateCorrelation : base.duplicateCorrelation(),
        rate != null ? rate : base.rate(),
        queueLimit != null ? queueLimit : base.queueLimit());
  }

  /** This patch, with {@code over}'s values where {@code over} has them. */
  public LinkPatch then(LinkPatch over) {
    return new LinkPatch(
        over.delay != null ? over.delay : delay,
        over.jitter != null ? over.jitter : jitter,
        over.delayCorrelation != null ? over.delayCorrelation : delayCorrelation,
        over.distribution != null ? over.distribution : distribution,
        over.loss != null ? over.loss : loss,
        over.duplicate != null ? over.duplicate : duplicate,
        over.duplicateCorrelation != null ? over.duplicateCorrelation : duplicateCorrelation,
        over.rate != null ? over.rate : rate,
        over.queueLimit != null ? over.queueLimit : queueLimit);
  }
}
