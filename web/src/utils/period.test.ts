import { describe, expect, it } from 'vitest';
import { dayPeriod, nextDay, startOfDay } from './period';

describe('a day as a UTC period', () => {
  it('is the local midnight to midnight in the zone', () => {
    expect(dayPeriod('2026-11-22', 'Asia/Shanghai')).toEqual({ from: '2026-11-21T16:00:00Z', to: '2026-11-22T16:00:00Z' });
    expect(dayPeriod('2026-11-22', 'UTC')).toEqual({ from: '2026-11-22T00:00:00Z', to: '2026-11-23T00:00:00Z' });
  });
  it('has 23 hours on the day daylight saving starts', () => {
    const p = dayPeriod('2026-03-29', 'Europe/Berlin');
    expect(p).toEqual({ from: '2026-03-28T23:00:00Z', to: '2026-03-29T22:00:00Z' });
    expect(startOfDay('2026-03-30', 'Europe/Berlin') - startOfDay('2026-03-29', 'Europe/Berlin')).toBe(23 * 3600e3);
  });
  it('steps over month and year ends', () => {
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
  });
});
