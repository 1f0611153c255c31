// A coloured tag for a status value. Known values come with a colour and a label; a module can
// pass its own map for its statuses.
import { Tag } from 'antd';
import { useT } from '../app/i18n.js';

export interface StatusStyle {
  color: string;
  labelKey: string;
}

export const COMMON_STATUSES: Record<string, StatusStyle> = {
  active: { color: 'success', labelKey: 'app.status.active' },
  disabled: { color: 'default', labelKey: 'app.status.disabled' },
  locked: { color: 'error', labelKey: 'app.status.locked' },
  mustChange: { color: 'warning', labelKey: 'app.status.mustChange' },
  success: { color: 'success', labelKey: 'app.status.success' },
  denied: { color: 'warning', labelKey: 'app.status.denied' },
  failure: { color: 'error', labelKey: 'app.status.failure' },
};

export function StatusTag(props: { status: string; map?: Record<string, StatusStyle> }) {
  const t = useT();
  const style = props.map?.[props.status] ?? COMMON_STATUSES[props.status];
  if (!style) return <Tag>{props.status}</Tag>;
  return <Tag color={style.color}>{t(style.labelKey)}</Tag>;
}
