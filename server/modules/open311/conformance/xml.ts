// A small, strict XML parser for the conformance tests: well-formedness (one root, matching
// tags, escaped text, known entities, a UTF-8 declaration) and a tree to check element names.
// It ignores attributes' meaning but checks their syntax; no DTDs.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text content of this element (not of its children). */
  text: string;
}

export class XmlError extends Error {}

const NAME = /[A-Za-z_][A-Za-z0-9_.-]*/y;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function parseXml(src: string): { declaration: Record<string, string> | null; root: XmlElement } {
  let i = 0;
  const fail = (msg: string): never => {
    throw new XmlError(`${msg} at offset ${i}: ${JSON.stringify(src.slice(i, i + 30))}`);
  };
  const ws = () => {
    while (i < src.length && /[ \t\r\n]/.test(src[i] ?? '')) i++;
  };
  const name = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(src);
    if (!m) return fail('expected a name');
    i += m[0].length;
    return m[0];
  };
  const decode = (raw: string): string => raw.replace(/&([^;&\s]*);?/g, (whole, ent: string) => {
    if (!whole.endsWith(';')) fail('unterminated entity reference');
    if (ent.startsWith('#x')) return String.fromCodePoint(parseInt(ent.slice(2), 16));
    if (ent.startsWith('#')) return String.fromCodePoint(parseInt(ent.slice(1), 10));
    const v = ENTITIES[ent];
    if (v === undefined) fail(`unknown entity &${ent};`);
    return v ?? '';
  });
  const attributes = (): Record<string, string> => {
    const out: Record<string, string> = {};
    for (;;) {
      ws();
      if (src[i] === '>' || src[i] === '/' || src[i] === '?') return out;
      const n = name();
      ws();
      if (src[i] !== '=') fail('expected =');
      i++;
      ws();
      const q = src[i];
      if (q !== '"' && q !== "'") return fail('expected a quoted value');
      const end = src.indexOf(q, i + 1);
      if (end < 0) fail('unterminated attribute value');
      const raw = src.slice(i + 1, end);
      if (raw.includes('<')) fail('< in an attribute value');
      if (n in out) fail(`duplicate attribute ${n}`);
      out[n] = decode(raw);
      i = end + 1;
    }
  };
  const misc = () => {
    for (;;) {
      ws();
      if (src.startsWith('<!--', i)) {
        const end = src.indexOf('-->', i + 4);
        if (end < 0) fail('unterminated comment');
        i = end + 3;
      } else return;
    }
  };
  const element = (): XmlElement => {
    if (src[i] !== '<') fail('expected <');
    i++;
    const n = name();
    const attrs = attributes();
    if (src.startsWith('/>', i)) {
      i += 2;
      return { name: n, attributes: attrs, children: [], text: '' };
    }
    if (src[i] !== '>') fail('expected >');
    i++;
    const el: XmlElement = { name: n, attributes: attrs, children: [], text: '' };
    for (;;) {
      if (i >= src.length) fail(`unclosed element <${n}>`);
      if (src.startsWith('</', i)) {
        i += 2;
        const close = name();
        if (close !== n) fail(`</${close}> closes <${n}>`);
        ws();
        if (src[i] !== '>') fail('expected >');
        i++;
        return el;
      }
      if (src.startsWith('<!--', i)) {
        const end = src.indexOf('-->', i + 4);
        if (end < 0) fail('unterminated comment');
        i = end + 3;
      } else if (src.startsWith('<![CDATA[', i)) {
        const end = src.indexOf(']]>', i + 9);
        if (end < 0) fail('unterminated CDATA');
        el.text += src.slice(i + 9, end);
        i = end + 3;
      } else if (src[i] === '<') {
        el.children.push(element());
      } else {
        const next = src.indexOf('<', i);
        const raw = src.slice(i, next < 0 ? src.length : next);
        if (raw.includes('>') && raw.includes(']]>')) fail(']]> in text');
        el.text += decode(raw);
        i = next < 0 ? src.length : next;
      }
    }
  };

  if (src.charCodeAt(0) === 0xfeff) i = 1;
  let declaration: Record<string, string> | null = null;
  if (src.startsWith('<?xml', i)) {
    i += 5;
    declaration = attributes();
    if (!src.startsWith('?>', i)) fail('expected ?>');
    i += 2;
  }
  misc();
  if (src.startsWith('<!DOCTYPE', i)) fail('DOCTYPE not allowed');
  const root = element();
  misc();
  if (i !== src.length) fail('content after the root element');
  return { declaration, root };
}

/** The text of the named child, or undefined when there is no such child. */
export function childText(el: XmlElement, name: string): string | undefined {
  return el.children.find((c) => c.name === name)?.text;
}
