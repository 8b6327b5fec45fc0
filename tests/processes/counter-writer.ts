// A separate OS process that hammers one database with read-modify-write
// transactions; two of these at once must lose no update and never see SQLITE_BUSY.
import { openDatabase } from '../../src/db/connection.js';

const [path, countText, name] = process.argv.slice(2);
const db = openDatabase(path as string);
const read = db.prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'counter'");
const write = db.prepare("UPDATE settings SET value = ? WHERE key = 'counter'");
const log = db.prepare('INSERT INTO audit_log (kind, entity, after) VALUES (?, ?, ?)');
const bump = db.transaction((i: number) => {
  const current = Number(read.get()?.value ?? 0);
  write.run(String(current + 1));
  log.run('test.bump', 'settings', JSON.stringify({ by: name, i, from: current }));
});
let errors = 0;
for (let i = 0; i < Number(countText); i++) {
  try {
    bump.immediate(i);
  } catch (err) {
    errors++;
    console.error(String(err));
  }
}
db.close();
console.log(JSON.stringify({ name, errors }));
