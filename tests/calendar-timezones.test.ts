import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const EXPECTED = ['2027-03-25T07:00:00.000Z', '2027-03-30T06:00:00.000Z', '2027-10-29T06:00:00.000Z', '2027-11-01T07:00:00.000Z'];

// The server's and the parsers' own zone must not matter. A process's zone is
// fixed when it starts, so each zone gets its own process running the probe.
describe('clock changes, whatever the machine’s time zone', () => {
  for (const zone of ['UTC', 'America/New_York', 'Europe/Helsinki']) {
    it(`when the feed is built and parsed under TZ=${zone}, then 09:00 Helsinki time is the right instant on both sides of both clock changes`, async () => {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'tests/calendar/probe.ts'], {
        cwd: root,
        env: { ...process.env, TZ: zone },
        timeout: 60_000,
      });
      const result = JSON.parse(stdout.trim()) as { zone: string; status: number; icaljs: string[]; nodeIcal: string[] };
      expect(result.zone).toBe(zone);
      expect(result.status).toBe(200);
      expect(result.icaljs).toEqual(EXPECTED);
      expect(result.nodeIcal).toEqual(EXPECTED);
    }, 60_000);
  }
});
