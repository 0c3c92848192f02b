// PDF downloads in the API tests: fetches one, checks it is a real PDF, and reads it back with
// poppler (pdftotext for the text, pdfinfo for the page count).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// GET `path` on server `s` as `token` (extra request headers allowed); asserts a 200 PDF and
// returns { res, bytes, text, pages }. With FUWU_TEST_PDF_DIR set, each PDF is also kept there
// (to look at the layout).
export async function fetchPdf(s, path, token, headers = {}) {
  const res = await fetch(`${s.base}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
  assert.equal(res.status, 200, await res.clone().text());
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  const dir = mkdtempSync(join(tmpdir(), 'fuwu-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, bytes);
    if (process.env.FUWU_TEST_PDF_DIR) {
      writeFileSync(join(process.env.FUWU_TEST_PDF_DIR, `${path.replace(/[^A-Za-z0-9.-]+/g, '_')}.pdf`), bytes);
    }
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
    return { res, bytes, text, pages, info };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
