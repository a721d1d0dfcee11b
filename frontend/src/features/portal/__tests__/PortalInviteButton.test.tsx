import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { portalApi } from '../api/portalApi';
import { renderWithApp } from '@/testing/render';
import { PortalInviteButton } from '../components/PortalInviteButton';

vi.mock('../api/portalApi', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/portalApi')>();
  return { ...real, portalApi: { ...real.portalApi, inviteBySms: vi.fn() } };
});

const inviteBySms = vi.mocked(portalApi.inviteBySms);
const base = { email: 'asa@example.se', link: 'https://portal.example.se/invite/abc', expires: '2026-12-13T10:00:00Z', smsTo: '', noPhone: '', smsError: '' };

describe('PortalInviteButton', () => {
  beforeEach(() => vi.resetAllMocks());

  it('is not offered on a company customer or another type', () => {
    renderWithApp(
      <>
        <PortalInviteButton type="customer" id="C2" values={{ kind: 'company' }} />
        <PortalInviteButton type="quote" id="Q1" values={{}} />
      </>,
    );
    expect(screen.queryByTestId('portal-invite')).not.toBeInTheDocument();
  });

  it('sends the link by SMS and says where it went', async () => {
    inviteBySms.mockResolvedValue({ ...base, smsTo: '+4670•••••67' } as never);
    renderWithApp(<PortalInviteButton type="customer" id="C1" values={{ kind: 'private' }} />);
    await userEvent.click(screen.getByRole('button', { name: 'Invite to the customer portal' }));
    expect(inviteBySms).toHaveBeenCalledWith('customer', 'C1');
    expect(await screen.findByTestId('portal-invite-sms')).toHaveTextContent('The link was sent by SMS to +4670•••••67.');
    expect(screen.getByTestId('portal-invite-card-link')).toHaveTextContent(base.link);
  });

  it('says a contact person without a phone got no SMS, where to add one, and shows the link', async () => {
    inviteBySms.mockResolvedValue({ ...base, noPhone: 'customer_card_contact' } as never);
    renderWithApp(<PortalInviteButton type="contact_person" id="K1" values={{}} />);
    await userEvent.click(screen.getByRole('button', { name: 'Invite to the customer portal' }));
    const box = await screen.findByTestId('portal-invite-no-sms');
    expect(box).toHaveTextContent('No SMS was sent: the person has no phone number.');
    expect(box).toHaveTextContent('under the contact person');
    expect(box).toHaveTextContent('Give the link to asa@example.se another way.');
    expect(screen.getByTestId('portal-invite-card-link')).toHaveTextContent(base.link);
  });
});
