-- Revisions of configuration that processes cache in memory (issue 5): the SLA policies and the
-- calendars are read by every ticket write (its SLA clocks), so they are built once per revision
-- (app/tickets/sla_clocks.cc) instead of reloaded per request. Every insert, update or delete of
-- a policy or a calendar, whoever writes it, moves the 'sla' revision on in the same transaction,
-- so a cached copy is used only while its revision is current. The first revision is random, so
-- two databases opened by one process (tests) never share a revision.
CREATE TABLE config_revisions (
  name TEXT PRIMARY KEY,
  revision BIGINT NOT NULL
);
INSERT INTO config_revisions (name, revision) VALUES ('sla', floor(random() * 1000000000000)::bigint);
CREATE FUNCTION bump_sla_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE config_revisions SET revision = revision + 1 WHERE name = 'sla';
  RETURN NULL;
END;
$$;
DO $$
DECLARE
  t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['calendars', 'calendar_segments', 'calendar_holidays',
    'calendar_makeup_days', 'calendar_special_days', 'sla_policies', 'sla_policy_pause_states',
    'sla_targets', 'sla_target_warnings', 'sla_escalations'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
                   'FOR EACH STATEMENT EXECUTE FUNCTION bump_sla_revision()', t || '_revision', t);
  END LOOP;
END;
$$;
