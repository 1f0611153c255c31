import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Spin, Tag } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { THING_KIND_LABELS } from '../../../../common/modules/things/things.contract.js';
import { describeError } from '../../../api/client.js';
import { formatTime } from '../../../app/format.js';
import { pick, useLocale, useT } from '../../../app/i18n.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { HistoryPanel } from '../../registries/components/History.js';
import { thingsApi, type ThingFull } from '../api.js';
import { ThingFormModal } from '../components/ThingForm.js';
import { STATUS_COLOUR } from './ThingListPage.js';

export default function ThingDetailPage() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const [x, setX] = useState<ThingFull | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);
  const [gen, setGen] = useState(0);
  useEffect(() => {
    thingsApi.get(id).then(setX, setError);
  }, [id, gen]);
  if (error) return <Alert type="error" showIcon title={describeError(error, locale)} />;
  if (!x) return <Spin />;
  return (
    <>
      <PageHeader title={x.name} subtitle={<><Tag>{pick(THING_KIND_LABELS[x.kind], locale)}</Tag><Tag color={STATUS_COLOUR[x.status]}>{t(`things.status.${x.status}`)}</Tag></>}
        extra={x.abilities.edit ? <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('app.action.edit')}</Button> : null} />
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={[
          { key: 'code', label: t('things.code'), children: x.code ?? '—' },
          { key: 'q', label: t('things.quantity'), children: x.quantity === null ? '—' : `${x.quantity}${x.unitOfMeasure ?? ''}` },
          { key: 'spec', label: t('things.spec'), children: x.spec ?? '—' },
          { key: 'exp', label: t('things.expiresOn'), children: x.expiresOn ?? '—' },
          { key: 'last', label: t('things.lastInspectedOn'), children: x.lastInspectedOn ?? '—' },
          { key: 'next', label: t('things.nextInspectionOn'), children: x.nextInspectionOn ?? '—' },
          { key: 'place', label: t('things.place'), children: x.place ? <Link to={`/places/${x.place.id}`}>{x.place.name}</Link> : '—' },
          { key: 'ent', label: t('places.enterprise'), children: x.enterprise ? <Link to={`/enterprises/${x.enterprise.id}`}>{x.enterprise.name}</Link> : '—' },
          { key: 'grid', label: t('registries.grid'), children: x.grid ? `${x.grid.name}（${x.grid.code}）` : '—' },
          { key: 'loc', label: t('registries.location'), children: x.location ? `${x.location.lng}, ${x.location.lat}` : '—' },
          { key: 'notes', label: t('things.notes'), children: x.notes ?? '—' },
          { key: 'at', label: t('registries.updatedAt'), children: formatTime(x.updatedAt, locale) },
        ]} />
      </Card>
      <Card size="small" title={t('registries.history')} style={{ marginTop: 16 }}><HistoryPanel path={`/api/things/${x.id}/history`} reloadKey={gen} /></Card>
      <ThingFormModal open={editing} thing={x} onClose={() => setEditing(false)} onSaved={(y) => { setEditing(false); setX(y); setGen((g) => g + 1); void message.success(t('things.saved')); }} />
    </>
  );
}
