// Public reports: the resident portal, triage, duplicates and merge, rewards.
import type { Module, ModuleContext } from '../../core/module.js';
import type { FilesService } from '../files/files.module.js';
import type { NotificationsService } from '../notifications/notifications.module.js';
import { DEFAULT_PORTAL_SETTINGS, DEFAULT_REWARD_SETTINGS } from '../../../common/modules/reports/reports.contract.js';
import { createChallenges } from './reports.abuse.js';
import { createPortalService, REPORT_FILE_OWNER, type PortalService } from './reports.portal.js';
import { publicRoutes } from './reports.public.routes.js';
import { reportsRepository } from './reports.repository.js';
import { createRewardsService, type RewardsService } from './reports.rewards.js';
import { reportsRoutes } from './reports.routes.js';
import { createReportsService, type ReportsService } from './reports.service.js';
import { settingsDoc } from './reports.settings.js';
import type { HazardsPort } from './reports.status.js';

// What other modules use of this one.
export { categoryOf, type PortalService, type Requester } from './reports.portal.js';
export { type ReportRowDb } from './reports.repository.js';
export { settingsDoc, type SettingsDoc } from './reports.settings.js';
export { type Resolved } from './reports.status.js';

export interface ReportsModuleService {
  portal: PortalService;
  reports: ReportsService;
  rewards: RewardsService;
}

export function createReportsModule(ctx: ModuleContext, deps: { hazards: HazardsPort; files: FilesService; notifications: NotificationsService }): Module<ReportsModuleService> {
  const portalSettings = settingsDoc(ctx.db, 'reports.portal', DEFAULT_PORTAL_SETTINGS);
  const rewardSettings = settingsDoc(ctx.db, 'reports.rewards', DEFAULT_REWARD_SETTINGS);
  const challenges = createChallenges(ctx.secrets.lookupKey);
  const portal = createPortalService(ctx, { hazards: deps.hazards, files: deps.files, notifications: deps.notifications, settings: portalSettings, challenges });
  const rewards = createRewardsService(ctx, { settings: rewardSettings });
  const reports = createReportsService(ctx, { hazards: deps.hazards, files: deps.files, portal, rewards, settings: portalSettings });
  deps.notifications.registerWorkSource((actor) => reports.workFor(actor));
  deps.files.registerOwner(REPORT_FILE_OWNER, { permission: 'report.read', target: (ex, id) => reports.fileTarget(ex, id) });

  let timer: NodeJS.Timeout | null = null;
  return {
    service: { portal, reports, rewards },
    routes(app) {
      publicRoutes(app, portal, portalSettings);
      reportsRoutes(app, reports, rewards, portal);
    },
    start() {
      const purge = () => {
        reportsRepository.purgeAbuseRecords(ctx.db, ctx.clock.now()).catch((err: unknown) => ctx.log?.warn({ err }, 'purging used challenges failed'));
      };
      timer = setInterval(purge, 3_600_000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
