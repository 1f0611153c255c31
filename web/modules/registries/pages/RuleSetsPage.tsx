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

const RULE_SET_NAMES: Record<string, { zh: string; en: string }> = {
  'lec.factors': { zh: 'LEC 作业条件危险性评价：取值表', en: 'LEC risk rating: factor values' },
  'lec.bands': { zh: 'LEC 危险等级划分', en: 'LEC risk bands' },
  'ls.bands': { zh: '风险矩阵（LS）等级划分', en: 'Risk matrix (LS) bands' },
  'gb18218.table1': { zh: '重大危险源辨识：危险化学品临界量（GB 18218 表1）', en: 'Major hazard identification: named chemicals (GB 18218 table 1)' },
  'gb18218.table2': { zh: '重大危险源辨识：类别临界量（GB 18218 表2）', en: 'Major hazard identification: classes (GB 18218 table 2)' },
  'gb18218.table4': { zh: '重大危险源分级：校正系数 β（GB 18218 表4）', en: 'Major hazard grading: correction β (GB 18218 table 4)' },
  'gb18218.table5': { zh: '重大危险源分级：暴露人员校正系数 α（GB 18218 表5）', en: 'Major hazard grading: exposure α (GB 18218 table 5)' },
  'small-places': { zh: '九小场所分类', en: 'Small places (九小场所) types' },
  'place-grading': { zh: '场所分级标准', en: 'Place grading criteria' },
};
const CONFIDENCE_NAMES: Record<string, { zh: string; en: string }> = {
  confirmed: { zh: '已核对原文', en: 'Checked against the text' },
  secondary: { zh: '二手来源', en: 'Secondary source' },
  unconfirmed: { zh: '待核对', en: 'Not yet checked' },
  local: { zh: '本地规定', en: 'Local rule' },
};

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
          expandable={{ expandedRowRender: (s) => <Descriptions size="small" column={1} items={[{ key: 's', label: t('registries.rules.source'), children: s.source }, { key: 'n', label: t('registries.rules.confidence'), children: pick(s.confidenceNote, locale) }]} /> }}
          columns={[
            { title: t('registries.rules.kind'), dataIndex: 'kind', key: 'kind', render: (v: string) => <>{RULE_SET_NAMES[v] ? pick(RULE_SET_NAMES[v], locale) : null} <Typography.Text type="secondary" className="sg-mono">{v}</Typography.Text></> },
            { title: t('registries.rules.version'), dataIndex: 'version', key: 'version' },
            { title: t('registries.rules.confidence'), dataIndex: 'confidence', key: 'c', render: (v: string) => <Tag color={v === 'confirmed' ? 'green' : v === 'unconfirmed' ? 'orange' : undefined}>{CONFIDENCE_NAMES[v] ? pick(CONFIDENCE_NAMES[v], locale) : v}</Tag> },
            { title: t('registries.status'), key: 'd', render: (_v, s) => (s.isDefault ? <Tag>{t('registries.rules.default')}</Tag> : <Tag color="purple">{t('registries.rules.local')}</Tag>) },
            { title: t('registries.updatedAt'), key: 'u', render: (_v, s) => formatTime(s.updatedAt, locale) },
            { title: t('app.action.actions'), key: 'a', render: (_v, s) => (s.configurable ? <Button size="small" onClick={() => setEditing(s.kind)}>{t('registries.rules.edit')}</Button> : null) },
          ]} />
      </Card>
      <EditModal kind={editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); void load(); }} />
    </>
  );
}
