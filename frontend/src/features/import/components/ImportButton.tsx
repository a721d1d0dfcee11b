import { Button, Progress, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { backend, type ImportProblem } from '@/lib/backend';
import { errorMessage } from '@/lib/errorMessage';
import { formatCount } from '@/lib/format';
import { useImportFiles } from '../api/useImportFiles';
import { ImportProblems } from './ImportProblems';

function ImportProgress({ bytes, total }: { bytes: number; total: number }) {
  const { t } = useTranslation();
  const percent = Math.min(100, Math.round((bytes / total) * 100));
  return (
    <Stack gap={2} w={140} aria-live="polite">
      <Progress value={percent} size="sm" animated aria-label={t('import.running')} />
      <Text size="xs" c="dimmed">
        {t('import.progress', { percent })}
      </Text>
    </Stack>
  );
}

/** Import…: the native open dialog, then the import with progress, then the outcome. */
export function ImportButton() {
  const { t, i18n } = useTranslation();
  const importFiles = useImportFiles();
  const [choosing, setChoosing] = useState(false);
  const [problems, setProblems] = useState<ImportProblem[]>([]);

  async function run() {
    let paths: string[];
    setChoosing(true);
    try {
      paths = await backend.chooseImportFiles();
    } catch (err) {
      notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(t, err) });
      return;
    } finally {
      setChoosing(false);
    }
    if (paths.length === 0) return;
    try {
      const result = await importFiles.mutateAsync(paths);
      if (result.problems.length > 0) {
        setProblems(result.problems);
        return;
      }
      notifications.show({
        color: 'teal',
        title: t('import.successTitle'),
        message: t('import.success', { count: result.total, formatted: formatCount(result.total, i18n.language) }),
      });
    } catch (err) {
      notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(t, err) });
    }
  }

  const p = importFiles.progress;
  return (
    <>
      <Button
        leftSection={<IconFileImport size={18} />}
        loading={choosing || importFiles.isPending}
        onClick={() => void run()}
      >
        {t('import.button')}
      </Button>
      {importFiles.isPending && p && p.totalBytes > 0 && <ImportProgress bytes={p.bytes} total={p.totalBytes} />}
      {problems.length > 0 && <ImportProblems problems={problems} onClose={() => setProblems([])} />}
    </>
  );
}
