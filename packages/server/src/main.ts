import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { classifyEnglish } from '@emwatch/core/node';
import regionNmg from '@emwatch/region-nmg';
import { analyzeCommand, openInput } from './commands/analyze.js';
import { demoCommand } from './commands/demo.js';
import { regionsCommand } from './commands/regions.js';

const HELP = `用法 / usage: emwatch <command> [options]

命令 / commands:
  demo                 区域包与事件分类概览 / overview of the region pack and the label set
  regions [名称|代码]   查询行政区划 / look up a unit by name, alias or code (no argument: the tree)
  analyze [文件]        文本研判 / analyse text lines or JSONL {"id","text"} (stdin without a file),
                       one JSONL result per line

选项 / options:
  -h, --help           显示帮助 / show this help
  -v, --version        显示版本 / show the version`;

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

/** Runs the CLI with the given arguments; resolves to the exit status. */
export async function main(
  argv: readonly string[],
  out: (text: string) => void = console.log,
  err: (text: string) => void = console.error,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' } },
    });
  } catch (error) {
    err(`[emwatch] ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const [command, ...rest] = parsed.positionals;
  if (parsed.values.version) return (out(version()), 0);
  if (parsed.values.help || command === undefined) return (out(HELP), 0);
  switch (command) {
    case 'demo':
      return demoCommand(regionNmg, out);
    case 'analyze': {
      const input = openInput(rest[0]);
      const opened = new Promise<void>((resolve, reject) => {
        if (input === process.stdin) return resolve();
        input.once('open', () => resolve()).once('error', reject);
      });
      try {
        await opened;
      } catch (error) {
        err(`[emwatch] [analyze] cannot read ${rest[0]}: ${(error as Error).message}`);
        return 2;
      }
      return analyzeCommand(input, { region: regionNmg, english: classifyEnglish }, out);
    }
    case 'regions':
      return regionsCommand(regionNmg, rest[0], (text) => (text.startsWith('[emwatch]') ? err(text) : out(text)));
    default:
      err(`[emwatch] unknown command ${JSON.stringify(command)}\n\n${HELP}`);
      return 2;
  }
}
