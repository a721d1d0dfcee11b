import { Button, Center, Group, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { IconMessage } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { BackendError, ErrorCode, type Challenge } from '@/lib/backend';
import { inventoryApi as backend } from '../api/searchApi';

const stepUpKey = ['inventory', 'stepup'] as const;

/**
 * The GDPR inventory switch: while it is on, the person search (with its report and erase)
 * shows only after an SMS code, and again when the 10 minutes a code opens run out or the
 * backend refuses a call with second_factor_required.
 */
export function InventoryGate({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const status = useQuery({ queryKey: stepUpKey, queryFn: backend.stepUp, staleTime: 0 });
  const until = status.data?.openUntil ?? '';

  // A call the backend refused (the window closed in between): ask for a code again.
  useEffect(() => {
    const recheck = (error: unknown) => {
      if (error instanceof BackendError && error.code === ErrorCode.SecondFactorRequired) void client.invalidateQueries({ queryKey: stepUpKey });
    };
    const offQueries = client.getQueryCache().subscribe((e) => {
      if (e.type === 'updated' && e.action.type === 'error') recheck(e.action.error);
    });
    const offMutations = client.getMutationCache().subscribe((e) => {
      if (e.type === 'updated' && e.action.type === 'error') recheck(e.action.error);
    });
    return () => {
      offQueries();
      offMutations();
    };
  }, [client]);

  // The window closes: read the state again (the backend then says a code is due).
  useEffect(() => {
    if (!until) return;
    const id = window.setTimeout(() => void client.invalidateQueries({ queryKey: stepUpKey }), Math.max(Date.parse(until) - Date.now(), 0) + 500);
    return () => window.clearTimeout(id);
  }, [until, client]);

  if (status.isPending) {
    return (
      <Center h={120}>
        <Loader />
      </Center>
    );
  }
  if (status.error) return <ErrorAlert error={status.error} />;
  if (!status.data.asks || until !== '') return <>{children}</>;
  return <InventoryCodeForm onPassed={() => void client.invalidateQueries({ queryKey: stepUpKey })} />;
}

/** The code step: send an SMS code to the user's phone, type it, and the inventory opens. */
export function InventoryCodeForm({ onPassed }: { onPassed: () => void }) {
  const { t } = useTranslation();
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const send = async () => {
    setError(null);
    setBusy(true);
    try {
      setChallenge(await backend.startChallenge());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!challenge) return;
    setBusy(true);
    setError(null);
    try {
      await backend.passChallenge(challenge.id, code.trim());
      onPassed();
    } catch (e) {
      setError(e);
      setCode('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="lg" maw={520} component="form" onSubmit={submit} data-testid="inventory-code-form">
      <Stack>
        <Title order={3}>{t('search.inventory.title')}</Title>
        <Text size="sm">{t('search.inventory.intro')}</Text>
        {challenge ? (
          <Text size="sm" data-testid="inventory-code-sent">
            {t('search.inventory.codeSent', { to: challenge.to })}
          </Text>
        ) : (
          <Button variant="light" leftSection={<IconMessage size={16} />} onClick={send} loading={busy} w="fit-content">
            {t('search.inventory.sendCode')}
          </Button>
        )}
        {challenge && (
          <TextInput
            label={t('search.inventory.code')}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            inputMode="numeric"
            autoComplete="one-time-code"
            data-autofocus
          />
        )}
        {error != null && <ErrorAlert error={error} />}
        {challenge && (
          <Group>
            <Button variant="subtle" onClick={send} disabled={busy}>
              {t('search.inventory.resend')}
            </Button>
            <Button type="submit" loading={busy} disabled={code.trim() === ''}>
              {t('search.inventory.verify')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
