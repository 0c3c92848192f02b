-- Customer care, second part (issue 9): who automatic follow-ups go to, and follow-ups opened
-- by a low survey score. PostgreSQL mirror of ../sqlite/0026_care_assignment.sql.
--
-- Assignment of automatic follow-ups (after a closure, key-customer visits, low survey scores):
-- the customer's care owner (customer_care.care_owner_id) when set and able to take work, else
-- the next available member of the customer-care settings' follow-up group
-- (crm_settings.follow_up_group_id, round-robin as for tickets: group_assignment_cursors), else
-- nobody (the desk assigns by hand).
ALTER TABLE customer_care ADD COLUMN care_owner_id BIGINT REFERENCES users (id);
ALTER TABLE crm_settings ADD COLUMN follow_up_group_id BIGINT REFERENCES groups (id);
-- A follow-up opened by the event survey.low_score points at the response (source 'survey',
-- dedupe_key "survey:<response id>").
ALTER TABLE follow_ups ADD COLUMN survey_response_id BIGINT REFERENCES survey_responses (id);
CREATE INDEX follow_ups_survey_response ON follow_ups (survey_response_id);
