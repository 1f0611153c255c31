// /reports/triage — the reports waiting for a decision in my grids (a grid worker's task list);
// /reports — every public report in my area, with filters.
import { useState } from 'react';
import { Badge, Button, Flex, Form, Input, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { formatTime } from '../../../app/format.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { DataTable, useKeysetList } from '../../../components/DataTable.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { StatusTag } from '../../../components/StatusTag.js';
import { REPORT_STATES } from '../../../../common/modules/reports/reports.contract.js';
import { reportsApi, type ReportFilter, type ReportRowView } from '../api.js';
import { REPORT_STATE_STYLES, STAGE_STYLES } from '../statuses.js';
import '../reports.css';

function ReportList(props: { mode: 'triage' | 'all' }) {
  const t = useT();
  const { locale } = useLocale();
  const lang = locale === 'en' ? 'en' : 'zh';
  const navigate = useNavigate();
  const [filter, setFilter] = useState<ReportFilter>({});
  const fetcher = props.mode === 'triage' ? reportsApi.triage : reportsApi.list;
  const list = useKeysetList((cursor, signal) => fetcher({ ...filter, ...(cursor ? { cursor } : {}) }, signal), [JSON.stringify(filter), props.mode]);

  const columns: TableColumnsType<ReportRowView> = [
    { title: t('reports.col.code'), key: 'code', render: (_v, r) => <span className="sg-mono">{r.code}</span> },
    { title: t('reports.col.category'), key: 'category', render: (_v, r) => r.category.name[lang] },
    { title: t('reports.col.excerpt'), key: 'excerpt', render: (_v, r) => <Typography.Text ellipsis={{ tooltip: r.excerpt }} style={{ maxWidth: 320 }}>{r.excerpt}</Typography.Text> },
    { title: t('reports.col.unit'), key: 'unit', render: (_v, r) => <>{r.unit.name}{r.gridOverride ? <Tag style={{ marginLeft: 6 }}>{t('reports.col.transferred')}</Tag> : null}</> },
    { title: t('reports.col.state'), key: 'state', render: (_v, r) => <Flex gap={4} wrap><StatusTag status={r.state} map={REPORT_STATE_STYLES} />{r.state !== 'pending' ? <StatusTag status={r.stage} map={STAGE_STYLES} /> : null}</Flex> },
    { title: t('reports.col.supporters'), key: 'supporters', render: (_v, r) => (r.supporters ? <Badge count={r.supporters} color="orange" /> : '—') },
    { title: t('reports.col.photos'), key: 'photos', render: (_v, r) => r.photos || '—' },
    { title: t('reports.col.createdAt'), key: 'createdAt', render: (_v, r) => formatTime(r.createdAt, locale) },
  ];

  return (
    <>
      <PageHeader
        title={props.mode === 'triage' ? t('reports.triage.title') : t('reports.list.title')}
        subtitle={props.mode === 'triage' ? t('reports.triage.subtitle') : t('reports.list.subtitle')}
        extra={<Button icon={<ReloadOutlined />} onClick={list.reload}>{t('app.action.refresh')}</Button>}
      />
      <Form<ReportFilter> className="sg-filters" layout="inline" onFinish={(v) => setFilter(Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '')))}>
        <Form.Item name="q"><Input placeholder={t('reports.filter.q')} allowClear style={{ width: 200 }} /></Form.Item>
        {props.mode === 'all' ? (
          <Form.Item name="state">
            <Select allowClear placeholder={t('reports.filter.state')} style={{ width: 140 }} options={REPORT_STATES.map((s) => ({ value: s, label: t(REPORT_STATE_STYLES[s]?.labelKey ?? s) }))} />
          </Form.Item>
        ) : null}
        <Form.Item name="unit"><Input placeholder={t('reports.filter.unit')} allowClear style={{ width: 160 }} /></Form.Item>
        <Button htmlType="submit" icon={<SearchOutlined />}>{t('app.action.search')}</Button>
      </Form>
      <DataTable<ReportRowView>
        list={list}
        columns={columns}
        rowKey="id"
        onRow={(r) => ({ onClick: () => void navigate(`/reports/${r.id}`), style: { cursor: 'pointer' } })}
        data-testid={props.mode === 'triage' ? 'triage-table' : 'reports-table'}
      />
    </>
  );
}

export function TriagePage() {
  return <ReportList mode="triage" />;
}

export default function ReportListPage() {
  return <ReportList mode="all" />;
}
