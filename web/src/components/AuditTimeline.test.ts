// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createI18n } from 'vue-i18n';
import { createPinia, setActivePinia } from 'pinia';
import ElementPlus from 'element-plus';
import AuditTimeline from './AuditTimeline.vue';
import zhCN from '@/locales/zh-CN';
import en from '@/locales/en';
import { setFetch } from '@/api/client';
import type { AuditEntry } from '@/api/types';

const entries: AuditEntry[] = [
  { id: 3, at: '2026-10-01T01:00:00Z', actor_id: 1, actor_login: 'admin', via: 'session', request_id: 'r-1', record_type: 'organisation', record_id: 5, action: 'create',
    changes: [{ field: 'name', old: null, new: '华东电力' }, { field: 'kind', old: null, new: 'customer' }] },
  { id: 9, at: '2026-10-02T02:00:00Z', actor_id: 2, actor_login: 'li.na', via: 'token', request_id: 'r-2', record_type: 'organisation', record_id: 5, action: 'update',
    changes: [{ field: 'name', old: '华东电力', new: '华东电力集团' }, { field: 'code', old: 'HD', new: '' }] },
];

let urls: string[] = [];
beforeEach(() => {
  setActivePinia(createPinia());
  urls = [];
  setFetch((async (url: string) => {
    urls.push(url);
    return new Response(JSON.stringify({ items: entries, next_cursor: null }), { status: 200 });
  }) as unknown as typeof fetch);
});
afterEach(() => setFetch(null));

function mountIn(locale: 'zh-CN' | 'en') {
  const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, en } });
  const fieldLabel = (f: string) => i18n.global.t(`organisation.fields.${f}`);
  const valueLabel = (f: string, v: string | null) => (f === 'kind' && v ? i18n.global.t(`organisation.kinds.${v}`) : v);
  return mount(AuditTimeline, { props: { record: 'organisation:5', fieldLabel, valueLabel }, global: { plugins: [i18n, ElementPlus] } });
}

describe('AuditTimeline.vue', () => {
  it('reads the record journal and shows who changed what, newest first (zh-CN)', async () => {
    const w = mountIn('zh-CN');
    await flushPromises();
    expect(urls[0]).toBe('/api/v1/audit?record=organisation%3A5&limit=100');
    const items = w.findAll('[data-testid=audit-entry]');
    expect(items).toHaveLength(2);
    expect(items[0]!.text()).toContain('li.na');
    expect(items[0]!.text()).toContain('修改');
    expect(items[0]!.text()).toContain('API 令牌');
    expect(items[0]!.text()).toContain('将 名称 从 “华东电力” 改为 “华东电力集团”');
    expect(items[0]!.text()).toContain('清空 代码（原为 “HD”）');
    expect(items[1]!.text()).toContain('类型 设为 “客户”');
  });

  it('speaks English', async () => {
    const w = mountIn('en');
    await flushPromises();
    const text = w.text();
    expect(text).toContain('Name from "华东电力" to "华东电力集团"');
    expect(text).toContain('Kind set to "Customer"');
    expect(text).toContain('Code cleared (was "HD")');
  });
});
