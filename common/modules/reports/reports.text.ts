// Pure rules of the public portal shared by the form and the server: what a description must
// look like to be accepted, tracking codes, and the masking of free text shown to the public.

/** Tracking codes: 10 characters without the look-alikes 0/O, 1/I/L. */
export const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const TRACKING_LENGTH = 10;
export const TRACKING_PATTERN = `^[${TRACKING_ALPHABET}]{${TRACKING_LENGTH}}$`;

/** What a resident typed ('abcde-fghjk ', lower case, spaces) → the stored form, or null. */
export function normalizeTrackingCode(raw: string): string | null {
  const s = raw.toUpperCase().replace(/[\s\-_.]/g, '');
  return new RegExp(TRACKING_PATTERN).test(s) ? s : null;
}

/** 'ABCDEFGHJK' → 'ABCDE-FGHJK' for reading aloud and copying. */
export function formatTrackingCode(code: string): string {
  return code.length === TRACKING_LENGTH ? `${code.slice(0, 5)}-${code.slice(5)}` : code;
}

export type TextProblem = 'empty' | 'too_short' | 'too_long' | 'repeated' | 'no_letters' | 'links';

export const TEXT_PROBLEM_MESSAGES: Record<TextProblem, { zh: string; en: string }> = {
  empty: { zh: '请描述您看到的情况', en: 'Please describe what you saw' },
  too_short: { zh: '描述太短，请至少写 5 个汉字或 10 个字母', en: 'Too short: write at least 5 Chinese characters or 10 letters' },
  too_long: { zh: '描述太长', en: 'The description is too long' },
  repeated: { zh: '描述看起来是重复的字符，请写清楚具体情况', en: 'This looks like repeated characters; please describe what you saw' },
  no_letters: { zh: '描述中需要有文字', en: 'The description needs words, not only digits or symbols' },
  links: { zh: '描述主要是网址，请用文字说明情况', en: 'The description is mostly links; please describe it in words' },
};

const URL_RE = /(?:https?:\/\/|www\.)[^\s<>"']+/giu;
const HAN_RE = /\p{Script=Han}/u;
const LETTER_RE = /\p{L}/u;

/** Letters weigh 1, Chinese characters 2: 10 means "10 letters or 5 characters". */
function weight(text: string): number {
  let w = 0;
  for (const ch of text) {
    if (HAN_RE.test(ch)) w += 2;
    else if (LETTER_RE.test(ch)) w += 1;
  }
  return w;
}

/**
 * Is this text something a person wrote about a hazard? Returns the first problem found, or
 * null when it is acceptable. `min` is the weight of `weight()`; `max` counts characters.
 */
export function textProblem(raw: string, opts: { min?: number; max?: number } = {}): TextProblem | null {
  const min = opts.min ?? 10;
  const max = opts.max ?? 2000;
  const text = raw.normalize('NFKC').trim();
  if (text === '') return 'empty';
  if ([...text].length > max) return 'too_long';
  const urls = text.match(URL_RE) ?? [];
  const urlChars = urls.reduce((n, u) => n + u.length, 0);
  const withoutUrls = text.replace(URL_RE, ' ');
  if (urls.length >= 3 || (urls.length > 0 && urlChars > text.length * 0.5)) return 'links';
  if (!LETTER_RE.test(withoutUrls)) return 'no_letters';
  const compact = [...withoutUrls.replace(/[\s\p{P}\p{S}]/gu, '').toLowerCase()];
  if (compact.length >= 4) {
    const counts = new Map<string, number>();
    for (const ch of compact) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    const top = Math.max(...counts.values());
    if (counts.size <= 2 || top / compact.length > 0.5) return 'repeated';
    if (/^(.{1,4})\1{3,}$/u.test(compact.join(''))) return 'repeated';
  }
  if (weight(withoutUrls) < min) return 'too_short';
  return null;
}

/**
 * Free text shown to the public: long digit runs (phone, ID numbers, plates with digits) and
 * e-mail addresses are masked, since residents sometimes type them into a description.
 */
export function maskFreeText(text: string): string {
  return text
    .replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '***@***')
    .replace(/\+?\d(?:[ -]?\d)+[Xx]?/g, (m) => {
      const digits = m.replace(/\D/g, '');
      const longestRun = Math.max(...(m.match(/\d+/g) ?? ['']).map((r) => r.length));
      if (digits.length < 11 && longestRun < 7) return m;
      const compact = m.replace(/[\s-]/g, '');
      return `${compact.slice(0, 3)}****${compact.slice(-2)}`;
    });
}

/** A short excerpt of public free text. */
export function excerpt(text: string, chars = 80): string {
  const masked = maskFreeText(text.replace(/\s+/g, ' ').trim());
  const cs = [...masked];
  return cs.length <= chars ? masked : `${cs.slice(0, chars).join('')}…`;
}

/** Masks a person's name for display: 张三 → 张*, Alice Smith → A***. */
export function maskName(name: string): string {
  const n = name.trim();
  if (n === '') return '';
  const cs = [...n];
  if (HAN_RE.test(cs[0] ?? '')) return `${cs[0]}${'*'.repeat(Math.max(1, cs.length - 1))}`;
  return `${cs[0]}***`;
}

/** a.b@example.com → a***@example.com */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}
