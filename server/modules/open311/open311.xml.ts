// GeoReport v2 XML: the JSON shapes written with the specification's element names
// (<services><service>…, <service_requests><request>…, <errors><error>…) by fast-xml-parser's
// XMLBuilder, which escapes text; only the characters XML 1.0 forbids even escaped are dropped here.
import { XMLBuilder } from 'fast-xml-parser';

/** Element names of the items of each list, by the list's element name. */
const ITEM_NAMES: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
};

// Characters XML 1.0 does not allow, even escaped.
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

const builder = new XMLBuilder({ format: false, suppressEmptyNode: false, processEntities: true });

/** The builder's input for one element's content: lists wrapped in their item element, scalars as text. */
function content(name: string, value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    const item = ITEM_NAMES[name] ?? 'item';
    return value.length === 0 ? '' : { [item]: value.map((v) => content(item, v)) };
  }
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, content(k, v)]));
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return (typeof value === 'string' ? value : JSON.stringify(value)).replace(INVALID, '');
}

/** A whole document: `root` is e.g. 'services' (a list) or 'discovery' (an object). */
export function toXml(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ [root]: content(root, value) })}\n`;
}
