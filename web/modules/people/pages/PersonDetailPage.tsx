// One person at risk (masked), the audited unmask action, and the history.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Space, Spin, Tag, Typography } from 'antd';
import { EditOutlined, EyeOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { PERSON_CATEGORY_LABELS } from '../../../../common/modules/people/people.contract.js';
import { describeError } from '../../../api/client.js';
import { formatTime } from '../../../app/format.js';
import { applyServerErrors, rules } from '../../../app/forms.js';
import { pick, useLocale, useT } from '../../../app/i18n.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { HistoryPanel } from '../../registries/components/History.js';
import { peopleApi, type PersonFull, type Unmasked } from '../api.js';
import { PersonFormModal } from '../components/PersonForm.js';

function UnmaskModal(props: { personId: string; open: boolean; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<{ reason: string }>();
  const [data, setData] = useState<Unmasked | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!props.open) {
      setData(null);
      setError(null);
      form.resetFields();
    }
  }, [props.open, form]);
  const submit = async () => {
    if (data) {
      props.onClose();
      return;
    }
    let v: { reason: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      setData(await peopleApi.unmask(props.personId, v.reason.trim()));
      props.onDone();
    } catch (err) {
      setError(applyServerErrors(form, err, locale));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={props.open} title={t('people.unmask.title')} onCancel={props.onClose} onOk={() => void submit()} confirmLoading={busy}
      okText={data ? t('app.action.close') : t('app.action.confirm')} cancelText={t('app.action.cancel')} forceRender>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      {data ? (
        <>
          <Alert type="warning" showIcon title={t('people.unmask.result')} style={{ marginBottom: 12 }} />
          <Descriptions size="small" column={1} items={[
            { key: 'id', label: t('people.idNumber'), children: <Typography.Text copyable className="sg-mono">{data.idNumber ?? '—'}</Typography.Text> },
            { key: 'ph', label: t('people.phone'), children: data.phone ? <a href={`tel:${data.phone}`}>{data.phone}</a> : '—' },
            { key: 'hp', label: t('people.helperPhone'), children: data.helperPhone ? <a href={`tel:${data.helperPhone}`}>{data.helperPhone}</a> : '—' },
          ]} />
        </>
      ) : (
        <Form form={form} layout="vertical">
          <Typography.Paragraph type="secondary">{t('people.unmask.help')}</Typography.Paragraph>
          <Form.Item name="reason" label={t('people.unmask.reason')} rules={[rules(t).required(t('people.unmask.reason')), rules(t).min(t('people.unmask.reason'), 2)]}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

export default function PersonDetailPage() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const [p, setP] = useState<PersonFull | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);
  const [unmasking, setUnmasking] = useState(false);
  const [gen, setGen] = useState(0);
  useEffect(() => {
    peopleApi.get(id).then(setP, setError);
  }, [id, gen]);
  if (error) return <Alert type="error" showIcon title={describeError(error, locale)} />;
  if (!p) return <Spin />;
  return (
    <>
      <PageHeader title={p.name} subtitle={<Tag>{pick(PERSON_CATEGORY_LABELS[p.category], locale)}</Tag>}
        extra={<Space>
          {p.abilities.unmask ? <Button icon={<EyeOutlined />} onClick={() => setUnmasking(true)}>{t('people.unmask')}</Button> : null}
          {p.abilities.edit ? <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('app.action.edit')}</Button> : null}
        </Space>} />
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={[
          { key: 'sex', label: t('people.sex'), children: p.sex ? t(`people.sex.${p.sex}`) : '—' },
          { key: 'id', label: t('people.idNumber'), children: <span className="sg-mono">{p.idNumber ?? '—'}</span> },
          { key: 'ph', label: t('people.phone'), children: p.phone ?? '—' },
          { key: 'grid', label: t('registries.grid'), children: p.grid ? `${p.grid.name}（${p.grid.code}）` : '—' },
          { key: 'addr', label: t('registries.address'), children: p.address ?? '—' },
          { key: 'helper', label: t('people.helper'), children: [p.helperName, p.helperPhone].filter(Boolean).join(' ') || '—' },
          { key: 'needs', label: t('people.needs'), children: p.needs ?? '—' },
          { key: 'notes', label: t('people.notes'), children: p.notes ?? '—' },
          { key: 'at', label: t('registries.updatedAt'), children: formatTime(p.updatedAt, locale) },
        ]} />
      </Card>
      <Card size="small" title={t('registries.history')} style={{ marginTop: 16 }}><HistoryPanel path={`/api/people/${p.id}/history`} reloadKey={gen} /></Card>
      <PersonFormModal open={editing} person={p} onClose={() => setEditing(false)} onSaved={(x) => { setEditing(false); setP(x); setGen((g) => g + 1); void message.success(t('people.saved')); }} />
      <UnmaskModal personId={p.id} open={unmasking} onClose={() => setUnmasking(false)} onDone={() => setGen((g) => g + 1)} />
    </>
  );
}
