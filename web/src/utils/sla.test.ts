import { expect, test } from 'vitest';
import { formatDuration, secondsUntil, usedPercent } from './sla';

test('durations in working time, in both languages', () => {
  expect(formatDuration(9000, 'zh-CN')).toBe('2 小时 30 分钟');
  expect(formatDuration(9000, 'en')).toBe('2 h 30 min');
  expect(formatDuration(144000, 'en')).toBe('40 h'); // 5 working days of 8 hours
  expect(formatDuration(0, 'en')).toBe('0 min');
  expect(formatDuration(-120, 'zh-CN')).toBe('2 分钟');
});

test('share of the target used, bounded', () => {
  expect(usedPercent({ elapsed_seconds: 1800, target_seconds: 3600 })).toBe(50);
  expect(usedPercent({ elapsed_seconds: 7200, target_seconds: 3600 })).toBe(100);
  expect(usedPercent({ elapsed_seconds: 5, target_seconds: 0 })).toBe(0);
});

test('seconds until a deadline', () => {
  const now = Date.parse('2026-11-23T08:00:00+08:00');
  expect(secondsUntil('2026-11-23T09:00:00+08:00', now)).toBe(3600);
  expect(secondsUntil('2026-11-23T07:59:00+08:00', now)).toBe(-60);
  expect(secondsUntil(null, now)).toBeNull();
});
