import type { AppContext } from '../../context.js';
import { route, type RouteDef } from '../../http/routes.js';

export function homeRoutes(_ctx: AppContext): RouteDef[] {
  return [
    route('get', '/', ['admin', 'supervisor', 'adviser'], (req, res) => {
      res.render('home/index', { title: req.t('common.home') });
    }),
  ];
}
