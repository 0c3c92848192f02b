import { describe, expect, it } from 'vitest';
import { bandOf, missingAnswers, percentToBp, toAnswers, weightSum, weightText, blankAnswers } from './surveys';
import type { SurveyQuestion } from '@/api/surveys';

const q = (key: string, weight: number, extra: Partial<SurveyQuestion> = {}): SurveyQuestion => ({ key, kind: 'scale', text_zh: key, text_en: key, weight_bp: weight, scale_min: 1, scale_max: 4, ...extra });

describe('survey weights', () => {
  it('sums percentages exactly in basis points', () => {
    // 0.1 + 0.2 in floating point is 0.30000000000000004; in basis points it is 3000.
    expect(percentToBp(10) + percentToBp(20)).toBe(3000);
    expect(weightSum([q('a', percentToBp(15)), q('b', percentToBp(15)), q('c', percentToBp(15)), q('d', percentToBp(20)), q('e', percentToBp(10)), q('f', percentToBp(10)), q('g', percentToBp(15))])).toBe(10000);
    expect(percentToBp(33.33)).toBe(3333);
    expect(percentToBp(null)).toBe(0);
  });
  it('ignores comment questions and names the sum as the server does', () => {
    expect(weightSum([q('a', 9500), { key: 'c', kind: 'comment', text_zh: '', text_en: '', weight_bp: 500 }])).toBe(9500);
    expect(weightText(10000)).toBe('1.00');
    expect(weightText(9500)).toBe('0.95');
    expect(weightText(9999)).toBe('0.9999');
  });
});

describe('bands', () => {
  it('has the seed boundaries', () => {
    expect(bandOf(85)).toBe('satisfied');
    expect(bandOf(84.99)).toBe('fairly_satisfied');
    expect(bandOf(70)).toBe('fairly_satisfied');
    expect(bandOf(69.99)).toBe('moderately_satisfied');
    expect(bandOf(60)).toBe('moderately_satisfied');
    expect(bandOf(59.99)).toBe('dissatisfied');
  });
});

describe('form answers', () => {
  it('lists missing scale answers and builds the request', () => {
    const qs = [q('a', 5000), q('b', 5000, { allow_na: true }), { key: 'c', kind: 'comment', text_zh: '', text_en: '' } as SurveyQuestion];
    const a = blankAnswers(qs);
    expect(missingAnswers(qs, a)).toEqual(['a', 'b']);
    a.a.value = 4;
    a.b.na = true;
    a.c.comment = '  很好 ';
    expect(missingAnswers(qs, a)).toEqual([]);
    expect(toAnswers(qs, a)).toEqual([{ key: 'a', value: 4 }, { key: 'b', not_applicable: true }, { key: 'c', comment: '很好' }]);
  });
});
