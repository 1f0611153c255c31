// safegrid <command> … — the same services as the server, from the shell.
import { parseArgs, UsageError, type ParsedArgs } from './args.js';
import { auditVerify, dbMigrate, demo, describeError, userCreate } from './commands/core.js';
import { gridsCheck, gridsGenerate, importDivisions } from './commands/units.js';
import { registriesExport, registriesImport, registriesTemplate } from './commands/registries.js';
import { hazardsEscalate, plansGenerate, schedulerRun } from './commands/hazards.js';
import { open311KeyCreate, open311KeyList, open311KeyRevoke, reportsPurge } from './commands/reports.js';
import { DataDirLockedError } from '../server/db/lock.js';

type Command = { usage: string; run: (args: ParsedArgs) => Promise<number> };

const COMMANDS: Record<string, Command> = {
  'db migrate': { usage: 'db migrate                      apply pending migrations', run: dbMigrate },
  'user create': { usage: 'user create --username U --password P --role R [--unit CODE] [--name N] [--industry C] [--enterprise ID]', run: userCreate },
  'audit verify': { usage: 'audit verify                    check the audit hash chain; exit 3 if broken', run: auditVerify },
  demo: { usage: 'demo [--scale small|city|megacity|N --years 5 --seed S [--until YYYY-MM-DD]]\n                                  load the Xining demo city and (re)create the demo accounts;\n                                  with --scale, generate years of synthetic records on it', run: demo },
  'import divisions': { usage: 'import divisions --dir DIR [--city CODE] [--mapping FILE] [--json]   import public division files (CSV + district GeoJSON)', run: importDivisions },
  'grids generate': { usage: 'grids generate --unit CODE [--seed S] [--target-min N] [--target-max N] [--force] [--json]   provisional street/community/grid boundaries', run: gridsGenerate },
  'grids check': { usage: 'grids check --unit CODE [--tolerance M2] [--json]   gaps and overlaps at every level; exit 4 if any', run: gridsCheck },
  'registries import': { usage: 'registries import --kind places|enterprises|people --file F [--mode keep_valid|all_or_nothing] [--report OUT.xlsx] [--json]   import an .xlsx or .csv; exit 5 unless done', run: registriesImport },
  'registries template': { usage: 'registries template --kind places|enterprises|people --out F [--format xlsx|csv]   the import template', run: registriesTemplate },
  'registries export': { usage: 'registries export --kind places|enterprises|people|things --out F.xlsx [--unit CODE] [--lang en]   export (personal data masked)', run: registriesExport },
  'scheduler run': { usage: 'scheduler run [--at ISO] [--json]   run the background jobs that are due (escalation, outbox, plans)', run: schedulerRun },
  'hazards escalate': { usage: 'hazards escalate [--at ISO] [--json]   overdue notices and escalation of hazards past their deadline', run: hazardsEscalate },
  'plans generate': { usage: 'plans generate --period YYYY-MM [--unit CODE] [--json]   the period\'s inspection tasks by grade and risk', run: plansGenerate },
  'open311 key': { usage: 'open311 key create --name N [--json] | list [--json] | revoke --id ID   Open311 API keys (a new key is shown once)', run: (a) => (a.words[2] === 'list' ? open311KeyList(a) : a.words[2] === 'revoke' ? open311KeyRevoke(a) : open311KeyCreate(a)) },
  'reports purge': { usage: 'reports purge                   remove expired challenges and old submission records of the public portal', run: reportsPurge },
};

function usage(): string {
  return ['Usage: npm run cli -- <command> [options]', '', ...Object.values(COMMANDS).map((c) => `  ${c.usage}`)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const key2 = args.words.slice(0, 2).join(' ');
  const key1 = args.words[0] ?? '';
  const cmd = COMMANDS[key2] ?? COMMANDS[key1];
  if (!cmd || args.options.help) {
    console.log(usage());
    return cmd ? 0 : 1;
  }
  try {
    return await cmd.run(args);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${e.message}\n\n${cmd.usage}`);
      return 1;
    }
    if (e instanceof DataDirLockedError) {
      console.error(e.message);
      return 2;
    }
    console.error(`Error: ${describeError(e)}`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
