// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from './sanitize';

describe('sanitizeHtml', () => {
  it('removes scripts, event handlers and javascript: links', () => {
    const out = sanitizeHtml('<p onclick="x()">你好<script>alert(1)</script><a href="javascript:alert(1)">x</a><img src=x onerror=alert(1)></p>');
    expect(out).not.toMatch(/script|onclick|onerror|javascript:/);
    expect(out).toContain('<p>你好');
  });
  it('keeps ordinary formatting and makes links safe', () => {
    const out = sanitizeHtml('<strong>宕机</strong> <a href="https://example.com/a">link</a>');
    expect(out).toContain('<strong>宕机</strong>');
    expect(out).toContain('rel="noopener noreferrer nofollow"');
    expect(out).toContain('target="_blank"');
  });
  it('drops styles and iframes', () => {
    expect(sanitizeHtml('<iframe src="https://x"></iframe><span style="color:red">a</span>')).toBe('<span>a</span>');
    expect(sanitizeHtml(null)).toBe('');
  });
});
