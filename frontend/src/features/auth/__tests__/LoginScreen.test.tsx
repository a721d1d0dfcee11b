import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BackendError, ErrorCode, EventName } from '@/lib/backend';
import { authApi } from '../api/authApi';
import { renderWithApp } from '@/testing/render';
import { LoginScreen } from '../components/LoginScreen';

vi.mock('../api/authApi', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/authApi')>();
  return { ...real, authApi: { login: vi.fn() } };
});

const login = vi.mocked(authApi.login);

beforeEach(() => {
  login.mockReset();
});

async function submit(username: string, password: string) {
  await userEvent.type(screen.getByLabelText(/Username/), username);
  await userEvent.type(screen.getByLabelText(/Password/), password);
  await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
}

describe('LoginScreen', () => {
  it('says a wrong password clearly and empties the field', async () => {
    login.mockImplementation(() => Promise.reject(new BackendError(ErrorCode.BadCredentials, 'wrong')));
    const onLoggedIn = vi.fn();
    renderWithApp(<LoginScreen orgName="Test AB" onLoggedIn={onLoggedIn} />);
    expect(screen.getByText('Dataskydd for Test AB')).toBeInTheDocument();
    await submit('anna', 'fel');
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong username or password');
    expect(login.mock.calls).toEqual([['anna', 'fel']]);
    expect(screen.getByLabelText(/Password/)).toHaveValue('');
    expect(onLoggedIn).not.toHaveBeenCalled();
  });

  it('tells when a backed-off account may try again', async () => {
    login.mockImplementation(() => Promise.reject(new BackendError(ErrorCode.Throttled, 'wait', '2026-03-01T09:30:00Z')));
    renderWithApp(<LoginScreen orgName="Test AB" onLoggedIn={vi.fn()} />);
    await submit('anna', 'x');
    const time = new Date('2026-03-01T09:30:00Z').toLocaleTimeString('en');
    expect(await screen.findByRole('alert')).toHaveTextContent(`You can try again at ${time}.`);
  });

  it('hands the session on after a good login, in Swedish too', async () => {
    const session = { userId: 'U1', username: 'anna', roles: ['admin'], idleLockMinutes: 15 };
    login.mockResolvedValue(session);
    const onLoggedIn = vi.fn();
    renderWithApp(<LoginScreen orgName="Test AB" locked onLoggedIn={onLoggedIn} />, { language: 'sv' });
    expect(screen.getByTestId('locked-notice')).toHaveTextContent('Appen låstes');
    await userEvent.type(screen.getByLabelText(/Användarnamn/), ' anna ');
    await userEvent.type(screen.getByLabelText(/Lösenord/), 'rätt lösenord');
    await userEvent.click(screen.getByRole('button', { name: 'Logga in' }));
    expect(login).toHaveBeenCalledWith('anna', 'rätt lösenord');
    expect(onLoggedIn).toHaveBeenCalledWith(session);
  });

  it('names the organisation, and never says "Dataskydd för Dataskydd" without one', () => {
    const { unmount } = renderWithApp(<LoginScreen orgName="Rörläggar-Nisse AB" onLoggedIn={vi.fn()} />, { language: 'sv' });
    expect(screen.getByText('Dataskydd för Rörläggar-Nisse AB')).toBeInTheDocument();
    unmount();
    for (const org of ['', 'Dataskydd', '  ']) {
      const r = renderWithApp(<LoginScreen orgName={org} onLoggedIn={vi.fn()} />, { language: 'sv' });
      expect(screen.queryByText(/Dataskydd för/)).toBeNull();
      expect(screen.getByText('GDPR-stöd för småföretag')).toBeInTheDocument();
      r.unmount();
    }
  });

  it('shows how far a rebuild of the search index has come while the login waits for it', async () => {
    const handlers = new Map<string, (data: unknown) => void>();
    const runtime = {
      EventsOnMultiple: (name: string, cb: (data: unknown) => void) => {
        handlers.set(name, cb);
        return () => handlers.delete(name);
      },
    };
    Object.assign(window, { runtime });
    try {
      renderWithApp(<LoginScreen orgName="Test AB" onLoggedIn={vi.fn()} />);
      expect(screen.queryByTestId('index-rebuild')).toBeNull();
      act(() => handlers.get(EventName.IndexProgress)?.({ done: 450, total: 1000, finished: false }));
      expect(await screen.findByTestId('index-rebuild')).toHaveTextContent('The search index is being rebuilt (45%). Logging in waits until it is done.');
      act(() => handlers.get(EventName.IndexProgress)?.({ done: 0, total: 0, finished: true }));
      expect(screen.queryByTestId('index-rebuild')).toBeNull();
    } finally {
      Reflect.deleteProperty(window, 'runtime');
    }
  });
});
