// Picks a unit by its code. For now a text input with the code's format checked; the unit module
// replaces the inside with a tree of the units the user may act on, keeping this interface.
import type { CSSProperties } from 'react';
import { Input } from 'antd';
import { useT } from '../app/i18n.js';

export const UNIT_CODE_PATTERN = /^[A-Za-z0-9_]{1,32}$/;

export interface UnitSelectProps {
  value?: string;
  onChange?: (code: string) => void;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  id?: string;
  status?: '' | 'error' | 'warning';
  style?: CSSProperties;
}

export function UnitSelect(props: UnitSelectProps) {
  const t = useT();
  return (
    <Input
      id={props.id}
      value={props.value}
      onChange={(e) => props.onChange?.(e.target.value.trim())}
      placeholder={props.placeholder ?? t('app.unit.placeholder')}
      allowClear={props.allowClear}
      disabled={props.disabled}
      status={props.status}
      maxLength={32}
      autoComplete="off"
      spellCheck={false}
      style={props.style}
    />
  );
}

/** A Form.Item rule for unit codes. */
export function unitCodeRule(message: string) {
  return { pattern: UNIT_CODE_PATTERN, message };
}
