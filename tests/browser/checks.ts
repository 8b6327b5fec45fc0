/**
 * Accessibility checks that axe cannot make, run in the page. The page code
 * is passed as strings because the project compiles without the DOM library.
 */
import type { Page } from 'playwright-core';
import { runAxe, type AxeViolation } from './harness.js';

export interface PageReport {
  who: string;
  lang: string;
  path: string;
  status: number;
  title: string;
  violations: AxeViolation[];
  scrollWidth: number;
  thProblems: string[];
  /** A second state of the same page (a form with errors): not counted for unique titles. */
  state: string | null;
}

/** The widest viewport WCAG 1.4.10 (Reflow) requires to work without horizontal scrolling. */
export const REFLOW_WIDTH = 320;

/** Every page checked in this test file, printed at the end. */
export const reports: PageReport[] = [];

/** The same-site links of the main navigation and the footer, home first, without duplicates. */
export async function siteLinks(page: Page): Promise<string[]> {
  const hrefs = await page.locator('nav.main-nav a[href], footer a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  const paths = hrefs.filter((href) => href.startsWith('/') && !href.startsWith('//')).map((href) => href.split('#')[0] ?? href);
  return [...new Set(['/', ...paths])];
}

/** The document's width when the viewport is 320 px wide; the viewport is restored after. */
export async function reflowWidth(page: Page): Promise<number> {
  const before = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.setViewportSize({ width: REFLOW_WIDTH, height: 800 });
  try {
    return await page.evaluate<number>('document.documentElement.scrollWidth');
  } finally {
    await page.setViewportSize(before);
  }
}

/** <th> cells whose direction a screen reader has to guess: no scope and not in a <thead>. */
export async function thWithoutScope(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`[...document.querySelectorAll('table th')]
    .filter((th) => !['col', 'row', 'colgroup', 'rowgroup'].includes(th.getAttribute('scope') ?? '')
      && !(th.closest('thead') && (th.getAttribute('scope') ?? 'col') === 'col'))
    .map((th) => th.outerHTML.slice(0, 100))`);
}

/** Runs axe and the layout checks on the page as it is now, and records the result. */
export async function checkPage(page: Page, who: string, status: number, state?: string): Promise<PageReport> {
  const violations = await runAxe(page);
  const report: PageReport = {
    who,
    lang: (await page.locator('html').getAttribute('lang')) ?? '',
    path: new URL(page.url()).pathname + (state ? ` [${state}]` : ''),
    state: state ?? null,
    status,
    title: await page.title(),
    violations,
    scrollWidth: await reflowWidth(page),
    thProblems: await thWithoutScope(page),
  };
  reports.push(report);
  return report;
}

/** What is wrong with a page, as lines for an assertion message; empty when all is well. */
export function problemsOf(r: PageReport): string[] {
  const where = `[${r.lang}] ${r.who} ${r.path}`;
  return [
    ...r.violations.map((v) => `${where}: axe ${v.id} (${v.impact ?? '?'}): ${v.help} at ${v.targets.slice(0, 3).join(', ')}`),
    ...(r.scrollWidth > REFLOW_WIDTH ? [`${where}: scrolls horizontally at ${REFLOW_WIDTH} px (scrollWidth ${r.scrollWidth})`] : []),
    ...r.thProblems.map((th) => `${where}: <th> without scope: ${th}`),
  ];
}

/** Page titles that appear for more than one path. */
export function duplicateTitles(list: PageReport[]): string[] {
  const byTitle = new Map<string, Set<string>>();
  for (const r of list.filter((x) => x.state === null)) byTitle.set(r.title, (byTitle.get(r.title) ?? new Set()).add(r.path));
  return [...byTitle].filter(([, paths]) => paths.size > 1).map(([title, paths]) => `"${title}" on ${[...paths].join(', ')}`);
}

const row = (lang: string, who: string, path: string, status: string, axe: string, reflow: string, title: string) =>
  `${lang.padEnd(4)}${who.padEnd(12)}${path.padEnd(48)}${status.padEnd(6)}${axe.padEnd(5)}${reflow.padEnd(8)}${title}`;

/** Prints the table of pages checked, to quote in reports. */
export function printReports(heading: string): void {
  if (reports.length === 0) return;
  const lines = reports.map((r) =>
    row(
      r.lang,
      r.who,
      r.path,
      String(r.status),
      String(r.violations.length),
      (r.scrollWidth <= REFLOW_WIDTH ? 'ok' : `${r.scrollWidth}px`) + (r.thProblems.length ? ` th!${r.thProblems.length}` : ''),
      r.title,
    ),
  );
  console.log(
    [
      '',
      `${heading} (axe = WCAG 2.1 A/AA violations; 320 = no horizontal scroll at 320 px)`,
      row('lang', 'who', 'path', 'http', 'axe', '320', 'title'),
      ...lines,
      '',
    ].join('\n'),
  );
}

/** The <a> and <button> tab stops with their focus indicator, for the focus-visible check. */
export interface FocusStyle {
  index: number;
  tag: string;
  text: string;
  outline: string;
  boxShadow: string;
}

const FOCUSABLE = `'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])'`;

/** The outline and box shadow of every focusable element, as drawn now. */
export async function focusStyles(page: Page): Promise<FocusStyle[]> {
  return page.evaluate<FocusStyle[]>(`[...document.querySelectorAll(${FOCUSABLE})].map((el, index) => {
    const s = getComputedStyle(el);
    return { index, tag: el.tagName.toLowerCase(), text: (el.textContent || el.getAttribute('name') || '').trim().slice(0, 40),
      outline: s.outlineStyle === 'none' ? 'none' : s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor, boxShadow: s.boxShadow };
  })`);
}

/** The focused element's index among the focusable ones (-1: none of them), with its style. */
export async function focusedStyle(page: Page): Promise<FocusStyle | null> {
  return page.evaluate<FocusStyle | null>(`(() => {
    const all = [...document.querySelectorAll(${FOCUSABLE})];
    const el = document.activeElement;
    const index = all.indexOf(el);
    if (index < 0) return null;
    const s = getComputedStyle(el);
    return { index, tag: el.tagName.toLowerCase(), text: (el.textContent || el.getAttribute('name') || '').trim().slice(0, 40),
      outline: s.outlineStyle === 'none' ? 'none' : s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor, boxShadow: s.boxShadow };
  })()`);
}

/** A description of the focused element: tag, id and name, e.g. "input#f-username". */
export async function activeElement(page: Page): Promise<string> {
  return page.evaluate<string>(`(() => { const el = document.activeElement; if (!el) return '';
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''); })()`);
}

/**
 * WCAG 3.3.1 beyond axe: every field marked aria-invalid points (aria-describedby)
 * to an element that exists and says something, so the error is read with the field.
 */
export async function fieldErrorProblems(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`[...document.querySelectorAll('[aria-invalid="true"]')].flatMap((el) => {
    const name = el.getAttribute('name') || el.id || el.tagName;
    const ids = (el.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);
    const texts = ids.map((id) => document.getElementById(id)).filter(Boolean).map((d) => d.textContent.trim()).filter(Boolean);
    return texts.length ? [] : ['field "' + name + '" is invalid but no error text is tied to it with aria-describedby'];
  })`);
}

/** The user style of WCAG 1.4.12 (Text Spacing): content must survive it without being cut off. */
const TEXT_SPACING_RULES = [
  '* { line-height: 1.5 !important; letter-spacing: .12em !important; word-spacing: .16em !important; }',
  'p { margin-bottom: 2em !important; }',
];

/** Elements that cut their text off once the text-spacing style is applied. */
export async function textSpacingProblems(page: Page): Promise<string[]> {
  // Through the CSSOM of the page's own stylesheet: the CSP (rightly) blocks an injected <style>.
  await page.evaluate<void>(`(() => { const sheet = document.styleSheets[0];
    for (const rule of ${JSON.stringify(TEXT_SPACING_RULES)}) sheet.insertRule(rule, sheet.cssRules.length); })()`);
  return page.evaluate<string[]>(`[...document.querySelectorAll('body *')].filter((el) => {
    if (el.closest('.visually-hidden') || el.matches('input, select, textarea, option, script, style')) return false;
    const s = getComputedStyle(el);
    const clipsX = ['hidden', 'clip'].includes(s.overflowX) && el.scrollWidth > el.clientWidth + 1;
    const clipsY = ['hidden', 'clip'].includes(s.overflowY) && el.scrollHeight > el.clientHeight + 1;
    return (clipsX || clipsY) && el.textContent.trim() !== '';
  }).map((el) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '') + ': ' + el.textContent.trim().slice(0, 40))`);
}
