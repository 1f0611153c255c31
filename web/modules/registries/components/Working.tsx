// The computed "working" under a result: each step in the user's language.
import { Typography } from 'antd';
import { pick, useLocale, useT } from '../../../app/i18n.js';

export function WorkingSteps(props: { steps: ReadonlyArray<{ zh: string; en: string }>; table?: { id: string; version: string } | null }) {
  const t = useT();
  const { locale } = useLocale();
  return (
    <div className="sg-working" data-testid="working">
      <Typography.Text strong>{t('registries.working')}</Typography.Text>
      <ol style={{ margin: '6px 0 0', paddingInlineStart: 22 }}>
        {props.steps.map((s, i) => (
          <li key={i} style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 13, wordBreak: 'break-word', marginBottom: 2 }}>{pick(s, locale)}</li>
        ))}
      </ol>
      {props.table ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('registries.tableVersion', { id: props.table.id, version: props.table.version })}</Typography.Text> : null}
    </div>
  );
}
