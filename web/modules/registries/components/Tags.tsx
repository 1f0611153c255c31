// Grade (A/B/C/D) and risk level (1 red … 4 blue) tags used by every registry page.
import { Tag } from 'antd';
import { useT } from '../../../app/i18n.js';

export const RISK_COLOURS = ['red', 'orange', 'yellow', 'blue'] as const;
/** Display colours (yellow text needs a darker tone to stay readable). */
export const RISK_HEX: Record<number, string> = { 1: '#e53935', 2: '#fb8c00', 3: '#fdd835', 4: '#1e88e5' };
export const GRADE_HEX: Record<string, string> = { A: '#2e7d32', B: '#1e88e5', C: '#fb8c00', D: '#e53935' };
const TAG_COLOUR: Record<number, string> = { 1: 'red', 2: 'orange', 3: 'gold', 4: 'blue' };
const GRADE_TAG: Record<string, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };

export function RiskTag(props: { level: number | null | undefined; short?: boolean }) {
  const t = useT();
  if (props.level === null || props.level === undefined) return <Tag>{t('registries.risk.none')}</Tag>;
  const colour = RISK_COLOURS[props.level - 1] ?? 'blue';
  return (
    <Tag color={TAG_COLOUR[props.level]}>
      {props.short ? t(`registries.colour.${colour}`) : `${t(`registries.risk.${props.level}`)}（${t(`registries.colour.${colour}`)}）`}
    </Tag>
  );
}

export function GradeTag(props: { grade: string | null | undefined }) {
  const t = useT();
  if (!props.grade) return <Tag>{t('registries.grade.none')}</Tag>;
  return <Tag color={GRADE_TAG[props.grade]} style={{ fontWeight: 600 }}>{props.grade}</Tag>;
}

export function YesNo(props: { value: boolean | null | undefined }) {
  const t = useT();
  if (props.value === null || props.value === undefined) return <>—</>;
  return <>{props.value ? t('registries.yes') : t('registries.no')}</>;
}
