import type { AppContext } from '../../context.js';
import { isLang, translate, type Lang, type MessageKey, type Params } from '../../i18n/index.js';

/**
 * Tells supervisors something in their inbox, each in their own language
 * (Finnish by default). Supervisors have no email address of their own in
 * vuoro, so this writes inbox rows only. Call inside the writing transaction.
 */
export function notifySupervisors(
  ctx: AppContext,
  cityIds: ReadonlySet<number>,
  message: { subjectKey: MessageKey; bodyKey: MessageKey; params: (lang: Lang) => Params },
  exceptUserId: number | null = null,
): number {
  const at = ctx.clock.now().toISOString();
  let sent = 0;
  for (const s of ctx.repos.planning.supervisors()) {
    if (!cityIds.has(s.city_id) || s.id === exceptUserId) continue;
    const lang: Lang = s.language && isLang(s.language) ? s.language : 'fi';
    const params = message.params(lang);
    ctx.repos.notifications.insert({
      userId: s.id,
      adviserId: null,
      email: null,
      language: lang,
      mailStatus: 'none',
      createdAt: at,
      subject: translate(lang, message.subjectKey, params).slice(0, 300),
      body: translate(lang, message.bodyKey, params).slice(0, 10_000),
    });
    sent += 1;
  }
  return sent;
}
