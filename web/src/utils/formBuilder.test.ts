import { describe, expect, it } from 'vitest';
import type { FormField } from '@/api/desk';
import { blankField, checkSchema, cleanSchema, moveField, removeField, renameInConditions } from './formBuilder';

const f = (name: string, extra: Partial<FormField> = {}): FormField => ({ name, type: 'text', label_zh: name, label_en: name, ...extra });
const msg = { name: 'name', duplicate: 'dup', label: 'label', options: 'options', optionValue: 'value' };

describe('form builder', () => {
  it('names a new field after its type, skipping taken names', () => {
    expect(blankField('select', ['select_1']).name).toBe('select_2');
    expect(blankField('select', []).options).toHaveLength(1);
  });
  it('refuses a move that would put a condition before the field it names', () => {
    const fields = [f('model'), f('reason', { required_when: { field: 'model', values: ['x'] } }), f('note')];
    expect(moveField(fields, 1, -1)).toBeNull();
    expect(moveField(fields, 0, -1)).toBeNull();
    expect(moveField(fields, 1, 1)?.map((x) => x.name)).toEqual(['model', 'note', 'reason']);
  });
  it('drops the conditions on a removed field', () => {
    const out = removeField([f('model'), f('reason', { shown_when: { field: 'model' } })], 0);
    expect(out).toEqual([f('reason')]);
  });
  it('checks names, labels and options like the server, keyed by its pointers', () => {
    const e = checkSchema({ fields: [f('Bad'), f('a'), f('a', { label_en: ' ' }), { name: 's', type: 'select', label_zh: 's', label_en: 's', options: [{ value: 'x', label_zh: 'x', label_en: 'x' }, { value: 'x', label_zh: 'y', label_en: 'y' }] }] }, msg);
    expect(e).toEqual({ 'form_schema.fields.0.name': 'name', 'form_schema.fields.2.name': 'dup', 'form_schema.fields.2.label_en': 'label', 'form_schema.fields.3.options.1.value': 'value' });
  });
  it('sends only the members of the field\'s type', () => {
    expect(cleanSchema({ fields: [{ ...f('n'), type: 'number', min: 1, max: 5, integer: true, options: [], max_length: 9, shown_when: { field: '', values: [] } }] }))
      .toEqual({ fields: [{ name: 'n', type: 'number', label_zh: 'n', label_en: 'n', min: 1, max: 5, integer: true }] });
  });
  it('keeps conditions on a renamed field', () => {
    const fields = [f('model'), f('reason', { shown_when: { field: 'model', values: ['x'] } })];
    renameInConditions(fields, 'model', 'device');
    expect(fields[1].shown_when).toEqual({ field: 'device', values: ['x'] });
  });
});
