import { Alert, Button, Code, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { BackendError, ErrorCode } from '@/lib/backend';
import { portalApi as backend, type PortalInviteResult } from '../api/portalApi';
import { errorMessage } from '@/lib/errorMessage';

/**
 * "Bjud in till kundportalen" on the card of a private customer or a contact person
 * (src/app shows it to administrators): makes an invitation, sends its link by SMS, and shows the link with
 * where it went, or why no SMS went (no phone: where to add one).
 */
export function PortalInviteButton({ type, id, values }: { type: string; id: string; values: Record<string, unknown> }) {
  const { t } = useTranslation();
  const invite = useMutation({ mutationFn: () => backend.inviteBySms(type, id) });
  const invitable = type === 'contact_person' || (type === 'customer' && values.kind === 'private');
  if (!invitable) return null;
  return (
    <>
      <Button variant="light" leftSection={<IconSend size={16} />} loading={invite.isPending} onClick={() => invite.mutate()} data-testid="portal-invite">
        {t('portal.card.button')}
      </Button>
      <Modal opened={invite.isError || invite.isSuccess} onClose={() => invite.reset()} title={t('portal.card.title')} centered size="lg">
        {invite.error && <ErrorAlert error={invite.error} />}
        {invite.data && <InviteResult result={invite.data} />}
      </Modal>
    </>
  );
}

function InviteResult({ result }: { result: PortalInviteResult }) {
  const { t } = useTranslation();
  const expires = new Date(result.expires).toLocaleString();
  return (
    <Stack data-testid="portal-invite-result">
      {result.smsTo ? (
        <Alert color="teal" data-testid="portal-invite-sms">
          {t('portal.card.smsSent', { to: result.smsTo, expires })}
        </Alert>
      ) : (
        <Alert color="orange" data-testid="portal-invite-no-sms">
          <Text size="sm">{result.noPhone ? t('portal.card.noPhone') : t('portal.card.smsFailed')}</Text>
          <Text size="sm">
            {result.noPhone
              ? `${errorMessage(t, new BackendError(ErrorCode.NoPhone, '', undefined, result.noPhone))} ${t('portal.card.noPhoneHint')}`
              : errorMessage(t, new BackendError(result.smsError, ''))}
          </Text>
          <Text size="sm">{t('portal.card.giveLink', { email: result.email, expires })}</Text>
        </Alert>
      )}
      <div>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {t('portal.card.link')}
        </Text>
        <Code block data-testid="portal-invite-card-link">
          {result.link}
        </Code>
      </div>
    </Stack>
  );
}
