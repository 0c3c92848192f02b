// The service network as the after-sales pages name it: centres and their engineers (loaded once
// per page view, reloaded on demand), the work-order lifecycle's states, and lookups by id.
import { computed, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { api } from '@/api/client';
import { listServiceCentres, type CentreEngineer, type Localized, type ServiceCentre } from '@/api/aftersales';
import type { Lifecycle } from '@/api/types';

const centres = ref<ServiceCentre[]>([]);
const states = ref<{ name: string; label: Localized; category: string }[]>([]);
const transitions = ref<{ name: string; label: Localized }[]>([]);
let loading: Promise<void> | null = null;

export function useServiceNetwork() {
  const { locale } = useI18n();

  function load(force = false): Promise<void> {
    if (loading && !force) return loading;
    loading = Promise.all([
      listServiceCentres().then((r) => { centres.value = r.data.items; }).catch(() => { centres.value = []; }),
      states.value.length ? Promise.resolve() : api.get<Lifecycle>('/api/v1/lifecycles/work_order')
        .then((r) => {
          states.value = r.data.states as typeof states.value;
          transitions.value = r.data.transitions as typeof transitions.value;
        }).catch(() => undefined),
    ]).then(() => undefined);
    return loading;
  }

  const engineers = computed(() => {
    const seen = new Map<number, CentreEngineer & { centre_id: number }>();
    for (const c of centres.value) for (const e of c.engineers) if (!seen.has(e.user_id)) seen.set(e.user_id, { ...e, centre_id: c.id });
    return [...seen.values()];
  });
  const label = (l: Localized | undefined) => (l ? (locale.value === 'en' ? l.en || l['zh-CN'] : l['zh-CN'] || l.en) : '');
  const centreName = (id: number | null | undefined) => {
    const c = centres.value.find((x) => x.id === id);
    return c ? (locale.value === 'en' && c.name_en ? c.name_en : c.name_zh) : id ? `#${id}` : '';
  };
  const engineerName = (id: number | null | undefined) => (id ? engineers.value.find((e) => e.user_id === id)?.display_name ?? `#${id}` : '');
  const stateLabel = (name: string) => label(states.value.find((s) => s.name === name)?.label) || name;
  const transitionLabel = (name: string) => label(transitions.value.find((s) => s.name === name)?.label) || name;

  return { centres, engineers, states, load, centreName, engineerName, stateLabel, transitionLabel, label };
}
