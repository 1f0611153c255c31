// /report — residents report a hazard without an account: category, description, place (map
// tap, the phone's location or a typed address), photos, optional contact, the privacy notice.
// Similar open reports nearby are offered first, to add to instead of filing a duplicate.
import { useEffect, useMemo, useState } from 'react';
import {
  Alert, App, Button, Card, Checkbox, Collapse, Flex, Form, Input, Modal, Progress, Radio, Result, Segmented, Select, Space, Tag, Typography, Upload,
} from 'antd';
import type { UploadFile } from 'antd';
import { AimOutlined, CameraOutlined, CopyOutlined, EnvironmentOutlined, SearchOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { ApiError, describeError } from '../../../api/client.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { REPORT_LIMITS, type Attributes } from '../../../../common/modules/reports/reports.contract.js';
import { textProblem } from '../../../../common/modules/reports/reports.text.js';
import { PortalMap, type LngLat } from '../components/PortalMap.js';
import { PortalShell } from '../components/PortalShell.js';
import { publicApi, type MapView, type NearbyItemView, type PortalInfoView, type Submitted, type Supported } from '../public.js';

type Mode = 'map' | 'gps' | 'address';

interface Values {
  category?: string;
  description?: string;
  placeType?: string;
  dangerNow?: string;
  features?: string[];
  locationDetail?: string;
  name?: string;
  phone?: string;
  email?: string;
  privacyAck?: boolean;
}

const PHONE = /^\+?[0-9 ()-]{5,20}$/;

export default function ReportPage() {
  const t = useT();
  const { locale } = useLocale();
  const lang = locale === 'en' ? 'en' : 'zh';
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [info, setInfo] = useState<PortalInfoView | null>(null);
  const [units, setUnits] = useState<MapView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>('map');
  const [point, setPoint] = useState<LngLat | null>(null);
  const [address, setAddress] = useState('');
  const [addressMatch, setAddressMatch] = useState<{ unitName: string; path: string[] } | null | undefined>(undefined);
  const [locError, setLocError] = useState<string | null>(null);
  const [locating, setLocating] = useState(false);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [nearby, setNearby] = useState<NearbyItemView[]>([]);
  const [busy, setBusy] = useState<null | { phase: 'sending' | 'checking'; tries: number }>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Submitted | null>(null);
  const [supported, setSupported] = useState<Supported | null>(null);
  const [supportOf, setSupportOf] = useState<NearbyItemView | null>(null);
  const category = Form.useWatch('category', form);
  const dangerNow = Form.useWatch('dangerNow', form);

  useEffect(() => {
    publicApi.info(locale).then(setInfo).catch((e: unknown) => setLoadError(describeError(e, locale)));
    publicApi.map(locale, 'grid').then(setUnits).catch(() => setUnits(null));
  }, [locale]);

  // Similar open reports nearby, once the category and the place are known.
  useEffect(() => {
    if (!category || !point) {
      setNearby([]);
      return;
    }
    let live = true;
    publicApi.nearby(locale, { category, lng: point.lng, lat: point.lat }).then((r) => live && setNearby(r.items)).catch(() => live && setNearby([]));
    return () => {
      live = false;
    };
  }, [category, point, locale]);

  const attr = (code: string) => info?.attributes.find((a) => a.code === code);
  const options = (code: string) => (attr(code)?.values ?? []).map((v) => ({ value: v.key, label: v.name[lang] }));
  const categories = useMemo(() => (info?.categories ?? []).map((c) => ({ value: c.code, label: c.name[lang] })), [info, lang]);

  const locate = () => {
    setLocError(null);
    if (!navigator.geolocation) {
      setLocError(t('reports.form.gpsUnavailable'));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        setPoint({ lng: Math.round(pos.coords.longitude * 1e6) / 1e6, lat: Math.round(pos.coords.latitude * 1e6) / 1e6 });
      },
      () => {
        setLocating(false);
        setLocError(t('reports.form.gpsDenied'));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const findAddress = async () => {
    setLocError(null);
    if (address.trim().length < 2) {
      setLocError(t('reports.form.addressShort'));
      return;
    }
    try {
      const r = await publicApi.geocode(locale, address.trim());
      setAddressMatch(r.match ? { unitName: r.match.unitName, path: r.match.path } : null);
      setPoint(r.match ? { lng: r.match.lng, lat: r.match.lat } : null);
    } catch (e) {
      setLocError(describeError(e, locale));
    }
  };

  const submit = async (v: Values) => {
    setError(null);
    setLocError(null);
    if (mode === 'address' ? address.trim().length < 2 : !point) {
      setLocError(mode === 'address' ? t('reports.form.addressShort') : t('reports.form.placeNeeded'));
      return;
    }
    const attributes: Attributes = {};
    if (v.placeType) attributes.PLACE_TYPE = v.placeType;
    if (v.dangerNow) attributes.DANGER_NOW = v.dangerNow;
    if (v.features?.length) attributes.FEATURES = v.features;
    if (v.locationDetail?.trim()) attributes.LOCATION_DETAIL = v.locationDetail.trim();
    const contact = {
      ...(v.name?.trim() ? { name: v.name.trim() } : {}), ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}), ...(v.email?.trim() ? { email: v.email.trim() } : {}),
    };
    const photos = files.map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => !!f);
    try {
      setBusy({ phase: 'sending', tries: 0 });
      const res = await publicApi.submit(locale, {
        category: v.category ?? '', description: v.description ?? '', privacyAck: true,
        locationSource: mode,
        ...(mode !== 'address' && point ? { lng: point.lng, lat: point.lat } : {}),
        ...(mode === 'address' ? { address: address.trim() } : {}),
        ...(Object.keys(attributes).length ? { attributes } : {}),
        ...(Object.keys(contact).length ? { contact } : {}),
      }, photos, (phase, tries) => setBusy({ phase, tries: tries ?? 0 }));
      setDone(res);
      window.scrollTo({ top: 0 });
    } catch (e) {
      if (e instanceof ApiError) {
        const fieldMap: Record<string, keyof Values> = { 'body/description': 'description', 'body/category': 'category', 'body/contact/phone': 'phone', 'body/contact/email': 'email', 'body/contact/name': 'name' };
        const placed: string[] = [];
        for (const f of e.fields) {
          const name = fieldMap[f.field];
          if (name === 'description' && f.code) {
            form.setFields([{ name, errors: [t(`reports.text.${f.code}`)] }]);
            placed.push(f.field);
          } else if (name) {
            form.setFields([{ name, errors: [f.message] }]);
            placed.push(f.field);
          } else if (f.field === 'body/address' || f.field === 'body/lng' || f.field === 'body/lat') {
            setLocError(f.code === 'address_unresolved' ? t('reports.form.addressUnresolved') : t('reports.form.placeNeeded'));
            placed.push(f.field);
          }
        }
        if (e.code === 'OUTSIDE_JURISDICTION') setLocError(t('reports.form.outside'));
        else if (e.code === 'RATE_LIMITED') setError(t('reports.form.tooMany'));
        else if (e.code === 'PAYLOAD_TOO_LARGE') setError(t('reports.form.photoTooLarge'));
        else if (e.code === 'UNSUPPORTED_MEDIA_TYPE') setError(t('reports.form.photoType'));
        else if (placed.length === 0 || placed.length < e.fields.length) setError(describeError(e, locale));
      } else setError(describeError(e, locale));
    } finally {
      setBusy(null);
    }
  };

  if (done || supported) {
    const code = done?.display ?? supported?.display ?? '';
    const raw = done?.code ?? supported?.code ?? '';
    return (
      <PortalShell>
        <Card>
          <Result
            status="success"
            title={done ? t('reports.done.title') : t('reports.done.supportTitle')}
            subTitle={t('reports.done.keepCode')}
            extra={
              <Flex vertical gap={12} align="stretch">
                <div className="sg-report-code" data-testid="tracking-code">{code}</div>
                <Button icon={<CopyOutlined />} onClick={() => void navigator.clipboard?.writeText(code).then(() => message.success(t('reports.done.copied')))}>{t('reports.done.copy')}</Button>
                <Button type="primary" size="large" block onClick={() => void navigate(`/report/status/${raw}`)} data-testid="report-view-status">{t('reports.done.viewStatus')}</Button>
                {done ? <Typography.Text type="secondary">{t('reports.done.placedIn', { unit: done.unitName })}</Typography.Text> : null}
                <Button type="link" onClick={() => { setDone(null); setSupported(null); form.resetFields(); setFiles([]); setPoint(null); }}>{t('reports.done.another')}</Button>
              </Flex>
            }
          />
        </Card>
      </PortalShell>
    );
  }

  return (
    <PortalShell title={t('reports.portal.title')}>
      <Typography.Paragraph type="secondary" style={{ margin: '0 4px 12px' }}>{t('reports.portal.intro')}</Typography.Paragraph>
      {loadError ? <Alert type="error" showIcon title={loadError} style={{ marginBottom: 12 }} /> : null}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark="optional" scrollToFirstError>
        <Card title={t('reports.form.what')}>
          <Form.Item name="category" label={t('reports.form.category')} rules={[{ required: true, message: t('reports.form.categoryNeeded') }]}>
            <Select options={categories} placeholder={t('reports.form.categoryPlaceholder')} showSearch optionFilterProp="label" data-testid="report-category" size="large" />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('reports.form.description')}
            required
            rules={[{ validator: async (_r, v: string | undefined) => {
              const p = textProblem(v ?? '', { min: REPORT_LIMITS.descriptionMinWeight, max: REPORT_LIMITS.descriptionMax });
              if (p) throw new Error(t(`reports.text.${p}`));
            } }]}
          >
            <Input.TextArea rows={4} maxLength={REPORT_LIMITS.descriptionMax} showCount placeholder={t('reports.form.descriptionPlaceholder')} data-testid="report-description" />
          </Form.Item>
          <Form.Item name="dangerNow" label={attr('DANGER_NOW')?.description[lang] ?? ''}>
            <Radio.Group options={options('DANGER_NOW')} optionType="button" />
          </Form.Item>
          {dangerNow === 'yes' ? <Alert type="error" showIcon title={t('reports.form.callNow')} style={{ marginBottom: 16 }} /> : null}
          <Collapse ghost size="small" items={[{
            key: 'more', label: t('reports.form.more'),
            children: (
              <>
                <Form.Item name="placeType" label={attr('PLACE_TYPE')?.description[lang] ?? ''}>
                  <Select options={options('PLACE_TYPE')} allowClear />
                </Form.Item>
                <Form.Item name="features" label={attr('FEATURES')?.description[lang] ?? ''}>
                  <Checkbox.Group options={options('FEATURES')} style={{ display: 'grid', gap: 6 }} />
                </Form.Item>
                <Form.Item name="locationDetail" label={attr('LOCATION_DETAIL')?.description[lang] ?? ''}>
                  <Input maxLength={200} />
                </Form.Item>
              </>
            ),
          }]} />
        </Card>

        <Card title={t('reports.form.where')}>
          <Segmented<Mode>
            block
            value={mode}
            onChange={(m) => { setMode(m); setLocError(null); if (m === 'gps') locate(); }}
            options={[
              { value: 'map', label: t('reports.form.modeMap'), icon: <EnvironmentOutlined /> },
              { value: 'gps', label: t('reports.form.modeGps'), icon: <AimOutlined /> },
              { value: 'address', label: t('reports.form.modeAddress'), icon: <SearchOutlined /> },
            ]}
            style={{ marginBottom: 12 }}
          />
          {mode === 'address' ? (
            <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
              <Input value={address} onChange={(e) => { setAddress(e.target.value); setAddressMatch(undefined); }} maxLength={REPORT_LIMITS.addressMax}
                placeholder={t('reports.form.addressPlaceholder')} onPressEnter={(e) => { e.preventDefault(); void findAddress(); }} data-testid="report-address" />
              <Button onClick={() => void findAddress()}>{t('reports.form.addressFind')}</Button>
            </Space.Compact>
          ) : null}
          {mode === 'gps' ? (
            <Button icon={<AimOutlined />} loading={locating} onClick={locate} block style={{ marginBottom: 12 }}>{t('reports.form.gpsAgain')}</Button>
          ) : null}
          {mode === 'address' && addressMatch ? <Alert type="success" showIcon title={t('reports.form.addressMatched', { unit: addressMatch.path.join(' / ') })} style={{ marginBottom: 12 }} /> : null}
          {mode === 'address' && addressMatch === null ? <Alert type="warning" showIcon title={t('reports.form.addressUnresolved')} style={{ marginBottom: 12 }} /> : null}
          <PortalMap units={units} bbox={info?.bbox ?? null} value={point} nearby={nearby} onPick={mode === 'map' ? setPoint : undefined} ariaLabel={t('reports.form.mapLabel')} />
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6 }}>
            {point ? t('reports.form.placed', { lng: point.lng.toFixed(5), lat: point.lat.toFixed(5) }) : mode === 'map' ? t('reports.form.tapMap') : ''}
          </Typography.Text>
          {locError ? <Alert type="error" showIcon title={locError} style={{ marginTop: 8 }} data-testid="report-location-error" /> : null}
        </Card>

        {nearby.length > 0 ? (
          <Card title={t('reports.dup.title', { n: nearby.length })} data-testid="report-duplicates">
            <Typography.Paragraph type="secondary">{t('reports.dup.intro', { m: info?.duplicateRadiusM ?? 200 })}</Typography.Paragraph>
            {nearby.map((n) => (
              <div className="sg-report-dup" key={n.ref}>
                <Flex justify="space-between" gap={8} wrap>
                  <Typography.Text strong>{n.category.name[lang]}</Typography.Text>
                  <Tag>{t(`reports.stage.${n.stage}`)}</Tag>
                </Flex>
                <Typography.Paragraph style={{ margin: '4px 0' }}>{n.excerpt}</Typography.Paragraph>
                <Flex justify="space-between" align="center" gap={8} wrap>
                  <Typography.Text type="secondary">{t('reports.dup.meta', { d: n.distanceM, day: n.reportedOn, n: n.supporters })}</Typography.Text>
                  <Button size="small" onClick={() => setSupportOf(n)} data-testid="report-dup-support">{t('reports.dup.metoo')}</Button>
                </Flex>
              </div>
            ))}
          </Card>
        ) : null}

        <Card title={t('reports.form.photos')}>
          <Upload
            listType="picture-card"
            accept="image/jpeg,image/png,image/webp"
            multiple
            fileList={files}
            beforeUpload={(f) => {
              if (f.size > REPORT_LIMITS.photoBytes) {
                void message.error(t('reports.form.photoTooLarge'));
                return Upload.LIST_IGNORE;
              }
              return false;
            }}
            onChange={({ fileList }) => setFiles(fileList.slice(0, info?.maxPhotos ?? REPORT_LIMITS.photosMax))}
            maxCount={info?.maxPhotos ?? REPORT_LIMITS.photosMax}
            data-testid="report-photos"
          >
            {files.length < (info?.maxPhotos ?? REPORT_LIMITS.photosMax) ? <div><CameraOutlined /><div style={{ marginTop: 6 }}>{t('reports.form.addPhoto')}</div></div> : null}
          </Upload>
          <Typography.Text type="secondary">{t('reports.form.photoHint', { n: info?.maxPhotos ?? REPORT_LIMITS.photosMax, mb: Math.round(REPORT_LIMITS.photoBytes / 1048576) })}</Typography.Text>
        </Card>

        <Card title={t('reports.form.contact')}>
          <Typography.Paragraph type="secondary">{t('reports.form.contactWhy')}</Typography.Paragraph>
          <Form.Item name="name" label={t('reports.form.name')} rules={[{ max: REPORT_LIMITS.nameMax }]}><Input autoComplete="name" /></Form.Item>
          <Form.Item name="phone" label={t('reports.form.phone')} rules={[{ pattern: PHONE, message: t('reports.form.phoneInvalid') }]}><Input inputMode="tel" autoComplete="tel" /></Form.Item>
          <Form.Item name="email" label={t('reports.form.email')} rules={[{ type: 'email', message: t('reports.form.emailInvalid') }]}><Input inputMode="email" autoComplete="email" /></Form.Item>
        </Card>

        <Card title={t('reports.privacy.title')}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-line' }}>{t('reports.privacy.text')}</Typography.Paragraph>
          <Form.Item name="privacyAck" valuePropName="checked" required rules={[{ validator: async (_r, v) => { if (!v) throw new Error(t('reports.privacy.needed')); } }]} style={{ marginBottom: 0 }}>
            <Checkbox data-testid="report-privacy">{t('reports.privacy.ack')}</Checkbox>
          </Form.Item>
        </Card>

        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="report-error" /> : null}
        {busy?.phase === 'checking' ? (
          <Alert type="info" showIcon title={t('reports.form.checking')} description={<Progress percent={Math.min(95, Math.round((busy.tries / 65536) * 100))} size="small" />} style={{ marginBottom: 12 }} />
        ) : null}
        <Button type="primary" htmlType="submit" size="large" block loading={busy !== null} data-testid="report-submit">{t('reports.form.submit')}</Button>
      </Form>

      <SupportModal target={supportOf} onClose={() => setSupportOf(null)} onDone={(s) => { setSupportOf(null); setSupported(s); }} />
    </PortalShell>
  );
}

function SupportModal(props: { target: NearbyItemView | null; onClose: () => void; onDone: (s: Supported) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<{ name?: string; phone?: string; privacyAck?: boolean }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async (v: { name?: string; phone?: string }) => {
    if (!props.target) return;
    setBusy(true);
    setError(null);
    try {
      const contact = { ...(v.name?.trim() ? { name: v.name.trim() } : {}), ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}) };
      props.onDone(await publicApi.support(locale, props.target.ref, { privacyAck: true, ...(Object.keys(contact).length ? { contact } : {}) }));
      form.resetFields();
    } catch (e) {
      setError(e instanceof ApiError && e.code === 'RATE_LIMITED' ? t('reports.form.tooMany') : describeError(e, locale));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={props.target !== null} title={t('reports.dup.metooTitle')} onCancel={props.onClose} okText={t('reports.dup.metooOk')} confirmLoading={busy}
      onOk={() => form.submit()} destroyOnHidden>
      <Typography.Paragraph>{props.target?.excerpt}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void send(v)}>
        <Form.Item name="name" label={t('reports.form.name')}><Input maxLength={REPORT_LIMITS.nameMax} /></Form.Item>
        <Form.Item name="phone" label={t('reports.form.phone')} rules={[{ pattern: PHONE, message: t('reports.form.phoneInvalid') }]}><Input inputMode="tel" /></Form.Item>
        <Typography.Paragraph type="secondary">{t('reports.form.contactWhy')}</Typography.Paragraph>
        <Form.Item name="privacyAck" valuePropName="checked" rules={[{ validator: async (_r, v) => { if (!v) throw new Error(t('reports.privacy.needed')); } }]}>
          <Checkbox>{t('reports.privacy.ack')}</Checkbox>
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon title={error} /> : null}
    </Modal>
  );
}
