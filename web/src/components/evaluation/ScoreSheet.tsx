import { Button, Group, NumberInput, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface SheetCriterion { code: string; label: string; hint?: string; max: number }
export interface SheetScore { criterion: string; score: number; justification: string }

// An evaluator's scores, each with its justification, against each criterion's maximum (the
// platform's evaluation mechanism, for grants' applications and contracting's offers alike): saved
// as a draft or submitted. `errors` are the server's, by "scores[i].score" / "scores[i].justification".
export function ScoreSheet({ criteria, scores: initial, editable, errors, maxTotal, onSave }: {
  criteria: SheetCriterion[]; scores: SheetScore[]; editable: boolean; errors: Record<string, string>; maxTotal: number;
  onSave: (scores: SheetScore[], submit: boolean) => void;
}) {
  const { t } = useTranslation();
  const [scores, setScores] = useState<SheetScore[]>(criteria.map((k) => initial.find((s) => s.criterion === k.code) ?? { criterion: k.code, score: 0, justification: '' }));
  const total = scores.reduce((s, x) => s + (x.score || 0), 0);
  const set = (i: number, patch: Partial<SheetScore>) => setScores(scores.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  return (
    <Paper withBorder p="md" data-testid="scoring">
      <Title order={2} size="h4" mb="xs">{t('eval.scores')}</Title>
      <Stack>
        {criteria.map((k, i) => (
          <Group key={k.code} align="flex-start" wrap="wrap">
            <div style={{ width: 260, maxWidth: '100%' }}>
              <Text fw={600}>{k.label}</Text>
              <Text size="xs" c="dimmed">{k.hint ? `${k.hint} · ` : ''}{t('call.max_score')} {k.max}</Text>
            </div>
            <NumberInput aria-label={`${t('rank.score')} ${k.label}`} w={110} min={0} max={k.max} disabled={!editable} value={scores[i].score}
              onChange={(v) => set(i, { score: Number(v || 0) })} error={errors[`scores[${i}].score`]} />
            <Textarea aria-label={`${t('eval.justification')} ${k.label}`} placeholder={t('eval.justification')} style={{ flex: 1, minWidth: 220 }} autosize minRows={2} disabled={!editable}
              value={scores[i].justification} onChange={(x) => set(i, { justification: x.currentTarget.value })} error={errors[`scores[${i}].justification`]} />
          </Group>
        ))}
        <Text fw={700} data-testid="eval-total">{t('eval.total')}: {total} / {maxTotal}</Text>
        {editable && (
          <Group justify="flex-end">
            <Button variant="default" onClick={() => onSave(scores, false)}>{t('appl.saveDraft')}</Button>
            <Button onClick={() => onSave(scores, true)} data-testid="eval-submit">{t('eval.submit')}</Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
