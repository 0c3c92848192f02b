import { describe, expect, it } from 'vitest';
import { splitQuoted } from './quoted';

describe('splitQuoted', () => {
  it('folds a Chinese mail client\'s original message', () => {
    const text = '您好，\n\n还是不行。\n\n-----原始邮件-----\n发件人：服务台\n主题：[INC-2026-000042] 打印机卡纸\n> 请重启';
    const s = splitQuoted(text);
    expect(s.main).toBe('您好，\n\n还是不行。');
    expect(s.quoted.startsWith('-----原始邮件-----')).toBe(true);
  });

  it('folds "On … wrote:" and 在 … 写道： with the quoted lines after them', () => {
    expect(splitQuoted('Thanks!\nOn Mon, 23 Nov 2026 Fuwu <desk@x> wrote:\n> hello').main).toBe('Thanks!');
    expect(splitQuoted('谢谢！\n\n在 2026年11月23日，desk@x 写道：\n> 已受理').main).toBe('谢谢！');
  });

  it('folds an Outlook header block and a trailing run of > lines', () => {
    expect(splitQuoted('好的\nFrom: desk@x\nSent: Monday\nSubject: hi').main).toBe('好的');
    expect(splitQuoted('see below\n\n> a\n>\n> b\n').main).toBe('see below');
  });

  it('keeps text whole when nothing is quoted, quotes are inline, or all of it is quoted', () => {
    for (const t of ['一行\n两行', 'my answer:\n> your question\nmy reply to it', '> only a quote\n> more', 'From: the lab, the results']) {
      expect(splitQuoted(t)).toEqual({ main: t, quoted: '' });
    }
  });
});
