/** The audit trail's tamper evidence: the per-dispute SHA-256 hash chain and its canonical form. */
package uk.iro.disputes.kernel.audit;
