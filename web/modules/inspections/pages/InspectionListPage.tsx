// My inspection tasks (start one where I stand) and the inspections of my area.
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, App, Button, Card, Empty, Flex, Form, InputNumber, List, Modal, Segmented, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { PlayCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { describeError } from '../../../api/client.js';
import { useCan } from '../../../access/can.js';
import { formatTime } from '../../../app/format.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { DataTable, useKeysetList } from '../../../components/DataTable.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { pick } from '../../hazards/components/labels.js';
import { usePosition } from '../../hazards/components/position.js';
import { checklistsApi, type TemplateItem } from '../../checklists/api.js';
import { inspectionsApi, type Task } from '../api.js';

type Row = Awaited<ReturnType<typeof inspectionsApi.list>>['items'][number];

/** Asks for the position (the browser's, or typed when it is refused) and starts the inspection. */
function useStart() {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const pos = usePosition();
  const [manual, setManual] = useState<null | ((p: { lng: number; lat: number }) => void)>(null);
  const [form] = Form.useForm<{ lng: number; lat: number }>();

  const start = async (body: { taskId?: string; templateId?: string; placeId?: string }) => {
    let position: { lng: number; lat: number; accuracy?: number };
    try {
      position = await pos.get();
    } catch {
      position = await new Promise((resolve) => setManual(() => resolve));
      setManual(null);
    }
    try {
      const i = await inspectionsApi.start({ ...body, position });
      await navigate(`/inspections/${i.id}`);
    } catch (err) {
      message.error(describeError(err, locale));
    }
  };
  const modal = (
    <Modal open={manual !== null} title={t('inspections.start.position')} onCancel={() => setManual(null)} okText={t('app.action.confirm')} cancelText={t('app.action.cancel')}
      onOk={() => { void form.validateFields().then((v) => manual?.(v)); }}>
      <Alert type="info" showIcon title={t('inspections.start.noGps')} style={{ marginBottom: 12 }} />
      <Form form={form} layout="inline">
        <Form.Item name="lng" label={t('hazards.field.lng')} rules={[{ required: true }]}><InputNumber step={0.0001} /></Form.Item>
        <Form.Item name="lat" label={t('hazards.field.lat')} rules={[{ required: true }]}><InputNumber step={0.0001} /></Form.Item>
      </Form>
    </Modal>
  );
  return { start, busy: pos.busy, modal };
}

function NewInspection(props: { onStart: (b: { templateId: string }) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [templates, setTemplates] = useState<TemplateItem[]>([]);
  const [id, setId] = useState<string | undefined>();
  useEffect(() => { checklistsApi.list({ target: 'community' }).then((r) => setTemplates(r.items), () => setTemplates([])); }, []);
  return (
    <Space wrap>
      <Select placeholder={t('inspections.start.template')} style={{ width: 260 }} value={id} onChange={setId}
        options={templates.map((x) => ({ value: x.id, label: `${pick(x.name, locale)} v${x.version}` }))} />
      <Button icon={<PlusOutlined />} disabled={!id} onClick={() => id && props.onStart({ templateId: id })}>{t('inspections.start.community')}</Button>
    </Space>
  );
}

export default function InspectionListPage() {
  const t = useT();
  const { locale } = useLocale();
  const canPerform = useCan('inspection.perform');
  const { start, busy, modal } = useStart();
  const [tasks, setTasks] = useState<Task[] | null>(null);
  const [taskError, setTaskError] = useState<unknown>(null);
  // Supervisors (who plan inspections for others) open on the inspections of their area; the
  // inspector on their own.
  const supervises = useCan('plan.manage') || !canPerform;
  const [scope, setScope] = useState<'mine' | 'all'>(supervises ? 'all' : 'mine');
  const list = useKeysetList((cursor, signal) => inspectionsApi.list({ ...(scope === 'mine' ? { mine: true } : {}), ...(cursor ? { cursor } : {}) }, signal), [scope]);

  useEffect(() => {
    if (!canPerform) return;
    inspectionsApi.tasks({ mine: true, status: 'open', limit: 100 }).then((r) => setTasks(r.items), setTaskError);
  }, [canPerform]);

  const columns: TableColumnsType<Row> = [
    { title: t('inspections.field.code'), dataIndex: 'code', width: 170, render: (v: string, r) => <Link to={`/inspections/${r.id}`}>{v}</Link> },
    { title: t('inspections.field.target'), key: 'target', render: (_: unknown, r) => r.target.name },
    { title: t('inspections.field.template'), key: 'template', render: (_: unknown, r) => `${pick(r.template.name, locale)} v${r.template.version}` },
    { title: t('inspections.field.status'), dataIndex: 'status', width: 100, render: (s: string, r) => <Space size={4}><Tag color={s === 'draft' ? 'orange' : 'green'}>{t(`inspections.status.${s}`)}</Tag>{r.supersededBy ? <Tag>{t('inspections.corrected')}</Tag> : null}</Space> },
    { title: t('inspections.field.failed'), dataIndex: 'failedCount', width: 90, align: 'right' },
    { title: t('inspections.field.inspector'), key: 'inspector', width: 120, render: (_: unknown, r) => r.inspector.name },
    { title: t('inspections.field.submittedAt'), key: 'at', width: 170, render: (_: unknown, r) => formatTime(r.submittedAt ?? r.startedAt, locale) },
  ];

  return (
    <>
      <PageHeader title={t('inspections.list.title')} extra={canPerform ? <NewInspection onStart={(b) => void start(b)} /> : null} />
      {canPerform ? (
        <Card size="small" title={t('inspections.tasks.mine')} style={{ marginBottom: 12 }}>
          {taskError ? <Alert type="error" showIcon title={describeError(taskError, locale)} /> : null}
          {tasks && tasks.length === 0 ? <Empty description={t('inspections.tasks.none')} /> : null}
          <List dataSource={tasks ?? []} loading={tasks === null && !taskError} renderItem={(task) => (
            <List.Item data-testid={`task-${task.id}`} actions={[
              <Button key="go" type="primary" icon={<PlayCircleOutlined />} loading={busy} onClick={() => void start({ taskId: task.id })} data-testid={`task-start-${task.id}`}>
                {t('inspections.tasks.start')}
              </Button>,
            ]}>
              <List.Item.Meta title={<Space wrap>{task.target.name}{task.kind === 'spot_check' ? <Tag color="purple">{t('inspections.tasks.spot')}</Tag> : null}</Space>}
                description={<Space wrap size={4}>
                  <Typography.Text type={task.overdue ? 'danger' : 'secondary'}>{t('inspections.tasks.due', { date: task.dueDate })}</Typography.Text>
                  {task.overdue ? <Tag color="red">{t('inspections.tasks.overdue')}</Tag> : null}
                  {task.grid ? <Typography.Text type="secondary">{task.grid.name}</Typography.Text> : null}
                </Space>} />
            </List.Item>
          )} />
        </Card>
      ) : null}
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>{t('inspections.list.records')}</Typography.Title>
        <Segmented value={scope} onChange={(v) => setScope(v as 'mine' | 'all')} options={[{ value: 'mine', label: t('inspections.list.mine') }, { value: 'all', label: t('inspections.list.all') }]} />
      </Flex>
      <DataTable list={list} rowKey="id" columns={columns} scroll={{ x: 900 }} size="middle" />
      {modal}
    </>
  );
}
