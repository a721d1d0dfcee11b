// Settings > Kundportal (admins) and the portal's erasure-request queue (admins, GDPR
// officers; Go: app_portal.go).
import * as PortalService from '../../../../wailsjs/go/desktop/PortalService';
import type { desktop, portal } from '../../../../wailsjs/go/models';
import { call, type Data } from '@/lib/backend';

export type PortalSettings = Data<desktop.PortalSettings>;
export type PortalStatus = Data<desktop.PortalStatus>;
export type PortalInvitation = Data<portal.Invitation>;
export type PortalInviteResult = Data<desktop.PortalInviteResult>;
export type ErasureRequest = Data<portal.ErasureRequest>;

export const portalApi = {
  settings: (): Promise<PortalSettings> => call(() => PortalService.GetPortalSettings()),
  saveSettings: (s: PortalSettings): Promise<void> => call(() => PortalService.SavePortalSettings(s as desktop.PortalSettings)),
  status: (): Promise<PortalStatus> => call(() => PortalService.GetPortalStatus()),
  start: (): Promise<PortalStatus> => call(() => PortalService.StartPortal()),
  stop: (): Promise<void> => call(() => PortalService.StopPortal()),
  invite: (kind: string, id: string): Promise<PortalInvitation> => call(() => PortalService.InviteToPortal(kind, id)),
  /** The customer card's invitation: the link, sent by SMS where the person has a phone. */
  inviteBySms: (kind: string, id: string): Promise<PortalInviteResult> => call(() => PortalService.InviteToPortalBySMS(kind, id)),
  erasureRequests: (): Promise<ErasureRequest[]> => call(() => PortalService.ListErasureRequests()),
  closeErasureRequest: (id: string, status: 'done' | 'rejected'): Promise<void> => call(() => PortalService.CloseErasureRequest(id, status)),
};
