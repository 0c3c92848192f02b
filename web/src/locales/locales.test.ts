import { describe, expect, it } from 'vitest';
import zhCN from './zh-CN';
import en from './en';

function keys(o: unknown, prefix = ''): string[] {
  if (typeof o !== 'object' || o === null) return [prefix];
  return Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k)).sort();
}

describe('locales', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect(keys(en)).toEqual(keys(zhCN));
  });
  it('no message is empty except placeholders', () => {
    for (const [name, msgs] of [['zh-CN', zhCN], ['en', en]] as const) {
      const flat = keys(msgs).filter((k) => !k.startsWith('organisation.placeholders.'));
      for (const k of flat) {
        const v = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], msgs);
        expect(typeof v === 'string' && v.length > 0, `${name}: ${k}`).toBe(true);
      }
    }
  });
  it('uses the glossary labels', () => {
    expect(zhCN.organisation.kinds.customer).toBe('客户');
    expect(zhCN.organisation.kinds.supplier).toBe('供应商');
    expect(zhCN.calendar.holiday).toBe('法定节假日');
    expect(zhCN.calendar.makeup).toBe('调休上班日');
    expect(en.calendar.makeup).toBe('Make-up working day');
  });
});
