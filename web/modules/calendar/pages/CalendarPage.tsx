// The working-day calendar for administrators: a year month by month, each special day with its
// kind and source (statute, the State Council notice, an edit); entering the year's notice (pasted
// or from a text file) and editing a day, both with who and why.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import { ImportOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { describeError } from '../../../api/client.js';
import { formatTime } from '../../../app/format.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { calendarApi, type CalendarYear } from '../api.js';

type Day = CalendarYear['days'][number];
type EditKind = 'holiday' | 'workday' | 'normal' | 'clear';

const pad = (n: number) => String(n).padStart(2, '0');
/** Monday-first weekday index, 0 = Monday … 6 = Sunday. */
const weekdayMon = (y: number, m: number, d: number) => (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function MonthGrid(props: { year: number; month: number; days: Map<string, Day>; onPick: (date: string) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { year, month, days } = props;
  const first = weekdayMon(year, month, 1);
  const cells: Array<number | null> = [...Array.from({ length: first }, () => null), ...Array.from({ length: daysIn(year, month) }, (_, i) => i + 1)];
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
  return (
    <Card size="small" title={t('calendar.month', { n: month })} style={{ width: 300 }}>
      <table style={{ width: '100%', borderCollapse: 'collapse', textAlign: 'center', fontSize: 12 }}>
        <thead>
          <tr>{[1, 2, 3, 4, 5, 6, 7].map((w) => <th key={w} style={{ fontWeight: 400, color: '#888' }}>{t(`calendar.weekday.${w}`)}</th>)}</tr>
        </thead>
        <tbody>
          {weeks.map((wk, i) => (
            <tr key={i}>
              {wk.map((d, j) => {
                if (d === null) return <td key={j} />;
                const date = `${year}-${pad(month)}-${pad(d)}`;
                const special = days.get(date);
                const weekend = j >= 5;
                const bg = special?.kind === 'holiday' ? '#fff1f0' : special?.kind === 'workday' ? '#e6f4ff' : weekend ? '#fafafa' : undefined;
                const color = special?.kind === 'holiday' ? '#cf1322' : special?.kind === 'workday' ? '#0958d9' : weekend ? '#999' : undefined;
                const tip = special
                  ? `${date} ${t(`calendar.kind.${special.kind}`)}${special.nameText ? ` · ${locale === 'en' ? special.nameText.en : special.nameText.zh}` : ''} · ${t(`calendar.source.${special.source}`)}${special.basis === 'makeup' ? ` · ${t('calendar.makeup')}` : ''}`
                  : `${date} ${t(weekend ? 'calendar.kind.weekend' : 'calendar.kind.normal')}`;
                return (
                  <td key={j} style={{ padding: 1 }}>
                    <Tooltip title={tip}>
                      <button type="button" onClick={() => props.onPick(date)} data-testid={`calendar-day-${date}`} data-kind={special?.kind ?? (weekend ? 'weekend' : 'normal')}
                        style={{ width: '100%', border: special?.source === 'manual' ? '1px dashed #faad14' : '1px solid transparent', background: bg, color, cursor: 'pointer', borderRadius: 4, padding: '2px 0' }}>
                        {d}
                        <div style={{ fontSize: 9, lineHeight: '10px', minHeight: 10 }}>
                          {special ? t(`calendar.mark.${special.kind}`) + t(`calendar.sourceMark.${special.source}`) : ''}
                        </div>
                      </button>
                    </Tooltip>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

function ImportModal(props: { year: number; open: boolean; onClose: () => void; onDone: (y: CalendarYear, recomputed: number, moved: number) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<{ ref: string; text: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const r = await calendarApi.importNotice(props.year, { ref: v.ref, text: v.text });
      props.onDone(r.year, r.recomputed, r.moved);
      form.resetFields();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={props.open} title={t('calendar.import.title', { year: props.year })} onCancel={props.onClose} onOk={() => void submit()} confirmLoading={busy}
      okText={t('calendar.import.ok')} cancelText={t('app.action.cancel')} width={640} forceRender okButtonProps={{ 'data-testid': 'calendar-import-ok' }}>
      <Typography.Paragraph type="secondary">{t('calendar.import.help')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon style={{ marginBottom: 8 }} title={describeError(error, locale)}
        description={<pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{errorLines(error)}</pre>} /> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="ref" label={t('calendar.import.ref')} rules={[{ required: true, message: t('calendar.import.refRequired') }]}>
          <Input maxLength={200} placeholder="国办发明电〔2026〕××号" />
        </Form.Item>
        <Form.Item name="text" label={t('calendar.import.text')} rules={[{ required: true, message: t('calendar.import.textRequired') }]}>
          <Input.TextArea rows={10} placeholder={`${props.year}-01-01 休 元旦\n${props.year}-02-05..${props.year}-02-12 休 春节\n${props.year}-02-20 班 春节`} data-testid="calendar-import-text" />
        </Form.Item>
        <Upload accept=".txt,.csv,text/plain,text/csv" showUploadList={false} beforeUpload={(file) => {
          void file.text().then((text) => form.setFieldValue('text', text));
          return false;
        }}>
          <Button icon={<ImportOutlined />}>{t('calendar.import.file')}</Button>
        </Upload>
      </Form>
    </Modal>
  );
}

function errorLines(e: unknown): string {
  const fields = (e as { fields?: Array<{ message: string; zh?: string }> } | null)?.fields ?? [];
  return fields.map((f) => f.zh ?? f.message).join('\n');
}

function EditModal(props: { date: string | null; day: Day | undefined; onClose: () => void; onDone: (y: CalendarYear) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<{ kind: EditKind; note: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (props.date) form.setFieldsValue({ kind: props.day?.kind ?? 'holiday', note: '' });
    setError(null);
  }, [props.date, props.day, form]);
  const submit = async () => {
    if (!props.date) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      props.onDone(await calendarApi.editDay(props.date, { kind: v.kind, note: v.note }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={props.date !== null} title={t('calendar.edit.title', { date: props.date ?? '' })} onCancel={props.onClose} onOk={() => void submit()} confirmLoading={busy}
      okText={t('app.action.save')} cancelText={t('app.action.cancel')} forceRender okButtonProps={{ 'data-testid': 'calendar-edit-ok' }}>
      {props.day ? <Typography.Paragraph type="secondary">{t('calendar.edit.now', { kind: t(`calendar.kind.${props.day.kind}`), source: t(`calendar.source.${props.day.source}`) })}</Typography.Paragraph> : null}
      {error ? <Alert type="error" showIcon style={{ marginBottom: 8 }} title={describeError(error, locale)} /> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="kind" label={t('calendar.edit.kind')}>
          <Select options={(['holiday', 'workday', 'normal', 'clear'] as const).map((k) => ({ value: k, label: t(`calendar.edit.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('calendar.edit.note')} rules={[{ required: true, whitespace: true, message: t('calendar.edit.noteRequired') }]}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function CalendarPage() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || new Date().getFullYear();
  const setYear = (y: number) => setParams({ year: String(y) });
  const [data, setData] = useState<CalendarYear | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [importing, setImporting] = useState(false);
  const [picked, setPicked] = useState<string | null>(null);

  const load = useCallback((signal?: AbortSignal) => {
    setError(null);
    calendarApi.year(year, signal).then(setData, (e: unknown) => {
      if (!signal?.aborted) setError(e);
    });
  }, [year]);
  useEffect(() => {
    const ac = new AbortController();
    load(ac.signal);
    return () => ac.abort();
  }, [load]);

  const days = useMemo(() => new Map((data?.days ?? []).map((d) => [d.date, d])), [data]);
  const notice = data?.notice ?? null;

  return (
    <>
      <PageHeader title={t('calendar.title')} subtitle={t('calendar.subtitle')} extra={
        <Space>
          <Button icon={<LeftOutlined />} onClick={() => setYear(year - 1)} aria-label={t('calendar.prev')} />
          <InputNumber min={1990} max={2200} value={year} onChange={(v) => { if (typeof v === 'number') setYear(v); }} data-testid="calendar-year" />
          <Button icon={<RightOutlined />} onClick={() => setYear(year + 1)} aria-label={t('calendar.next')} />
          <Button type="primary" icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="calendar-import">{t('calendar.import.button')}</Button>
        </Space>
      } />
      {error ? <Alert type="error" showIcon title={describeError(error, locale)} /> : null}
      {data ? (
        <>
          {data.provisional
            ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="calendar-provisional" title={t('calendar.provisional', { year: data.year })} />
            : <Alert type="success" showIcon style={{ marginBottom: 12 }} title={notice?.origin === 'import'
              ? t('calendar.notice.import', { ref: notice.ref, by: notice.by ?? '—', at: notice.at ? formatTime(notice.at, locale) : '—' })
              : t('calendar.notice.library', { ref: notice?.ref ?? '' })} />}
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('calendar.legend')} {t('calendar.statute')}：{data.statuteRef}
          </Typography.Paragraph>
          <Flex wrap gap={12}>
            {Array.from({ length: 12 }, (_, i) => <MonthGrid key={i} year={data.year} month={i + 1} days={days} onPick={setPicked} />)}
          </Flex>
          {data.edits.length ? (
            <Card size="small" title={t('calendar.edits')} style={{ marginTop: 12 }}>
              <Table size="small" rowKey="date" pagination={false} dataSource={data.edits} columns={[
                { title: t('calendar.edits.date'), dataIndex: 'date' },
                { title: t('calendar.edits.kind'), dataIndex: 'kind', render: (k: string) => <Tag>{t(`calendar.edit.kind.${k}`)}</Tag> },
                { title: t('calendar.edits.note'), dataIndex: 'note' },
                { title: t('calendar.edits.by'), dataIndex: 'by' },
                { title: t('calendar.edits.at'), dataIndex: 'at', render: (a: string) => formatTime(a, locale) },
              ]} />
            </Card>
          ) : null}
        </>
      ) : null}
      <ImportModal year={year} open={importing} onClose={() => setImporting(false)} onDone={(y, recomputed, moved) => {
        setImporting(false);
        setData(y);
        void message.success(t('calendar.import.done', { recomputed, moved }));
      }} />
      <EditModal date={picked} day={picked ? days.get(picked) : undefined} onClose={() => setPicked(null)} onDone={(y) => {
        setPicked(null);
        setData(y);
        void message.success(t('calendar.edit.done'));
      }} />
    </>
  );
}
