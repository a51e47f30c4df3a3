-- A caseload interval that no instant falls in (it ends where it begins: the events of one command share a
-- timestamp) is never shown by the caseload as of any instant, and the projection no longer keeps one
-- (CaseloadIntervals, issue 8). Those kept before are removed, so a projection that has not been rebuilt holds the
-- same intervals as one that has.
DELETE FROM dispute_interval WHERE valid_to IS NOT NULL AND valid_to <= valid_from;
