// The audit log for the audit administrator: filter, page back through time, verify the chain.
import { useState } from 'react';
import { Alert, AutoComplete, Button, DatePicker, Flex, Form, Input, Select, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { describeError } from '../../../api/client.js';
import { formatTime } from '../../../app/format.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { actorName, composeAction, OBJECT_NAMES, summaryText } from '../labels.js';
import { DataTable, useKeysetList } from '../../../components/DataTable.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { StatusTag } from '../../../components/StatusTag.js';
import { auditApi, type AuditFilter, type AuditItem, type AuditVerifyResult } from '../api.js';
import { messages } from '../i18n.js';

type Outcome = NonNullable<AuditFilter['outcome']>;
type Instant = { toISOString(): string } | null;

interface FilterValues {
  range?: [Instant, Instant] | null;
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  outcome?: Outcome;
}

const KNOWN_ACTIONS = Object.keys(messages.zh)
  .filter((k) => k.startsWith('audit.action.'))
  .map((k) => k.slice('audit.action.'.length));

function toFilter(v: FilterValues): AuditFilter {
  const f: AuditFilter = {};
  const from = v.range?.[0];
  const to = v.range?.[1];
  if (from) f.from = from.toISOString();
  if (to) f.to = to.toISOString();
  if (v.actor?.trim()) f.actor = v.actor.trim();
  if (v.action?.trim()) f.action = v.action.trim();
  if (v.objectType?.trim()) f.objectType = v.objectType.trim();
  if (v.objectId?.trim()) f.objectId = v.objectId.trim();
  if (v.outcome) f.outcome = v.outcome;
  return f;
}

export default function AuditPage() {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<FilterValues>();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [verifying, setVerifying] = useState(false);
  const [verify, setVerify] = useState<{ result?: AuditVerifyResult; error?: unknown } | null>(null);
  const list = useKeysetList((cursor, signal) => auditApi.list({ ...filter, ...(cursor ? { cursor } : {}) }, signal), [JSON.stringify(filter)]);

  const runVerify = async () => {
    setVerifying(true);
    try {
      setVerify({ result: await auditApi.verify() });
    } catch (err) {
      setVerify({ error: err });
    } finally {
      setVerifying(false);
    }
  };

  const actionLabel = (a: string) => {
    const key = `audit.action.${a}`;
    return KNOWN_ACTIONS.includes(a) ? t(key) : composeAction(a, locale);
  };

  const columns: TableColumnsType<AuditItem> = [
    { title: t('audit.at'), key: 'at', width: 170, render: (_v, r) => formatTime(r.at, locale) },
    { title: t('audit.actor'), key: 'actor', render: (_v, r) => actorName(r.actorName, locale) },
    {
      title: t('audit.action'), key: 'action',
      render: (_v, r) => {
        const label = actionLabel(r.action);
        return label ? <>{label} <Typography.Text type="secondary" className="sg-mono">{r.action}</Typography.Text></> : <span className="sg-mono">{r.action}</span>;
      },
    },
    { title: t('audit.object'), key: 'object', render: (_v, r) => (r.objectType ? <>{OBJECT_NAMES[r.objectType]?.[locale === 'en' ? 'en' : 'zh'] ?? <span className="sg-mono">{r.objectType}</span>}{r.objectId ? <span className="sg-mono"> #{r.objectId}</span> : null}</> : '—') },
    { title: t('audit.outcome'), key: 'outcome', render: (_v, r) => <StatusTag status={r.outcome} /> },
    { title: t('audit.ip'), dataIndex: 'ip', key: 'ip', render: (v: string | null) => <span className="sg-mono">{v ?? '—'}</span> },
    {
      title: t('audit.summary'), key: 'summary',
      render: (_v, r) => {
        const text = summaryText(r.summary as Record<string, unknown>, locale);
        return text ? <Typography.Text ellipsis={{ tooltip: text }} style={{ maxWidth: 320 }}>{text}</Typography.Text> : '—';
      },
    },
  ];

  const outcomes: Outcome[] = ['success', 'denied', 'failure'];

  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')}
        extra={<Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void runVerify()} data-testid="audit-verify">{t('audit.verify')}</Button>} />
      {verify ? (
        <Alert
          data-testid="audit-verify-result"
          style={{ marginBottom: 16 }}
          showIcon
          closable={{ onClose: () => setVerify(null) }}
          type={verify.result?.ok ? 'success' : 'error'}
          title={t('audit.verify.title')}
          description={verify.error
            ? describeError(verify.error, locale)
            : verify.result?.ok
              ? t('audit.verify.ok', { n: verify.result.checked })
              : t('audit.verify.broken', { n: verify.result?.checked ?? 0, id: verify.result?.brokenAt?.id ?? '?', reason: verify.result?.brokenAt?.reason ?? '' })}
        />
      ) : null}
      <Form<FilterValues> form={form} className="sg-filters" onFinish={(v) => setFilter(toFilter(v))}>
        <Flex gap={8} wrap>
          <Form.Item name="range" noStyle>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item name="actor" noStyle><Input allowClear placeholder={t('audit.filter.actor')} style={{ width: 160 }} maxLength={64} /></Form.Item>
          <Form.Item name="action" noStyle>
            <AutoComplete allowClear placeholder={t('audit.filter.action')} style={{ width: 220 }}
              options={KNOWN_ACTIONS.map((a) => ({ value: a, label: `${t(`audit.action.${a}`)} · ${a}` }))}
              showSearch={{ filterOption: (input, option) => String(option?.value ?? '').startsWith(input) }} />
          </Form.Item>
          <Form.Item name="objectType" noStyle><Input allowClear placeholder={t('audit.filter.objectType')} style={{ width: 130 }} maxLength={64} /></Form.Item>
          <Form.Item name="objectId" noStyle><Input allowClear placeholder={t('audit.filter.objectId')} style={{ width: 130 }} maxLength={64} /></Form.Item>
          <Form.Item name="outcome" noStyle>
            <Select allowClear placeholder={t('audit.filter.outcome')} style={{ width: 130 }}
              options={outcomes.map((o) => ({ value: o, label: t(`app.status.${o}`) }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>{t('app.action.search')}</Button>
          <Button icon={<ReloadOutlined />} onClick={() => { form.resetFields(); setFilter({}); list.reload(); }}>{t('app.action.reset')}</Button>
        </Flex>
      </Form>
      <DataTable<AuditItem> list={list} rowKey="id" columns={columns} />
    </>
  );
}
