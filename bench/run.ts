import { runEngineBench } from './engine.js';
import { runRandomBench } from './engine-random.js';
import { runHttpBench } from './http.js';
import { runLoadBench } from './load.js';
import { runAdviserBench } from './adviser.js';

/**
 * `npm run bench` runs every section; `npm run bench -- engine http` only
 * those named. A section is an async function that prints its own table; to
 * add one, add it here.
 */
const SECTIONS: Record<string, () => Promise<void>> = {
  engine: runEngineBench,
  random: runRandomBench,
  http: () => runHttpBench(),
  load: () => runLoadBench(),
  adviser: () => runAdviserBench(),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !(w in SECTIONS));
if (unknown.length > 0) {
  console.error(`unknown section(s): ${unknown.join(', ')}; known: ${Object.keys(SECTIONS).join(', ')}`);
  process.exit(2);
}
let failed = false;
for (const name of wanted.length > 0 ? wanted : Object.keys(SECTIONS)) {
  try {
    await SECTIONS[name]?.();
  } catch (err) {
    failed = true;
    console.error(`\nbench section ${name} failed:`, err);
  }
}
process.exit(failed ? 1 : 0);
