// The calculators officials use on their own: LEC, LS, GB 18218, USCC, ID number, small-place
// kind — each shows the working.
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Select, Space, Switch, Tabs, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { describeError } from '../../../api/client.js';
import { applyServerErrors } from '../../../app/forms.js';
import { pick, useLocale, useT } from '../../../app/i18n.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { registryApi } from '../../registries/api.js';
import { RiskTag } from '../../registries/components/Tags.js';
import { WorkingSteps } from '../../registries/components/Working.js';
import { calcApi, type IdNumberResult, type LecResult, type LsResult, type MajorHazardResult, type SmallPlaceResult, type UsccResult } from '../api.js';
import { cleanItems, HazardItemsField, type HazardItemValue } from '../components/HazardItems.js';
import { MajorHazardResultCard } from '../components/MajorHazardResult.js';

interface FactorRow {
  value: number;
  meaning: { zh: string; en: string };
}

function useRun<T>() {
  const [result, setResult] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return { result, error, busy, setError, setResult, setBusy };
}

function Panel(props: { form: ReactNode; result: ReactNode; error: string | null }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small">{props.form}</Card>
      {props.error ? <Alert type="error" showIcon title={props.error} /> : null}
      {props.result}
    </Space>
  );
}

function LecTab() {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<{ L: number; E: number; C: number }>();
  const [factors, setFactors] = useState<{ L: FactorRow[]; E: FactorRow[]; C: FactorRow[] } | null>(null);
  const run = useRun<LecResult>();
  useEffect(() => {
    registryApi.ruleSet('lec.factors').then((r) => setFactors(r.data as unknown as { L: FactorRow[]; E: FactorRow[]; C: FactorRow[] }), () => undefined);
  }, []);
  const opts = (rows?: FactorRow[]) => (rows ?? []).map((f) => ({ value: f.value, label: `${f.value} — ${pick(f.meaning, locale)}` }));
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    run.setError(null);
    try {
      run.setResult(await calcApi.lec(v));
    } catch (e) {
      run.setError(applyServerErrors(form, e, locale));
    }
  };
  return (
    <Panel error={run.error}
      form={(
        <Form form={form} layout="vertical" onFinish={() => void submit()}>
          {(['L', 'E', 'C'] as const).map((k) => (
            <Form.Item key={k} name={k} label={t(`registries.lec.${k}`)} rules={[{ required: true, message: t('app.form.choose', { field: k }) }]}>
              <Select options={opts(factors?.[k])} />
            </Form.Item>
          ))}
          <Button type="primary" htmlType="submit">{t('calculators.compute')}</Button>
        </Form>
      )}
      result={run.result ? (
        <Card size="small" data-testid="lec-result">
          <Space wrap><Typography.Text strong style={{ fontSize: 18 }}>D = {run.result.D}</Typography.Text><RiskTag level={run.result.level} /><Typography.Text>{pick(run.result.band.meaning, locale)}</Typography.Text></Space>
          <WorkingSteps steps={run.result.working} />
        </Card>
      ) : null} />
  );
}

function LsTab() {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<{ L: number; S: number }>();
  const run = useRun<LsResult>();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    run.setError(null);
    try {
      run.setResult(await calcApi.ls(v));
    } catch (e) {
      run.setError(applyServerErrors(form, e, locale));
    }
  };
  return (
    <Panel error={run.error}
      form={(
        <Form form={form} layout="vertical" onFinish={() => void submit()}>
          <Space wrap>
            {(['L', 'S'] as const).map((k) => (
              <Form.Item key={k} name={k} label={t(`registries.ls.${k}`)} rules={[{ required: true, message: t('app.form.required', { field: k }) }]}>
                <InputNumber min={1} max={5} precision={0} inputMode="numeric" />
              </Form.Item>
            ))}
          </Space>
          <div><Button type="primary" htmlType="submit">{t('calculators.compute')}</Button></div>
        </Form>
      )}
      result={run.result ? (
        <Card size="small" data-testid="ls-result">
          <Space wrap><Typography.Text strong style={{ fontSize: 18 }}>R = {run.result.R}</Typography.Text><RiskTag level={run.result.level} /></Space>
          <WorkingSteps steps={run.result.working} />
        </Card>
      ) : null} />
  );
}

function MajorHazardTab() {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<{ exposedPeople: number; items: HazardItemValue[] }>();
  const run = useRun<MajorHazardResult>();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const items = cleanItems(v.items);
    if (items.some((i) => !i.chemicalId && !i.category)) {
      run.setError(t('calculators.mh.needChemOrCat'));
      return;
    }
    run.setError(null);
    try {
      run.setResult(await calcApi.majorHazard({ exposedPeople: v.exposedPeople, items }));
    } catch (e) {
      run.setError(applyServerErrors(form, e, locale));
    }
  };
  return (
    <Panel error={run.error}
      form={(
        <Form form={form} layout="vertical" onFinish={() => void submit()} initialValues={{ exposedPeople: 0 }}>
          <Form.Item name="exposedPeople" label={t('calculators.mh.exposed')} rules={[{ required: true, message: t('app.form.required', { field: t('calculators.mh.exposed') }) }]}>
            <InputNumber min={0} precision={0} style={{ width: 200 }} inputMode="numeric" />
          </Form.Item>
          <Typography.Text strong>{t('calculators.mh.items')}</Typography.Text>
          <HazardItemsField />
          <div><Button type="primary" htmlType="submit">{t('calculators.compute')}</Button></div>
        </Form>
      )}
      result={run.result ? <MajorHazardResultCard result={run.result} /> : null} />
  );
}

function ValidityTag(props: { valid: boolean }) {
  const t = useT();
  return props.valid ? <Tag color="green">{t('calculators.valid')}</Tag> : <Tag color="red">{t('calculators.invalid')}</Tag>;
}

function UsccTab() {
  const t = useT();
  const { locale } = useLocale();
  const [code, setCode] = useState('');
  const run = useRun<UsccResult>();
  const check = async () => {
    run.setError(null);
    try {
      run.setResult(await calcApi.uscc(code));
    } catch (e) {
      run.setError(describeError(e, locale));
    }
  };
  const r = run.result;
  return (
    <Panel error={run.error}
      form={(
        <Space.Compact style={{ width: '100%', maxWidth: 480 }}>
          <Input value={code} onChange={(e) => setCode(e.target.value)} maxLength={40} placeholder="91630102MA7XXXXXXX" onPressEnter={() => void check()} style={{ fontFamily: 'monospace' }} />
          <Button type="primary" onClick={() => void check()}>{t('calculators.check')}</Button>
        </Space.Compact>
      )}
      result={r ? (
        <Card size="small" data-testid="uscc-result">
          <Space wrap><Typography.Text code>{r.normalized}</Typography.Text><ValidityTag valid={r.valid} />{r.expectedCheck ? <Typography.Text>{t('calculators.expectedCheck', { c: r.expectedCheck })}</Typography.Text> : null}</Space>
          {r.errors.length > 0 ? <Alert type="error" style={{ margin: '8px 0' }} title={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{r.errors.map((e) => <li key={e.code + e.message.en}>{pick(e.message, locale)}</li>)}</ul>} /> : null}
          {r.warnings.length > 0 ? <Alert type="warning" style={{ margin: '8px 0' }} title={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{r.warnings.map((e) => <li key={e.code + e.message.en}>{pick(e.message, locale)}</li>)}</ul>} /> : null}
          {r.parts ? (
            <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={[
              { key: 'a', label: t('calculators.authority'), children: `${r.parts.authority} ${r.parts.authorityName ? pick(r.parts.authorityName, locale) : ''}` },
              { key: 't', label: t('calculators.type'), children: `${r.parts.type} ${r.parts.typeName ? pick(r.parts.typeName, locale) : ''}` },
              { key: 'r', label: t('calculators.region'), children: r.parts.region },
              { key: 'o', label: t('calculators.orgCode'), children: r.parts.orgCode },
            ]} />
          ) : null}
          <WorkingSteps steps={r.working} table={r.table} />
        </Card>
      ) : null} />
  );
}

function IdNumberTab() {
  const t = useT();
  const { locale } = useLocale();
  const [id, setId] = useState('');
  const run = useRun<IdNumberResult>();
  const check = async () => {
    run.setError(null);
    try {
      run.setResult(await calcApi.idNumber(id));
    } catch (e) {
      run.setError(describeError(e, locale));
    }
  };
  const r = run.result;
  return (
    <Panel error={run.error}
      form={(
        <>
          <Space.Compact style={{ width: '100%', maxWidth: 480 }}>
            <Input value={id} onChange={(e) => setId(e.target.value)} maxLength={32} onPressEnter={() => void check()} autoComplete="off" style={{ fontFamily: 'monospace' }} />
            <Button type="primary" onClick={() => void check()}>{t('calculators.check')}</Button>
          </Space.Compact>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('calculators.idNotStored')}</Typography.Text>
        </>
      )}
      result={r ? (
        <Card size="small" data-testid="id-result">
          <Space wrap><ValidityTag valid={r.valid} />{r.expectedCheck ? <Typography.Text>{t('calculators.expectedCheck', { c: r.expectedCheck })}</Typography.Text> : null}</Space>
          {r.errors.length > 0 ? <Alert type="error" style={{ margin: '8px 0' }} title={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{r.errors.map((e) => <li key={e.code + e.message.en}>{pick(e.message, locale)}</li>)}</ul>} /> : null}
          <Descriptions size="small" column={{ xs: 1, sm: 3 }} items={[
            { key: 'r', label: t('calculators.region'), children: r.regionCode ?? '—' },
            { key: 'b', label: t('calculators.birthDate'), children: r.birthDate ?? '—' },
            { key: 's', label: t('calculators.sex'), children: r.sex ? t(`calculators.sex.${r.sex}`) : '—' },
          ]} />
          <WorkingSteps steps={r.working} />
        </Card>
      ) : null} />
  );
}

function SmallPlaceTab() {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<Record<string, number | string | boolean | undefined>>();
  const [uses, setUses] = useState<Array<{ id: string; name: { zh: string; en: string } }>>([]);
  const run = useRun<SmallPlaceResult>();
  useEffect(() => {
    registryApi.ruleSet('small-places').then((rs) => setUses((rs.data as unknown as { uses: typeof uses }).uses), () => undefined);
  }, []);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    run.setError(null);
    const body = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== null)) as { use: string };
    try {
      run.setResult(await calcApi.smallPlace(body));
    } catch (e) {
      run.setError(applyServerErrors(form, e, locale));
    }
  };
  const nums = ['areaM2', 'beds', 'seats', 'persons', 'staff', 'dormStaff', 'floor', 'topFloor'];
  return (
    <Panel error={run.error}
      form={(
        <Form form={form} layout="vertical" onFinish={() => void submit()}>
          <Form.Item name="use" label={t('calculators.sp.use')} rules={[{ required: true, message: t('app.form.choose', { field: t('calculators.sp.use') }) }]}>
            <Select showSearch optionFilterProp="label" options={uses.map((u) => ({ value: u.id, label: pick(u.name, locale) }))} />
          </Form.Item>
          <Space wrap>
            {nums.map((k) => <Form.Item key={k} name={k} label={t(`places.${k}`)}><InputNumber inputMode="numeric" /></Form.Item>)}
            <Form.Item name="boarding" label={t('places.boarding')} valuePropName="checked"><Switch /></Form.Item>
          </Space>
          <div><Button type="primary" htmlType="submit">{t('calculators.compute')}</Button></div>
        </Form>
      )}
      result={run.result ? (
        <Card size="small" data-testid="small-place-result">
          <Typography.Paragraph strong>
            {run.result.matches.length > 0 ? t('places.suggestion.is', { kinds: run.result.matches.map((m) => pick(m.name, locale)).join('、') }) : t('places.suggestion.none')}
          </Typography.Paragraph>
          <WorkingSteps steps={run.result.working} table={run.result.table} />
        </Card>
      ) : null} />
  );
}

const TABS = ['lec', 'ls', 'major-hazard', 'uscc', 'id-number', 'small-place'] as const;

export default function CalculatorsPage() {
  const t = useT();
  const navigate = useNavigate();
  const { tab } = useParams();
  const active = (TABS as readonly string[]).includes(tab ?? '') ? (tab as string) : 'lec';
  return (
    <>
      <PageHeader title={t('calculators.title')} subtitle={t('calculators.subtitle')} />
      <Tabs activeKey={active} onChange={(k) => void navigate(`/calculators/${k}`)} items={[
        { key: 'lec', label: t('calculators.tab.lec'), children: <LecTab /> },
        { key: 'ls', label: t('calculators.tab.ls'), children: <LsTab /> },
        { key: 'major-hazard', label: t('calculators.tab.majorHazard'), children: <MajorHazardTab /> },
        { key: 'uscc', label: t('calculators.tab.uscc'), children: <UsccTab /> },
        { key: 'id-number', label: t('calculators.tab.idNumber'), children: <IdNumberTab /> },
        { key: 'small-place', label: t('calculators.tab.smallPlace'), children: <SmallPlaceTab /> },
      ]} />
    </>
  );
}
