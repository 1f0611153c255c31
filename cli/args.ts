// A small argument parser: positional words, then --name value / --flag options.
export interface ParsedArgs {
  words: string[];
  options: Record<string, string | true>;
}

export function parseArgs(argv: string[]): ParsedArgs {
  const words: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) options[a.slice(2, eq)] = a.slice(eq + 1);
      else {
        const next = argv[i + 1];
        if (next !== undefined && !next.startsWith('--')) {
          options[a.slice(2)] = next;
          i++;
        } else options[a.slice(2)] = true;
      }
    } else words.push(a);
  }
  return { words, options };
}

export class UsageError extends Error {}

export function str(opts: ParsedArgs['options'], name: string, required: true): string;
export function str(opts: ParsedArgs['options'], name: string, required?: false): string | undefined;
export function str(opts: ParsedArgs['options'], name: string, required = false): string | undefined {
  const v = opts[name];
  if (v === undefined || v === true) {
    if (required) throw new UsageError(`--${name} is required`);
    return undefined;
  }
  return v;
}

export function flag(opts: ParsedArgs['options'], name: string): boolean {
  return opts[name] === true || opts[name] === 'true';
}
