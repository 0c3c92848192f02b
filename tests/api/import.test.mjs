// `fuwu import`: organisations, users and tickets from CSV (UTF-8 with or without BOM, GBK), a
// dry run that reports every rejected row (line, column, reason) and imports nothing, and real
// imports that are all or nothing.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Server, FUWU } from './harness.mjs';

const s = new Server();
before(() => { s.setup(); });
after(() => { s.cleanup(); });

let n = 0;
function file(content) {
  const path = join(s.dir, `import-${++n}.csv`);
  writeFileSync(path, content);
  return path;
}

function run(...args) {
  const r = spawnSync(FUWU, ['import', ...args, '--db', s.db], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

const count = (table) => Number(s.sql(`SELECT COUNT(*) FROM ${table}`));

describe('fuwu import', () => {
  test('--help names the columns and the exit codes', () => {
    const r = spawnSync(FUWU, ['import', '--help'], { encoding: 'utf8' });
    assert.equal(r.status, 0);
    assert.match(r.stdout, /organisations: name\*/);
    assert.match(r.stdout, /--dry-run/);
    assert.match(r.stdout, /Exit status/);
  });

  test('a dry run reports every rejected row and imports nothing', () => {
    const before = count('organisations');
    const path = file('name,kind,region_code\n华东客户,customer,310115\n,customer,\n华南客户,partner,\n华北客户,customer,99\n华东客户,customer,\n');
    const r = run('organisations', path, '--dry-run');
    assert.equal(r.status, 1, r.out + r.err);
    assert.match(r.out, /^line 3, column name: /m);
    assert.match(r.out, /^line 4, column kind: not_allowed/m);
    assert.doesNotMatch(r.out, /^line 5/m);
    assert.match(r.out, /^line 6, column name: taken/m);
    assert.match(r.out, /5 rows, 3 rejected/);
    assert.equal(count('organisations'), before);
  });

  test('a clean dry run imports nothing either; the real import imports everything', () => {
    const before = count('organisations');
    const path = file('\uFEFFname,kind,code\n华东客户,customer,HD\n"上海, 浦东分公司",customer,PD\n');
    const dry = run('organisations', path, '--dry-run');
    assert.equal(dry.status, 0, dry.out + dry.err);
    assert.match(dry.out, /2 rows, all valid; dry run/);
    assert.equal(count('organisations'), before);
    const real = run('organisations', path);
    assert.equal(real.status, 0, real.out + real.err);
    assert.match(real.out, /2 rows imported \(utf-8\)/);
    assert.equal(count('organisations'), before + 2);
    assert.equal(s.sql("SELECT name FROM organisations WHERE code = 'PD'"), '上海, 浦东分公司');
    assert.equal(Number(s.sql("SELECT COUNT(*) FROM audit_entries WHERE record_type = 'organisation' AND via = 'cli'")) >= 2, true);
  });

  test('one bad row means nothing is imported', () => {
    const before = count('organisations');
    const r = run('organisations', file('name\n新客户甲\n新客户乙\n新客户甲\n'));
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, /^line 4, column name: taken/m);
    assert.match(r.out, /nothing imported/);
    assert.equal(count('organisations'), before);
  });

  test('GBK files are read (auto-detected or named)', () => {
    // "服务台客户" in GBK
    const gbk = Buffer.concat([Buffer.from('name\n'), Buffer.from([0xB7, 0xFE, 0xCE, 0xF1, 0xCC, 0xA8, 0xBF, 0xCD, 0xBB, 0xA7]), Buffer.from('\n')]);
    const path = file(gbk);
    const r = run('organisations', path, '--encoding', 'gbk');
    assert.equal(r.status, 0, r.out + r.err);
    assert.equal(s.sql("SELECT COUNT(*) FROM organisations WHERE name = '服务台客户'"), '1');
    const again = run('organisations', path, '--dry-run');
    assert.match(again.out, /column name: taken/);
    assert.match(again.out, /gb18030/);
  });

  test('users with organisation and manager (also from earlier in the file)', () => {
    const path = file('login,role,organisation,display_name,email,manager\nzhang.wei,customer,华东客户,张伟,zhang@example.cn,\nli.na,customer,华东客户,李娜,,zhang.wei\n');
    const r = run('users', path);
    assert.equal(r.status, 0, r.out + r.err);
    const manager = s.sql("SELECT id FROM users WHERE login = 'zhang.wei'");
    assert.equal(s.sql("SELECT manager_id FROM users WHERE login = 'li.na'"), manager);
    const bad = run('users', file('login,role,organisation,colour\nx1,customer,,red\n'), '--dry-run');
    assert.equal(bad.status, 1);
    assert.match(bad.out, /^line 1, column colour: unknown column/m);
    const rows = run('users', file('login,role,organisation,manager\nwang.fang,wizard,,\nzhao.lei,customer,无此客户,\nqian.li,customer,,nobody\nzhang.wei,customer,,\n'), '--dry-run');
    assert.equal(rows.status, 1);
    assert.match(rows.out, /^line 2, column role: /m);
    assert.match(rows.out, /^line 3, column organisation: no organisation named 无此客户/m);
    assert.match(rows.out, /^line 4, column manager: no person with login nobody/m);
    assert.match(rows.out, /^line 5, column login: taken/m);
  });

  test('tickets, with every problem reported', () => {
    const before = count('tickets');
    const good = file('kind,title,organisation,requester,impact,urgency,description\nincident,打印机无法打印,华东客户,li.na,2,2,"三楼财务部\n网络打印机"\nrequest,申请VPN账号,华东客户,,,,\n');
    const r = run('tickets', good);
    assert.equal(r.status, 0, r.out + r.err);
    assert.equal(count('tickets'), before + 2);
    assert.equal(s.sql("SELECT priority FROM tickets WHERE title = '打印机无法打印'"), '3');
    assert.equal(s.sql("SELECT COUNT(*) FROM search_documents") !== '0', true);
    const bad = run('tickets', file('kind,title,organisation,impact,requester\nproblem,x,华东客户,1,\nincident,,华东客户,1,\nincident,y,华东客户,9,\nincident,z,华东客户,two,\nincident,w,无此客户,1,ghost\n'), '--dry-run');
    assert.equal(bad.status, 1, bad.out);
    assert.match(bad.out, /^line 2, column kind: /m);
    assert.match(bad.out, /^line 3, column title: /m);
    assert.match(bad.out, /^line 4, column impact: out_of_range/m);
    assert.match(bad.out, /^line 5, column impact: not a whole number/m);
    assert.match(bad.out, /^line 6, column organisation: /m);
    assert.match(bad.out, /^line 6, column requester: /m);
    assert.equal(count('tickets'), before + 2);
    const missing = run('tickets', file('kind,title\nincident,x\n'));
    assert.match(missing.out, /^line 1, column organisation: required column missing/m);
  });

  test('unusable input: a broken quote, an unknown encoding, a missing file', () => {
    const q = run('organisations', file('name\n"never closed\n'));
    assert.equal(q.status, 2);
    assert.match(q.err, /line 2/);
    assert.notEqual(run('organisations', file('name\nx\n'), '--encoding', 'latin1').status, 0);
    const missing = run('organisations', join(s.dir, 'nope.csv'));
    assert.equal(missing.status, 2);
    assert.match(missing.err, /cannot read/);
    const utf = run('organisations', file(Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xff, 0xfe, 0x0a])), '--encoding', 'utf-8');
    assert.equal(utf.status, 2);
  });
});
