import { Alert, Center, Loader } from '@mantine/core';
import type { TFunction } from 'i18next';
import type { ReactElement } from 'react';
import { ApiError } from '../api/client';
import { errorSentence } from './FormErrors';

interface Readable { error: unknown; data: unknown }

// One loading/error wrapper for every page that reads records: the server's refusal (403, 404, …) as a
// sentence in the user's language while any read failed, a loader while any is still coming, and
// null once all have come — never an endless spinner or a blank page.
//   const wait = gate(t, q, call); if (wait) return wait;
export function gate(t: TFunction, ...reads: Readable[]): ReactElement | null {
  const failed = reads.find((r) => r.error);
  if (failed) {
    const status = failed.error instanceof ApiError ? failed.error.status : 0;
    const title = status === 403 ? t('page.forbidden') : status === 404 ? t('page.notFound') : t('page.failed');
    return (
      <Alert color="red" role="alert" m="md" title={title} data-testid="page-error" data-status={status || undefined}>
        {errorSentence(failed.error, t)}
        {status === 403 && <><br />{t('page.forbiddenHelp')}</>}
      </Alert>
    );
  }
  if (reads.some((r) => r.data === undefined)) return <Center p="xl"><Loader aria-label={t('common.loading')} /></Center>;
  return null;
}
