// The places of a unit on its grid polygons, coloured by grade or by risk.
import { useEffect, useRef, useState } from 'react';
import { Alert, Card, Flex, Form, Radio, Select } from 'antd';
import { useNavigate } from 'react-router';
import { describeError } from '../../../api/client.js';
import { useSession } from '../../../app/session.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { UnitSelect } from '../../../components/UnitSelect.js';
import { MapLegend, RegistryMap, type PointFeature } from '../../registries/components/RegistryMap.js';
import { placesApi } from '../api.js';
import { usePlaceKindOptions } from '../components/PlaceForm.js';

export default function PlaceMapPage() {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const { me } = useSession();
  const kinds = usePlaceKindOptions();
  const [unit, setUnit] = useState<string>(me?.unit.code ?? '');
  const [kind, setKind] = useState<string[]>([]);
  const [colourBy, setColourBy] = useState<'grade' | 'risk'>('grade');
  const [areas, setAreas] = useState<object | null>(null);
  const [points, setPoints] = useState<PointFeature[]>([]);
  const [truncated, setTruncated] = useState(false);
  const [error, setError] = useState<unknown>(null);

  // The points of the visible part of the map: zooming in shows every place there, however many
  // the unit holds. The latest answer wins.
  const [view, setView] = useState<string | undefined>(undefined);
  const asked = useRef(0);
  useEffect(() => {
    if (!unit) return;
    setError(null);
    setView(undefined);
    placesApi.unitAreas(unit).then(setAreas, () => setAreas(null));
  }, [unit]);
  useEffect(() => {
    if (!unit) return;
    const n = ++asked.current;
    placesApi.map({ ...(unit !== 'root' ? { unit } : {}), ...(kind.length ? { kind: kind.join(',') } : {}), ...(view ? { bbox: view } : {}) }).then((fc) => {
      if (n !== asked.current) return;
      setPoints(fc.features);
      setTruncated(fc.truncated);
    }, setError);
  }, [unit, kind.join(','), view]);

  const labels: Record<string, string> = colourBy === 'grade'
    ? { A: 'A', B: 'B', C: 'C', D: 'D', none: t('registries.grade.none') }
    : { 1: `${t('registries.risk.1')}`, 2: t('registries.risk.2'), 3: t('registries.risk.3'), 4: t('registries.risk.4'), none: t('registries.risk.none') };
  return (
    <>
      <PageHeader title={t('places.map.title')} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label={t('registries.map.unit')}><UnitSelect value={unit} onChange={(v) => setUnit(v)} style={{ width: 160 }} /></Form.Item>
          <Form.Item label={t('places.filter.kind')}><Select mode="multiple" allowClear value={kind} onChange={setKind} options={kinds} style={{ minWidth: 200 }} maxTagCount={2} /></Form.Item>
          <Form.Item label={t('registries.map.colourBy')}>
            <Radio.Group optionType="button" value={colourBy} onChange={(e) => setColourBy(e.target.value as 'grade' | 'risk')}
              options={[{ value: 'grade', label: t('registries.map.byGrade') }, { value: 'risk', label: t('registries.map.byRisk') }]} />
          </Form.Item>
        </Form>
      </Card>
      {error ? <Alert type="error" showIcon title={describeError(error, locale)} style={{ marginBottom: 12 }} /> : null}
      {truncated ? <Alert type="warning" showIcon title={t('registries.map.truncated', { n: 5000 })} style={{ marginBottom: 12 }} /> : null}
      <RegistryMap areas={areas} points={points} colourBy={colourBy} onSelect={(id) => void navigate(`/places/${id}`)} height="calc(100vh - 300px)"
        onView={(b) => setView(b.map((x) => x.toFixed(5)).join(','))} />
      <Flex style={{ marginTop: 8 }}><MapLegend colourBy={colourBy} labels={labels} /></Flex>
    </>
  );
}
