// Importing the public division files (cities.csv, areas.csv, streets.csv, villages.csv and a
// district GeoJSON, optionally a name → code mapping), with the server's report: counts per
// level, polygon matches and renames, units without polygon, repairs, retired units.
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Collapse, Flex, Input, List, Space, Table, Tag, Typography, Upload, type UploadFile } from 'antd';
import { InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { describeError } from '../../../api/client.js';
import { formatTime } from '../../../app/format.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { unitsApi, type Import } from '../api.js';

const LEVELS = ['province', 'city', 'district', 'street', 'community'] as const;

export function ImportReportView(props: { report: Import }) {
  const t = useT();
  const r = props.report;
  const rows = LEVELS.filter((l) => r.counts[l] > 0 || r.totals[l] > 0).map((l) => ({
    level: l, counts: r.counts[l], added: r.added[l], renamed: r.renamed[l], retired: r.retiredCount[l], totals: r.totals[l],
  }));
  const section = (key: string, title: string, n: number, body: ReactNode, warn = false) => ({
    key, label: <span>{title} <Tag color={n === 0 ? 'default' : warn ? 'orange' : 'blue'}>{n}</Tag></span>, children: body,
  });
  return (
    <Card size="small" data-testid="import-report"
      title={t('units.import.reportTitle', { cities: r.cities.map((c) => `${c.name} (${c.code})`).join('、'), s: (r.durationMs / 1000).toFixed(1) })}
      extra={r.changed ? <Tag color="blue">{t('units.import.changed')}</Tag> : <Tag>{t('units.import.unchanged')}</Tag>}>
      <Table size="small" rowKey="level" pagination={false} dataSource={rows} columns={[
        { title: t('units.import.level'), render: (_, x) => t(`units.level.${x.level}`) },
        { title: t('units.import.inFiles'), dataIndex: 'counts' },
        { title: t('units.import.added'), dataIndex: 'added' },
        { title: t('units.import.renamed'), dataIndex: 'renamed' },
        { title: t('units.import.retired'), dataIndex: 'retired' },
        { title: t('units.import.active'), dataIndex: 'totals' },
      ]} />
      <Collapse size="small" style={{ marginTop: 12 }} defaultActiveKey={['renames', 'unmatched', 'without']} items={[
        section('renames', t('units.import.polygonRenames'), r.polygonRenames.length, (
          <List size="small" dataSource={r.polygonRenames} renderItem={(p) => (
            <List.Item>{p.polygonName ?? p.polygonId} → {p.unitName} ({p.code}) <Tag>{p.matchedBy}</Tag></List.Item>
          )} />
        )),
        section('unmatched', t('units.import.unmatched'), r.unmatchedPolygons.length, (
          <List size="small" dataSource={r.unmatchedPolygons} renderItem={(p) => <List.Item>{p.polygonName ?? p.polygonId ?? '?'}: {p.reason}</List.Item>} />
        ), true),
        section('without', t('units.import.withoutPolygon'), r.withoutPolygon.length, (
          <List size="small" dataSource={r.withoutPolygon} renderItem={(w) => <List.Item>{w.name} ({w.code})</List.Item>} />
        ), true),
        section('repaired', t('units.import.repaired'), r.repaired.length, (
          <List size="small" dataSource={r.repaired} renderItem={(x) => <List.Item><Typography.Text strong>{x.name}</Typography.Text>: {x.actions.join('；')}</List.Item>} />
        )),
        section('renamedUnits', t('units.import.renamedUnits'), r.renamedUnits.length, (
          <List size="small" dataSource={r.renamedUnits} renderItem={(x) => <List.Item>{x.code}: {x.from} → {x.to}</List.Item>} />
        )),
        section('retiredList', t('units.import.retiredList'), r.retired.length, (
          <List size="small" dataSource={r.retired} renderItem={(x) => <List.Item>{x.name} ({x.code})</List.Item>} />
        ), true),
        section('kinds', t('units.import.kindNotes'), r.kindNotes.length, (
          <List size="small" dataSource={r.kindNotes} renderItem={(x) => <List.Item>{x.name} ({x.code}): {x.kind}{x.byCode ? ` / ${t('units.import.byCode', { kind: x.byCode })}` : ''}</List.Item>} />
        )),
        section('skipped', t('units.import.skipped'), r.skippedRows.length, (
          <List size="small" dataSource={r.skippedRows.slice(0, 200)} renderItem={(x) => <List.Item>{x.file}:{x.line} {x.reason}</List.Item>} />
        ), true),
      ]} />
    </Card>
  );
}

export default function ImportPage() {
  const t = useT();
  const { locale } = useLocale();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [mapping, setMapping] = useState<UploadFile[]>([]);
  const [city, setCity] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [report, setReport] = useState<Import | null>(null);
  const [history, setHistory] = useState<Awaited<ReturnType<typeof unitsApi.imports>>['items']>([]);

  useEffect(() => {
    unitsApi.imports().then((r) => setHistory(r.items), () => setHistory([]));
  }, [report]);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const form = new FormData();
      for (const f of files) if (f.originFileObj) form.append('files', f.originFileObj, f.name);
      const m = mapping[0];
      if (m?.originFileObj) form.append('mapping', m.originFileObj, m.name);
      setReport(await unitsApi.importFiles(form, city.trim() || undefined));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t('units.import.title')} subtitle={t('units.import.subtitle')} extra={<Link to="/units"><Button>{t('units.map.title')}</Button></Link>} />
      <Flex gap={12} align="flex-start" wrap>
        <Card size="small" style={{ width: 420 }}>
          <Upload.Dragger multiple accept=".csv,.geojson,.json" fileList={files} beforeUpload={() => false}
            onChange={(e) => setFiles(e.fileList)} data-testid="import-files">
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p>{t('units.import.drop')}</p>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('units.import.files')}</Typography.Text>
          </Upload.Dragger>
          <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }}>
            <Upload accept=".json,.csv" maxCount={1} fileList={mapping} beforeUpload={() => false} onChange={(e) => setMapping(e.fileList)}>
              <Button icon={<UploadOutlined />}>{t('units.import.mapping')}</Button>
            </Upload>
            <Input value={city} onChange={(e) => setCity(e.target.value)} placeholder={t('units.import.city')} maxLength={4} />
            <Button type="primary" block loading={busy} disabled={files.length === 0} onClick={() => void run()}>{t('units.import.run')}</Button>
          </Space>
          {error ? <Alert type="error" showIcon style={{ marginTop: 12 }} title={describeError(error, locale)} /> : null}
          {history.length ? (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>{t('units.import.history')}</Typography.Title>
              <List size="small" dataSource={history} renderItem={(h) => (
                <List.Item onClick={() => setReport(h.report)} style={{ cursor: 'pointer' }}>
                  {formatTime(h.at, locale)} · {h.cities.join(', ')} · {h.actor ?? '—'} {h.report.changed ? <Tag color="blue">{t('units.import.changed')}</Tag> : <Tag>{t('units.import.unchanged')}</Tag>}
                </List.Item>
              )} />
            </>
          ) : null}
        </Card>
        <div style={{ flex: 1, minWidth: 420 }}>
          {report ? <ImportReportView report={report} /> : <Card size="small"><Typography.Text type="secondary">{t('units.import.help')}</Typography.Text></Card>}
        </div>
      </Flex>
    </>
  );
}
