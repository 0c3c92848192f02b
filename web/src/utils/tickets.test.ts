import { describe, expect, test } from 'vitest';
import type { Lifecycle } from '@/api/types';
import { allowedTransitions, layoutLifecycle, localized, priorityOf, priorityTagType } from './tickets';

describe('priority', () => {
  test('follows the default 3×3 matrix; missing impact or urgency is P4', () => {
    expect(priorityOf(1, 1)).toBe(1);
    expect(priorityOf(2, 3)).toBe(4);
    expect(priorityOf(1, 2)).toBe(2);
    expect(priorityOf(3, 1)).toBe(3);
    expect(priorityOf(null, 1)).toBe(4);
    expect(priorityOf(9, 9)).toBe(4);
  });
  test('P1 is red, P4 grey', () => {
    expect(priorityTagType(1)).toBe('danger');
    expect(priorityTagType(4)).toBe('info');
  });
});

test('labels in the current language, falling back to the other', () => {
  expect(localized({ 'zh-CN': '新建', en: 'New' }, 'zh-CN')).toBe('新建');
  expect(localized({ 'zh-CN': '新建', en: 'New' }, 'en')).toBe('New');
  expect(localized({ 'zh-CN': '', en: 'New' }, 'zh-CN')).toBe('New');
});

test('the 409 allowed list as a string or an array', () => {
  expect(allowedTransitions('assign,cancel, resolve')).toEqual(['assign', 'cancel', 'resolve']);
  expect(allowedTransitions(['close'])).toEqual(['close']);
  expect(allowedTransitions(undefined)).toEqual([]);
});

test('the lifecycle diagram puts states in category columns and draws one arrow per from-state', () => {
  const lc: Lifecycle = {
    kind: 'incident', prefix: 'INC', label: { 'zh-CN': '事件', en: 'Incident' }, initial: 'new',
    states: [
      { name: 'new', label: { 'zh-CN': '新建', en: 'New' }, category: 'new' },
      { name: 'assigned', label: { 'zh-CN': '已分派', en: 'Assigned' }, category: 'open' },
      { name: 'in_progress', label: { 'zh-CN': '处理中', en: 'In progress' }, category: 'open' },
      { name: 'resolved', label: { 'zh-CN': '已解决', en: 'Resolved' }, category: 'resolved' },
    ],
    transitions: [
      { name: 'resolve', label: { 'zh-CN': '解决', en: 'Resolve' }, from: ['new', 'assigned', 'in_progress'], to: 'resolved' },
      { name: 'reopen', label: { 'zh-CN': '重新打开', en: 'Reopen' }, from: ['resolved'], to: 'in_progress' },
      { name: 'ghost', label: { 'zh-CN': 'x', en: 'x' }, from: ['nowhere'], to: 'resolved' },
    ],
  };
  const d = layoutLifecycle(lc, 'en');
  const at = (n: string) => d.nodes.find((x) => x.name === n)!;
  expect(at('assigned').x).toBe(at('in_progress').x);
  expect(at('in_progress').y).toBeGreaterThan(at('assigned').y);
  expect(at('resolved').x).toBeGreaterThan(at('assigned').x);
  expect(d.edges).toHaveLength(4); // the unknown state's arrow is left out
  const along = d.edges.find((e) => e.from === 'new' && e.to === 'resolved')!;
  expect(Number(along.path.split('Q')[1].split(',')[1].split(' ')[0])).toBeLessThan(at('new').y); // arcs over the boxes between
  expect(d.edges.map((e) => e.label)).toContain('Reopen');
  expect(d.edges[0].path).toMatch(/^M[\d.]+,[\d.]+ Q/);
  expect(d.width).toBeGreaterThan(at('resolved').x + at('resolved').w);
  expect(d.height).toBeGreaterThan(at('in_progress').y + at('in_progress').h);
});
