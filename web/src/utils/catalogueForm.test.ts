import { describe, expect, it } from 'vitest';
import type { FormSchema } from '@/api/desk';
import { formPayload, missingRequired, visibleFields } from './catalogueForm';

const schema: FormSchema = {
  fields: [
    { name: 'model', type: 'select', label_zh: '型号', label_en: 'Model', required: true, options: [{ value: 'standard', label_zh: '标准型', label_en: 'Standard' }, { value: 'workstation', label_zh: '工作站', label_en: 'Workstation' }] },
    { name: 'memory_gb', type: 'number', label_zh: '内存', label_en: 'Memory', min: 8, max: 64, integer: true },
    { name: 'cost_owner', type: 'user', label_zh: '成本负责人', label_en: 'Cost owner', required: true, shown_when: { field: 'model', values: ['workstation'] } },
    { name: 'reason', type: 'text', label_zh: '原因', label_en: 'Reason', required_when: { field: 'model', values: ['workstation'] } },
    { name: 'approver_note', type: 'text', label_zh: '备注', label_en: 'Note', shown_when: { field: 'cost_owner' } },
  ],
};

describe('catalogue forms', () => {
  it('shows conditional fields only when their condition holds, transitively', () => {
    expect(visibleFields(schema, { model: 'standard', cost_owner: 5 }).map((f) => f.name)).toEqual(['model', 'memory_gb', 'reason']);
    expect(visibleFields(schema, { model: 'workstation', cost_owner: 5 }).map((f) => f.name)).toEqual(['model', 'memory_gb', 'cost_owner', 'reason', 'approver_note']);
  });
  it('requires required and required_when fields that are shown', () => {
    expect(missingRequired(schema, {}, '必填')).toEqual({ 'form.model': '必填' });
    expect(missingRequired(schema, { model: 'workstation' }, '必填')).toEqual({ 'form.cost_owner': '必填', 'form.reason': '必填' });
  });
  it('sends shown, non-empty values only', () => {
    expect(formPayload(schema, { model: 'standard', memory_gb: 16, cost_owner: 5, reason: '  ' })).toEqual({ model: 'standard', memory_gb: 16 });
  });
});
