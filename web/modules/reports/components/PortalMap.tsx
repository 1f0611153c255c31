// The reporting map: the area's unit boundaries are the map (no tiles can be reached); a tap
// places the report. Nearby open reports of the same category are shown as orange dots.
import { useEffect, useRef } from 'react';
import OlMap from 'ol/Map.js';
import View from 'ol/View.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import Feature from 'ol/Feature.js';
import Point from 'ol/geom/Point.js';
import { fromLonLat, toLonLat, transformExtent } from 'ol/proj.js';
import { Circle as CircleStyle, Fill, Stroke, Style, Text } from 'ol/style.js';
import { defaults as defaultControls } from 'ol/control/defaults.js';
import 'ol/ol.css';
import type { MapView, NearbyItemView } from '../public.js';

export interface LngLat {
  lng: number;
  lat: number;
}

const unitStyle = (name: string, showLabel: boolean) => new Style({
  fill: new Fill({ color: 'rgba(21, 84, 173, 0.06)' }),
  stroke: new Stroke({ color: '#1554ad', width: 1.2 }),
  ...(showLabel ? { text: new Text({ text: name, font: '12px sans-serif', fill: new Fill({ color: '#0b2f66' }), stroke: new Stroke({ color: '#fff', width: 3 }), overflow: false }) } : {}),
});
const pickStyle = new Style({ image: new CircleStyle({ radius: 9, fill: new Fill({ color: '#e8462a' }), stroke: new Stroke({ color: '#fff', width: 3 }) }) });
const nearbyStyle = new Style({ image: new CircleStyle({ radius: 6, fill: new Fill({ color: '#fa8c16' }), stroke: new Stroke({ color: '#fff', width: 2 }) }) });

export function PortalMap(props: {
  units: MapView | null;
  bbox: number[] | null;
  value: LngLat | null;
  nearby?: readonly NearbyItemView[];
  onPick?: (p: LngLat) => void;
  height?: number;
  ariaLabel: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<OlMap | null>(null);
  const unitsSource = useRef(new VectorSource());
  const pickSource = useRef(new VectorSource());
  const nearbySource = useRef(new VectorSource());
  const onPick = useRef(props.onPick);
  onPick.current = props.onPick;

  useEffect(() => {
    if (!el.current) return;
    const m = new OlMap({
      target: el.current,
      controls: defaultControls({ attribution: false, rotate: false }),
      layers: [
        new VectorLayer({
          source: unitsSource.current,
          style: (f, resolution) => unitStyle(String(f.get('name') ?? ''), resolution < 20),
        }),
        new VectorLayer({ source: nearbySource.current, style: nearbyStyle }),
        new VectorLayer({ source: pickSource.current, style: pickStyle }),
      ],
      view: new View({ center: fromLonLat([101.78, 36.62]), zoom: 12, maxZoom: 20 }),
    });
    m.on('singleclick', (e) => {
      const [lng, lat] = toLonLat(e.coordinate);
      if (lng !== undefined && lat !== undefined) onPick.current?.({ lng: Math.round(lng * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 });
    });
    map.current = m;
    return () => {
      m.setTarget(undefined);
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const src = unitsSource.current;
    src.clear();
    if (props.units) src.addFeatures(new GeoJSON().readFeatures(props.units, { dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' }));
    const m = map.current;
    if (!m) return;
    const extent = props.bbox && props.bbox.length === 4 ? transformExtent(props.bbox, 'EPSG:4326', 'EPSG:3857') : src.getFeatures().length ? src.getExtent() : null;
    if (extent) m.getView().fit(extent, { padding: [16, 16, 16, 16], maxZoom: 17 });
  }, [props.units, props.bbox]);

  useEffect(() => {
    const src = pickSource.current;
    src.clear();
    if (props.value) {
      src.addFeature(new Feature(new Point(fromLonLat([props.value.lng, props.value.lat]))));
      const view = map.current?.getView();
      const c = fromLonLat([props.value.lng, props.value.lat]);
      if (view && !view.calculateExtent().some((v) => Number.isNaN(v)) && !containsXY(view.calculateExtent(), c[0] ?? 0, c[1] ?? 0)) view.setCenter(c);
    }
  }, [props.value]);

  useEffect(() => {
    const src = nearbySource.current;
    src.clear();
    for (const n of props.nearby ?? []) src.addFeature(new Feature(new Point(fromLonLat([n.lng, n.lat]))));
  }, [props.nearby]);

  return <div ref={el} role="application" aria-label={props.ariaLabel} data-testid="report-map" className="sg-report-map" style={{ height: props.height ?? 300 }} />;
}

function containsXY(extent: number[], x: number, y: number): boolean {
  const [minX = 0, minY = 0, maxX = 0, maxY = 0] = extent;
  return x >= minX && x <= maxX && y >= minY && y <= maxY;
}
