// Marks the query's words in a text as plain segments (no HTML): Chinese runs match as themselves
// and as their two-character pieces (the server's bigram search finds 宕机 inside 服务器宕机),
// other words case-insensitively.
export interface Segment { text: string; mark: boolean }

export function queryTerms(q: string): string[] {
  const terms = new Set<string>();
  for (const word of q.replace(/["“”]/g, ' ').split(/\s+/).filter(Boolean)) {
    terms.add(word.toLowerCase());
    const han = [...word].filter((c) => /\p{Script=Han}/u.test(c));
    if (han.length > 2) for (let i = 0; i + 1 < han.length; i++) terms.add(han[i] + han[i + 1]);
  }
  return [...terms].sort((a, b) => b.length - a.length);
}

export function highlight(text: string, q: string): Segment[] {
  const terms = queryTerms(q);
  if (!terms.length || !text) return [{ text, mark: false }];
  const lower = text.toLowerCase();
  const marked = new Array<boolean>(text.length).fill(false);
  for (const term of terms) {
    for (let i = lower.indexOf(term); i >= 0; i = lower.indexOf(term, i + 1)) marked.fill(true, i, i + term.length);
  }
  const out: Segment[] = [];
  for (let i = 0; i < text.length; i++) {
    const last = out[out.length - 1];
    if (last && last.mark === marked[i]) last.text += text[i];
    else out.push({ text: text[i], mark: marked[i] });
  }
  return out;
}
