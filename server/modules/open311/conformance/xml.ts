// The conformance tests read the product's XML with an independent parser (fast-xml-parser), not
// with anything of the product's: well-formedness from its validator, plus exactly one root and
// only the five predefined entities; then an ordered tree to check the specification's element
// names. Text is kept as written (parseTagValue: false), repeatable elements stay lists.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text content of this element (not of its children). */
  text: string;
}

export class XmlError extends Error {}

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true, // keeps every repeated element, in document order
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  ignoreDeclaration: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
});

function toElement(node: Ordered): XmlElement {
  const name = Object.keys(node).find((k) => k !== ':@');
  if (!name) throw new XmlError('empty node');
  const kids = (node[name] as Ordered[] | undefined) ?? [];
  const el: XmlElement = { name, attributes: { ...(node[':@'] ?? {}) }, children: [], text: '' };
  for (const k of kids) {
    if ('#text' in k) el.text += String(k['#text']);
    else el.children.push(toElement(k));
  }
  return el;
}

export function parseXml(src: string): { declaration: Record<string, string> | null; root: XmlElement } {
  const v = XMLValidator.validate(src);
  if (v !== true) throw new XmlError(`${v.err.code}: ${v.err.msg} (line ${v.err.line}, column ${v.err.col})`);
  const unknown = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)[^;\s]*;?/.exec(src);
  if (unknown) throw new XmlError(`undeclared entity ${unknown[0]}`);
  const nodes = parser.parse(src) as Ordered[];
  let declaration: Record<string, string> | null = null;
  const roots: XmlElement[] = [];
  for (const n of nodes) {
    if ('?xml' in n) declaration = { ...(n[':@'] ?? {}) };
    else if ('#text' in n) {
      if (String(n['#text']).trim() !== '') throw new XmlError('text outside the root element');
    } else roots.push(toElement(n));
  }
  if (roots.length !== 1) throw new XmlError(`a document has one root element, this one has ${roots.length}`);
  return { declaration, root: roots[0]! };
}

export function childText(el: XmlElement, name: string): string | undefined {
  return el.children.find((c) => c.name === name)?.text;
}
