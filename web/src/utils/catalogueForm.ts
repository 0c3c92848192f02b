// The catalogue's form schemas without Vue: which fields apply (shown_when), which are required
// (required / required_when), the data to send (hidden and empty fields left out), and client-side
// "required" checks. The server checks everything again (422 with form/<name>).
import type { FormCondition, FormField, FormSchema } from '@/api/desk';

export type FormData = Record<string, string | number | null | undefined>;

const empty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && !v.trim());

function holds(c: FormCondition | undefined, data: FormData): boolean {
  if (!c) return true;
  const v = data[c.field];
  if (empty(v)) return false;
  return !c.values || c.values.some((x) => String(x) === String(v));
}

export function shown(f: FormField, data: FormData): boolean {
  return holds(f.shown_when, data);
}

export function required(f: FormField, data: FormData): boolean {
  return !!f.required || (!!f.required_when && holds(f.required_when, data));
}

export function visibleFields(schema: FormSchema | undefined, data: FormData): FormField[] {
  // A field hidden by an earlier hidden field is hidden too: conditions see only what is shown.
  const shownData: FormData = {};
  const out: FormField[] = [];
  for (const f of schema?.fields ?? []) {
    if (!shown(f, shownData)) continue;
    out.push(f);
    shownData[f.name] = data[f.name];
  }
  return out;
}

export function formPayload(schema: FormSchema | undefined, data: FormData): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const f of visibleFields(schema, data)) {
    const v = data[f.name];
    if (empty(v)) continue;
    out[f.name] = typeof v === 'string' && f.type !== 'text' ? v.trim() : (v as string | number);
  }
  return out;
}

// Field errors keyed like the client's ("form.<name>", from the server's form/<name>) for required fields left empty.
export function missingRequired(schema: FormSchema | undefined, data: FormData, message: string): Record<string, string> {
  const errors: Record<string, string> = {};
  const shownData = Object.fromEntries(visibleFields(schema, data).map((f) => [f.name, data[f.name]]));
  for (const f of visibleFields(schema, data)) {
    if (required(f, shownData) && empty(data[f.name])) errors[`form.${f.name}`] = message;
  }
  return errors;
}

export const fieldLabel = (f: { label_zh: string; label_en: string }, locale: string) => (locale === 'en' ? f.label_en || f.label_zh : f.label_zh || f.label_en);
export const fieldHelp = (f: FormField, locale: string) => (locale === 'en' ? f.help_en || f.help_zh : f.help_zh || f.help_en) ?? '';
