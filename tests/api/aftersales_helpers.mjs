// Helpers shared by the after-sales API tests (dispatch, parts planning): users and tokens made
// with the CLI, JSON requests, and the problem assertion.
import assert from 'node:assert/strict';
import { fuwu } from './harness.mjs';

export function helpers(s) {
  const token = (loginName) => fuwu(['token', 'create', loginName, '--db', s.db]).split('\n')[0];
  function addUser(loginName, role) {
    fuwu(['user', 'add', loginName, '--role', role, '--password-stdin', '--db', s.db], 'some-passw0rd\n');
    return Number(s.sql(`SELECT id FROM users WHERE login = '${loginName}'`));
  }
  const post = (path, tok, body, headers = {}) => s.req(path, { method: 'POST', token: tok, body, headers });
  const put = (path, tok, body) => s.req(path, { method: 'PUT', token: tok, body });
  const get = (path, tok) => s.req(path, { token: tok });
  // Starts the server with an agent; the admin's and the agent's tokens.
  async function start() {
    s.setup();
    await s.start();
    addUser('agent1', 'agent');
    return { admin: s.adminToken, agent: token('agent1') };
  }
  return { token, addUser, post, put, get, start };
}

export function assertProblem(r, status, field, code) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.headers.get('content-type'), 'application/problem+json');
  if (field) {
    const f = r.json.errors.find((e) => e.field === field || e.field === '/' + field);
    assert.ok(f, `no error for ${field}: ${r.text}`);
    if (code) assert.equal(f.code, code, r.text);
  }
}
