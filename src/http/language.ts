import type { RequestHandler } from 'express';
import { fromAcceptLanguage, translator } from '../i18n/index.js';

/** The user's setting, then the session's switch, then Accept-Language, then Finnish. */
export const languageMiddleware: RequestHandler = (req, res, next) => {
  req.lang = req.user?.language ?? req.session?.language ?? fromAcceptLanguage(req.get('accept-language')) ?? 'fi';
  req.t = translator(req.lang);
  res.setHeader('Content-Language', req.lang);
  next();
};
