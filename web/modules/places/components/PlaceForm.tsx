// Register or edit a place: kind (with the nine-small-place suggestion from its use and size),
// location (the grid follows), size, people responsible. Works on a phone in the field.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Col, Divider, Form, Input, InputNumber, Modal, Row, Select, Space, Switch, Typography } from 'antd';
import { PLACE_KIND_INFO, type PlaceKind } from '../../../../common/modules/places/places.contract.js';
import { applyServerErrors, rules } from '../../../app/forms.js';
import { pick, useLocale, useT } from '../../../app/i18n.js';
import { calcApi, type SmallPlaceResult } from '../../calculators/api.js';
import { registryApi } from '../../registries/api.js';
import { LocationFields, placementBody, type LocationValues } from '../../registries/components/LocationFields.js';
import { WorkingSteps } from '../../registries/components/Working.js';
import { placesApi, type PlaceFull } from '../api.js';

interface Values extends LocationValues {
  name: string;
  kind: PlaceKind;
  use?: string | null;
  address?: string;
  areaM2?: number | null;
  floors?: number | null;
  floor?: number | null;
  topFloor?: number | null;
  beds?: number | null;
  seats?: number | null;
  persons?: number | null;
  staff?: number | null;
  dormStaff?: number | null;
  boarding?: boolean;
  threeInOne?: boolean;
  operatorName?: string;
  operatorPhone?: string;
  responsibleName?: string;
  responsiblePhone?: string;
  tags?: string[];
  enterpriseId?: string;
}

const NUMS = ['areaM2', 'floors', 'floor', 'topFloor', 'beds', 'seats', 'persons', 'staff', 'dormStaff'] as const;
type NumField = (typeof NUMS)[number];

/**
 * The optional fields of the form as the server should get them: a field left empty is absent
 * (never null, which would read as 0 or an empty text); on an edit, a field emptied that had a
 * value is sent as null to clear it.
 */
export function optionalFields(v: Partial<Record<NumField | 'use' | 'boarding', unknown>>, before: Partial<Record<NumField | 'use' | 'boarding', unknown>> | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of [...NUMS, 'use', 'boarding'] as const) {
    const value = v[k];
    const filled = k === 'use' ? typeof value === 'string' && value !== '' : k === 'boarding' ? typeof value === 'boolean' : typeof value === 'number' && Number.isFinite(value);
    if (filled) out[k] = value;
    else if (before && before[k] !== null && before[k] !== undefined) out[k] = null;
  }
  return out;
}

/** Brings the first field in error (or the message above the form) into view — on a phone the modal is taller than the screen. */
function showFirstError(form: ReturnType<typeof Form.useForm<Values>>[0], alert: HTMLDivElement | null) {
  const first = form.getFieldsError().find((f) => f.errors.length > 0);
  setTimeout(() => {
    if (first) form.scrollToField(first.name, { block: 'center', behavior: 'smooth' });
    else alert?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, 0);
}
export const PHONE_PATTERN = /^[0-9+()\s-]{3,32}$/;

export function usePlaceKindOptions() {
  const t = useT();
  const { locale } = useLocale();
  return useMemo(() => (['nine_small', 'three_small', 'other'] as const).map((g) => ({
    label: t(`places.kind.group.${g}`),
    options: PLACE_KIND_INFO.filter((k) => k.group === g).map((k) => ({ value: k.code, label: locale === 'en' ? k.en : k.zh })),
  })), [t, locale]);
}

export function PlaceFormModal(props: { open: boolean; place?: PlaceFull | null; onClose: () => void; onSaved: (p: PlaceFull) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const r = rules(t);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [uses, setUses] = useState<Array<{ id: string; name: { zh: string; en: string } }>>([]);
  const [suggestion, setSuggestion] = useState<SmallPlaceResult | null>(null);
  const kinds = usePlaceKindOptions();
  const editing = props.place ?? null;
  const watched = Form.useWatch([], form) as Partial<Values> | undefined;
  const alertRef = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    if (!props.open) return;
    registryApi.ruleSet('small-places').then((rs) => setUses((rs.data as unknown as { uses: typeof uses }).uses), () => setUses([]));
    if (editing) {
      form.setFieldsValue({
        name: editing.name, kind: editing.kind, use: editing.use, address: editing.address ?? '', areaM2: editing.areaM2, floors: editing.floors, floor: editing.floor,
        topFloor: editing.topFloor, beds: editing.beds, seats: editing.seats, persons: editing.persons, staff: editing.staff, dormStaff: editing.dormStaff,
        boarding: editing.boarding ?? false, threeInOne: editing.threeInOne, operatorName: editing.operatorName ?? '', responsibleName: editing.responsibleName ?? '',
        tags: editing.tags, enterpriseId: editing.enterprise?.id ?? '', lng: editing.location?.lng ?? null, lat: editing.location?.lat ?? null,
        gridCode: editing.gridOverride ? editing.grid?.code ?? '' : '', gridOverrideReason: editing.gridOverrideReason ?? '',
      });
    } else form.resetFields();
    setError(null);
  }, [props.open, editing, form]);

  useEffect(() => {
    const v = watched;
    if (!v?.use) {
      setSuggestion(null);
      return;
    }
    const h = setTimeout(() => {
      const body: Record<string, unknown> = { use: v.use };
      for (const k of NUMS) if (typeof v[k] === 'number') body[k] = v[k];
      if (typeof v.boarding === 'boolean') body.boarding = v.boarding;
      calcApi.smallPlace(body as { use: string }).then(setSuggestion, () => setSuggestion(null));
    }, 300);
    return () => clearTimeout(h);
  }, [watched?.use, ...NUMS.map((k) => watched?.[k]), watched?.boarding]);

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      showFirstError(form, alertRef.current);
      return;
    }
    setBusy(true);
    setError(null);
    const body = {
      name: v.name.trim(), kind: v.kind, address: v.address?.trim() || null,
      ...optionalFields({ ...v, boarding: editing || v.boarding ? v.boarding : undefined }, editing),
      threeInOne: v.threeInOne ?? false,
      operatorName: v.operatorName?.trim() || null, responsibleName: v.responsibleName?.trim() || null,
      ...(v.operatorPhone ? { operatorPhone: v.operatorPhone.trim() } : {}),
      ...(v.responsiblePhone ? { responsiblePhone: v.responsiblePhone.trim() } : {}),
      tags: v.tags ?? [],
      enterpriseId: v.enterpriseId?.trim() || null,
    };
    const where = placementBody(v);
    try {
      const saved = editing
        ? await placesApi.update(editing.id, {
          ...body,
          ...((v.lng !== editing.location?.lng || v.lat !== editing.location?.lat || (v.gridCode ?? '') !== (editing.gridOverride ? editing.grid?.code ?? '' : ''))
            ? { ...where, ...(v.gridCode ? {} : { gridCode: null }) } : {}),
        })
        : await placesApi.create({ ...body, ...where });
      props.onSaved(saved);
    } catch (err) {
      setError(applyServerErrors(form, err, locale));
      showFirstError(form, alertRef.current);
    } finally {
      setBusy(false);
    }
  };

  const num = (name: (typeof NUMS)[number], min = 0, max = 10_000_000, precision = 0) => (
    <Col xs={12} sm={8}>
      <Form.Item name={name} label={t(`places.${name}`)} rules={[r.range(t(`places.${name}`), min, max)]}>
        <InputNumber style={{ width: '100%' }} min={min} max={max} precision={precision} inputMode="numeric" />
      </Form.Item>
    </Col>
  );

  return (
    <Modal open={props.open} title={editing ? t('places.edit') : t('places.new')} onCancel={props.onClose} onOk={() => void submit()} confirmLoading={busy}
      okText={t('app.action.save')} cancelText={t('app.action.cancel')} width={760} forceRender destroyOnHidden={false} style={{ top: 24 }}>
      <div ref={alertRef}>{error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}</div>
      <Form<Values> form={form} layout="vertical" initialValues={{ kind: 'small_shopping', threeInOne: false }} scrollToFirstError={{ block: 'center', behavior: 'smooth' }}
        onValuesChange={(changed: Partial<Values>) => {
          // A server error is about the values that were sent: once the user changes a field, its message (and the summary) go.
          setError(null);
          const names = Object.keys(changed).filter((n) => (form.getFieldError(n as keyof Values) ?? []).length > 0);
          if (names.length > 0) form.setFields(names.map((name) => ({ name: name as keyof Values, errors: [] })));
        }}>
        <Row gutter={12}>
          <Col xs={24} sm={14}>
            <Form.Item name="name" label={t('places.name')} rules={[r.required(t('places.name')), r.max(t('places.name'), 200)]}><Input maxLength={200} /></Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="kind" label={t('places.kind')} rules={[r.choose(t('places.kind'))]}><Select options={kinds} showSearch optionFilterProp="label" /></Form.Item>
          </Col>
        </Row>
        <Form.Item name="use" label={t('places.use')}>
          <Select allowClear showSearch optionFilterProp="label" options={uses.map((u) => ({ value: u.id, label: pick(u.name, locale) }))} />
        </Form.Item>
        {suggestion ? (
          <Alert type={suggestion.matches.length > 0 ? 'success' : 'info'} style={{ marginBottom: 12 }}
            title={suggestion.matches.length > 0
              ? t('places.suggestion.is', { kinds: suggestion.matches.map((m) => pick(m.name, locale)).join('、') })
              : suggestion.possible.length > 0
                ? t('places.suggestion.possible', { kind: pick(suggestion.possible[0]?.name ?? { zh: '', en: '' }, locale), missing: suggestion.possible[0]?.missing.map((m) => t(`places.${m}`)).join('、') ?? '' })
                : t('places.suggestion.none')}
            description={<WorkingSteps steps={suggestion.working} table={suggestion.table} />}
            action={suggestion.matches[0]?.placeKind ? (
              <Button size="small" onClick={() => form.setFieldValue('kind', suggestion.matches[0]?.placeKind)}>{t('places.suggestion.apply')}</Button>
            ) : undefined} />
        ) : null}
        <Form.Item name="address" label={t('registries.address')} rules={[r.max(t('registries.address'), 400)]}><Input maxLength={400} /></Form.Item>
        <LocationFields required />
        <Divider titlePlacement="start" plain>{t('places.size')}</Divider>
        <Row gutter={12}>
          {num('areaM2', 0, 10_000_000, 2)}
          {num('floors', 0, 300)}
          {num('floor', -20, 300)}
          {num('topFloor', -20, 300)}
          {num('beds')}
          {num('seats')}
          {num('persons')}
          {num('staff')}
          {num('dormStaff')}
        </Row>
        <Space wrap size="large">
          <Form.Item name="boarding" label={t('places.boarding')} valuePropName="checked"><Switch /></Form.Item>
          <Form.Item name="threeInOne" label={t('places.threeInOne')} valuePropName="checked"><Switch /></Form.Item>
        </Space>
        <Row gutter={12}>
          <Col xs={24} sm={12}><Form.Item name="operatorName" label={t('places.operator')} rules={[r.max(t('places.operator'), 64)]}><Input maxLength={64} /></Form.Item></Col>
          <Col xs={24} sm={12}>
            <Form.Item name="operatorPhone" label={t('places.operatorPhone')} rules={[r.pattern(t('places.operatorPhone'), PHONE_PATTERN)]}
              extra={editing?.operatorPhone ? `${editing.operatorPhone}（${t('registries.masked')}）` : undefined}>
              <Input inputMode="tel" maxLength={32} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}><Form.Item name="responsibleName" label={t('places.responsible')} rules={[r.max(t('places.responsible'), 64)]}><Input maxLength={64} /></Form.Item></Col>
          <Col xs={24} sm={12}>
            <Form.Item name="responsiblePhone" label={t('places.responsiblePhone')} rules={[r.pattern(t('places.responsiblePhone'), PHONE_PATTERN)]}
              extra={editing?.responsiblePhone ? `${editing.responsiblePhone}（${t('registries.masked')}）` : undefined}>
              <Input inputMode="tel" maxLength={32} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="tags" label={t('places.tags')}><Select mode="tags" maxCount={20} tokenSeparators={[',', '，']} /></Form.Item>
        <Form.Item name="enterpriseId" label={t('places.enterpriseId')} rules={[r.pattern(t('places.enterpriseId'), /^[0-9]{1,19}$/)]}><Input maxLength={19} inputMode="numeric" /></Form.Item>
      </Form>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('registries.locationHelp')}</Typography.Text>
    </Modal>
  );
}
