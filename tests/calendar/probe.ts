// Run as a child process with TZ set (see calendar-timezones.test.ts): builds
// the clock-change feed, parses it with both parsers in this process's zone
// and prints the instants they found as JSON on one line.
import { makeTestApp } from '../helpers/app.js';
import { bodyOf, dstScenario, feedToken, fixedClock, getFeed, parseWithIcalJs, parseWithNodeIcal } from './support.js';

const t = makeTestApp({ clock: fixedClock('2027-03-01T10:00:00Z') });
const { adviser } = dstScenario(t);
const res = await getFeed(t, await feedToken(t, 'adviser', adviser));
const text = bodyOf(res).toString('utf8');
const iso = (events: { start: Date }[]) => events.map((e) => e.start.toISOString()).sort();
process.stdout.write(
  `${JSON.stringify({
    zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    status: res.status,
    icaljs: iso(parseWithIcalJs(text).events),
    nodeIcal: iso(parseWithNodeIcal(text)),
  })}\n`,
);
t.db.close();
