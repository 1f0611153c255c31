// The GeoReport XML writer, read back with the independent parser of the conformance tests.
import { describe, expect, it } from 'vitest';
import { parseXml } from './conformance/xml.js';
import { toXml } from './open311.xml.js';

describe('GeoReport v2 XML writer', () => {
  it('escapes markup, drops characters XML forbids, and names list items by the specification', () => {
    const doc = toXml('service_requests', [
      { service_request_id: '7', description: 'a < b & "c" \'d\' </description>\u0001', media_url: null, lat: 36.5, public: true, notes: [] },
      { service_request_id: '8', description: '消防通道被堵' },
    ]);
    expect(doc.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<service_requests><request>')).toBe(true);
    const { declaration, root } = parseXml(doc);
    expect(declaration).toEqual({ version: '1.0', encoding: 'utf-8' });
    expect(root.children.map((c) => c.name)).toEqual(['request', 'request']);
    const first = root.children[0]!;
    expect(first.children.map((c) => [c.name, c.text])).toEqual([
      ['service_request_id', '7'], ['description', 'a < b & "c" \'d\' </description>'], ['media_url', ''], ['lat', '36.5'], ['public', 'true'], ['notes', ''],
    ]);
    expect(root.children[1]!.children[1]!.text).toBe('消防通道被堵');
  });

  it('writes nested lists with their item names', () => {
    const { root } = parseXml(toXml('discovery', { endpoints: [{ formats: ['text/xml', 'application/json'] }] }));
    expect(root.children[0]!.name).toBe('endpoints');
    expect(root.children[0]!.children[0]!.children[0]!.children.map((f) => [f.name, f.text])).toEqual([['format', 'text/xml'], ['format', 'application/json']]);
  });
});
