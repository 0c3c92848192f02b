import { describe, expect, it } from 'vitest';
import { chinaMonth, formatFigure, yuan } from './kpis';

describe('kpis utils', () => {
  it('counts months in China time', () => {
    expect(chinaMonth(0, new Date('2026-10-31T15:59:59Z'))).toBe('2026-10');
    expect(chinaMonth(0, new Date('2026-10-31T16:00:00Z'))).toBe('2026-11');
    expect(chinaMonth(-1, new Date('2026-01-10T00:00:00Z'))).toBe('2025-12');
    expect(chinaMonth(1, new Date('2026-12-10T00:00:00Z'))).toBe('2027-01');
  });
  it('writes figures and money', () => {
    expect(formatFigure({ value: 92.456, unit: 'percent' }, 'en')).toBe('92.5 %');
    expect(formatFigure({ value: 3, unit: 'hours' }, 'en')).toBe('3.0 h');
    expect(formatFigure({ value: null, unit: 'hours' }, 'en')).toBe('–');
    expect(yuan(24000, 'en')).toBe('240.00');
  });
});
