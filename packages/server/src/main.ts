import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isSourceKind } from '@emwatch/core';
import { classifyEnglish, resolveHost } from '@emwatch/core/node';
import regionNmg from '@emwatch/region-nmg';
import { analyzeCommand, openInput } from './commands/analyze.js';
import { BRIEF_FORMATS, briefCommand } from './commands/brief.js';
import { demoCommand } from './commands/demo.js';
import { FETCH_FORMATS, fetchCommand, type FetchFormat } from './commands/fetch.js';
import { regionsCommand } from './commands/regions.js';

const HELP = `用法 / usage: emwatch <command> [options]

命令 / commands:
  demo                 区域包与事件分类概览 / overview of the region pack and the label set
  regions [名称|代码]   查询行政区划 / look up a unit by name, alias or code (no argument: the tree)
  analyze [文件]        文本研判 / analyse text lines or JSONL {"id","text"} (stdin without a file),
                       one JSONL result per line
  fetch <网址|文件>      检查数据源 / read a source once: signals as JSONL on stdout, problems as JSON
                       lines on stderr; exit 0 if it parsed, 2 if rejected
      --format F       auto|rss|cap|usgs-geojson|cenc-json|json (default auto)
      --source-id ID   --source-kind K   --time-zone Z (default Asia/Shanghai)
      --allow-private  允许内网地址 / allow loopback and private addresses (intranet sources)
  brief                舆情日报/周报/专报 / write a briefing as Markdown or self-contained HTML;
                       until a store is configured, from the bundled demo posts (run through
                       analyse → group → score → alert → incident), as of just after the last post
      --period P       day (前一日 8 时至当日 8 时) | week (前 7 日) | special (one event); default day
      --event ID       事件编号 / event of a special briefing (default: the highest-scored one)
      --lang L         zh-CN (default) | en
      --format F       md (default) | html (inline SVG charts, print-friendly)
      --out FILE       写入文件 / write to FILE instead of stdout

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
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        format: { type: 'string' },
        'source-id': { type: 'string' },
        'source-kind': { type: 'string' },
        'time-zone': { type: 'string' },
        'allow-private': { type: 'boolean' },
        period: { type: 'string' },
        event: { type: 'string' },
        lang: { type: 'string' },
        out: { type: 'string' },
      },
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
    case 'fetch': {
      const {
        format = 'auto',
        'source-kind': sourceKind,
        'source-id': sourceId,
        'time-zone': timeZone,
      } = parsed.values;
      if (rest[0] === undefined) return (err(`[emwatch] [fetch] give a URL or a file\n\n${HELP}`), 2);
      if (!(FETCH_FORMATS as readonly string[]).includes(format))
        return (
          err(`[emwatch] [fetch] --format must be one of ${FETCH_FORMATS.join(', ')}, got ${JSON.stringify(format)}`),
          2
        );
      if (sourceKind !== undefined && !isSourceKind(sourceKind))
        return (err(`[emwatch] [fetch] --source-kind ${JSON.stringify(sourceKind)} is not a source kind`), 2);
      return fetchCommand(
        rest[0],
        {
          format: format as FetchFormat,
          region: regionNmg,
          resolveHost,
          allowPrivate: parsed.values['allow-private'] ?? false,
          ...(sourceId === undefined ? {} : { sourceId }),
          ...(sourceKind === undefined ? {} : { sourceKind }),
          ...(timeZone === undefined ? {} : { timeZone }),
        },
        out,
        err,
      );
    }
    case 'brief': {
      const { period = 'day', event, lang = 'zh-CN', format = 'md', out: file, 'time-zone': timeZone } = parsed.values;
      if (period !== 'day' && period !== 'week' && period !== 'special')
        return (err(`[emwatch] [brief] --period must be day, week or special, got ${JSON.stringify(period)}`), 2);
      if (lang !== 'zh-CN' && lang !== 'en')
        return (err(`[emwatch] [brief] --lang must be zh-CN or en, got ${JSON.stringify(lang)}`), 2);
      if (!(BRIEF_FORMATS as readonly string[]).includes(format))
        return (
          err(`[emwatch] [brief] --format must be one of ${BRIEF_FORMATS.join(', ')}, got ${JSON.stringify(format)}`),
          2
        );
      return briefCommand(
        {
          period,
          lang,
          format: format as (typeof BRIEF_FORMATS)[number],
          region: regionNmg,
          ...(event === undefined ? {} : { event }),
          ...(file === undefined ? {} : { out: file }),
          ...(timeZone === undefined ? {} : { timeZone }),
        },
        out,
        err,
      );
    }
    case 'regions':
      return regionsCommand(regionNmg, rest[0], (text) => (text.startsWith('[emwatch]') ? err(text) : out(text)));
    default:
      err(`[emwatch] unknown command ${JSON.stringify(command)}\n\n${HELP}`);
      return 2;
  }
}
