import type { AppContext } from '../../context.js';
import { route, type RouteDef } from '../../http/routes.js';
import { periodsInProgress } from '../planning/periods.js';
import { homePage } from './rules.js';

export function homeRoutes(ctx: AppContext): RouteDef[] {
  return [
    route('get', '/', ['admin', 'supervisor', 'adviser'], (req, res) => {
      // The route guard has admitted only logged-in users.
      if (!req.user) return res.redirect(303, '/login');
      const periods = req.user.role === 'adviser' ? null : periodsInProgress(ctx, req.lang);
      res.render('home/index', { title: req.t('common.home'), home: homePage(ctx, req.user, req.lang), periods });
    }),
  ];
}
