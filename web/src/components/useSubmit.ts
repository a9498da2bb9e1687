import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorSentence, fieldErrors } from './FormErrors';
import { isStale, showStale } from './StaleDialog';

// A form's answer from the server: `submit(run, then)` runs the request, and on failure keeps each
// field's message (`errors`, for the inputs' `error` prop) and a sentence for the whole (`error`);
// on success it clears them and calls `then`. A stale save (412) opens the stale-edit dialog instead.
export function useSubmit() {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const submit = async (run: () => Promise<unknown>, then?: () => void) => {
    try {
      await run();
      setErrors({});
      setError('');
      then?.();
    } catch (e) {
      if (isStale(e)) { setErrors({}); setError(''); showStale(); return; }
      setErrors(fieldErrors(e, t));
      setError(errorSentence(e, t));
    }
  };
  return { errors, error, submit, setErrors };
}
