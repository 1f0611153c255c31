// Checklist templates: the items of each with its legal basis and what a failure raises. An
// administrator edits a template by saving a new version (earlier versions stay for the
// inspections that used them) or creates a new one.
import { useCallback, useEffect, useState } from 'react';
import {
  Alert, App, Button, Card, Drawer, Flex, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Typography, type TableColumnsType,
} from 'antd';
import { DeleteOutlined, HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import { HAZARD_CATEGORIES } from '../../../../common/modules/hazards/hazards.contract.js';
import { ANSWER_TYPES, TEMPLATE_TARGETS, type AnswerType } from '../../../../common/modules/checklists/checklists.contract.js';
import { describeError } from '../../../api/client.js';
import { useCan } from '../../../access/can.js';
import { formatTime } from '../../../app/format.js';
import { applyServerErrors } from '../../../app/forms.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { categoryName, gradeName, pick } from '../../hazards/components/labels.js';
import { checklistsApi, type Template, type TemplateItem } from '../api.js';

type Item = Template['items'][number];
interface EditValues {
  code?: string;
  nameZh: string;
  nameEn: string;
  target: (typeof TEMPLATE_TARGETS)[number];
  placeKinds?: string;
  items: Array<{
    key: string; sectionZh?: string; sectionEn?: string; textZh: string; textEn: string; legalBasis?: string; answerType: AnswerType;
    numberMin?: number | null; numberMax?: number | null; numberUnit?: string; failCategory?: string; failGrade?: 'general' | 'major'; failDays?: number | null;
  }>;
}

function toValues(t: Template): EditValues {
  return {
    nameZh: t.name.zh, nameEn: t.name.en, target: t.target, placeKinds: t.placeKinds.join(','),
    items: t.items.map((i) => ({
      key: i.key, sectionZh: i.section.zh, sectionEn: i.section.en, textZh: i.text.zh, textEn: i.text.en, legalBasis: i.legalBasis, answerType: i.answerType,
      numberMin: i.number?.min ?? null, numberMax: i.number?.max ?? null, numberUnit: i.number?.unit ?? '',
      ...(i.onFail ? { failCategory: i.onFail.category, failGrade: i.onFail.grade, failDays: i.onFail.days } : {}),
    })),
  };
}

function EditModal(props: { template: Template | null; creating: boolean; onClose: () => void; onSaved: (t: Template) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<EditValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = props.creating || props.template !== null;
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
    form.setFieldsValue(props.template ? toValues(props.template) : { target: 'place', items: [{ key: '1', textZh: '', textEn: '', answerType: 'pass_fail' }] });
  }, [open, props.template, form]);

  const save = async () => {
    let v: EditValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    const body = {
      name: { zh: v.nameZh.trim(), en: v.nameEn.trim() }, target: v.target,
      placeKinds: (v.placeKinds ?? '').split(',').map((s) => s.trim()).filter(Boolean),
      items: v.items.map((i) => ({
        key: i.key.trim(), section: { zh: i.sectionZh?.trim() ?? '', en: i.sectionEn?.trim() ?? '' }, text: { zh: i.textZh.trim(), en: i.textEn.trim() },
        legalBasis: i.legalBasis?.trim() ?? '', answerType: i.answerType,
        ...(i.answerType === 'number' ? { numberMin: i.numberMin ?? null, numberMax: i.numberMax ?? null, numberUnit: i.numberUnit?.trim() || null } : {}),
        ...(i.answerType !== 'text' && i.failCategory ? { failCategory: i.failCategory, failGrade: i.failGrade ?? 'general', failDays: i.failDays ?? 0 } : {}),
      })),
    };
    try {
      const saved = props.template ? await checklistsApi.revise(props.template.code, body) : await checklistsApi.create({ code: (v.code ?? '').trim(), ...body });
      props.onSaved(saved);
    } catch (err) {
      setError(applyServerErrors(form, err, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} width={980} title={props.template ? t('checklists.edit.title', { code: props.template.code, version: props.template.version + 1 }) : t('checklists.create.title')}
      onCancel={props.onClose} onOk={() => void save()} confirmLoading={busy} okText={t('app.action.save')} cancelText={t('app.action.cancel')} forceRender>
      {props.template ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('checklists.edit.versionNote')} /> : null}
      {error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} /> : null}
      <Form<EditValues> form={form} layout="vertical">
        <Flex gap={12} wrap>
          {!props.template ? <Form.Item name="code" label={t('checklists.field.code')} rules={[{ required: true, pattern: /^[a-z][a-z0-9_.-]{1,63}$/, message: t('checklists.field.codeHelp') }]}><Input style={{ width: 200 }} /></Form.Item> : null}
          <Form.Item name="nameZh" label={t('checklists.field.nameZh')} rules={[{ required: true, whitespace: true }]} style={{ flex: 1, minWidth: 200 }}><Input /></Form.Item>
          <Form.Item name="nameEn" label={t('checklists.field.nameEn')} rules={[{ required: true, whitespace: true }]} style={{ flex: 1, minWidth: 200 }}><Input /></Form.Item>
          <Form.Item name="target" label={t('checklists.field.target')}><Select style={{ width: 150 }} options={TEMPLATE_TARGETS.map((x) => ({ value: x, label: t(`checklists.target.${x}`) }))} /></Form.Item>
          <Form.Item name="placeKinds" label={t('checklists.field.placeKinds')} style={{ flex: 1, minWidth: 200 }}><Input placeholder="small_catering,small_lodging" /></Form.Item>
        </Flex>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((f, n) => (
                <Card key={f.key} size="small" title={`#${n + 1}`} extra={<Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('checklists.item.remove')} />}>
                  <Flex gap={8} wrap>
                    <Form.Item name={[f.name, 'key']} label={t('checklists.item.key')} rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]{1,32}$/ }]}><Input style={{ width: 90 }} /></Form.Item>
                    <Form.Item name={[f.name, 'sectionZh']} label={t('checklists.item.sectionZh')}><Input style={{ width: 120 }} /></Form.Item>
                    <Form.Item name={[f.name, 'sectionEn']} label={t('checklists.item.sectionEn')}><Input style={{ width: 120 }} /></Form.Item>
                    <Form.Item name={[f.name, 'answerType']} label={t('checklists.item.answerType')}><Select style={{ width: 150 }} options={ANSWER_TYPES.map((a) => ({ value: a, label: t(`checklists.answer.${a}`) }))} /></Form.Item>
                  </Flex>
                  <Flex gap={8} wrap>
                    <Form.Item name={[f.name, 'textZh']} label={t('checklists.item.textZh')} rules={[{ required: true, whitespace: true }]} style={{ flex: 1, minWidth: 240 }}><Input.TextArea autoSize /></Form.Item>
                    <Form.Item name={[f.name, 'textEn']} label={t('checklists.item.textEn')} rules={[{ required: true, whitespace: true }]} style={{ flex: 1, minWidth: 240 }}><Input.TextArea autoSize /></Form.Item>
                  </Flex>
                  <Form.Item name={[f.name, 'legalBasis']} label={t('checklists.item.legalBasis')}><Input /></Form.Item>
                  <Flex gap={8} wrap>
                    <Form.Item name={[f.name, 'numberMin']} label={t('checklists.item.numberMin')}><InputNumber style={{ width: 100 }} /></Form.Item>
                    <Form.Item name={[f.name, 'numberMax']} label={t('checklists.item.numberMax')}><InputNumber style={{ width: 100 }} /></Form.Item>
                    <Form.Item name={[f.name, 'numberUnit']} label={t('checklists.item.numberUnit')}><Input style={{ width: 80 }} /></Form.Item>
                    <Form.Item name={[f.name, 'failCategory']} label={t('checklists.item.failCategory')}>
                      <Select allowClear style={{ width: 200 }} options={HAZARD_CATEGORIES.map((c) => ({ value: c.code, label: pick(c, locale) }))} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'failGrade']} label={t('checklists.item.failGrade')}>
                      <Select allowClear style={{ width: 120 }} options={(['general', 'major'] as const).map((g) => ({ value: g, label: gradeName(g, locale) }))} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'failDays']} label={t('checklists.item.failDays')}><InputNumber min={0} max={365} style={{ width: 100 }} /></Form.Item>
                  </Flex>
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ key: String(fields.length + 1), answerType: 'pass_fail' })}>{t('checklists.item.add')}</Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

export default function ChecklistsPage() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const canManage = useCan('checklist.manage');
  const [history, setHistory] = useState(false);
  const [items, setItems] = useState<TemplateItem[]>([]);
  const [open, setOpen] = useState<Template | null>(null);
  const [editing, setEditing] = useState<Template | null>(null);
  const [creating, setCreating] = useState(false);
  const load = useCallback(() => {
    checklistsApi.list(history ? { history: true } : {}).then((r) => setItems(r.items), (e: unknown) => message.error(describeError(e, locale)));
  }, [history, message, locale]);
  useEffect(load, [load]);

  const show = async (id: string) => {
    try {
      setOpen(await checklistsApi.get(id));
    } catch (err) {
      message.error(describeError(err, locale));
    }
  };

  const columns: TableColumnsType<TemplateItem> = [
    { title: t('checklists.field.name'), key: 'name', render: (_: unknown, r) => <a onClick={() => void show(r.id)}>{pick(r.name, locale)}</a> },
    { title: t('checklists.field.code'), dataIndex: 'code', width: 200 },
    { title: t('checklists.field.version'), dataIndex: 'version', width: 90, render: (v: number, r) => <Space size={4}>v{v}{r.current ? null : <Tag>{t('checklists.superseded')}</Tag>}{r.status === 'retired' ? <Tag color="default">{t('checklists.retired')}</Tag> : null}</Space> },
    { title: t('checklists.field.target'), dataIndex: 'target', width: 110, render: (x: string) => t(`checklists.target.${x}`) },
    { title: t('checklists.field.items'), dataIndex: 'itemCount', width: 80, align: 'right' },
    { title: t('checklists.field.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatTime(v, locale) },
  ];
  const itemColumns: TableColumnsType<Item> = [
    { title: t('checklists.item.key'), dataIndex: 'key', width: 60 },
    { title: t('checklists.item.text'), key: 'text', render: (_: unknown, i) => <><div>{pick(i.text, locale)}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{pick(i.section, locale)}</Typography.Text></> },
    { title: t('checklists.item.legalBasis'), dataIndex: 'legalBasis', width: 260 },
    { title: t('checklists.item.answerType'), dataIndex: 'answerType', width: 110, render: (a: AnswerType, i) => <>{t(`checklists.answer.${a}`)}{i.number ? <div style={{ fontSize: 12 }}>{`${i.number.min ?? '—'} ~ ${i.number.max ?? '—'} ${i.number.unit ?? ''}`}</div> : null}</> },
    { title: t('checklists.item.onFail'), key: 'fail', width: 200, render: (_: unknown, i) => (i.onFail ? `${categoryName(i.onFail.category, locale)} · ${gradeName(i.onFail.grade, locale)} · ${t('checklists.item.days', { n: i.onFail.days })}` : '—') },
  ];

  return (
    <>
      <PageHeader title={t('checklists.title')} subtitle={t('checklists.subtitle')}
        extra={<Space wrap>
          <Space><HistoryOutlined /><Switch checked={history} onChange={setHistory} /><span>{t('checklists.history')}</span></Space>
          {canManage ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('checklists.create.button')}</Button> : null}
        </Space>} />
      <Table<TemplateItem> rowKey="id" size="middle" columns={columns} dataSource={items} pagination={false} scroll={{ x: 800 }} />
      <Drawer open={open !== null} onClose={() => setOpen(null)} size="large" title={open ? `${pick(open.name, locale)} v${open.version}` : ''}
        extra={open && canManage && open.current ? <Space>
          <Button onClick={() => { setEditing(open); }}>{t('checklists.edit.button')}</Button>
          {open.status === 'active' ? <Button danger onClick={() => void checklistsApi.retire(open.code).then((x) => { setOpen(x); load(); })}>{t('checklists.retire')}</Button> : null}
        </Space> : null}>
        {open ? (
          <>
            <Typography.Paragraph>{pick(open.description, locale)}</Typography.Paragraph>
            <Table<Item> rowKey="id" size="small" columns={itemColumns} dataSource={open.items} pagination={false} scroll={{ x: 800 }} />
          </>
        ) : null}
      </Drawer>
      <EditModal template={editing} creating={creating} onClose={() => { setEditing(null); setCreating(false); }}
        onSaved={(x) => { setEditing(null); setCreating(false); setOpen(x); load(); message.success(t('checklists.saved', { version: x.version })); }} />
    </>
  );
}
