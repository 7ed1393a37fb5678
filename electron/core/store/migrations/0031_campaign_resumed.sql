-- Loomcast schema 31: when the creator last resumed a campaign the guard had paused.
-- After a resume, the guard judges the campaign only on copies published since: judged again on
-- the numbers that paused it, it paused the campaign again at its next sweep, 15 minutes later,
-- and Resume did nothing. Kept on the campaign (its guard's one writer, features/campaigns/guard.ts)
-- rather than looked up in the audit log, which has no index to find it by and is not state.
ALTER TABLE campaigns ADD COLUMN guard_resumed_at INTEGER;
-- Campaigns resumed before this version: from their last resume's audit entry, read this once.
UPDATE campaigns SET guard_resumed_at = (
  SELECT max(at) FROM audit_log WHERE entity = 'campaign' AND entity_id = campaigns.id AND action = 'campaign.guard_resume'
);
