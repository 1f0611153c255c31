// Staff routes of public reports: lists, triage decisions, merge, the audited reporter view,
// rewards and settings.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ConfirmBody, MergeBody, MergeResponse, PortalSettings, RejectBody, ReportDetail, ReportListQuery, ReportPage, ReporterView,
  RewardApproveBody, RewardListQuery, RewardPage, RewardPayBody, RewardRejectBody, RewardRow, RewardSettings, SimilarResponse, TransferBody,
} from '../../../common/modules/reports/reports.contract.js';
import { Id } from '../../../common/modules/shared/shared.contract.js';
import { actorOf } from '../../core/http.js';
import { errors } from '../../core/responses.js';
import type { PortalService } from './reports.portal.js';
import { presentReward } from './reports.presenter.js';
import type { RewardsService } from './reports.rewards.js';
import type { ReportsService } from './reports.service.js';

export function reportsRoutes(app: FastifyInstance, svc: ReportsService, rewards: RewardsService, portal: PortalService): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['reports'];
  const params = Type.Object({ id: Id });

  r.get('/api/reports', {
    config: { access: 'report.read' },
    schema: { tags, summary: 'Public reports in my area', querystring: ReportListQuery, response: { 200: ReportPage, ...errors(400, 401, 403) } },
  }, async (req) => svc.list(actorOf(req), req.query));

  r.get('/api/reports/triage', {
    config: { access: 'report.triage' },
    schema: { tags, summary: 'Reports waiting for a triage decision in my grids', querystring: ReportListQuery, response: { 200: ReportPage, ...errors(400, 401, 403) } },
  }, async (req) => svc.triage(actorOf(req), req.query));

  r.get('/api/reports/settings', {
    config: { access: 'config.manage' },
    schema: { tags, summary: 'Portal settings: duplicate radius and period, photo count, abuse limits', response: { 200: PortalSettings, ...errors(401, 403) } },
  }, async (req) => svc.getSettings(actorOf(req)));

  r.put('/api/reports/settings', {
    config: { access: 'config.manage' },
    schema: { tags, summary: 'Change the portal settings', body: PortalSettings, response: { 200: PortalSettings, ...errors(400, 401, 403) } },
  }, async (req) => svc.setSettings(actorOf(req), req.body));

  r.post('/api/reports/merge', {
    config: { access: 'report.merge' },
    schema: { tags, summary: 'Merge duplicate reports into one (and so into one hazard), keeping every report linked', body: MergeBody, response: { 200: MergeResponse, ...errors(400, 401, 403, 404, 409) } },
  }, async (req) => svc.merge(actorOf(req), req.body));

  r.get('/api/reports/:id', {
    config: { access: 'report.read' },
    schema: { tags, summary: 'One report, its timeline, photos and linked reports (contact masked)', params, response: { 200: ReportDetail, ...errors(401, 403, 404) } },
  }, async (req) => svc.detail(actorOf(req), req.params.id));

  r.get('/api/reports/:id/similar', {
    config: { access: 'report.read' },
    schema: { tags, summary: 'Open reports of the same category nearby: candidates for a merge', params, response: { 200: SimilarResponse, ...errors(401, 403, 404) } },
  }, async (req) => svc.similar(actorOf(req), req.params.id));

  r.post('/api/reports/:id/confirm', {
    config: { access: 'report.triage' },
    schema: { tags, summary: 'Confirm as a hazard: creates one in the ledger, or links to `hazardId`', params, body: ConfirmBody, response: { 200: ReportDetail, ...errors(400, 401, 403, 404, 409) } },
  }, async (req) => svc.confirm(actorOf(req), req.params.id, req.body));

  r.post('/api/reports/:id/reject', {
    config: { access: 'report.triage' },
    schema: { tags, summary: 'Not a hazard: the reason is shown to the reporter', params, body: RejectBody, response: { 200: ReportDetail, ...errors(400, 401, 403, 404, 409) } },
  }, async (req) => svc.reject(actorOf(req), req.params.id, req.body));

  r.post('/api/reports/:id/transfer', {
    config: { access: 'report.triage' },
    schema: { tags, summary: 'Hand the report to another unit, with the reason', params, body: TransferBody, response: { 200: Type.Object({ report: Type.Union([ReportDetail, Type.Null()]) }), ...errors(400, 401, 403, 404, 409) } },
  }, async (req) => ({ report: await svc.transfer(actorOf(req), req.params.id, req.body) }));

  r.post('/api/reports/:id/reporter', {
    config: { access: 'report.reporter' },
    schema: { tags, summary: 'Who reported: contact details in clear (audited)', params, response: { 200: ReporterView, ...errors(401, 403, 404) } },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return svc.reporter(actorOf(req), req.params.id);
  });

  // ---- rewards ----
  const rewardTags = ['rewards'];
  const presentW = (w: Awaited<ReturnType<RewardsService['get']>>) => presentReward(w, portal.maskedContact(w));

  r.get('/api/rewards', {
    config: { access: 'reward.manage' },
    schema: { tags: rewardTags, summary: 'Rewards for public reports in my area (reporters masked)', querystring: RewardListQuery, response: { 200: RewardPage, ...errors(400, 401, 403) } },
  }, async (req) => {
    const page = await rewards.list(actorOf(req), req.query);
    return { items: page.items.map(presentW), nextCursor: page.nextCursor };
  });

  r.get('/api/rewards/settings', {
    config: { access: 'reward.manage' },
    schema: { tags: rewardTags, summary: 'Reward eligibility and amount bands', response: { 200: RewardSettings, ...errors(401, 403) } },
  }, async (req) => rewards.getSettings(actorOf(req)));

  r.put('/api/rewards/settings', {
    config: { access: 'reward.manage' },
    schema: { tags: rewardTags, summary: 'Change reward eligibility and amount bands', body: RewardSettings, response: { 200: RewardSettings, ...errors(400, 401, 403) } },
  }, async (req) => rewards.setSettings(actorOf(req), req.body));

  r.post('/api/rewards/:id/approve', {
    config: { access: 'reward.manage' },
    schema: { tags: rewardTags, summary: 'Approve a reward with an amount inside the grade\'s band', params, body: RewardApproveBody, response: { 200: RewardRow, ...errors(400, 401, 403, 404, 409) } },
  }, async (req) => presentW(await rewards.approve(actorOf(req), req.params.id, req.body)));

  r.post('/api/rewards/:id/reject', {
    config: { access: 'reward.manage' },
    schema: { tags: rewardTags, summary: 'Refuse a reward, with a note', params, body: RewardRejectBody, response: { 200: RewardRow, ...errors(400, 401, 403, 404, 409) } },
  }, async (req) => presentW(await rewards.reject(actorOf(req), req.params.id, req.body)));

  r.post('/api/rewards/:id/pay', {
    config: { access: 'reward.manage' },
    schema: { tags: rewardTags, summary: 'Record the payout (by someone other than the approver)', params, body: RewardPayBody, response: { 200: RewardRow, ...errors(400, 401, 403, 404, 409) } },
  }, async (req) => presentW(await rewards.pay(actorOf(req), req.params.id, req.body)));
}
