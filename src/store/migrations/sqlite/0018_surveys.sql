-- Satisfaction surveys (满意度调查, issue 9, seed 004 §5.1.17): templates with versioned,
-- weighted questions; campaigns sent to a population through one channel; one invitation per
-- respondent; at most one response per invitation. PostgreSQL mirrors this file.
--
-- survey_responses is read by other features (the satisfaction KPI): one row per response with
-- the campaign, the template version, the respondent organisation, the work order / ticket and
-- its engineer and service centre, when it was submitted, and the score as a percentage (exact
-- value rounded to 4 decimals; band from the exact value).
CREATE TABLE survey_templates (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  template_version INTEGER NOT NULL DEFAULT 1,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX survey_templates_code ON survey_templates (code);

-- Every version of every template's questions (JSON), kept so old campaigns stay readable.
CREATE TABLE survey_template_versions (
  template_id INTEGER NOT NULL REFERENCES survey_templates (id),
  template_version INTEGER NOT NULL,
  questions TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (template_id, template_version)
);

-- population: JSON describing how the invitations were chosen (kept for the report).
-- required_return_bp: the return rate that makes the campaign valid (basis points, 8500 = 85 %);
-- low_score_bp: a response below it raises survey.low_score.
CREATE TABLE survey_campaigns (
  id INTEGER PRIMARY KEY,
  template_id INTEGER NOT NULL REFERENCES survey_templates (id),
  template_version INTEGER NOT NULL,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  channel TEXT NOT NULL CHECK (channel IN ('portal', 'email', 'sign_off')),
  population TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'closed')),
  required_return_bp INTEGER NOT NULL DEFAULT 8500,
  low_score_bp INTEGER NOT NULL DEFAULT 6000,
  created_by INTEGER REFERENCES users (id),
  closed_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX survey_campaigns_template ON survey_campaigns (template_id, id);

-- One form sent: to an organisation, about a work order or ticket when the population was built
-- from records (its engineer and service centre then known). token: the link of an e-mailed form.
CREATE TABLE survey_invitations (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES survey_campaigns (id),
  organisation_id INTEGER NOT NULL REFERENCES organisations (id),
  ticket_id INTEGER REFERENCES tickets (id),
  engineer_id INTEGER REFERENCES users (id),
  service_centre_id INTEGER REFERENCES service_centres (id),
  token TEXT NOT NULL,
  responded_at TEXT,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX survey_invitations_token ON survey_invitations (token);
CREATE INDEX survey_invitations_campaign ON survey_invitations (campaign_id, id);
CREATE INDEX survey_invitations_organisation ON survey_invitations (organisation_id, campaign_id);
CREATE INDEX survey_invitations_engineer ON survey_invitations (engineer_id, campaign_id);

CREATE TABLE survey_responses (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES survey_campaigns (id),
  template_id INTEGER NOT NULL REFERENCES survey_templates (id),
  template_version INTEGER NOT NULL,
  invitation_id INTEGER NOT NULL REFERENCES survey_invitations (id),
  organisation_id INTEGER NOT NULL REFERENCES organisations (id),
  ticket_id INTEGER REFERENCES tickets (id),
  engineer_id INTEGER REFERENCES users (id),
  service_centre_id INTEGER REFERENCES service_centres (id),
  submitted_at TEXT NOT NULL,
  submitted_by INTEGER REFERENCES users (id),
  score_percent REAL NOT NULL,
  band TEXT NOT NULL CHECK (band IN ('satisfied', 'fairly_satisfied', 'moderately_satisfied', 'dissatisfied')),
  na_count INTEGER NOT NULL DEFAULT 0,
  answers TEXT NOT NULL
);
CREATE UNIQUE INDEX survey_responses_invitation ON survey_responses (invitation_id);
CREATE INDEX survey_responses_centre ON survey_responses (campaign_id, service_centre_id, score_percent);
CREATE INDEX survey_responses_engineer ON survey_responses (campaign_id, engineer_id, score_percent);
CREATE INDEX survey_responses_band ON survey_responses (campaign_id, band, na_count);
CREATE INDEX survey_responses_submitted ON survey_responses (submitted_at, campaign_id);

-- Per campaign, question and answer (-1: not applicable): how many responses gave it. Kept on
-- write, so the report's averages and distributions never scan the responses.
CREATE TABLE survey_answer_counts (
  campaign_id INTEGER NOT NULL REFERENCES survey_campaigns (id),
  question_key TEXT NOT NULL,
  answer INTEGER NOT NULL,
  responses INTEGER NOT NULL,
  PRIMARY KEY (campaign_id, question_key, answer)
);

-- The text of comment questions (and remarks), for the report.
CREATE TABLE survey_comments (
  response_id INTEGER NOT NULL REFERENCES survey_responses (id),
  question_key TEXT NOT NULL,
  campaign_id INTEGER NOT NULL REFERENCES survey_campaigns (id),
  comment TEXT NOT NULL,
  PRIMARY KEY (response_id, question_key)
);
CREATE INDEX survey_comments_campaign ON survey_comments (campaign_id, response_id);

INSERT INTO role_grants (role, permission, scope) VALUES
  ('agent', 'survey.read', 'all'),
  ('agent', 'survey.write', 'all'),
  ('agent', 'survey.respond', 'all'),
  ('customer', 'survey.respond', 'organisation'),
  ('engineer', 'survey.respond', 'own');
