// safegrid <command> … — the same services as the server, from the shell.
import { parseArgs, UsageError, type ParsedArgs } from './args.js';
import { auditVerify, dbMigrate, demo, describeError, userCreate } from './commands/core.js';
import { DataDirLockedError } from '../server/db/lock.js';

type Command = { usage: string; run: (args: ParsedArgs) => Promise<number> };

const COMMANDS: Record<string, Command> = {
  'db migrate': { usage: 'db migrate                      apply pending migrations', run: dbMigrate },
  'user create': { usage: 'user create --username U --password P --role R [--unit CODE] [--name N] [--industry C] [--enterprise ID]', run: userCreate },
  'audit verify': { usage: 'audit verify                    check the audit hash chain; exit 3 if broken', run: auditVerify },
  demo: { usage: 'demo                            load the Xining demo city and (re)create the demo accounts', run: demo },
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
