// The reference tables in use: where they come from, how sure the source is, their versions;
// district offices edit the configurable ones (saved as a new version).
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import type { Static } from 'typebox';
import type { RuleSetKind, RuleSetList } from '../../../../common/modules/calculators/calculators.contract.js';
import { ApiError, describeError, describeFieldProblem } from '../../../api/client.js';
import { formatTime } from '../../../app/format.js';
import { pick, useLocale, useT } from '../../../app/i18n.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { registryApi, type RuleSet } from '../api.js';

type Summary = Static<typeof RuleSetList>['items'][number];

function EditModal(props: { kind: RuleSetKind | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [rs, setRs] = useState<RuleSet | null>(null);
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setRs(null);
    setProblems([]);
    setNote('');
    if (!props.kind) return;
    registryApi.ruleSet(props.kind).then((r) => {
      setRs(r);
      setText(JSON.stringify(r.data, null, 2));
    }, (e: unknown) => setProblems([describeError(e, locale)]));
  }, [props.kind, locale]);
  const save = async () => {
    if (!props.kind) return;
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(text) as Record<string, unknown>;
    } catch (e) {
      setProblems([t('registries.rules.badJson', { msg: (e as Error).message })]);
      return;
    }
    setBusy(true);
    try {
      const r = await registryApi.saveRuleSet(props.kind, { data, note });
      void message.success(t('registries.rules.saved', { version: r.version }));
      props.onSaved();
    } catch (e) {
      setProblems(e instanceof ApiError && e.fields.length > 0 ? e.fields.map((f) => `${f.field}: ${describeFieldProblem(f, locale, e)}`) : [describeError(e, locale)]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={props.kind !== null} width={860} title={t('registries.rules.editTitle', { kind: props.kind ?? '' })} onCancel={props.onClose}
      onOk={() => void save()} okText={t('app.action.save')} cancelText={t('app.action.cancel')} confirmLoading={busy}
      okButtonProps={{ disabled: !rs?.canEdit || note.trim().length < 2 }}>
      {rs && !rs.canEdit ? <Alert type="info" showIcon title={t('registries.rules.noEdit', { perm: rs.summary.editPermission })} style={{ marginBottom: 12 }} /> : null}
      {problems.length > 0 ? <Alert type="error" showIcon title={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{problems.map((p) => <li key={p}>{p}</li>)}</ul>} style={{ marginBottom: 12 }} /> : null}
      {rs ? (
        <>
          <Typography.Paragraph type="secondary">{pick(rs.summary.confidenceNote, locale)}</Typography.Paragraph>
          <Form layout="vertical">
            <Form.Item label={t('registries.rules.json')}>
              <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} rows={18} style={{ fontFamily: 'ui-monospace, monospace', fontSize: 12 }} disabled={!rs.canEdit} />
            </Form.Item>
            <Form.Item label={t('registries.rules.note')} required>
              <Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} disabled={!rs.canEdit} />
            </Form.Item>
          </Form>
          <Typography.Text strong>{t('registries.rules.versions')}</Typography.Text>
          <Table size="small" rowKey="version" pagination={false} dataSource={rs.versions}
            columns={[
              { title: t('registries.rules.version'), dataIndex: 'version', key: 'v' },
              { title: t('registries.createdAt'), key: 'at', render: (_v, r) => `${formatTime(r.createdAt, locale)} ${r.createdBy ?? ''}` },
              { title: t('registries.rules.note'), dataIndex: 'note', key: 'n' },
              { title: '', key: 'a', render: (_v, r) => (r.active ? <Tag color="green">✓</Tag> : null) },
            ]} />
        </>
      ) : null}
    </Modal>
  );
}

export default function RuleSetsPage() {
  const t = useT();
  const { locale } = useLocale();
  const [items, setItems] = useState<Summary[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<RuleSetKind | null>(null);
  const load = () => registryApi.ruleSets().then((r) => setItems(r.items), setError);
  useEffect(() => {
    void load();
  }, []);
  return (
    <>
      <PageHeader title={t('registries.rules.title')} subtitle={t('registries.rules.subtitle')} />
      {error ? <Alert type="error" showIcon title={describeError(error, locale)} /> : null}
      <Card>
        <Table<Summary> rowKey="kind" dataSource={items} pagination={false} scroll={{ x: 'max-content' }}
          expandable={{ expandedRowRender: (s) => <Descriptions size="small" column={1} items={[{ key: 's', label: 'source', children: s.source }, { key: 'n', label: t('registries.rules.confidence'), children: pick(s.confidenceNote, locale) }]} /> }}
          columns={[
            { title: t('registries.rules.kind'), dataIndex: 'kind', key: 'kind', render: (v: string) => <span className="sg-mono">{v}</span> },
            { title: t('registries.rules.version'), dataIndex: 'version', key: 'version' },
            { title: t('registries.rules.confidence'), dataIndex: 'confidence', key: 'c', render: (v: string) => <Tag>{v}</Tag> },
            { title: t('registries.status'), key: 'd', render: (_v, s) => (s.isDefault ? <Tag>{t('registries.rules.default')}</Tag> : <Tag color="purple">{t('registries.rules.local')}</Tag>) },
            { title: t('registries.updatedAt'), key: 'u', render: (_v, s) => formatTime(s.updatedAt, locale) },
            { title: t('app.action.actions'), key: 'a', render: (_v, s) => (s.configurable ? <Button size="small" onClick={() => setEditing(s.kind)}>{t('registries.rules.edit')}</Button> : null) },
          ]} />
      </Card>
      <EditModal kind={editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); void load(); }} />
    </>
  );
}
