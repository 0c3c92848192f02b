// The catalogue form builder's logic without Vue: a blank field of a type, moving fields (a
// condition may only name an EARLIER field, so moves that would break one are refused), the fields a
// condition may name, and the checks the server also makes (names, labels, options), keyed like the
// client's field errors ("form_schema.fields.<i>.<member>", from the server's pointers).
import type { FormField, FormFieldType, FormSchema } from '@/api/desk';

export const NAME_RE = /^[a-z][a-z0-9_]{0,63}$/;

export function blankField(type: FormFieldType, taken: string[]): FormField {
  let n = 1;
  while (taken.includes(`${type}_${n}`)) n++;
  const f: FormField = { name: `${type}_${n}`, type, label_zh: '', label_en: '' };
  if (type === 'select') f.options = [{ value: 'a', label_zh: '', label_en: '' }];
  return f;
}

// The fields a condition of field `index` may name: the earlier ones.
export function conditionCandidates(fields: FormField[], index: number): FormField[] {
  return fields.slice(0, index);
}

// Moves field `index` by `delta` (-1 up, +1 down); null when that would put a condition before the
// field it names, or out of range.
export function moveField(fields: FormField[], index: number, delta: -1 | 1): FormField[] | null {
  const to = index + delta;
  if (to < 0 || to >= fields.length) return null;
  const out = [...fields];
  [out[index], out[to]] = [out[to], out[index]];
  return conditionsValid(out) ? out : null;
}

export function conditionsValid(fields: FormField[]): boolean {
  return fields.every((f, i) => [f.shown_when, f.required_when].every((c) => !c || fields.slice(0, i).some((e) => e.name === c.field)));
}

// Removing a field also removes the conditions that name it.
export function removeField(fields: FormField[], index: number): FormField[] {
  const gone = fields[index]?.name;
  return fields.filter((_, i) => i !== index).map((f) => {
    const g = { ...f };
    if (g.shown_when?.field === gone) delete g.shown_when;
    if (g.required_when?.field === gone) delete g.required_when;
    return g;
  });
}

export function checkSchema(schema: FormSchema, msg: { name: string; duplicate: string; label: string; options: string; optionValue: string }): Record<string, string> {
  const e: Record<string, string> = {};
  const seen = new Set<string>();
  schema.fields.forEach((f, i) => {
    const at = `form_schema.fields.${i}`;
    if (!NAME_RE.test(f.name)) e[`${at}.name`] = msg.name;
    else if (seen.has(f.name)) e[`${at}.name`] = msg.duplicate;
    seen.add(f.name);
    if (!f.label_zh.trim()) e[`${at}.label_zh`] = msg.label;
    if (!f.label_en.trim()) e[`${at}.label_en`] = msg.label;
    if (f.type === 'select') {
      if (!f.options?.length) e[`${at}.options`] = msg.options;
      const values = new Set<string>();
      f.options?.forEach((o, j) => {
        if (!o.value.trim() || values.has(o.value)) e[`${at}.options.${j}.value`] = msg.optionValue;
        values.add(o.value);
        if (!o.label_zh.trim() || !o.label_en.trim()) e[`${at}.options.${j}.label_zh`] = msg.label;
      });
    }
  });
  return e;
}

// What is sent: members that do not apply to the type, and empty optional ones, left out.
export function cleanSchema(schema: FormSchema): FormSchema {
  return {
    fields: schema.fields.map((f) => {
      const out: FormField = { name: f.name.trim(), type: f.type, label_zh: f.label_zh.trim(), label_en: f.label_en.trim() };
      if (f.help_zh?.trim()) out.help_zh = f.help_zh.trim();
      if (f.help_en?.trim()) out.help_en = f.help_en.trim();
      if (f.required) out.required = true;
      if (f.type === 'text' && f.max_length) out.max_length = f.max_length;
      if (f.type === 'number') {
        if (f.min !== undefined && f.min !== null) out.min = f.min;
        if (f.max !== undefined && f.max !== null) out.max = f.max;
        if (f.integer) out.integer = true;
      }
      if (f.type === 'select') out.options = (f.options ?? []).map((o) => ({ value: o.value.trim(), label_zh: o.label_zh.trim(), label_en: o.label_en.trim() }));
      for (const k of ['shown_when', 'required_when'] as const) {
        const c = f[k];
        if (c?.field) out[k] = c.values?.length ? { field: c.field, values: c.values } : { field: c.field };
      }
      return out;
    }),
  };
}

// A field renamed: the conditions that named it follow.
export function renameInConditions(fields: FormField[], from: string, to: string): void {
  if (!from || from === to) return;
  for (const f of fields) {
    for (const k of ['shown_when', 'required_when'] as const) {
      const c = f[k];
      if (c?.field === from) c.field = to;
    }
  }
}
