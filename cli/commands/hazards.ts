// scheduler run · hazards escalate · plans generate — the same services the server runs.
import { systemActor } from '../../server/core/access.js';
import type { HazardsService } from '../../server/modules/hazards/hazards.service.js';
import type { InspectionsService } from '../../server/modules/inspections/inspections.service.js';
import type { SchedulerService } from '../../server/modules/scheduler/scheduler.service.js';
import { flag, str, UsageError, type ParsedArgs } from '../args.js';
import { openCli, type CliContext } from '../context.js';

function service<S>(cli: CliContext, probe: string): S {
  const m = cli.modules.find((x) => typeof (x.service as Record<string, unknown>)[probe] === 'function');
  if (!m) throw new Error(`module with ${probe} is not wired`);
  return m.service as S;
}

function when(args: ParsedArgs): Date {
  const at = str(args.options, 'at');
  if (!at) return new Date();
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) throw new UsageError(`--at ${at} is not a date-time`);
  return d;
}

export async function schedulerRun(args: ParsedArgs): Promise<number> {
  const cli = await openCli('scheduler run');
  try {
    const runs = await service<SchedulerService>(cli, 'runDue').runDue(when(args));
    if (flag(args.options, 'json')) console.log(JSON.stringify(runs));
    else if (runs.length === 0) console.log('No job was due.');
    else for (const r of runs) console.log(`${r.ok ? 'ran' : 'FAILED'} ${r.name}${r.ok ? `: ${JSON.stringify(r.result)}` : `: ${r.error}`}`);
    return runs.some((r) => !r.ok) ? 1 : 0;
  } finally {
    await cli.close();
  }
}

export async function hazardsEscalate(args: ParsedArgs): Promise<number> {
  const cli = await openCli('hazards escalate');
  try {
    const r = await service<HazardsService>(cli, 'escalateDue').escalateDue(when(args), 'cli');
    console.log(flag(args.options, 'json') ? JSON.stringify(r) : `Escalation: ${r.steps} step(s) on ${r.hazards} hazard(s).`);
    return 0;
  } finally {
    await cli.close();
  }
}

export async function plansGenerate(args: ParsedArgs): Promise<number> {
  const period = str(args.options, 'period', true);
  const unit = str(args.options, 'unit') ?? 'root';
  const cli = await openCli('plans generate');
  try {
    const r = await service<InspectionsService>(cli, 'generatePlan').generatePlan(systemActor('cli'), { unitCode: unit, period });
    console.log(flag(args.options, 'json') ? JSON.stringify(r) : `Plan ${r.period} for ${r.unit}: ${r.created} task(s) created of ${r.considered} place(s); ${r.unassigned} without a grid worker.`);
    return 0;
  } finally {
    await cli.close();
  }
}
