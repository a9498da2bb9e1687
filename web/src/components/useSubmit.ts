import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorSentence, fieldErrors } from './FormErrors';
import { isStale, showStale } from './StaleDialog';

// A form's answer from the server: `submit(run, then)` runs the request, and on failure keeps each
// field's message (`errors`, for the inputs' `error` prop) and a sentence for the whole (`error`);
// on success it clears them and calls `then`; `busy` while the request runs. A stale save (412) opens
// the stale-edit dialog instead.
export function useSubmit() {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (run: () => Promise<unknown>, then?: () => void) => {
    setBusy(true);
    try {
      await run();
      setErrors({});
      setError('');
      then?.();
    } catch (e) {
      if (isStale(e)) { setErrors({}); setError(''); showStale(); return; }
      setErrors(fieldErrors(e, t));
      setError(errorSentence(e, t));
    } finally {
      setBusy(false);
    }
  };
  // A check made in the page before asking the server: its field's message, and no earlier sentence.
  const refuse = (field: string, message: string) => { setErrors({ [field]: message }); setError(''); };
  return { errors, error, busy, submit, setErrors, refuse };
}
