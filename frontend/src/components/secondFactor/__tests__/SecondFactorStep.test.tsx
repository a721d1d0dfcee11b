import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { BackendError, ErrorCode, type Challenge } from '@/lib/backend';
import { renderWithApp } from '@/testing/render';
import { SecondFactorResend, SecondFactorStep, SecondFactorSwitch, useSecondFactor, type SecondFactorProof } from '../SecondFactorStep';

const challenge: Challenge = { id: 'c1', to: '070-*** ** 67' } as Challenge;

function Harness({ start, onProof, variant = 'dialog' }: { start: () => Promise<Challenge>; onProof: (p: SecondFactorProof) => void; variant?: 'page' | 'dialog' }) {
  const factor = useSecondFactor(start);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onProof(factor.proof());
      }}
    >
      <SecondFactorStep factor={factor} variant={variant} />
      <SecondFactorSwitch factor={factor} variant={variant} />
      <SecondFactorResend factor={factor} />
      {factor.error != null && <p role="alert">{(factor.error as BackendError).code}</p>}
      <button type="submit">ok</button>
    </form>
  );
}

describe('the shared second-factor step', () => {
  it('asks for no code before one was sent, then says where it went and sends the challenge with the code', async () => {
    const start = vi.fn().mockResolvedValue(challenge);
    const onProof = vi.fn();
    renderWithApp(<Harness start={start} onProof={onProof} />, { language: 'sv' });
    expect(screen.queryByLabelText('Kod')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Skicka en ny kod' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Skicka kod via SMS' }));
    expect(await screen.findByText('En kod skickades till 070-*** ** 67.')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Kod'), ' 123456 ');
    await userEvent.click(screen.getByRole('button', { name: 'ok' }));
    expect(onProof).toHaveBeenCalledWith({ challengeId: 'c1', code: '123456', totp: false });
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('uses the authenticator app without sending an SMS, and drops what was typed on a switch', async () => {
    const start = vi.fn().mockResolvedValue(challenge);
    const onProof = vi.fn();
    renderWithApp(<Harness start={start} onProof={onProof} variant="page" />, { language: 'en' });
    await userEvent.click(screen.getByRole('button', { name: 'Use the authenticator app instead' }));
    await userEvent.type(screen.getByLabelText(/Code from the authenticator app/), '654321');
    await userEvent.click(screen.getByRole('button', { name: 'Use an SMS code instead' }));
    await userEvent.click(screen.getByRole('button', { name: 'Use the authenticator app instead' }));
    expect(screen.getByLabelText(/Code from the authenticator app/)).toHaveValue('');
    await userEvent.type(screen.getByLabelText(/Code from the authenticator app/), '111222');
    await userEvent.click(screen.getByRole('button', { name: 'ok' }));
    expect(onProof).toHaveBeenCalledWith({ challengeId: '', code: '111222', totp: true });
    expect(start).not.toHaveBeenCalled();
  });

  it('shows why a code could not be sent and keeps the send button', async () => {
    const start = vi.fn().mockRejectedValue(new BackendError(ErrorCode.NoPhone, 'no phone', undefined, 'settings_users'));
    renderWithApp(<Harness start={start} onProof={vi.fn()} variant="page" />, { language: 'en' });
    await userEvent.click(screen.getByRole('button', { name: 'Send code by SMS' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('no_phone');
    expect(screen.getByRole('button', { name: 'Send code by SMS' })).toBeInTheDocument();
    expect(screen.queryByTestId('code-sent')).toBeNull();
  });

  it('on the login page, tells how long the code lasts and offers another', async () => {
    const start = vi.fn().mockResolvedValue(challenge);
    renderWithApp(<Harness start={start} onProof={vi.fn()} variant="page" />, { language: 'en' });
    await userEvent.click(screen.getByRole('button', { name: 'Send code by SMS' }));
    expect(await screen.findByTestId('code-sent')).toHaveTextContent('A code was sent to 070-*** ** 67. It is valid for 10 minutes.');
    await userEvent.click(screen.getByRole('button', { name: 'Send a new code' }));
    expect(start).toHaveBeenCalledTimes(2);
  });
});
