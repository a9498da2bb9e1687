import { Button, Checkbox, Group, Paper, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

// The declaration an evaluator makes before the subject is shown (the platform's evaluation
// mechanism, for grants' applications and contracting's offers alike): no conflict of interest, or a
// conflict with what it is.
export function Declaration({ text, pledge, onDeclare }: { text: string; pledge?: string; onDeclare: (conflict: boolean, note: string) => void }) {
  const { t } = useTranslation();
  const [noConflict, setNoConflict] = useState(false);
  const [note, setNote] = useState('');
  return (
    <Paper withBorder p="md" data-testid="declaration">
      <Title order={2} size="h4">{t('eval.declaration')}</Title>
      <Text size="sm" my="xs">{text}</Text>
      <Checkbox label={pledge ?? t('eval.noConflict')} checked={noConflict} onChange={(x) => setNoConflict(x.currentTarget.checked)} />
      <Group mt="sm">
        <Button disabled={!noConflict} onClick={() => onDeclare(false, '')}>{t('eval.declare')}</Button>
      </Group>
      <Textarea mt="md" label={t('eval.conflictNote')} value={note} onChange={(x) => setNote(x.currentTarget.value)} />
      <Button mt="xs" variant="outline" color="#c92a2a" disabled={note.trim().length < 3} onClick={() => onDeclare(true, note)}>{t('eval.declareConflict')}</Button>
    </Paper>
  );
}
