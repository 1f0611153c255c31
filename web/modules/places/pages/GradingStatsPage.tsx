// Per unit and period: counts per grade at the start and end, the transitions (D→C …), the
// sub-units, and the places still at D.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, Row, Statistic, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { describeError } from '../../../api/client.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { UnitSelect } from '../../../components/UnitSelect.js';
import { GradeTag } from '../../registries/components/Tags.js';
import { placesApi, type Stats } from '../api.js';
import { kindLabel } from './PlaceListPage.js';

const GRADES = ['A', 'B', 'C', 'D'] as const;

export default function GradingStatsPage() {
  const t = useT();
  const { locale } = useLocale();
  const [unit, setUnit] = useState<string | undefined>(undefined);
  const today = new Date();
  const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const [from, setFrom] = useState(`${today.getFullYear()}-01-01`);
  const [to, setTo] = useState(iso(today));
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => {
    setError(null);
    placesApi.stats({ from, to, ...(unit ? { unit } : {}) }).then(setStats, setError);
  };
  useEffect(load, []);

  const counts = (c: Stats['atEnd'] | undefined) => (
    <Row gutter={8}>
      {[...GRADES, 'none' as const].map((g) => (
        <Col key={g} xs={8} sm={4}><Statistic title={g === 'none' ? t('registries.grade.none') : g} value={c?.[g] ?? 0} /></Col>
      ))}
    </Row>
  );
  return (
    <>
      <PageHeader title={t('places.stats.title')} subtitle={t('places.stats.subtitle')} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label={t('places.filter.unit')}><UnitSelect value={unit} onChange={(v) => setUnit(v || undefined)} allowClear style={{ width: 160 }} /></Form.Item>
          <Form.Item label={t('places.stats.period')}>
            <Input type="date" value={from} onChange={(e) => setFrom(e.target.value)} style={{ width: 150 }} />
            <span style={{ margin: '0 6px' }}>–</span>
            <Input type="date" value={to} onChange={(e) => setTo(e.target.value)} style={{ width: 150 }} />
          </Form.Item>
          <Button type="primary" onClick={load}>{t('app.action.search')}</Button>
        </Form>
      </Card>
      {error ? <Alert type="error" showIcon title={describeError(error, locale)} style={{ marginBottom: 12 }} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}><Card size="small" title={`${t('places.stats.atStart')} ${stats?.from ?? ''}`}>{counts(stats?.atStart)}</Card></Col>
        <Col xs={24} md={12}><Card size="small" title={`${t('places.stats.atEnd')} ${stats?.to ?? ''}`}>{counts(stats?.atEnd)}</Card></Col>
        <Col xs={24} md={10}>
          <Card size="small" title={t('places.stats.transitions')}>
            <Table size="small" pagination={false} rowKey={(r) => `${r.from}-${r.to}`} dataSource={stats?.transitions ?? []}
              columns={[
                { title: t('places.stats.transition'), key: 'tr', render: (_v, r) => <>{r.from ? <GradeTag grade={r.from} /> : <Typography.Text type="secondary">{t('places.stats.new')}</Typography.Text>} → <GradeTag grade={r.to} /></> },
                { title: t('places.stats.count'), dataIndex: 'count', key: 'n' },
              ]} />
          </Card>
        </Col>
        <Col xs={24} md={14}>
          <Card size="small" title={t('places.stats.byUnit')}>
            <Table size="small" pagination={false} rowKey="code" dataSource={stats?.byUnit ?? []} scroll={{ x: 'max-content' }}
              columns={[
                { title: t('places.filter.unit'), key: 'u', render: (_v, r) => `${r.name}（${r.code}）` },
                ...GRADES.map((g) => ({ title: g, key: g, render: (_v: unknown, r: Stats['byUnit'][number]) => r.atEnd[g] })),
                { title: t('registries.grade.none'), key: 'none', render: (_v: unknown, r: Stats['byUnit'][number]) => r.atEnd.none },
              ]} />
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={`${t('places.stats.remainingD')}（${stats?.remainingD.length ?? 0}）`}>
            <Table size="small" rowKey="id" dataSource={stats?.remainingD ?? []} pagination={{ pageSize: 20 }} scroll={{ x: 'max-content' }}
              columns={[
                { title: t('places.name'), key: 'n', render: (_v, r) => <Link to={`/places/${r.id}`}>{r.name}</Link> },
                { title: t('places.kind'), key: 'k', render: (_v, r) => kindLabel(r.kind, locale) },
                { title: t('registries.grid'), key: 'g', render: (_v, r) => r.grid?.name ?? '—' },
                { title: t('places.stats.dSince'), dataIndex: 'dSince', key: 's' },
                { title: t('places.stats.daysInD'), dataIndex: 'daysInD', key: 'd' },
              ]} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
