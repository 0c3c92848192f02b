// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createI18n } from 'vue-i18n';
import ElementPlus from 'element-plus';
import CalendarMonth from './CalendarMonth.vue';
import zhCN from '@/locales/zh-CN';
import en from '@/locales/en';
import { buildMonthGrid, type CalendarDay } from '@/utils/calendarMonth';

const full = [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }];

// October 2026 in China: National Day and Mid-Autumn 1–8 Oct; Sat 10 Oct is a 调休 working day.
function october(): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let d = 1; d <= 31; d++) {
    const date = `2026-10-${String(d).padStart(2, '0')}`;
    const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (d <= 8) days.push({ date, working: false, reason: 'holiday', name: '国庆节、中秋节', segments: [] });
    else if (d === 10) days.push({ date, working: true, reason: 'makeup_day', name: '国庆节调休', segments: full });
    else if (d === 30) days.push({ date, working: true, reason: 'special_day', segments: [{ start: '09:00', end: '12:00' }] });
    else if (wd === 0 || wd === 6) days.push({ date, working: false, reason: 'rest_day', segments: [] });
    else days.push({ date, working: true, reason: 'weekday', segments: full });
  }
  return days;
}

function mountMonth(locale: 'zh-CN' | 'en' = 'zh-CN') {
  const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, en } });
  return mount(CalendarMonth, { props: { year: 2026, month: 10, days: october() }, global: { plugins: [i18n, ElementPlus] } });
}

describe('buildMonthGrid', () => {
  it('starts on Monday and covers the month in whole weeks', () => {
    const weeks = buildMonthGrid(2026, 10, october());
    expect(weeks).toHaveLength(5); // 1 Oct 2026 is a Thursday: 3 leading days + 31 = 34 → 5 weeks
    expect(weeks[0]![0]!.date).toBe('2026-09-28');
    expect(weeks[0]![3]!.date).toBe('2026-10-01');
    expect(weeks[0]![0]!.inMonth).toBe(false);
    expect(weeks.flat().filter((c) => c.inMonth)).toHaveLength(31);
  });
  it('starts on Sunday when asked', () => {
    expect(buildMonthGrid(2026, 2, [], 0)[0]![0]!.date).toBe('2026-02-01'); // 1 Feb 2026 is a Sunday
  });
  it('marks holidays, make-up days, half days and weekends', () => {
    const cells = new Map(buildMonthGrid(2026, 10, october()).flat().map((c) => [c.date, c]));
    expect(cells.get('2026-10-01')!.kind).toBe('holiday');
    expect(cells.get('2026-10-03')!.kind).toBe('holiday'); // a Saturday inside the holiday
    expect(cells.get('2026-10-10')!.kind).toBe('makeup');
    expect(cells.get('2026-10-30')!.kind).toBe('half');
    expect(cells.get('2026-10-30')!.minutes).toBe(180);
    expect(cells.get('2026-10-11')!.kind).toBe('weekend');
    expect(cells.get('2026-10-12')!.kind).toBe('workday');
    expect(cells.get('2026-10-12')!.minutes).toBe(480);
    expect(cells.get('2026-09-28')!.kind).toBe('unknown'); // no data
  });
  it('accepts the brief aliases: weekend, makeup_workday, half_day; a working weekend is a make-up day', () => {
    const days: CalendarDay[] = [
      { date: '2026-02-14', working: true, reason: 'makeup_workday', segments: full },
      { date: '2026-02-15', working: false, reason: 'weekend' },
      { date: '2026-02-16', working: true, reason: 'half_day', segments: [{ start: '09:00', end: '12:00' }] },
      { date: '2026-02-28', working: true, segments: full },
    ];
    const cells = new Map(buildMonthGrid(2026, 2, days).flat().map((c) => [c.date, c]));
    expect(cells.get('2026-02-14')!.marks).toEqual(['makeup']);
    expect(cells.get('2026-02-15')!.kind).toBe('weekend');
    expect(cells.get('2026-02-16')!.kind).toBe('half');
    expect(cells.get('2026-02-28')!.kind).toBe('makeup');
  });
});

describe('CalendarMonth.vue', () => {
  it('renders the month with distinct marks and readable labels (zh-CN)', () => {
    const w = mountMonth();
    expect(w.find('.cal-title').text()).toBe('2026年10月');
    expect(w.findAll('th').map((th) => th.text())).toEqual(['周一', '周二', '周三', '周四', '周五', '周六', '周日']);
    const cell = (d: string) => w.find(`td[data-date="${d}"]`);
    expect(cell('2026-10-01').classes()).toContain('k-holiday');
    expect(cell('2026-10-01').text()).toContain('休');
    expect(cell('2026-10-01').text()).toContain('国庆节、中秋节');
    expect(cell('2026-10-01').attributes('aria-label')).toContain('法定节假日');
    expect(cell('2026-10-10').classes()).toContain('k-makeup');
    expect(cell('2026-10-10').text()).toContain('班');
    expect(cell('2026-10-10').attributes('aria-label')).toContain('调休上班日');
    expect(cell('2026-10-30').classes()).toContain('k-half');
    expect(cell('2026-10-30').text()).toContain('半');
    expect(cell('2026-10-30').attributes('aria-label')).toContain('09:00–12:00');
    expect(cell('2026-10-11').classes()).toContain('k-weekend');
    expect(cell('2026-10-12').classes()).toContain('k-workday');
    expect(cell('2026-09-28').classes()).toContain('out');
    expect(w.findAll('td.k-holiday').filter((c) => !c.classes('out'))).toHaveLength(8);
  });

  it('speaks English when the locale is en, and emits month changes', async () => {
    const i18n = createI18n({ legacy: false, locale: 'en', messages: { 'zh-CN': zhCN, en } });
    const w = mount(CalendarMonth, { props: { year: 2026, month: 12, days: [], navigable: true }, global: { plugins: [i18n, ElementPlus] } });
    expect(w.find('.cal-title').text()).toBe('December 2026');
    expect(w.find('th').text()).toBe('Mon');
    await w.find('button[aria-label="Next month"]').trigger('click');
    expect(w.emitted('change-month')![0]).toEqual([2027, 1]);
    expect(w.find('.legend').text()).toContain('Make-up working day');
  });
});

describe('CalendarMonth.vue keyboard', () => {
  it('has one cell in the tab order and moves it with the arrow keys; PageDown changes the month', async () => {
    const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, en } });
    const w = mount(CalendarMonth, { props: { year: 2026, month: 10, days: october(), navigable: true }, global: { plugins: [i18n, ElementPlus] }, attachTo: document.body });
    const focusable = () => w.findAll('td[tabindex="0"]').map((c) => c.attributes('data-date'));
    expect(focusable()).toEqual(['2026-10-01']);
    await w.find('table').trigger('keydown', { key: 'ArrowRight' });
    expect(focusable()).toEqual(['2026-10-02']);
    await w.find('table').trigger('keydown', { key: 'ArrowDown' });
    expect(focusable()).toEqual(['2026-10-09']);
    await w.find('table').trigger('keydown', { key: 'Home' });
    expect(focusable()).toEqual(['2026-10-05']); // Monday of that week
    await w.find('table').trigger('keydown', { key: 'Enter' });
    expect((w.emitted('select')![0]![0] as { date: string }).date).toBe('2026-10-05');
    await w.find('table').trigger('keydown', { key: 'PageDown' });
    expect(w.emitted('change-month')![0]).toEqual([2026, 11]);
    w.unmount();
  });
});
