// An organization: members with their departments (leading-group minimums flagged), service
// hours of volunteers, history.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, InputNumber, Modal, Row, Select, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { ORG_KIND_LABELS } from '../../../../common/modules/orgs/orgs.contract.js';
import { describeError } from '../../../api/client.js';
import { applyServerErrors, rules } from '../../../app/forms.js';
import { pick, useLocale, useT } from '../../../app/i18n.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { HistoryPanel } from '../../registries/components/History.js';
import { PHONE_PATTERN } from '../../places/components/PlaceForm.js';
import { orgsApi, type Member, type OrgFull, type ServiceLogs } from '../api.js';
import { OrgFormModal } from '../components/OrgForm.js';

function MemberModal(props: { orgId: string; open: boolean; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const r = rules(t);
  const [form] = Form.useForm<{ name: string; title?: string; department?: string; phone?: string; joinedOn?: string }>();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await orgsApi.addMember(props.orgId, { name: v.name.trim(), title: v.title?.trim() || null, department: v.department?.trim() || null, ...(v.phone ? { phone: v.phone.trim() } : {}), joinedOn: v.joinedOn || null });
      form.resetFields();
      props.onSaved();
    } catch (err) {
      setError(applyServerErrors(form, err, locale));
    }
  };
  return (
    <Modal open={props.open} title={t('orgs.member.add')} onCancel={props.onClose} onOk={() => void submit()} okText={t('app.action.save')} cancelText={t('app.action.cancel')} forceRender>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical">
        <Row gutter={12}>
          <Col xs={24} sm={12}><Form.Item name="name" label={t('orgs.member.name')} rules={[r.required(t('orgs.member.name'))]}><Input maxLength={200} /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="title" label={t('orgs.member.title')}><Input maxLength={64} /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="department" label={t('orgs.member.department')}><Input maxLength={100} /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="phone" label={t('orgs.member.phone')} rules={[r.pattern(t('orgs.member.phone'), PHONE_PATTERN)]}><Input inputMode="tel" maxLength={32} /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="joinedOn" label={t('orgs.member.joinedOn')}><Input type="date" /></Form.Item></Col>
        </Row>
      </Form>
    </Modal>
  );
}

function ServiceLogForm(props: { orgId: string; members: Member[]; onSaved: (l: ServiceLogs) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const r = rules(t);
  const [form] = Form.useForm<{ memberId: string; servedOn: string; hours: number; activity: string }>();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      props.onSaved(await orgsApi.addServiceLog(props.orgId, { ...v, activity: v.activity.trim() }));
      form.resetFields();
      setError(null);
    } catch (err) {
      setError(applyServerErrors(form, err, locale));
    }
  };
  return (
    <Card size="small" title={t('orgs.log.add')} style={{ marginBottom: 12 }}>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} /> : null}
      <Form form={form} layout="inline" style={{ rowGap: 8 }} onFinish={() => void submit()}>
        <Form.Item name="memberId" label={t('orgs.log.member')} rules={[r.choose(t('orgs.log.member'))]}>
          <Select style={{ width: 140 }} options={props.members.filter((m) => !m.leftOn).map((m) => ({ value: m.id, label: m.name }))} />
        </Form.Item>
        <Form.Item name="servedOn" label={t('orgs.log.servedOn')} rules={[r.required(t('orgs.log.servedOn'))]}><Input type="date" /></Form.Item>
        <Form.Item name="hours" label={t('orgs.log.hours')} rules={[r.range(t('orgs.log.hours'), 0.25, 24), r.choose(t('orgs.log.hours'))]}><InputNumber min={0.25} max={24} step={0.5} /></Form.Item>
        <Form.Item name="activity" label={t('orgs.log.activity')} rules={[r.required(t('orgs.log.activity'))]}><Input maxLength={400} style={{ width: 220 }} /></Form.Item>
        <Button type="primary" htmlType="submit">{t('app.action.save')}</Button>
      </Form>
    </Card>
  );
}

export default function OrgDetailPage() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const [o, setO] = useState<OrgFull | null>(null);
  const [logs, setLogs] = useState<ServiceLogs | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [gen, setGen] = useState(0);
  const reload = () => setGen((g) => g + 1);
  useEffect(() => {
    orgsApi.get(id).then(setO, setError);
    orgsApi.serviceLogs(id).then(setLogs, () => setLogs(null));
  }, [id, gen]);
  if (error) return <Alert type="error" showIcon title={describeError(error, locale)} />;
  if (!o) return <Spin />;
  const can = o.abilities.edit ?? false;
  const leave = (m: Member) => {
    const d = new Date();
    const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    orgsApi.updateMember(m.id, { leftOn: today }).then(reload, (e: unknown) => void message.error(describeError(e, locale)));
  };
  return (
    <>
      <PageHeader title={o.name} subtitle={<Space wrap><Tag>{pick(ORG_KIND_LABELS[o.kind], locale)}</Tag>{o.safeCommunity ? <Tag color="blue">{t('orgs.safeCommunity')}</Tag> : null}</Space>}
        extra={can ? <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('app.action.edit')}</Button> : null} />
      {o.warnings.length > 0 ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={o.warnings.map((w) => pick(w.message, locale)).join('；')} /> : null}
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={[
          { key: 'unit', label: t('orgs.unit'), children: `${o.unit.name}（${o.unit.code}）` },
          { key: 'uscc', label: t('orgs.uscc'), children: o.uscc ?? '—' },
          { key: 'addr', label: t('registries.address'), children: o.address ?? '—' },
          { key: 'c', label: t('orgs.contact'), children: [o.contactName, o.contactPhone].filter(Boolean).join(' ') || '—' },
          { key: 'm', label: t('orgs.members'), children: o.memberCount },
          { key: 'd', label: t('orgs.departments'), children: o.departmentCount },
          { key: 'h', label: t('orgs.serviceHours'), children: o.serviceHours },
          { key: 'desc', label: t('orgs.description'), children: o.description ?? '—' },
        ]} />
      </Card>
      <Card size="small" style={{ marginTop: 16 }}>
        <Tabs items={[
          {
            key: 'members', label: t('orgs.tab.members'),
            children: (
              <>
                {can ? <Button icon={<PlusOutlined />} style={{ marginBottom: 8 }} onClick={() => setAdding(true)}>{t('orgs.member.add')}</Button> : null}
                <Table<Member> size="small" rowKey="id" dataSource={o.members} pagination={false} scroll={{ x: 'max-content' }}
                  columns={[
                    { title: t('orgs.member.name'), dataIndex: 'name', key: 'n' },
                    { title: t('orgs.member.title'), dataIndex: 'title', key: 't' },
                    { title: t('orgs.member.department'), dataIndex: 'department', key: 'd' },
                    { title: t('orgs.member.phone'), dataIndex: 'phone', key: 'p' },
                    { title: t('orgs.member.joinedOn'), dataIndex: 'joinedOn', key: 'j' },
                    { title: t('orgs.member.leftOn'), dataIndex: 'leftOn', key: 'l' },
                    { title: t('orgs.serviceHours'), dataIndex: 'serviceHours', key: 'h' },
                    ...(can ? [{ title: t('app.action.actions'), key: 'a', render: (_v: unknown, m: Member) => (m.leftOn ? null : <Button type="link" size="small" onClick={() => leave(m)}>{t('orgs.member.leave')}</Button>) }] : []),
                  ]} />
              </>
            ),
          },
          {
            key: 'logs', label: t('orgs.tab.logs'),
            children: (
              <>
                {can ? <ServiceLogForm orgId={o.id} members={o.members} onSaved={(l) => { setLogs(l); reload(); }} /> : null}
                <Typography.Text strong>{t('orgs.log.total', { hours: logs?.totalHours ?? 0 })}</Typography.Text>
                <Table size="small" rowKey="id" dataSource={logs?.items ?? []} pagination={{ pageSize: 20 }} scroll={{ x: 'max-content' }}
                  columns={[
                    { title: t('orgs.log.servedOn'), dataIndex: 'servedOn', key: 'd' },
                    { title: t('orgs.log.member'), dataIndex: 'memberName', key: 'm' },
                    { title: t('orgs.log.hours'), dataIndex: 'hours', key: 'h' },
                    { title: t('orgs.log.activity'), dataIndex: 'activity', key: 'a' },
                  ]} />
              </>
            ),
          },
          { key: 'history', label: t('orgs.tab.history'), children: <HistoryPanel path={`/api/orgs/${o.id}/history`} reloadKey={gen} /> },
        ]} />
      </Card>
      <OrgFormModal open={editing} org={o} onClose={() => setEditing(false)} onSaved={(x) => { setEditing(false); setO(x); reload(); void message.success(t('orgs.saved')); }} />
      <MemberModal orgId={o.id} open={adding} onClose={() => setAdding(false)} onSaved={() => { setAdding(false); reload(); }} />
    </>
  );
}
