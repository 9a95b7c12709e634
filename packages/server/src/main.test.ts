import { describe, expect, it } from 'vitest';
import { main } from './main.js';

function run(...argv: string[]): { status: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const status = main(
    argv,
    (text) => out.push(text),
    (text) => err.push(text),
  );
  return { status, out, err };
}

describe('emwatch CLI', () => {
  it('prints help in Chinese and English when called without a command', () => {
    const { status, out } = run();
    expect(status).toBe(0);
    expect(out.join('\n')).toContain('用法 / usage: emwatch');
  });

  it('prints the package version', () => {
    expect(run('--version').out).toEqual(['0.1.0']);
  });

  it('rejects an unknown command with exit status 2 and names it', () => {
    const { status, err } = run('serve-everything');
    expect(status).toBe(2);
    expect(err[0]).toContain('unknown command "serve-everything"');
  });

  it('rejects an unknown option and names it', () => {
    const { status, err } = run('demo', '--colour');
    expect(status).toBe(2);
    expect(err[0]).toMatch(/--colour/);
  });

  it('shows the 12 leagues and the taxonomy in the demo overview', () => {
    const { status, out } = run('demo');
    expect(status).toBe(0);
    expect(out[1]).toBe('区域包 nmg: 12 个盟市, 103 个旗县（市、区）, ' + out[1]!.split(', ')[2]);
    expect(out.filter((line) => /^ {2}15\d{4} /.test(line))).toHaveLength(12);
    expect(out.join('\n')).toContain('自然灾害: 暴雨洪涝、干旱、沙尘暴');
  });

  it('resolves a colloquial alias to its unit as JSON', () => {
    const { status, out } = run('regions', '东乌旗');
    expect(status).toBe(0);
    expect(JSON.parse(out[0]!)).toMatchObject({
      code: '152525',
      name: '东乌珠穆沁旗',
      parent: '152500',
      ambiguousQuery: false,
    });
  });

  it('lists a league’s counties when looked up by code', () => {
    const unit = JSON.parse(run('regions', '152900').out[0]!);
    expect(unit.children).toEqual(['152921', '152922', '152923']);
  });

  it('says which name it could not find, with exit status 1', () => {
    const { status, err } = run('regions', '北京');
    expect(status).toBe(1);
    expect(err[0]).toBe('[emwatch] [regions] no unit of 内蒙古自治区 is called "北京"');
  });

  it('prints the whole tree of 116 units without a query', () => {
    expect(run('regions').out).toHaveLength(116);
  });
});
