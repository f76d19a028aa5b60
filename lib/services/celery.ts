import { misuse } from '../kube/misuse';

/** A Python module path such as `proj` or `proj.celery:app`; checked because it is spliced into a shell probe. */
const CELERY_APP = /^[A-Za-z_][\w.]*(:[A-Za-z_]\w*)?$/;

export function validateCeleryApp(path: string, app: string): string {
  if (!CELERY_APP.test(app)) {
    throw misuse(path, 'invalid-celery-app', 'celeryApp is not a Python module path', app, 'pass the value of `celery -A`, e.g. "proj" or "proj.celery:app"');
  }
  return app;
}
