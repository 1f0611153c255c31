// Import places, enterprises or people: template download, mode choice, background progress and
// the per-row report.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Flex, Form, Progress, Radio, Space, Table, Tag, Typography, Upload, type UploadFile } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { describeError } from '../../../api/client.js';
import { formatTime } from '../../../app/format.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { registryApi, type ImportJob } from '../api.js';

type Kind = 'places' | 'enterprises' | 'people';
type Mode = 'keep_valid' | 'all_or_nothing';
interface Problem {
  row: number;
  field: string;
  problem: string;
  problemZh?: string;
}

const STATUS_COLOUR: Record<string, string> = { queued: 'default', running: 'processing', done: 'success', rejected: 'warning', failed: 'error' };

export default function ImportPage() {
  const t = useT();
  const { locale } = useLocale();
  const [kind, setKind] = useState<Kind>('places');
  const [mode, setMode] = useState<Mode>('keep_valid');
  const [file, setFile] = useState<File | null>(null);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [recent, setRecent] = useState<ImportJob[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const loadRecent = () => registryApi.imports().then((r) => setRecent(r.items), () => undefined);
  useEffect(() => {
    void loadRecent();
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);

  const poll = (id: string) => {
    registryApi.importJob(id).then(
      (d) => {
        setJob(d.job);
        setProblems(d.problems);
        if (d.job.status === 'queued' || d.job.status === 'running') timer.current = setTimeout(() => poll(id), 800);
        else void loadRecent();
      },
      (e: unknown) => setError(e),
    );
  };

  const start = async () => {
    if (!file) {
      setError(new Error(t('registries.import.noFile')));
      return;
    }
    setBusy(true);
    setError(null);
    setProblems([]);
    try {
      const j = await registryApi.startImport(kind, mode, file);
      setJob(j);
      poll(j.id);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const pct = job && job.totalRows > 0 ? Math.round((job.processedRows / job.totalRows) * 100) : job?.status === 'done' ? 100 : 0;
  const running = job?.status === 'queued' || job?.status === 'running';
  return (
    <>
      <PageHeader title={t('registries.import.title')} subtitle={t('registries.import.subtitle')} />
      <Card>
        <Form layout="vertical">
          <Form.Item label={t('registries.import.kind')}>
            <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as Kind)} optionType="button"
              options={(['places', 'enterprises', 'people'] as const).map((k) => ({ value: k, label: t(`registries.import.kind.${k}`) }))} />
          </Form.Item>
          <Space wrap style={{ marginBottom: 16 }}>
            <Button icon={<DownloadOutlined />} href={registryApi.templateUrl(kind, 'xlsx')} download>{t('registries.import.template')}</Button>
            <Button type="link" href={registryApi.templateUrl(kind, 'csv')} download>{t('registries.import.templateCsv')}</Button>
          </Space>
          <Form.Item label={t('registries.import.mode')}>
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
              <Space orientation="vertical">
                <Radio value="keep_valid">{t('registries.import.mode.keep_valid')}</Radio>
                <Radio value="all_or_nothing">{t('registries.import.mode.all_or_nothing')}</Radio>
              </Space>
            </Radio.Group>
          </Form.Item>
          <Form.Item label={t('registries.import.file')}>
            <Upload.Dragger accept=".xlsx,.csv" maxCount={1} beforeUpload={(f) => { setFile(f); return false; }}
              onRemove={() => setFile(null)} fileList={file ? [{ uid: '1', name: file.name, status: 'done' } as UploadFile] : []}>
              <p className="ant-upload-drag-icon"><InboxOutlined /></p>
              <p className="ant-upload-text">{t('registries.import.file')}（.xlsx / .csv）</p>
            </Upload.Dragger>
          </Form.Item>
          <Button type="primary" onClick={() => void start()} loading={busy || running} disabled={!file}>{t('registries.import.start')}</Button>
        </Form>
        {error ? <Alert type="error" showIcon style={{ marginTop: 16 }} title={error instanceof Error && !('code' in error) ? error.message : describeError(error, locale)} /> : null}
      </Card>

      {job ? (
        <Card style={{ marginTop: 16 }} title={<Space>{job.fileName}<Tag color={STATUS_COLOUR[job.status]}>{t(`registries.import.status.${job.status}`)}</Tag></Space>}
          extra={job.problemCount > 0 ? <Button href={registryApi.reportUrl(job.id)} download icon={<DownloadOutlined />}>{t('registries.import.downloadReport')}</Button> : null}>
          <Progress percent={pct} status={job.status === 'failed' || job.status === 'rejected' ? 'exception' : running ? 'active' : 'success'} />
          <Typography.Paragraph>{t('registries.import.summary', { total: job.totalRows, inserted: job.insertedRows, errors: job.errorRows })}</Typography.Paragraph>
          {job.message ? <Alert type={job.status === 'done' ? 'info' : 'warning'} showIcon title={job.message} style={{ marginBottom: 12 }} /> : null}
          {job.problemsTruncated ? <Typography.Text type="warning">{t('registries.import.truncated', { n: 20000 })}</Typography.Text> : null}
          {problems.length > 0 ? (
            <Table<Problem> size="small" rowKey={(p) => `${p.row}-${p.field}-${p.problem}`} dataSource={problems} pagination={{ pageSize: 20 }} scroll={{ x: 'max-content' }}
              columns={[
                { title: t('registries.import.row'), dataIndex: 'row', key: 'row', width: 80 },
                { title: t('registries.import.field'), dataIndex: 'field', key: 'field', width: 160 },
                { title: t('registries.import.problem'), key: 'problem', render: (_v, p) => (locale === 'en' ? p.problem : p.problemZh ?? p.problem) },
              ]} />
          ) : null}
        </Card>
      ) : null}

      <Card style={{ marginTop: 16 }} title={t('registries.import.recent')}>
        <Table<ImportJob> size="small" rowKey="id" dataSource={recent} pagination={false} scroll={{ x: 'max-content' }}
          onRow={(j) => ({ onClick: () => poll(j.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('registries.import.file'), dataIndex: 'fileName', key: 'f' },
            { title: t('registries.import.kind'), key: 'k', render: (_v, j) => t(`registries.import.kind.${j.kind}`) },
            { title: t('registries.status'), key: 's', render: (_v, j) => <Tag color={STATUS_COLOUR[j.status]}>{t(`registries.import.status.${j.status}`)}</Tag> },
            { title: t('registries.import.progress'), key: 'p', render: (_v, j) => t('registries.import.summary', { total: j.totalRows, inserted: j.insertedRows, errors: j.errorRows }) },
            { title: t('registries.createdAt'), key: 'c', render: (_v, j) => formatTime(j.createdAt, locale) },
          ]} />
        <Flex />
      </Card>
    </>
  );
}
