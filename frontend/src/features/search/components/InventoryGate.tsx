import { Button, Center, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { SecondFactorResend, SecondFactorStep, useSecondFactor } from '@/components/secondFactor/SecondFactorStep';
import { BackendError, ErrorCode } from '@/lib/backend';
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

/** The code step (the shared second-factor step, SMS): send a code, type it, and the inventory opens. */
export function InventoryCodeForm({ onPassed }: { onPassed: () => void }) {
  const { t } = useTranslation();
  const factor = useSecondFactor(backend.startChallenge);
  const submit = (event: FormEvent) =>
    factor.submit(event, async () => {
      const proof = factor.proof();
      await backend.passChallenge(proof.challengeId, proof.code);
      onPassed();
    });

  return (
    <Paper withBorder p="lg" maw={520} component="form" onSubmit={submit} data-testid="inventory-code-form">
      <Stack>
        <Title order={3}>{t('search.inventory.title')}</Title>
        <Text size="sm">{t('search.inventory.intro')}</Text>
        <SecondFactorStep factor={factor} variant="dialog" />
        {factor.error != null && <ErrorAlert error={factor.error} />}
        {factor.challenge && (
          <Group>
            <SecondFactorResend factor={factor} disabled={factor.busy} />
            <Button type="submit" loading={factor.busy} disabled={factor.code.trim() === ''}>
              {t('search.inventory.verify')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
