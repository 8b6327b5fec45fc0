import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Lang } from '../../i18n/index.js';
import { fairness, nameOf } from '../fairness/rules.js';
import { dayFrame } from './calendar.js';
import { exportRange } from './export.js';
import type { RosterTurn } from './model.js';
import type { Viewer } from './pages.js';
import type { CsvQuery } from './schemas.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// Excel stores dates as serial days without a zone; exceljs converts a Date by
// its UTC fields, so a local date (or wall time) is written as that UTC instant.
const asExcelDate = (date: string, time = '00:00'): Date => new Date(`${date}T${time}:00Z`);
const DATE_FORMAT: Record<Lang, string> = { fi: 'd.m.yyyy', sv: 'yyyy-mm-dd', en: 'yyyy-mm-dd' };

/** Excel forbids []:*?/\ in sheet names, allows 31 characters, and wants them unique (case-insensitively). */
function sheetName(wanted: string, taken: Set<string>): string {
  const base =
    wanted
      .replace(/[[\]:*?/\\]/g, ' ')
      .trim()
      .slice(0, 28) || 'Sheet';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} ${n}`;
  taken.add(name.toLowerCase());
  return name;
}

function styleHeader(sheet: ExcelJS.Worksheet, row: number): void {
  sheet.getRow(row).font = { bold: true };
}

function turnSheet(book: ExcelJS.Workbook, name: string, turns: readonly RosterTurn[], viewer: Viewer): void {
  const { t, lang } = viewer;
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: t('spreadsheet.date'), key: 'date', width: 12, style: { numFmt: DATE_FORMAT[lang] } },
    { header: t('spreadsheet.weekday'), key: 'weekday', width: 13 },
    { header: t('spreadsheet.start'), key: 'start', width: 8, style: { numFmt: 'hh:mm' } },
    { header: t('spreadsheet.end'), key: 'end', width: 8, style: { numFmt: 'hh:mm' } },
    { header: t('spreadsheet.hours'), key: 'hours', width: 8, style: { numFmt: '0.0#' } },
    { header: t('spreadsheet.city'), key: 'city', width: 14 },
    { header: t('spreadsheet.advisers'), key: 'advisers', width: 36 },
    { header: t('spreadsheet.handSet'), key: 'pinned', width: 24 },
    { header: t('spreadsheet.status'), key: 'status', width: 12 },
    { header: t('spreadsheet.headcount'), key: 'headcount', width: 8 },
    { header: t('spreadsheet.openSeats'), key: 'open', width: 10 },
  ];
  styleHeader(sheet, 1);
  for (const turn of turns) {
    sheet.addRow({
      date: asExcelDate(turn.date),
      weekday: dayFrame(lang, turn.date).weekdayName,
      start: asExcelDate(turn.date, turn.start),
      end: asExcelDate(turn.date, turn.end),
      hours: Math.round((Date.parse(turn.endAt) - Date.parse(turn.startAt)) / 36_000) / 100,
      city: turn.city?.name ?? t('roster.noCity'),
      advisers: turn.advisers.map((a) => a.name).join(', '),
      pinned: turn.advisers
        .filter((a) => a.pinned)
        .map((a) => a.name)
        .join(', '),
      status: t(turn.status === 'draft' ? 'roster.draft' : 'roster.published'),
      headcount: turn.headcount,
      open: turn.open,
    });
  }
}

function fairnessSheet(book: ExcelJS.Workbook, name: string, ctx: AppContext, viewer: Viewer, range: { from: string; to: string; service?: string }): void {
  const { t, lang } = viewer;
  const data = fairness(ctx, range);
  const city = new Map(data.cities.map((c) => [c.id, nameOf(c, lang)]));
  const sheet = book.addWorksheet(name);
  sheet.columns = [{ width: 26 }, { width: 24 }, { width: 14 }, { width: 14 }, { width: 16 }, { width: 18 }];
  const frame = (d: string) => dayFrame(lang, d).shortDate;
  sheet.addRow([t('spreadsheet.citiesTitle', { from: frame(range.from), to: frame(range.to) })]).font = { bold: true };
  sheet.addRow([
    t('spreadsheet.service'),
    t('spreadsheet.city'),
    t('spreadsheet.share'),
    t('spreadsheet.targetHours'),
    t('spreadsheet.actualHours'),
    t('spreadsheet.deviationHours'),
  ]);
  styleHeader(sheet, sheet.rowCount);
  for (const { service, report } of data.services) {
    for (const c of report.cities) {
      const row = sheet.addRow([nameOf(service, lang), city.get(c.cityId) ?? String(c.cityId), c.share, c.targetHours, c.actualHours, c.deviationHours]);
      row.getCell(3).numFmt = '0.0%';
      for (const i of [4, 5, 6]) row.getCell(i).numFmt = '0.0#';
    }
  }
  sheet.addRow([]);
  sheet.addRow([t('spreadsheet.advisersTitle')]).font = { bold: true };
  sheet.addRow([
    t('spreadsheet.service'),
    t('spreadsheet.adviser'),
    t('spreadsheet.city'),
    t('spreadsheet.turns'),
    t('spreadsheet.hours'),
    t('spreadsheet.loadVsCapacity'),
  ]);
  styleHeader(sheet, sheet.rowCount);
  for (const { service, report } of data.services) {
    for (const a of report.advisers) {
      const row = sheet.addRow([
        nameOf(service, lang),
        data.adviserNames.get(a.adviserId) ?? String(a.adviserId),
        city.get(a.cityId) ?? '',
        a.turns,
        a.hours,
        a.normalisedLoad,
      ]);
      row.getCell(5).numFmt = '0.0#';
      row.getCell(6).numFmt = '0.00';
    }
  }
}

/**
 * The roster of a range as an Excel workbook: one sheet per service (with the
 * view's filters and the viewer's draft visibility) and one of the fairness
 * figures. Dates, times and numbers are real cells, not text, so they sort and sum.
 */
export async function xlsxExport(ctx: AppContext, viewer: Viewer, q: z.output<typeof CsvQuery>): Promise<{ filename: string; body: Buffer }> {
  const range = exportRange(ctx, viewer, q);
  const book = new ExcelJS.Workbook();
  book.creator = 'vuoro';
  // A fixed stamp: the file depends only on the data, and the tests' clock.
  book.created = ctx.clock.now();
  book.modified = book.created;
  const taken = new Set<string>();
  const services = range.lookups.services.filter((s) =>
    range.filters.serviceId === null ? s.active || range.turns.some((x) => x.serviceId === s.id) : s.id === range.filters.serviceId,
  );
  for (const service of services) {
    turnSheet(
      book,
      sheetName(service.name, taken),
      range.turns.filter((x) => x.serviceId === service.id),
      viewer,
    );
  }
  const serviceCode = range.filters.values.service || undefined;
  fairnessSheet(book, sheetName(viewer.t('spreadsheet.fairnessSheet'), taken), ctx, viewer, {
    from: range.from,
    to: range.to,
    ...(serviceCode ? { service: serviceCode } : {}),
  });
  const body = Buffer.from(await book.xlsx.writeBuffer());
  return { filename: `${range.stem}.xlsx`, body };
}
