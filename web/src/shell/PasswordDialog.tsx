import { Button, Group, Modal, PasswordInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../api/client';
import { errorSentence, fieldErrors } from '../components/FormErrors';

export function PasswordDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await post('/api/v1/session/password', { current_password: current, new_password: next });
      notifications.show({ color: 'teal', message: t('user.passwordChanged') });
      setCurrent(''); setNext(''); setErrors({}); onClose();
    } catch (e) {
      setErrors(fieldErrors(e, t));
      if (!Object.keys(fieldErrors(e, t)).length) notifications.show({ color: 'red', message: errorSentence(e, t) });
    } finally { setBusy(false); }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('user.changePassword')}>
      <form noValidate onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <Stack>
          <PasswordInput label={t('user.currentPassword')} value={current} onChange={(e) => setCurrent(e.currentTarget.value)} error={errors.current_password} autoComplete="current-password" />
          <PasswordInput label={t('user.newPassword')} value={next} onChange={(e) => setNext(e.currentTarget.value)} error={errors.new_password} autoComplete="new-password" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={busy}>{t('common.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
