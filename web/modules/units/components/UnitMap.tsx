// A tile-less OpenLayers map of the unit tree: the polygons are the map. Draws the current unit's
// outline, its children with labels (at the server's label points), a highlighted child,
// coverage problems (gaps, overlaps, spill-outs), and optionally one editable polygon whose
// vertices can be dragged (ol Modify). Clicking a child reports its code.
import { useEffect, useRef } from 'react';
import OlMap from 'ol/Map.js';
import View from 'ol/View.js';
import Feature from 'ol/Feature.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import Point from 'ol/geom/Point.js';
import Modify from 'ol/interaction/Modify.js';
import { fromLonLat, toLonLat } from 'ol/proj.js';
import { isEmpty } from 'ol/extent.js';
import { Fill, Stroke, Style, Text } from 'ol/style.js';
import type { FeatureLike } from 'ol/Feature.js';
import type { Geometry as OlGeometry } from 'ol/geom.js';
import 'ol/ol.css';
import { Spin } from 'antd';
import type { Geometry, UnitFeatures } from '../api.js';

export type ProblemKind = 'gap' | 'overlap' | 'outside';

export interface ProblemShape {
  kind: ProblemKind;
  geometry: unknown;
  label?: string;
}

export interface UnitMapProps {
  /** Children of the shown unit (GeoJSON FeatureCollection, WGS 84). */
  features?: UnitFeatures | null;
  /** The shown unit's own boundary. */
  outline?: Geometry | null;
  /** A child to highlight. */
  selected?: string | null;
  onSelect?: (code: string) => void;
  /** When set, a click anywhere reports its position (WGS 84) instead of selecting a child. */
  onPick?: ((lngLat: [number, number]) => void) | null;
  problems?: ProblemShape[];
  /** One polygon the user may reshape by dragging its vertices. */
  editable?: Geometry | null;
  onEdit?: (geometry: Geometry) => void;
  /** Colour children by a property instead of the level palette. */
  fillOf?: (props: Record<string, unknown>) => string | undefined;
  height?: number | string;
  testId?: string;
  /** Shows a loading sign over the map while its shapes are on their way. */
  loading?: boolean;
}

const fmt = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });

const LEVEL_FILL: Record<string, string> = {
  district: 'rgba(92, 107, 192, 0.10)',
  street: 'rgba(38, 166, 154, 0.10)',
  community: 'rgba(255, 167, 38, 0.10)',
  grid: 'rgba(66, 165, 245, 0.10)',
};
const DEDICATED_FILL = 'rgba(171, 71, 188, 0.18)';
const PROBLEM_STYLE: Record<ProblemKind, Style> = {
  gap: new Style({ fill: new Fill({ color: 'rgba(229, 57, 53, 0.55)' }), stroke: new Stroke({ color: '#c62828', width: 2 }) }),
  overlap: new Style({ fill: new Fill({ color: 'rgba(251, 140, 0, 0.55)' }), stroke: new Stroke({ color: '#ef6c00', width: 2 }) }),
  outside: new Style({ fill: new Fill({ color: 'rgba(142, 36, 170, 0.45)' }), stroke: new Stroke({ color: '#6a1b9a', width: 2 }) }),
};
const OUTLINE_STYLE = new Style({ stroke: new Stroke({ color: '#263238', width: 2.5 }) });
const EDIT_STYLE = new Style({ fill: new Fill({ color: 'rgba(0, 137, 123, 0.20)' }), stroke: new Stroke({ color: '#00897b', width: 2.5 }) });

function childStyle(selected: string | null | undefined, fillOf: UnitMapProps['fillOf']) {
  return (f: FeatureLike) => {
    const props = f.getProperties();
    const code = String(props.code ?? '');
    const isSel = selected === code;
    const fill = fillOf?.(props) ?? (props.gridType === 'dedicated' ? DEDICATED_FILL : LEVEL_FILL[String(props.level)] ?? 'rgba(120,144,156,0.1)');
    return new Style({
      fill: new Fill({ color: isSel ? 'rgba(255, 213, 79, 0.45)' : fill }),
      stroke: new Stroke({ color: isSel ? '#f57f17' : '#546e7a', width: isSel ? 3 : 1 }),
      zIndex: isSel ? 2 : 1,
    });
  };
}

function labelStyle(f: FeatureLike) {
  return new Style({
    text: new Text({
      text: String(f.get('text') ?? ''),
      font: '12px "PingFang SC", "Microsoft YaHei", sans-serif',
      fill: new Fill({ color: '#263238' }),
      stroke: new Stroke({ color: 'rgba(255,255,255,0.9)', width: 3 }),
      overflow: false,
    }),
  });
}

export function UnitMap(props: UnitMapProps) {
  const el = useRef<HTMLDivElement | null>(null);
  const map = useRef<OlMap | null>(null);
  const children = useRef(new VectorSource());
  const labels = useRef(new VectorSource());
  const outline = useRef(new VectorSource());
  const problems = useRef(new VectorSource());
  const editSource = useRef(new VectorSource());
  const childLayer = useRef<VectorLayer<VectorSource> | null>(null);
  const onSelect = useRef(props.onSelect);
  onSelect.current = props.onSelect;
  const onPick = useRef(props.onPick);
  onPick.current = props.onPick;
  const onEdit = useRef(props.onEdit);
  onEdit.current = props.onEdit;

  useEffect(() => {
    if (!el.current) return;
    childLayer.current = new VectorLayer({ source: children.current, style: childStyle(props.selected, props.fillOf) });
    const m = new OlMap({
      target: el.current,
      layers: [
        childLayer.current,
        new VectorLayer({ source: outline.current, style: OUTLINE_STYLE }),
        new VectorLayer({ source: problems.current, style: (f) => PROBLEM_STYLE[(f.get('kind') as ProblemKind | undefined) ?? 'gap'] }),
        new VectorLayer({ source: editSource.current, style: EDIT_STYLE }),
        new VectorLayer({ source: labels.current, style: labelStyle, declutter: true }),
      ],
      view: new View({ center: fromLonLat([101.78, 36.62]), zoom: 10 }),
    });
    m.on('click', (e) => {
      if (onPick.current) {
        const [lng = 0, lat = 0] = toLonLat(e.coordinate);
        onPick.current([Math.round(lng * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7]);
        return;
      }
      m.forEachFeatureAtPixel(e.pixel, (f) => {
        const code = f.get('code') as string | undefined;
        if (code && f.get('child')) {
          onSelect.current?.(code);
          return true;
        }
        return false;
      });
    });
    m.on('pointermove', (e) => {
      const hit = m.forEachFeatureAtPixel(e.pixel, (f) => Boolean(f.get('child')));
      const target = m.getTargetElement() as HTMLElement | null;
      if (target) target.style.cursor = onPick.current ? 'crosshair' : hit && onSelect.current ? 'pointer' : '';
    });
    // Where the map looks (EPSG:3857 centre, metres per map pixel, and the map's size in its own
    // pixels, which the browser scales to the element) on the element: lets a page test or an
    // embedding page turn a coordinate into a point on screen.
    m.on('postrender', () => {
      const target = m.getTargetElement() as HTMLElement | null;
      const v = m.getView();
      const c = v.getCenter();
      const r = v.getResolution();
      const size = m.getSize();
      const view = c && r !== undefined && size ? `${c[0]},${c[1]},${r},${size[0]},${size[1]}` : null;
      if (target && view && target.dataset.view !== view) target.dataset.view = view;
    });
    const modify = new Modify({ source: editSource.current });
    modify.on('modifyend', () => {
      const f = editSource.current.getFeatures()[0];
      if (!f) return;
      const g = fmt.writeGeometryObject(f.getGeometry() as OlGeometry, { decimals: 8 }) as unknown as Geometry;
      onEdit.current?.(g);
    });
    m.addInteraction(modify);
    map.current = m;
    // The map takes its size from its container at every width (a phone, a resized window, a
    // panel opening beside it): OpenLayers measures only when told.
    const resize = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => {
      const empty = (size: number[] | undefined) => !size || !size[0] || !size[1];
      const wasEmpty = empty(m.getSize());
      m.updateSize();
      if (wasEmpty && !empty(m.getSize())) fit();
    });
    resize?.observe(el.current);
    return () => {
      resize?.disconnect();
      m.setTarget(undefined);
      map.current = null;
    };
    // The map is built once; later props are applied by the effects below.
  }, []);

  useEffect(() => {
    childLayer.current?.setStyle(childStyle(props.selected, props.fillOf));
  }, [props.selected, props.fillOf]);

  useEffect(() => {
    children.current.clear();
    labels.current.clear();
    if (props.features) {
      const feats = fmt.readFeatures(props.features);
      for (const f of feats) f.set('child', true);
      children.current.addFeatures(feats);
      if (el.current) el.current.dataset.shown = props.features.features.map((f) => f.properties.code).join(',');
      for (const f of props.features.features) {
        const p = f.properties;
        if (!p.label) continue;
        labels.current.addFeature(new Feature({ geometry: new Point(fromLonLat(p.label)), text: p.shortName }));
      }
    }
    fit();
  }, [props.features]);

  useEffect(() => {
    outline.current.clear();
    if (props.outline) outline.current.addFeature(fmt.readFeature({ type: 'Feature', geometry: props.outline, properties: {} }) as Feature);
    fit();
  }, [props.outline]);

  useEffect(() => {
    problems.current.clear();
    for (const p of props.problems ?? []) {
      const f = fmt.readFeature({ type: 'Feature', geometry: p.geometry, properties: { kind: p.kind } }) as Feature;
      problems.current.addFeature(f);
    }
  }, [props.problems]);

  useEffect(() => {
    editSource.current.clear();
    if (props.editable) editSource.current.addFeature(fmt.readFeature({ type: 'Feature', geometry: props.editable, properties: {} }) as Feature);
    if (!props.outline && !props.features) fit();
  }, [props.editable]);

  function fit() {
    const m = map.current;
    if (!m) return;
    for (const src of [outline.current, children.current, editSource.current]) {
      const ext = src.getExtent();
      if (src.getFeatures().length > 0 && ext && !isEmpty(ext)) {
        m.getView().fit(ext, { padding: [24, 24, 24, 24], maxZoom: 18 });
        return;
      }
    }
  }

  return (
    <div style={{ position: 'relative', width: '100%', minWidth: 0 }}>
      <div ref={el} style={{ width: '100%', height: props.height ?? 560, background: '#eef2f5', borderRadius: 8 }} data-testid={props.testId ?? 'unit-map'}
        data-loading={props.loading ? 'true' : 'false'} />
      {props.loading ? (
        <div className="sg-map-loading" data-testid={`${props.testId ?? 'unit-map'}-loading`} role="status" aria-live="polite">
          <Spin />
        </div>
      ) : null}
    </div>
  );
}
