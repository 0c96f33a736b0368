/**
 * The e-Box's vocabulary (portal.md §4.2): the legislations a document belongs to and the document types. The types
 * and their validity live in the table `ebox_message_types` (POD MI can change the validity); this list names them for
 * the code and the texts (`ebox.type.<code>`, `ebox.legislation.<code>`).
 */
export const LEGISLATIONS = ['RMI', 'WET65', 'VOH', 'SUBSIDIES', 'GENERAL'] as const;
export type Legislation = (typeof LEGISLATIONS)[number];

export const MESSAGE_TYPES = [
  'MAANDSTAAT',
  'LIJST_AANVAARD',
  'LIJST_GEWEIGERD',
  'BRIEF_LEGALITEIT',
  'JAARAFREKENING',
  'BIJLAGE_AFREKENING',
  'TUSSENTIJDSE_MAANDSTAAT',
  'LIJST_KNIPPERLICHTEN',
  'LIJST_GEBLOKKEERD',
  'UV_VERZENDBEWIJS',
  'UV_AFREKENING',
  'UV_CORRECTIE',
  'INFO',
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** The texts of the types and legislations (literal keys: the i18n test reads them here). */
export const TYPE_KEYS: Record<MessageType, string> = {
  MAANDSTAAT: 'ebox.type.MAANDSTAAT',
  LIJST_AANVAARD: 'ebox.type.LIJST_AANVAARD',
  LIJST_GEWEIGERD: 'ebox.type.LIJST_GEWEIGERD',
  BRIEF_LEGALITEIT: 'ebox.type.BRIEF_LEGALITEIT',
  JAARAFREKENING: 'ebox.type.JAARAFREKENING',
  BIJLAGE_AFREKENING: 'ebox.type.BIJLAGE_AFREKENING',
  TUSSENTIJDSE_MAANDSTAAT: 'ebox.type.TUSSENTIJDSE_MAANDSTAAT',
  LIJST_KNIPPERLICHTEN: 'ebox.type.LIJST_KNIPPERLICHTEN',
  LIJST_GEBLOKKEERD: 'ebox.type.LIJST_GEBLOKKEERD',
  UV_VERZENDBEWIJS: 'ebox.type.UV_VERZENDBEWIJS',
  UV_AFREKENING: 'ebox.type.UV_AFREKENING',
  UV_CORRECTIE: 'ebox.type.UV_CORRECTIE',
  INFO: 'ebox.type.INFO',
};

export const LEGISLATION_KEYS: Record<Legislation, string> = {
  RMI: 'ebox.legislation.RMI',
  WET65: 'ebox.legislation.WET65',
  VOH: 'ebox.legislation.VOH',
  SUBSIDIES: 'ebox.legislation.SUBSIDIES',
  GENERAL: 'ebox.legislation.GENERAL',
};

export function isMessageType(value: string): value is MessageType {
  return (MESSAGE_TYPES as readonly string[]).includes(value);
}

export function isLegislation(value: string): value is Legislation {
  return (LEGISLATIONS as readonly string[]).includes(value);
}

/** The publishing applications of portal.md §4.3 known to the application itself (API clients bring their own). */
export const SENDER_UNIEK_VERSLAG = 'UNIEK_VERSLAG';
export const SENDER_BACKOFFICE = 'BACKOFFICE';

/** At most six files per message, one of them the main content (EBX-1). */
export const MAX_FILES_PER_MESSAGE = 6;

/** A message's period: a month (2026-11) or a report year (2025). */
export const PERIOD = /^\d{4}(-(0[1-9]|1[0-2]))?$/;
