import { describe, expect, it } from 'vitest';
import { main } from './main.js';

async function run(...argv: string[]): Promise<{ status: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await main(
    argv,
    (text) => out.push(text),
    (text) => err.push(text),
  );
  return { status, out, err };
}

describe('emwatch CLI', () => {
  it('prints help in Chinese and English when called without a command', async () => {
    const { status, out } = await run();
    expect(status).toBe(0);
    expect(out.join('\n')).toContain('用法 / usage: emwatch');
  });

  it('prints the package version', async () => {
    expect((await run('--version')).out).toEqual(['0.1.0']);
  });

  it('rejects an unknown command with exit status 2 and names it', async () => {
    const { status, err } = await run('serve-everything');
    expect(status).toBe(2);
    expect(err[0]).toContain('unknown command "serve-everything"');
  });

  it('rejects an unknown option and names it', async () => {
    const { status, err } = await run('demo', '--colour');
    expect(status).toBe(2);
    expect(err[0]).toMatch(/--colour/);
  });

  it('shows the 12 leagues and the taxonomy in the demo overview', async () => {
    const { status, out } = await run('demo');
    expect(status).toBe(0);
    expect(out[1]).toBe('区域包 nmg: 12 个盟市, 103 个旗县（市、区）, ' + out[1]!.split(', ')[2]);
    expect(out.filter((line) => /^ {2}15\d{4} /.test(line))).toHaveLength(12);
    expect(out.join('\n')).toContain('自然灾害: 暴雨洪涝、干旱、沙尘暴');
  });

  it('analyses the bundled demo posts in the demo overview', async () => {
    const { out } = await run('demo');
    const results = out.filter((line) => line.startsWith('      → '));
    expect(results).toHaveLength(10);
    expect(results[5]).toMatch(/^ {6}→ 矿山事故·\S+ \d+% {2}地点 准格尔旗 {2}被困5/);
    expect(results[9]).toMatch(/→ 非突发事件/);
  });

  it('resolves a colloquial alias to its unit as JSON', async () => {
    const { status, out } = await run('regions', '东乌旗');
    expect(status).toBe(0);
    expect(JSON.parse(out[0]!)).toMatchObject({
      code: '152525',
      name: '东乌珠穆沁旗',
      parent: '152500',
      ambiguousQuery: false,
    });
  });

  it('lists a league’s counties when looked up by code', async () => {
    const unit = JSON.parse((await run('regions', '152900')).out[0]!);
    expect(unit.children).toEqual(['152921', '152922', '152923']);
  });

  it('says which name it could not find, with exit status 1', async () => {
    const { status, err } = await run('regions', '北京');
    expect(status).toBe(1);
    expect(err[0]).toBe('[emwatch] [regions] no unit of 内蒙古自治区 is called "北京"');
  });

  it('prints the whole tree of 116 units without a query', async () => {
    expect((await run('regions')).out).toHaveLength(116);
  });
});
