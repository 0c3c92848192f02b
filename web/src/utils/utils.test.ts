import { describe, expect, it } from 'vitest';
import { hasPermission } from './permissions';
import { changeKind, newestFirst } from './audit';
import { formatDateTime, randomKey } from './format';
import { menuEntries } from '@/router';

describe('permissions', () => {
  it('understands *, prefix.* and exact grants', () => {
    expect(hasPermission([{ permission: '*', scope: 'all' }], 'audit.read')).toBe(true);
    expect(hasPermission([{ permission: 'organisation.*', scope: 'all' }], 'organisation.write')).toBe(true);
    expect(hasPermission([{ permission: 'organisation.*', scope: 'all' }], 'organisationx.read')).toBe(false);
    expect(hasPermission([{ permission: 'organisation.read', scope: 'organisation' }], 'organisation.write')).toBe(false);
    expect(hasPermission([], 'me.read')).toBe(false);
  });
  it('shows a menu entry only with its permission', () => {
    const customer = (p: string) => p === 'organisation.read';
    expect(menuEntries(customer).map((e) => e.name)).toEqual(['organisations', 'account']);
    expect(menuEntries(() => false).map((e) => e.name)).toEqual(['account']);
    const portal = (p: string) => p === 'ticket.read';
    expect(menuEntries(portal, 'customer').map((e) => e.title)).toEqual(['menu.myTickets', 'menu.account']);
    expect(menuEntries(portal, 'agent').map((e) => e.title)).toEqual(['menu.tickets', 'menu.account']);
    expect(menuEntries(() => true).map((e) => e.name)).toEqual(['tickets', 'dashboard', 'catalogue', 'complaints', 'follow-ups', 'work-orders', 'dispatch', 'parts', 'products', 'engineer', 'kpis', 'statistics', 'organisations', 'calendars', 'sla-policies', 'priority-matrix', 'catalogue-admin', 'care-settings', 'lifecycles', 'users', 'groups', 'roles', 'survey-templates', 'survey-campaigns', 'survey-mine', 'account']);
  });
  it('shows an administration entry only with its menu permission', () => {
    // A customer may read their organisation's people (user.read) but gets no "users" page in the menu.
    const reader = (p: string) => ['user.read', 'role.read', 'group.read'].includes(p);
    expect(menuEntries(reader).map((e) => e.name)).toEqual(['groups', 'account']);
    const admin = (p: string) => ['user.read', 'user.write', 'role.read', 'role.write'].includes(p);
    expect(menuEntries(admin).map((e) => e.name)).toEqual(['users', 'roles', 'account']);
  });
  it('shows the after-sales office to the service desk, not to engineers or customers', () => {
    const engineer = (p: string) => ['work_order.read', 'work_order.work', 'part.read', 'product.read'].includes(p);
    expect(menuEntries(engineer).map((e) => e.name)).toEqual(['engineer', 'account']);
    const customer = (p: string) => ['work_order.read', 'work_order.create', 'work_order.decide', 'product.read'].includes(p);
    expect(menuEntries(customer).map((e) => e.name)).toEqual(['account']);
    const desk = (p: string) => ['work_order.read', 'work_order.write', 'work_order.dispatch', 'part.read', 'part.write', 'product.read', 'product.write'].includes(p);
    expect(menuEntries(desk).map((e) => e.name)).toEqual(['work-orders', 'dispatch', 'parts', 'products', 'account']);
  });
});

describe('audit', () => {
  it('classifies changes', () => {
    expect(changeKind({ field: 'name', old: null, new: 'a' })).toBe('set');
    expect(changeKind({ field: 'code', old: '', new: 'HD' })).toBe('set');
    expect(changeKind({ field: 'code', old: 'HD', new: '' })).toBe('cleared');
    expect(changeKind({ field: 'name', old: 'a', new: 'b' })).toBe('changed');
    expect(newestFirst([{ id: 1 }, { id: 3 }, { id: 2 }]).map((e) => e.id)).toEqual([3, 2, 1]);
  });
});

describe('format', () => {
  it('formats in the given time zone', () => {
    expect(formatDateTime('2026-10-01T01:02:03Z', 'zh-CN', 'Asia/Shanghai')).toContain('09:02:03');
    expect(formatDateTime('', 'en')).toBe('');
    expect(randomKey()).toMatch(/^[0-9a-f]{32}$/);
  });
});
