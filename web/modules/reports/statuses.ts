// Colours and labels of report states, public stages and reward states.
import type { StatusStyle } from '../../components/StatusTag.js';

export const REPORT_STATE_STYLES: Record<string, StatusStyle> = {
  pending: { color: 'processing', labelKey: 'reports.state.pending' },
  confirmed: { color: 'success', labelKey: 'reports.state.confirmed' },
  rejected: { color: 'default', labelKey: 'reports.state.rejected' },
  merged: { color: 'purple', labelKey: 'reports.state.merged' },
};

export const STAGE_STYLES: Record<string, StatusStyle> = {
  received: { color: 'processing', labelKey: 'reports.stage.received' },
  rectifying: { color: 'warning', labelKey: 'reports.stage.rectifying' },
  closed: { color: 'success', labelKey: 'reports.stage.closed' },
  rejected: { color: 'default', labelKey: 'reports.stage.rejected' },
};

export const REWARD_STATE_STYLES: Record<string, StatusStyle> = {
  proposed: { color: 'processing', labelKey: 'reports.reward.state.proposed' },
  approved: { color: 'warning', labelKey: 'reports.reward.state.approved' },
  rejected: { color: 'default', labelKey: 'reports.reward.state.rejected' },
  paid: { color: 'success', labelKey: 'reports.reward.state.paid' },
};
