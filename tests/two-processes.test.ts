import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/connection.js';
import { migrate } from '../src/db/migrate.js';

function run(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/processes/counter-writer.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('two processes writing at once', () => {
  it('when two processes each make 300 read-modify-write transactions, then none fails and no update is lost', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vuoro-procs-')), 'shared.db');
    const db = openDatabase(path);
    migrate(db);
    db.prepare("INSERT INTO settings (key, value) VALUES ('counter', '0')").run();
    db.close();

    const [a, b] = await Promise.all([run([path, '300', 'a']), run([path, '300', 'b'])]);
    expect(a.err).toBe('');
    expect(b.err).toBe('');
    expect(JSON.parse(a.out)).toEqual({ name: 'a', errors: 0 });
    expect(JSON.parse(b.out)).toEqual({ name: 'b', errors: 0 });

    const check = openDatabase(path);
    expect(check.prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'counter'").get()?.value).toBe('600');
    const interleaved = check.prepare<[], { n: number }>("SELECT count(DISTINCT json_extract(after, '$.by')) AS n FROM audit_log").get()?.n;
    expect(interleaved).toBe(2);
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
  }, 60_000);
});
