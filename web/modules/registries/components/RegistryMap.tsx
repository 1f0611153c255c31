// A tile-less OpenLayers map: the polygons of a unit's children and registry points coloured by
// grade or risk level. Clicking a point reports its id.
import { useEffect, useRef } from 'react';
import OlMap from 'ol/Map.js';
import View from 'ol/View.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import { fromLonLat, transformExtent } from 'ol/proj.js';
import { isEmpty } from 'ol/extent.js';
import { Circle as CircleStyle, Fill, Stroke, Style, Text } from 'ol/style.js';
import type { FeatureLike } from 'ol/Feature.js';
import 'ol/ol.css';
import { GRADE_HEX, RISK_HEX } from './Tags.js';

export interface PointFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: number[] };
  properties: { name: string; grade?: string | null; riskLevel?: number | null };
}

export interface RegistryMapProps {
  /** Unit polygons (GeoJSON FeatureCollection in WGS 84). */
  areas: object | null;
  points: PointFeature[];
  colourBy: 'grade' | 'risk';
  onSelect?: (id: string) => void;
  /** The visible extent [west, south, east, north] (WGS 84) after every move or zoom. */
  onView?: (bbox: [number, number, number, number]) => void;
  height?: number | string;
}

const fmt = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });

function pointStyle(colourBy: 'grade' | 'risk') {
  const cache = new Map<string, Style>();
  return (f: FeatureLike) => {
    const grade = f.get('grade') as string | null | undefined;
    const risk = f.get('riskLevel') as number | null | undefined;
    const key = colourBy === 'grade' ? `g${grade ?? '-'}` : `r${risk ?? '-'}`;
    let s = cache.get(key);
    if (!s) {
      const colour = colourBy === 'grade' ? (grade ? GRADE_HEX[grade] : undefined) : risk ? RISK_HEX[risk] : undefined;
      s = new Style({
        image: new CircleStyle({ radius: 6, fill: new Fill({ color: colour ?? '#9e9e9e' }), stroke: new Stroke({ color: '#ffffff', width: 1.5 }) }),
      });
      cache.set(key, s);
    }
    return s;
  };
}

const areaStyle = (f: FeatureLike) =>
  new Style({
    fill: new Fill({ color: 'rgba(30, 136, 229, 0.05)' }),
    stroke: new Stroke({ color: '#5c6bc0', width: 1.2 }),
    text: new Text({ text: String(f.get('shortName') ?? f.get('name') ?? ''), font: '12px sans-serif', fill: new Fill({ color: '#3949ab' }), overflow: true }),
  });

export function RegistryMap(props: RegistryMapProps) {
  const el = useRef<HTMLDivElement | null>(null);
  const map = useRef<OlMap | null>(null);
  const areas = useRef(new VectorSource());
  const points = useRef(new VectorSource());
  const pointLayer = useRef<VectorLayer<VectorSource> | null>(null);
  const onSelect = useRef(props.onSelect);
  onSelect.current = props.onSelect;
  const onView = useRef(props.onView);
  onView.current = props.onView;
  const fitted = useRef(false);

  useEffect(() => {
    if (!el.current) return;
    pointLayer.current = new VectorLayer({ source: points.current, style: pointStyle(props.colourBy) });
    const m = new OlMap({
      target: el.current,
      layers: [new VectorLayer({ source: areas.current, style: areaStyle }), pointLayer.current],
      view: new View({ center: fromLonLat([101.78, 36.62]), zoom: 11 }),
    });
    m.on('click', (e) => {
      m.forEachFeatureAtPixel(e.pixel, (f) => {
        const id = f.getId();
        if (id !== undefined && f.getGeometry()?.getType() === 'Point') {
          onSelect.current?.(String(id));
          return true;
        }
        return false;
      });
    });
    m.on('moveend', () => {
      const [w = 0, s = 0, e = 0, n = 0] = transformExtent(m.getView().calculateExtent(m.getSize()), 'EPSG:3857', 'EPSG:4326');
      onView.current?.([w, s, e, n]);
    });
    map.current = m;
    return () => {
      m.setTarget(undefined);
      map.current = null;
    };
  }, []);

  useEffect(() => {
    pointLayer.current?.setStyle(pointStyle(props.colourBy));
  }, [props.colourBy]);

  useEffect(() => {
    areas.current.clear();
    if (props.areas) areas.current.addFeatures(fmt.readFeatures(props.areas));
    const ext = areas.current.getExtent();
    fitted.current = false;
    if (ext && !isEmpty(ext)) {
      map.current?.getView().fit(ext, { padding: [24, 24, 24, 24], maxZoom: 17 });
      fitted.current = true;
    }
  }, [props.areas]);

  useEffect(() => {
    points.current.clear();
    points.current.addFeatures(fmt.readFeatures({ type: 'FeatureCollection', features: props.points }));
    // Without areas, the first points set the view; later loads (of the view the user moved to) keep it.
    if (!fitted.current) {
      const ext = points.current.getExtent();
      if (ext && !isEmpty(ext)) {
        map.current?.getView().fit(ext, { padding: [40, 40, 40, 40], maxZoom: 16 });
        fitted.current = true;
      }
    }
  }, [props.points, props.areas]);

  return <div ref={el} style={{ width: '100%', height: props.height ?? 520, background: '#f5f7fa', borderRadius: 8 }} data-testid="registry-map" />;
}

export function MapLegend(props: { colourBy: 'grade' | 'risk'; labels: Record<string, string> }) {
  const entries = props.colourBy === 'grade' ? Object.entries(GRADE_HEX) : Object.entries(RISK_HEX);
  return (
    <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', fontSize: 12 }}>
      {entries.map(([k, c]) => (
        <span key={k}><span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 5, background: c, marginInlineEnd: 4 }} />{props.labels[k] ?? k}</span>
      ))}
      <span><span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 5, background: '#9e9e9e', marginInlineEnd: 4 }} />{props.labels.none ?? '—'}</span>
    </div>
  );
}
