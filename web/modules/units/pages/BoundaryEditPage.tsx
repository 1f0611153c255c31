// Replacing a boundary: drag the vertices on the map (ol Modify) or load a GeoJSON file, give a
// reason and save. The server keeps the old version, re-assigns the records of a grid and
// reports the parent's coverage afterwards; neighbours are cut back only when asked.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Descriptions, Flex, Form, Input, Space, Table, Tag, Typography, Upload } from 'antd';
import { UploadOutlined, UndoOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { describeError } from '../../../api/client.js';
import { applyServerErrors } from '../../../app/forms.js';
import { formatTime } from '../../../app/format.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { unitsApi, type Geometry, type UnitDetailView, type UnitFeatures } from '../api.js';
import { UnitMap, type ProblemShape } from '../components/UnitMap.js';
import { formatArea } from '../components/UnitDetailPanel.js';

type SaveResult = Awaited<ReturnType<typeof unitsApi.replaceBoundary>>;
type History = Awaited<ReturnType<typeof unitsApi.boundaries>>['items'];

/** The first polygonal geometry of a GeoJSON text (geometry, Feature or FeatureCollection). */
export function polygonFromGeoJson(text: string): Geometry | null {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch {
    return null;
  }
  const pick = (o: unknown): Geometry | null => {
    if (!o || typeof o !== 'object') return null;
    const x = o as { type?: string; geometry?: unknown; features?: unknown[]; coordinates?: unknown };
    if (x.type === 'Polygon' || x.type === 'MultiPolygon') return { type: x.type, coordinates: x.coordinates } as Geometry;
    if (x.type === 'Feature') return pick(x.geometry);
    if (x.type === 'FeatureCollection' && Array.isArray(x.features)) {
      for (const f of x.features) {
        const g = pick(f);
        if (g) return g;
      }
    }
    return null;
  };
  return pick(j);
}

export default function BoundaryEditPage() {
  const t = useT();
  const { locale } = useLocale();
  const code = useParams().code ?? '';
  const [form] = Form.useForm<{ reason: string; adjustNeighbours: boolean }>();
  const [detail, setDetail] = useState<UnitDetailView | null>(null);
  const [original, setOriginal] = useState<Geometry | null>(null);
  const [geometry, setGeometry] = useState<Geometry | null>(null);
  const [siblings, setSiblings] = useState<UnitFeatures | null>(null);
  const [parentOutline, setParentOutline] = useState<Geometry | null>(null);
  const [history, setHistory] = useState<History>([]);
  const [result, setResult] = useState<SaveResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [source, setSource] = useState<'edit' | 'upload'>('edit');
  const [busy, setBusy] = useState(false);

  const load = async () => {
    try {
      const d = await unitsApi.detail(code);
      setDetail(d);
      const own = await unitsApi.boundary(code).catch(() => null);
      setOriginal(own?.geometry ?? null);
      setGeometry(own?.geometry ?? null);
      const parent = d.ancestors[d.ancestors.length - 1];
      if (parent) {
        const [fc, pb] = await Promise.all([unitsApi.children(parent.code).catch(() => null), unitsApi.boundary(parent.code).catch(() => null)]);
        if (fc) setSiblings({ ...fc, features: fc.features.filter((f) => f.properties.code !== code) });
        setParentOutline(pb?.geometry ?? null);
      }
      setHistory((await unitsApi.boundaries(code)).items);
    } catch (err) {
      setError(describeError(err, locale));
    }
  };
  useEffect(() => {
    void load();
  }, [code]);

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !geometry) return;
    setBusy(true);
    setError(null);
    try {
      const r = await unitsApi.replaceBoundary(code, { geometry, reason: v.reason.trim(), source, adjustNeighbours: v.adjustNeighbours });
      setResult(r);
      form.resetFields();
      await load();
    } catch (err) {
      setError(applyServerErrors(form, err, locale));
    } finally {
      setBusy(false);
    }
  };

  const problems: ProblemShape[] = result?.parentCoverage
    ? [...result.parentCoverage.gaps.map((g) => ({ kind: 'gap' as const, geometry: g.geometry })), ...result.parentCoverage.overlaps.map((o) => ({ kind: 'overlap' as const, geometry: o.geometry }))]
    : [];

  return (
    <>
      <PageHeader title={detail ? t('units.edit.titleOf', { name: detail.shortName }) : t('units.edit.title')} subtitle={t('units.edit.subtitle')}
        extra={<Link to={`/units/${code}`}><Button>{t('units.coverage.back')}</Button></Link>} />
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Flex gap={12} align="flex-start">
        <Card size="small" style={{ flex: 1, minWidth: 0 }} styles={{ body: { padding: 8 } }}>
          <UnitMap features={siblings} outline={parentOutline} editable={geometry} problems={problems}
            onEdit={(g) => { setGeometry(g); setSource('edit'); }} height="calc(100vh - 260px)" testId="edit-map" />
        </Card>
        <div style={{ width: 360, flex: 'none' }}>
          <Card size="small" title={t('units.edit.save')}>
            <Typography.Paragraph type="secondary">{t('units.edit.help')}</Typography.Paragraph>
            <Space style={{ marginBottom: 12 }}>
              <Upload accept=".geojson,.json" showUploadList={false} beforeUpload={(file) => {
                void file.text().then((text) => {
                  const g = polygonFromGeoJson(text);
                  if (!g) setError(t('units.edit.badFile'));
                  else {
                    setError(null);
                    setGeometry(g);
                    setSource('upload');
                  }
                });
                return false;
              }}>
                <Button icon={<UploadOutlined />}>{t('units.edit.upload')}</Button>
              </Upload>
              <Button icon={<UndoOutlined />} disabled={geometry === original} onClick={() => setGeometry(original)}>{t('units.edit.undo')}</Button>
            </Space>
            <Form form={form} layout="vertical" initialValues={{ adjustNeighbours: false }}>
              <Form.Item name="reason" label={t('units.edit.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('units.edit.reasonRequired') }]}>
                <Input.TextArea rows={3} maxLength={500} />
              </Form.Item>
              <Form.Item name="adjustNeighbours" valuePropName="checked"><Checkbox>{t('units.edit.adjust')}</Checkbox></Form.Item>
              <Button type="primary" block loading={busy} disabled={!geometry || geometry === original} onClick={() => void save()}>{t('units.edit.save')}</Button>
            </Form>
          </Card>
          {result ? (
            <Card size="small" style={{ marginTop: 12 }} title={t('units.edit.saved', { v: result.version })} data-testid="edit-result">
              <Descriptions size="small" column={1} items={[
                { key: 'area', label: t('units.detail.area'), children: formatArea(result.areaM2, t) },
                { key: 'repaired', label: t('units.edit.repaired'), children: result.repaired.length ? result.repaired.join('；') : '—' },
                { key: 'moved', label: t('units.edit.reassigned'), children: Object.entries(result.reassigned).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join('，') || '0' },
                { key: 'adjusted', label: t('units.edit.adjusted'), children: result.neighboursAdjusted.join('，') || '—' },
                {
                  key: 'coverage', label: t('units.coverage.title'), children: result.parentCoverage
                    ? (result.parentCoverage.ok ? <Tag color="green">{t('units.coverage.ok')}</Tag> : <Tag color="orange">{t('units.edit.coverageIssues', {
                      gaps: formatArea(result.parentCoverage.gapAreaM2, t), overlaps: formatArea(result.parentCoverage.overlapAreaM2, t),
                    })}</Tag>)
                    : '—',
                },
              ]} />
            </Card>
          ) : null}
          <Card size="small" style={{ marginTop: 12 }} title={t('units.edit.history')}>
            <Table size="small" rowKey="version" pagination={false} dataSource={history} columns={[
              { title: 'v', dataIndex: 'version', width: 40 },
              { title: t('units.edit.source'), render: (_, h) => t(`units.source.${h.source}`) },
              { title: t('units.edit.validFrom'), render: (_, h) => formatTime(h.validFrom, locale) },
              { title: t('units.edit.reason'), render: (_, h) => h.reason ?? '—' },
            ]} />
          </Card>
        </div>
      </Flex>
    </>
  );
}
