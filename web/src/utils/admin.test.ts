import { describe, expect, it } from 'vitest';
import { parseWarnings, permissionCatalogue, roleLabel, rowToTarget, segmentsValid, targetToRow, weeklyHours } from './admin';

describe('admin helpers', () => {
  it('labels a role in the UI language, falling back to the code', () => {
    const r = { label_zh: '坐席', label_en: 'Agent' };
    expect(roleLabel(r, 'agent', 'zh-CN')).toBe('坐席');
    expect(roleLabel(r, 'agent', 'en')).toBe('Agent');
    expect(roleLabel(undefined, 'ghost', 'en')).toBe('ghost');
  });

  it('collects the permissions of an OpenAPI document', () => {
    const doc = { paths: { '/a': { get: { 'x-permission': 'b.read' }, post: { 'x-permission': 'a.write' } }, '/b': { get: {} }, '/c': { parameters: [] } } };
    expect(permissionCatalogue(doc)).toEqual(['a.write', 'b.read']);
  });

  it('turns SLA targets into form rows and back', () => {
    expect(targetToRow({ kind: 'resolution', calendar: 'cn', working_seconds: 5400 })).toEqual({ kind: 'resolution', calendar: 'cn', amount: 1.5, unit: 'working_hours', warnings: '75, 90' });
    expect(targetToRow({ kind: 'onsite', calendar: 'cn', working_days: 2, warnings: [50] })).toMatchObject({ amount: 2, unit: 'working_days', warnings: '50' });
    expect(rowToTarget({ kind: 'resolution', calendar: 'cn', amount: 8, unit: 'working_hours', warnings: '75，90' }))
      .toEqual({ kind: 'resolution', calendar: 'cn', working_hours: 8, warnings: [75, 90] });
    expect(rowToTarget({ kind: 'first_response', calendar: 'cn', amount: 30.4, unit: 'working_minutes', warnings: '' }))
      .toEqual({ kind: 'first_response', calendar: 'cn', working_minutes: 30, warnings: [] }); // no warnings
    expect(parseWarnings('75, 100')).toBeNull();
  });

  it('checks a weekday\'s working periods like the API', () => {
    expect(segmentsValid([{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }])).toBe(true);
    expect(segmentsValid([{ start: '00:00', end: '24:00' }])).toBe(true);
    expect(segmentsValid([{ start: '13:00', end: '18:00' }, { start: '09:00', end: '12:00' }])).toBe(false);
    expect(segmentsValid([{ start: '09:00', end: '09:00' }])).toBe(false);
    expect(segmentsValid([{ start: '9:00', end: '12:00' }])).toBe(false);
    expect(segmentsValid([{ start: '09:00', end: '24:30' }])).toBe(false);
    expect(weeklyHours([[{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:30' }], [], [], [], [], [], []])).toBe(8.5);
  });
});
