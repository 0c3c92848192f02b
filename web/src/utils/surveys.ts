// Pure helpers of the survey pages: weights in integer basis points (1 = 10000, so the live sum
// never drifts the way 0.1 + 0.2 does), the seed's bands, and the answers of a form.
import type { SurveyAnswer, SurveyBand, SurveyQuestion } from '@/api/surveys';

export const BASIS = 10000;

// A weight typed as a percentage with up to two decimals (15, 12.5, 33.33) in basis points.
export function percentToBp(percent: number | null | undefined): number {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return 0;
  return Math.round(percent * 100);
}

export function bpToPercent(bp: number): number {
  return bp / 100;
}

// Σλ of the scored questions, in basis points.
export function weightSum(questions: Pick<SurveyQuestion, 'kind' | 'weight_bp'>[]): number {
  return questions.reduce((sum, q) => (q.kind === 'scale' ? sum + (q.weight_bp ?? 0) : sum), 0);
}

// "1.00", "0.95", "0.9999": the sum as the server names it.
export function weightText(bp: number): string {
  const whole = Math.trunc(bp / BASIS);
  let frac = String(bp % BASIS).padStart(4, '0');
  while (frac.length > 2 && frac.endsWith('0')) frac = frac.slice(0, -1);
  return `${whole}.${frac}`;
}

// Bands of seed 004 §5.1.17 d, on a percentage as shown.
export function bandOf(percent: number): SurveyBand {
  const h = Math.round(percent * 100);
  if (h >= 8500) return 'satisfied';
  if (h >= 7000) return 'fairly_satisfied';
  if (h >= 6000) return 'moderately_satisfied';
  return 'dissatisfied';
}

export const bandColors: Record<SurveyBand, string> = {
  satisfied: '#67c23a',
  fairly_satisfied: '#409eff',
  moderately_satisfied: '#e6a23c',
  dissatisfied: '#f56c6c',
};

// What the form holds per question: a scale value, N/A, or a comment.
export interface FormAnswer {
  value: number | undefined;
  na: boolean;
  comment: string;
}

export function blankAnswers(questions: SurveyQuestion[]): Record<string, FormAnswer> {
  return Object.fromEntries(questions.map((q) => [q.key, { value: undefined, na: false, comment: '' }]));
}

// The keys of scored questions still without an answer.
export function missingAnswers(questions: SurveyQuestion[], answers: Record<string, FormAnswer>): string[] {
  return questions.filter((q) => q.kind === 'scale' && answers[q.key]?.value === undefined && !answers[q.key]?.na).map((q) => q.key);
}

export function toAnswers(questions: SurveyQuestion[], answers: Record<string, FormAnswer>): SurveyAnswer[] {
  const out: SurveyAnswer[] = [];
  for (const q of questions) {
    const a = answers[q.key];
    if (!a) continue;
    if (q.kind === 'comment') {
      if (a.comment.trim()) out.push({ key: q.key, comment: a.comment.trim() });
    } else if (a.na) {
      out.push({ key: q.key, not_applicable: true });
    } else if (a.value !== undefined) {
      out.push({ key: q.key, value: a.value });
    }
  }
  return out;
}

// The points of a question's scale, lowest first, with their labels when the template has them.
export function scalePoints(q: SurveyQuestion, locale: string): { value: number; label: string }[] {
  const min = q.scale_min ?? 1;
  const max = q.scale_max ?? 5;
  const labels = (locale === 'en' ? q.labels_en : q.labels_zh) ?? [];
  const out = [];
  for (let v = min; v <= max; v++) out.push({ value: v, label: labels[v - min] ? `${labels[v - min]}` : String(v) });
  return out;
}
