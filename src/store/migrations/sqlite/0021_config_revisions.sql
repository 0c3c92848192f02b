-- Revisions of configuration that processes cache in memory (issue 5): the SLA policies and the
-- calendars are read by every ticket write (its SLA clocks), so they are built once per revision
-- (app/tickets/sla_clocks.cc) instead of reloaded per request. Every insert, update or delete of
-- a policy or a calendar, whoever writes it, moves the 'sla' revision on in the same transaction,
-- so a cached copy is used only while its revision is current. The first revision is random, so
-- two databases opened by one process (tests) never share a revision.
CREATE TABLE config_revisions (
  name TEXT PRIMARY KEY,
  revision INTEGER NOT NULL
);
INSERT INTO config_revisions (name, revision) VALUES ('sla', abs(random() % 1000000000000));
CREATE TRIGGER calendars_revision_i AFTER INSERT ON calendars BEGIN
  UPDATE config_revisions SET revision = revision + 1 WHERE name = 'sla';
END;
CREATE TRIGGER calendars_revision_u AFTER UPDATE ON calendars BEGIN
  UPDATE config_revisions SET revision = revision + 1 WHERE name = 'sla';
END;
CREATE TRIGGER calendars_revision_d AFTER DELETE ON calendars BEGIN
  UPDATE config_revisions SET revision = revision + 1 WHERE name = 'sla';
END;
CREATE TRIGGER calendar_segments_revision_i AFTER INSERT ON calendar_segments BEGIN
  UPDATE config_revisions SET revision = revision + 1 WHERE name = 'sla';
END;
CREATE TRIGGER calendar_segments_revision_u AFTER UPDATE ON calendar_segments BEGIN
  UPDATE config_revisions SET revision = revision + 1 WHERE name = 'sla';
END;
CREATE TRIGGER calendar_segments_revision_d AFTER DELETE ON calendar_segments BEGIN
  UPDATE config_revisions SET revision = revision + 1 WHERE name = 'sla';
END;
CREATE TRIGGER calendar_holidays_revision_i AFTER INSERT ON calendar_holidays BEGIN
  UPDATE config_revisions SET revision = revision + 1 WHERE name = 'sla';
END;
CREATE TRIGGER calendar_holidays_revision_u AFTER UPDATE ON calendar_holidays BEGIN
  UPDATE config_revisions SET revision = revision + 1 WHERE name = 'sla';
END;
CREATE TRIGGER calendar_holidays_revision_d AFTER DELETE ON calendar_holidays BEGIN
  UPDATE config_revisions SET revision = revision + 1 WHERE name = 'sla';
END;
CREATE TRIGGER calendar_makeup_days_revision_i AFTER INSERT ON calendar_makeup_days BEGIN
  UPDATE config_revisions SET revision = revision + 1 WHERE name = 'sla';
END;
CREATE TRIGGER calendar_makeup_days_revision_u AFTER UPDATE ON calendar_makeup_days BEGIN
  UPDATE config_revisions SET revision = revision + 1 WHERE name = 'sla';
END;
CREATE TRIGGER calendar_makeup_days_revision_d AFTER DELETE ON calendar_makeup_days BEGIN
  UPDATE config_revisions SET revision = revision + 1 WHERE name = 'sla';
END;
CREATE TRIGGER calendar_special_days_revision_i AFTER INSERT ON calendar_special_days BEGIN
  UPDATE config_revisions SET revision = revision + 1 WHERE name = 'sla';
END;
CREATE TRIGGER calendar_special_days_revision_u AFTER UPDATE ON calendar_special_days BEGIN
  UPDATE config_revisions SET revision = revision + 1 WHERE name = 'sla';
END;
CREATE TRIGGER calendar_special_days_revision_d AFTER DELETE ON calendar_special_days BEGIN
  UPDATE config_revisions SET revision = revision + 1 WHERE name = 'sla';
END;
CREATE TRIGGER sla_policies_revision_i AFTER INSERT ON sla_policies BEGIN
  UPDATE config_revisions SET revision = revision + 1 WHERE name = 'sla';
END;
CREATE TRIGGER sla_policies_revision_u AFTER UPDATE ON sla_policies BEGIN
  UPDATE config_revisions SET revision = revision + 1 WHERE name = 'sla';
END;
CREATE TRIGGER sla_policies_revision_d AFTER DELETE ON sla_policies BEGIN
  UPDATE config_revisions SET revision = revision + 1 WHERE name = 'sla';
END;
CREATE TRIGGER sla_policy_pause_states_revision_i AFTER INSERT ON sla_policy_pause_states BEGIN
  UPDATE config_revisions SET revision = revision + 1 WHERE name = 'sla';
END;
CREATE TRIGGER sla_policy_pause_states_revision_u AFTER UPDATE ON sla_policy_pause_states BEGIN
  UPDATE config_revisions SET revision = revision + 1 WHERE name = 'sla';
END;
CREATE TRIGGER sla_policy_pause_states_revision_d AFTER DELETE ON sla_policy_pause_states BEGIN
  UPDATE config_revisions SET revision = revision + 1 WHERE name = 'sla';
END;
CREATE TRIGGER sla_targets_revision_i AFTER INSERT ON sla_targets BEGIN
  UPDATE config_revisions SET revision = revision + 1 WHERE name = 'sla';
END;
CREATE TRIGGER sla_targets_revision_u AFTER UPDATE ON sla_targets BEGIN
  UPDATE config_revisions SET revision = revision + 1 WHERE name = 'sla';
END;
CREATE TRIGGER sla_targets_revision_d AFTER DELETE ON sla_targets BEGIN
  UPDATE config_revisions SET revision = revision + 1 WHERE name = 'sla';
END;
CREATE TRIGGER sla_target_warnings_revision_i AFTER INSERT ON sla_target_warnings BEGIN
  UPDATE config_revisions SET revision = revision + 1 WHERE name = 'sla';
END;
CREATE TRIGGER sla_target_warnings_revision_u AFTER UPDATE ON sla_target_warnings BEGIN
  UPDATE config_revisions SET revision = revision + 1 WHERE name = 'sla';
END;
CREATE TRIGGER sla_target_warnings_revision_d AFTER DELETE ON sla_target_warnings BEGIN
  UPDATE config_revisions SET revision = revision + 1 WHERE name = 'sla';
END;
CREATE TRIGGER sla_escalations_revision_i AFTER INSERT ON sla_escalations BEGIN
  UPDATE config_revisions SET revision = revision + 1 WHERE name = 'sla';
END;
CREATE TRIGGER sla_escalations_revision_u AFTER UPDATE ON sla_escalations BEGIN
  UPDATE config_revisions SET revision = revision + 1 WHERE name = 'sla';
END;
CREATE TRIGGER sla_escalations_revision_d AFTER DELETE ON sla_escalations BEGIN
  UPDATE config_revisions SET revision = revision + 1 WHERE name = 'sla';
END;
