// Quoted history in e-mail text: where the sender's own words end and the earlier messages they
// quote begin, so the UI can fold the history away (issue 10: "quoted history is folded").
//
// The history starts at the first line that is, after optional blank lines up to the end:
//   - a run of "> " lines that continues (with blank lines) to the end of the text, or
//   - a separator a mail program writes before the quoted message: "-----Original Message-----",
//     "-----原始邮件-----", "On … wrote:", "在 … 写道：", "发件人：…"/"From: …" followed by a
//     "发送时间：/Sent:/Date:/主题：/Subject:" line.
// Text with nothing of the kind, or where the history would be all of it, is returned whole.

export interface SplitText { main: string; quoted: string }

const SEPARATORS = [
  /^-{2,}\s*(original message|原始邮件|原邮件|forwarded message|转发邮件)\s*-{2,}\s*$/i,
  /^on .{4,200} wrote:\s*$/i,
  /^在.{2,200}写道[：:]\s*$/,
  /^\d{4}[-/年].{2,120}(写道|wrote)[：:]\s*$/i,
];
const HEADER_START = /^(发件人|from)\s*[：:]/i;
const HEADER_NEXT = /^(发送时间|时间|日期|sent|date|主题|subject|收件人|to)\s*[：:]/i;

function quotedToEnd(lines: string[], from: number): boolean {
  for (let i = from; i < lines.length; ++i) {
    const l = lines[i].trim();
    if (l !== '' && !l.startsWith('>')) return false;
  }
  return true;
}

export function splitQuoted(text: string): SplitText {
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; ++i) {
    const l = lines[i].trim();
    const separator = SEPARATORS.some((re) => re.test(l)) ||
      (HEADER_START.test(l) && i + 1 < lines.length && HEADER_NEXT.test(lines[i + 1].trim()));
    const quoteRun = l.startsWith('>') && quotedToEnd(lines, i);
    if (!separator && !quoteRun) continue;
    const main = lines.slice(0, i).join('\n').replace(/\s+$/, '');
    if (quotedToEnd(lines.slice(0, i), 0)) return { main: text, quoted: '' };
    return { main, quoted: lines.slice(i).join('\n') };
  }
  return { main: text, quoted: '' };
}
