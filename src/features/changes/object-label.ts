import type { AppContext } from '../../context.js';
import type { Lang, Translate } from '../../i18n/index.js';
import type { ObjectRef } from '../audit/rules.js';
import { periodWords, shortDay, turnWords } from '../planning/words.js';

/**
 * Puts a change's stored object (structured data, see audit/rules.ts) into
 * words in the reader's language: "Phone advisory Mon 7.12.2026 9–12, Espoo",
 * "7.–13. joulukuuta 2026, Espoo", an adviser's or a city's name.
 */
export function objectLabel(ctx: AppContext, json: string | null, lang: Lang, t: Translate): string | null {
  if (json === null) return null;
  let ref: ObjectRef;
  try {
    ref = JSON.parse(json) as ObjectRef;
  } catch {
    return null;
  }
  const rosters = ctx.repos.rosters;
  const city = ref.cityId ? rosters.cities().find((c) => c.id === ref.cityId) : undefined;
  const service = ref.serviceId ? rosters.services().find((s) => s.id === ref.serviceId) : undefined;
  const cityName = city ? city[`name_${lang}`] : null;
  const serviceName = service ? service[`name_${lang}`] : null;
  switch (ref.type) {
    case 'turn':
      if (ref.serviceId && ref.start && ref.end && ref.date) {
        return turnWords(ctx, { service_id: ref.serviceId, city_id: ref.cityId ?? null, start_at: ref.start, end_at: ref.end, date: ref.date }, lang);
      }
      break;
    case 'period':
      if (ref.from && ref.to) return [periodWords(ref.from, ref.to, lang), cityName].filter(Boolean).join(', ');
      break;
    case 'adviser': {
      const a = ref.adviserId ? ctx.repos.audit.adviserNames([ref.adviserId])[0] : undefined;
      return a?.name ?? ref.name ?? null;
    }
    case 'city':
      return cityName ?? ref.name ?? null;
    case 'service':
      return serviceName ?? ref.name ?? null;
    case 'share':
      return [serviceName, ref.date ? t('changeLog.o_from', { date: shortDay(ref.date, lang) }) : null].filter(Boolean).join(' ');
    default:
      break;
  }
  const parts = [ref.name, serviceName, ref.date ? shortDay(ref.date, lang) : null, ref.from && ref.to ? periodWords(ref.from, ref.to, lang) : null, cityName];
  const text = parts.filter(Boolean).join(', ');
  return text || null;
}
