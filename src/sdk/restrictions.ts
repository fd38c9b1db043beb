/**
 * Names of the ERC-1404 restriction codes of the core (contracts/token/TransferRestriction.sol).
 * The human message comes from the token itself (`messageForTransferRestriction`), so it also
 * covers the codes an instrument adds from 32.
 */
export const TransferRestriction = {
  SUCCESS: 0,
  PAUSED: 1,
  SENDER_NOT_VERIFIED: 2,
  RECEIVER_NOT_VERIFIED: 3,
  SENDER_FROZEN: 4,
  RECEIVER_FROZEN: 5,
  SENDER_COUNTRY_NOT_ALLOWED: 6,
  RECEIVER_COUNTRY_NOT_ALLOWED: 7,
  SENDER_CATEGORY_NOT_ALLOWED: 8,
  RECEIVER_CATEGORY_NOT_ALLOWED: 9,
  INSUFFICIENT_BALANCE: 10,
  INSUFFICIENT_UNFROZEN_BALANCE: 11,
  LOCKED_UP: 12,
  MAX_BALANCE_EXCEEDED: 13,
  MAX_HOLDERS_REACHED: 14,
  COMPLIANCE_MODULE_REFUSED: 15,
} as const;

export type TransferRestrictionName = keyof typeof TransferRestriction;

const names = new Map<number, string>(Object.entries(TransferRestriction).map(([name, code]) => [code, name]));

/** The name of a core restriction code, or `INSTRUMENT_<code>` for an instrument's own code. */
export function restrictionName(code: number): string {
  return names.get(code) ?? `INSTRUMENT_${code}`;
}
