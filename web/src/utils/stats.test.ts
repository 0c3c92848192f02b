import { describe, expect, it } from 'vitest';
import { localDate, perDay } from './stats';

describe('dashboard figures', () => {
  it('sums UTC hours into days of the user\'s time zone, every day present', () => {
    const stats = {
      since: '2026-11-20T16:00:00Z', // 21 Nov 00:00 in Shanghai
      hourly: [
        { hour: '2026-11-20T16:00:00Z', created: 2, resolved: 0 }, // 21 Nov 00:00 +08
        { hour: '2026-11-21T15:00:00Z', created: 1, resolved: 1 }, // 21 Nov 23:00 +08
        { hour: '2026-11-21T16:00:00Z', created: 4, resolved: 2 }, // 22 Nov 00:00 +08
      ],
    };
    const s = perDay(stats, new Date('2026-11-23T02:00:00Z'), 'Asia/Shanghai');
    expect(s.days).toEqual(['2026-11-21', '2026-11-22', '2026-11-23']);
    expect(s.created).toEqual([3, 4, 0]);
    expect(s.resolved).toEqual([1, 2, 0]);
    expect(perDay(stats, new Date('2026-11-22T02:00:00Z'), 'UTC').created).toEqual([2, 5, 0]);
    expect(localDate('2026-11-21T16:30:00Z', 'Asia/Shanghai')).toBe('2026-11-22');
  });
});
