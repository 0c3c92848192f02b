// The only way HTML from data reaches the page: through DOMPurify (never a bare v-html).
// Use as <div v-safe-html="html" /> (registered in main.ts) or sanitizeHtml() directly.
import DOMPurify from 'dompurify';
import type { Directive } from 'vue';

const OPTIONS = {
  ALLOWED_TAGS: ['a', 'b', 'strong', 'i', 'em', 'u', 's', 'p', 'br', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre',
    'h1', 'h2', 'h3', 'h4', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'mark', 'span', 'img', 'hr'],
  ALLOWED_ATTR: ['href', 'title', 'alt', 'src', 'colspan', 'rowspan'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|\/|#|data:image\/(?:png|jpeg|gif|webp);)/i,
};

let hooked = false;
function hook() {
  if (hooked) return;
  hooked = true;
  // Links open outside the app and do not leak the opener.
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A' && node.getAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
  });
}

export function sanitizeHtml(html: string | null | undefined): string {
  if (!html) return '';
  hook();
  return DOMPurify.sanitize(html, OPTIONS) as string;
}

export const vSafeHtml: Directive<HTMLElement, string | null | undefined> = {
  mounted(el, binding) { el.innerHTML = sanitizeHtml(binding.value); },
  updated(el, binding) { if (binding.value !== binding.oldValue) el.innerHTML = sanitizeHtml(binding.value); },
};
