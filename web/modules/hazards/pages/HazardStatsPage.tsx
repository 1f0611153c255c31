// Figures per unit subtree and period: found, rectified, on-time rate, overdue, escalated, by
// category, grade, sub-unit or month — served from the aggregates.
import { useEffect, useState } from 'react';
import { Alert, Card, Col, Flex, Input, Progress, Row, Select, Statistic, Table, type TableColumnsType } from 'antd';
import { describeError } from '../../../api/client.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { UnitSelect } from '../../../components/UnitSelect.js';
import { hazardsApi, type Stats } from '../api.js';
import { pick } from '../components/labels.js';

type By = 'category' | 'grade' | 'unit' | 'month';
type Group = Stats['groups'][number];

function isoDay(d: Date): string {
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}

export default function HazardStatsPage() {
  const t = useT();
  const { locale } = useLocale();
  const now = new Date();
  const [unit, setUnit] = useState<string | undefined>(undefined);
  const [from, setFrom] = useState(isoDay(new Date(now.getFullYear(), 0, 1)));
  const [to, setTo] = useState(isoDay(now));
  const [by, setBy] = useState<By>('category');
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    // The unit is typed as a code: wait until the typing stops.
    const timer = setTimeout(() => {
      setError(null);
      hazardsApi.stats({ from, to, by, ...(unit ? { unit } : {}) }).then(setStats, setError);
    }, 400);
    return () => clearTimeout(timer);
  }, [unit, from, to, by]);

  const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);
  const columns: TableColumnsType<Group> = [
    { title: t(`hazards.stats.by.${by}`), key: 'label', render: (_: unknown, g) => pick(g.label, locale) },
    { title: t('hazards.stats.found'), dataIndex: 'found', align: 'right' },
    { title: t('hazards.stats.rectified'), dataIndex: 'rectified', align: 'right' },
    { title: t('hazards.stats.onTimeRate'), dataIndex: 'onTimeRate', align: 'right', render: (r: number | null) => pct(r) },
    { title: t('hazards.stats.overdue'), dataIndex: 'overdue', align: 'right' },
    { title: t('hazards.stats.escalated'), dataIndex: 'escalated', align: 'right' },
    { title: t('hazards.stats.rejected'), dataIndex: 'rejected', align: 'right' },
    { title: t('hazards.stats.reopened'), dataIndex: 'reopened', align: 'right' },
  ];
  const max = Math.max(1, ...(stats?.groups.map((g) => g.found) ?? [1]));

  return (
    <>
      <PageHeader title={t('hazards.stats.title')} subtitle={stats ? `${stats.unit.name} · ${stats.from} — ${stats.to}` : undefined} />
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <UnitSelect value={unit} onChange={(v) => setUnit(v || undefined)} style={{ width: 220 }} />
        <Input type="date" value={from} onChange={(e) => setFrom(e.target.value)} style={{ width: 160 }} aria-label={t('hazards.stats.from')} />
        <Input type="date" value={to} onChange={(e) => setTo(e.target.value)} style={{ width: 160 }} aria-label={t('hazards.stats.to')} />
        <Select<By> value={by} onChange={setBy} style={{ width: 160 }} options={(['category', 'grade', 'unit', 'month'] as const).map((b) => ({ value: b, label: t(`hazards.stats.by.${b}`) }))} />
      </Flex>
      {error ? <Alert type="error" showIcon title={describeError(error, locale)} style={{ marginBottom: 12 }} /> : null}
      {stats ? (
        <>
          <Row gutter={[12, 12]}>
            {([['found', stats.totals.found], ['rectified', stats.totals.rectified], ['overdue', stats.totals.overdue], ['escalated', stats.totals.escalated]] as const).map(([k, v]) => (
              <Col key={k} xs={12} md={6}><Card size="small"><Statistic title={t(`hazards.stats.${k}`)} value={v} /></Card></Col>
            ))}
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('hazards.stats.onTimeRate')} value={pct(stats.totals.onTimeRate)} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('hazards.stats.openNow')} value={stats.openNow.open} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('hazards.stats.overdueNow')} value={stats.openNow.overdue} valueStyle={{ color: stats.openNow.overdue ? '#cf1322' : undefined }} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('hazards.stats.listedNow')} value={stats.openNow.listed} /></Card></Col>
          </Row>
          <Card size="small" style={{ marginTop: 12 }}>
            <Table<Group> rowKey="key" size="small" columns={[...columns, {
              title: '', key: 'bar', width: 160, render: (_: unknown, g) => <Progress percent={Math.round((g.found / max) * 100)} showInfo={false} size="small" />,
            }]} dataSource={stats.groups} pagination={false} scroll={{ x: 800 }} />
          </Card>
        </>
      ) : null}
    </>
  );
}
