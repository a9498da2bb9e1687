import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiUrl } from '../../api/client';
import { confirmAction } from '../Confirm';
import { errorSentence, fieldErrors } from '../FormErrors';
import type { SheetScore } from './ScoreSheet';

// What an evaluator does on either evaluation page (a grant application's, an offer's): declares a
// conflict of interest or none, then saves or submits the justified scores (submitting asks first).
// The two capabilities differ only in their routes; the errors are kept per field for the score sheet.
export function useEvaluationActions(o: { declareUrl: ApiUrl; scoresUrl: ApiUrl; version: number; done: () => void }) {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const declare = async (conflict: boolean, note: string) => {
    try {
      await api('POST', o.declareUrl, { version: o.version, body: conflict ? { conflict, note } : { conflict } });
      notifications.show({ color: 'teal', message: conflict ? t('eval.conflictDone') : t('eval.declared') });
      o.done();
    } catch (x) { setError(errorSentence(x, t)); }
  };
  const save = async (scores: SheetScore[], submit: boolean) => {
    if (submit && !(await confirmAction({ title: t('ask.submitEvaluation.title'), body: t('ask.submitEvaluation.body'), final: t('ask.submitEvaluation.final'), confirm: t('eval.submit') }))) return;
    try {
      await api('PUT', o.scoresUrl, { version: o.version, body: { scores, submit } });
      notifications.show({ color: 'teal', message: submit ? t('eval.submitted') : t('common.saved') });
      o.done();
    } catch (x) { setErrors(fieldErrors(x, t)); setError(errorSentence(x, t)); }
  };
  return { declare, save, errors, error };
}
