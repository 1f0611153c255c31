// One place: its facts, the small-place kind suggestion with the working, the grade and its
// history, risk points, and the change history.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Row, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { describeError } from '../../../api/client.js';
import { formatTime } from '../../../app/format.js';
import { pick, useLocale, useT } from '../../../app/i18n.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { HistoryPanel } from '../../registries/components/History.js';
import { RiskPointsPanel } from '../../registries/components/RiskPoints.js';
import { GradeTag, RiskTag, YesNo } from '../../registries/components/Tags.js';
import { WorkingSteps } from '../../registries/components/Working.js';
import { placesApi, type GradeRecord, type PlaceFull } from '../api.js';
import { GradeModal } from '../components/GradeModal.js';
import { PlaceFormModal } from '../components/PlaceForm.js';
import { kindLabel } from './PlaceListPage.js';

export default function PlaceDetailPage() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const [place, setPlace] = useState<PlaceFull | null>(null);
  const [grades, setGrades] = useState<GradeRecord[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);
  const [grading, setGrading] = useState(false);
  const [gen, setGen] = useState(0);

  useEffect(() => {
    placesApi.get(id).then(setPlace, setError);
    placesApi.grades(id).then((r) => setGrades(r.items), () => setGrades([]));
  }, [id, gen]);

  if (error) return <Alert type="error" showIcon title={describeError(error, locale)} />;
  if (!place) return <Spin />;
  const s = place.kindSuggestion;
  const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : String(v));

  return (
    <>
      <PageHeader title={place.name} subtitle={<Space wrap>{kindLabel(place.kind, locale)}<GradeTag grade={place.grade} /><RiskTag level={place.riskLevel} /></Space>}
        extra={place.abilities.edit ? <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('app.action.edit')}</Button> : null} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small">
            <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={[
              { key: 'grid', label: t('registries.grid'), children: <>{place.grid ? `${place.grid.name}（${place.grid.code}）` : '—'}{place.gridOverride ? <Tag color="purple" style={{ marginInlineStart: 6 }}>{t('registries.gridOverride')}</Tag> : null}</> },
              ...(place.gridOverride ? [{ key: 'gr', label: t('registries.gridReason'), children: dash(place.gridOverrideReason) }] : []),
              { key: 'addr', label: t('registries.address'), children: dash(place.address) },
              { key: 'loc', label: t('registries.location'), children: place.location ? `${place.location.lng}, ${place.location.lat}` : '—' },
              { key: 'area', label: t('places.areaM2'), children: dash(place.areaM2) },
              { key: 'floor', label: t('places.floor'), children: `${dash(place.floor)}${place.topFloor !== null && place.topFloor !== place.floor ? ` – ${place.topFloor}` : ''}${place.floors !== null ? ` / ${place.floors}` : ''}` },
              { key: 'beds', label: t('places.beds'), children: dash(place.beds) },
              { key: 'seats', label: t('places.seats'), children: dash(place.seats) },
              { key: 'persons', label: t('places.persons'), children: dash(place.persons) },
              { key: 'staff', label: t('places.staff'), children: dash(place.staff) },
              { key: 'tio', label: t('places.threeInOne'), children: <YesNo value={place.threeInOne} /> },
              { key: 'op', label: t('places.operator'), children: [place.operatorName, place.operatorPhone].filter(Boolean).join(' ') || '—' },
              { key: 'resp', label: t('places.responsible'), children: [place.responsibleName, place.responsiblePhone].filter(Boolean).join(' ') || '—' },
              { key: 'ent', label: t('places.enterprise'), children: place.enterprise?.name ?? '—' },
              { key: 'tags', label: t('places.tags'), children: place.tags.length ? place.tags.map((x) => <Tag key={x}>{x}</Tag>) : '—' },
              { key: 'at', label: t('registries.updatedAt'), children: formatTime(place.updatedAt, locale) },
            ]} />
          </Card>
          {s ? (
            <Card size="small" title={t('places.suggestion')} style={{ marginTop: 16 }}>
              <Typography.Paragraph>
                {s.kinds.length > 0 ? t('places.suggestion.is', { kinds: s.kinds.map((k) => pick(k.name, locale)).join('、') }) : t('places.suggestion.none')}
              </Typography.Paragraph>
              <WorkingSteps steps={s.working} table={s.table} />
            </Card>
          ) : null}
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('places.grade.title')}
            extra={place.gradable && place.abilities.grade ? <Button size="small" type="primary" onClick={() => setGrading(true)}>{t('places.grade.action')}</Button> : null}>
            {place.gradable ? (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Space><Typography.Text type="secondary">{t('places.grade.current')}</Typography.Text><GradeTag grade={place.grade} />
                  {place.gradedOn ? <Typography.Text type="secondary">{t('places.grade.gradedOn')} {place.gradedOn}</Typography.Text> : null}</Space>
                {grades.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (
                  <Table<GradeRecord> size="small" rowKey="id" dataSource={grades} pagination={false} scroll={{ x: 'max-content' }}
                    expandable={{ expandedRowRender: (g) => (
                      <div>
                        <Typography.Paragraph style={{ marginBottom: 4 }}>{g.reason}</Typography.Paragraph>
                        <ul style={{ margin: 0 }}>{g.scores.map((c) => <li key={c.id}>{pick(c.label, locale)}：{String(c.value)} → {c.points}</li>)}</ul>
                      </div>
                    ) }}
                    columns={[
                      { title: t('places.grade.gradedOn'), dataIndex: 'gradedOn', key: 'on' },
                      { title: t('places.grade.from'), key: 'f', render: (_v, g) => <GradeTag grade={g.gradeFrom} /> },
                      { title: t('places.grade.to'), key: 't', render: (_v, g) => <GradeTag grade={g.gradeTo} /> },
                      { title: t('places.grade.total'), dataIndex: 'total', key: 'total' },
                      { title: t('places.grade.rubric'), key: 'r', render: (_v, g) => <Typography.Text style={{ fontSize: 12 }}>{g.rubric.version}</Typography.Text> },
                      { title: t('places.grade.by'), dataIndex: 'gradedBy', key: 'by' },
                    ]} />
                )}
              </Space>
            ) : <Typography.Text type="secondary">{t('places.grade.notGradable')}</Typography.Text>}
          </Card>
          <div style={{ marginTop: 16 }}>
            <RiskPointsPanel subject={{ type: 'place', id: place.id }} canAssess={place.abilities.assessRisk ?? false} onChanged={() => setGen((g) => g + 1)} />
          </div>
        </Col>
      </Row>
      <Card size="small" style={{ marginTop: 16 }}>
        <Tabs items={[{ key: 'h', label: t('registries.history'), children: <HistoryPanel path={`/api/places/${place.id}/history`} reloadKey={gen} /> }]} />
      </Card>
      <PlaceFormModal open={editing} place={place} onClose={() => setEditing(false)} onSaved={(p) => { setEditing(false); setPlace(p); setGen((g) => g + 1); void message.success(t('places.saved')); }} />
      <GradeModal placeId={place.id} open={grading} onClose={() => setGrading(false)}
        onSaved={(g) => { setGrading(false); setGen((x) => x + 1); void message.success(t('places.grade.saved', { grade: g })); }} />
    </>
  );
}
