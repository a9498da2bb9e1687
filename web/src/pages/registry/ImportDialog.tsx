import { Alert, Button, FileInput, Group, Modal, Progress, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ImportReport } from '../../api/registry';
import { errorSentence, fieldErrorSentence } from '../../components/FormErrors';

type Report = ImportReport;

// Two steps: check the file (every bad row listed with the reason), then import it all or nothing.
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async (dry: boolean) => {
    if (!file) return;
    setBusy(true); setError(null);
    try {
      const text = await file.text();
      const r = await api<Report>('POST', `/api/v1/organisations/import${dry ? '?dry_run=1' : ''}`,
        { raw: text, contentType: 'text/csv' });
      if (dry) setReport(r);
      else { notifications.show({ color: 'teal', message: t('import.done', { count: r.imported }) }); onClose(); }
    } catch (e) { setError(errorSentence(e, t)); } finally { setBusy(false); }
  };
  const errorText = (e: Report['errors'][number]) => fieldErrorSentence(t, e);
  return (
    <Modal opened onClose={onClose} title={t('import.title')} size="xl">
      <Stack>
        <Text size="sm">{t('import.help')}</Text>
        <FileInput label={t('import.file')} accept=".csv,text/csv" value={file} onChange={(f) => { setFile(f); setReport(null); }} />
        {busy && <Progress value={100} animated aria-label={t('common.loading')} />}
        {error && <Alert color="red" role="alert">{error}</Alert>}
        {report && (
          <>
            <Alert color={report.invalid ? 'orange' : 'teal'}>{t('import.summary', { rows: report.rows, valid: report.valid, invalid: report.invalid })}{report.invalid ? ` ${t('import.fixFirst')}` : ''}</Alert>
            {report.errors.length > 0 && (
              <Table withTableBorder striped data-testid="import-errors">
                <Table.Thead><Table.Tr><Table.Th>{t('import.line')}</Table.Th><Table.Th>{t('import.field')}</Table.Th><Table.Th>{t('import.problem')}</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {report.errors.slice(0, 200).map((e, i) => (
                    <Table.Tr key={i}><Table.Td>{e.line}</Table.Td><Table.Td>{t(`org.${e.field}`, { defaultValue: e.field })}</Table.Td><Table.Td>{errorText(e)}</Table.Td></Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => send(true)} disabled={!file} loading={busy}>{t('import.check')}</Button>
          <Button onClick={() => send(false)} disabled={!report || report.invalid > 0 || report.valid === 0} loading={busy}>
            {t('import.commit', { count: report?.valid ?? 0 })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
