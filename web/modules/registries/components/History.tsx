// A record's changes from the audit log.
import { useEffect, useState } from 'react';
import { Alert, Empty, Timeline, Typography } from 'antd';
import { describeError } from '../../../api/client.js';
import { formatTime } from '../../../app/format.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { registryApi, type HistoryItem } from '../api.js';

function summaryText(s: Record<string, unknown>): string {
  return Object.entries(s)
    .map(([k, v]) => {
      if (Array.isArray(v) && v.length === 2) return `${k}: ${JSON.stringify(v[0])} → ${JSON.stringify(v[1])}`;
      return `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`;
    })
    .join('；');
}

export function HistoryPanel(props: { path: string; reloadKey?: unknown }) {
  const t = useT();
  const { locale } = useLocale();
  const [items, setItems] = useState<HistoryItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    registryApi.history(props.path).then((r) => setItems(r.items), setError);
  }, [props.path, props.reloadKey]);
  const actionLabel = (a: string) => {
    const key = `registries.audit.${a}`;
    const text = t(key);
    return text === key ? a : text;
  };
  if (error) return <Alert type="error" showIcon title={describeError(error, locale)} />;
  if (items && items.length === 0) return <Empty description={t('registries.history.empty')} />;
  return (
    <Timeline
      items={(items ?? []).map((h) => ({
        key: `${h.at}-${h.action}`,
        children: (
          <div>
            <Typography.Text strong>{actionLabel(h.action)}</Typography.Text>{' '}
            <Typography.Text type="secondary">{formatTime(h.at, locale)} · {h.actor ?? '—'}</Typography.Text>
            <div style={{ fontSize: 12, wordBreak: 'break-word' }}>{summaryText(h.summary as Record<string, unknown>)}</div>
          </div>
        ),
      }))}
    />
  );
}
