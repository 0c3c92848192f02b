import { useI18n } from 'vue-i18n';

// Labels for organisation fields and values, shared by the pages and the audit timeline.
export function useOrganisationLabels() {
  const { t, te } = useI18n();
  const fieldLabel = (f: string) => (te(`organisation.fields.${f}`) ? t(`organisation.fields.${f}`) : f);
  const kindLabel = (k: string) => (te(`organisation.kinds.${k}`) ? t(`organisation.kinds.${k}`) : k);
  const valueLabel = (field: string, v: string | null) => (field === 'kind' && v ? kindLabel(v) : v);
  return { fieldLabel, kindLabel, valueLabel };
}
