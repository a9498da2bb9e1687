import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { errorSentence } from './FormErrors';
import { isStale, showStale } from './StaleDialog';

// Runs one user action against the server: a green notice with `done` and `after()` when it worked,
// a red notice naming the failure (plus `detail(e)`, when given) when it did not, and the stale-edit
// dialog when the record changed since the page read it (412).
export function useAction(after: () => void, opts: { detail?: (e: unknown) => string; afterFailure?: boolean } = {}) {
  const { t } = useTranslation();
  return async (f: () => Promise<unknown>, done: string) => {
    try {
      await f();
      notifications.show({ color: 'teal', message: done });
      after();
    } catch (e) {
      if (isStale(e)) { showStale(); return; }
      const detail = opts.detail?.(e) ?? '';
      notifications.show({ color: 'red', message: detail ? `${errorSentence(e, t)} ${detail}` : errorSentence(e, t), autoClose: 10000 });
      if (opts.afterFailure) after();
    }
  };
}
