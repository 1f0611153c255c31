// A 三同时 project: design review, construction, completion, use and acceptance dates.
import { useEffect, useState } from 'react';
import { Alert, Col, Form, Input, Modal, Row } from 'antd';
import { applyServerErrors, rules } from '../../../app/forms.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { enterprisesApi, type Project } from '../api.js';

const DATES = ['designReviewOn', 'constructionStartedOn', 'completedOn', 'putIntoUseOn', 'acceptanceOn'] as const;

export function ProjectModal(props: { enterpriseId: string; open: boolean; project?: Project | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const r = rules(t);
  const [form] = Form.useForm<Record<string, string>>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    if (props.project) form.setFieldsValue(Object.fromEntries(Object.entries(props.project).map(([k, v]) => [k, v ?? ''])) as Record<string, string>);
  }, [props.open, props.project, form]);
  const submit = async () => {
    let v: Record<string, string>;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    const body = {
      name: (v.name ?? '').trim(),
      ...Object.fromEntries(DATES.map((k) => [k, v[k] ? v[k] : null])),
      designApprovalNo: v.designApprovalNo?.trim() || null, acceptanceNo: v.acceptanceNo?.trim() || null, notes: v.notes?.trim() || null,
    };
    try {
      if (props.project) await enterprisesApi.updateProject(props.project.id, body);
      else await enterprisesApi.createProject(props.enterpriseId, body);
      props.onSaved();
    } catch (err) {
      setError(applyServerErrors(form, err, locale));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={props.open} title={props.project ? t('enterprises.project.edit') : t('enterprises.project.add')} onCancel={props.onClose} onOk={() => void submit()} confirmLoading={busy}
      okText={t('app.action.save')} cancelText={t('app.action.cancel')} width={640} forceRender>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="name" label={t('enterprises.project.name')} rules={[r.required(t('enterprises.project.name')), r.max(t('enterprises.project.name'), 200)]}><Input maxLength={200} /></Form.Item>
        <Row gutter={12}>
          {DATES.map((k) => (
            <Col key={k} xs={24} sm={12}><Form.Item name={k} label={t(`enterprises.project.${k}`)}><Input type="date" /></Form.Item></Col>
          ))}
          <Col xs={24} sm={12}><Form.Item name="designApprovalNo" label={t('enterprises.project.designApprovalNo')}><Input maxLength={64} /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="acceptanceNo" label={t('enterprises.project.acceptanceNo')}><Input maxLength={64} /></Form.Item></Col>
        </Row>
        <Form.Item name="notes" label={t('enterprises.project.notes')}><Input.TextArea rows={2} maxLength={4000} /></Form.Item>
      </Form>
    </Modal>
  );
}
