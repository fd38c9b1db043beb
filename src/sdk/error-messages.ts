/**
 * One sentence per custom error of the toolkit's contracts. Each takes the error's arguments by
 * name, already readable (src/sdk/readable.ts): tokens with units, ISO dates, durations, roles by
 * name. An error without a sentence here reads `Name(argument value, ...)`.
 */
export type Describe = (r: Record<string, string>) => string;

/** The DocumentRegistry's errors (contracts/documents/IDocumentRegistry.sol); names as the registry keys them. */
const DOCUMENT_MESSAGES: Record<string, Describe> = {
  DocumentRegistryEmptyName: () => "The document name is empty.",
  DocumentRegistryEmptyUri: (r) => `The URI of document ${r.name} is empty.`,
  DocumentRegistryZeroHash: (r) => `The hash of document ${r.name} is zero.`,
  DocumentRegistryZeroInstrument: () =>
    "The instrument is the zero address: the deployment's documents use setDocument.",
  DocumentRegistryUnchanged: (r) => `Document ${r.name} of ${r.instrument} already has this URI and hash.`,
  DocumentRegistryNotFound: (r) => `${r.instrument} has no document ${r.name}.`,
};

const MAY_NOT = "not verified, frozen, or its country or category is not allowed";

export const MESSAGES: Record<string, Describe> = {
  EnforcedPause: () => "The token is paused.",
  ExpectedPause: () => "The token is not paused.",
  ERC7943CannotSend: (r) => `${r.account} may not send: ${MAY_NOT}.`,
  ERC7943CannotReceive: (r) => `${r.account} may not receive: ${MAY_NOT}.`,
  ERC7943CannotTransfer: (r) => `The compliance module refuses moving ${r.amount} from ${r.from} to ${r.to}.`,
  ERC7943InsufficientUnfrozenBalance: (r) =>
    `${r.account} tried to move ${r.amount} but only ${r.unfrozen} of its tokens are unfrozen.`,
  ERC20InsufficientBalance: (r) => `${r.sender} holds ${r.balance}, less than the ${r.needed} it tried to move.`,
  ERC20InsufficientAllowance: (r) =>
    `${r.spender} may spend ${r.allowance}, less than the ${r.needed} it tried to move.`,
  ERC20InvalidReceiver: (r) => `${r.receiver} cannot receive tokens (zero address).`,
  ERC20InvalidSender: (r) => `${r.sender} cannot send tokens (zero address).`,
  ERC20ExceededCap: (r) => `The mint would bring the total supply to ${r.increasedSupply}, above the cap of ${r.cap}.`,
  RegulatedTokenLockedUp: (r) => `${r.from} may not transfer before the lock-up ends at ${r.lockUpEndsAt}.`,
  RegulatedTokenMaxBalanceExceeded: (r) =>
    `${r.to} would hold ${r.balanceAfter}, above the maximum balance per wallet of ${r.maxBalance}.`,
  RegulatedTokenMaxHoldersReached: (r) =>
    `${r.to} would be a new holder, but the token has its ${r.maxHolders} holders.`,
  RegulatedTokenInvalidRegistry: (r) => `${r.registry} is not an investor registry that answers eligibilityOfPair.`,
  RegulatedTokenInvalidComplianceModule: (r) => `${r.module} is not a contract.`,
  RegulatedTokenInvalidCountry: (r) => `${r.country} is not an ISO 3166-1 numeric country code (1 to 999).`,
  RegulatedTokenInvalidRecovery: (r) => `${r.replacement} is not another wallet of the investor who owns ${r.lost}.`,
  ReferencedActionsZeroReference: () => "The reference of the action is zero.",
  BatchLengthMismatch: (r) => `The batch's arrays differ in length: ${r.expected} items against ${r.actual}.`,
  InvestorRegistryInvalidWallet: (r) => `Wallet ${r.wallet} is not valid (zero address).`,
  InvestorRegistryInvalidInvestorId: (r) => `The investorId of ${r.wallet} is zero.`,
  InvestorRegistryInvalidCountry: (r) =>
    `The country ${r.country} of ${r.wallet} is not an ISO 3166-1 numeric code (1 to 999).`,
  InvestorRegistryInvalidCategory: (r) =>
    `The category ${r.category} of ${r.wallet} is not a valid category (1 to 15).`,
  InvestorRegistryExpiryNotInFuture: (r) =>
    `The KYC expiry ${r.expiresAt} of ${r.wallet} is not after the current block time ${r.currentTime}.`,
  InvestorRegistryAlreadyRegistered: (r) => `${r.wallet} is already registered: update it instead.`,
  InvestorRegistryNotRegistered: (r) => `${r.wallet} is not registered, or its registration is revoked.`,
  AccessControlUnauthorizedAccount: (r) => `${r.account} lacks the role ${r.neededRole}.`,

  DebtSecurityInvalidIsin: (r) => `"${r.isin}" is not a valid ISIN (format or check digit).`,
  DebtSecurityInvalidSettlementToken: (r) => `The settlement token ${r.token} is not a contract.`,
  DebtSecurityInvalidTreasury: () => "The treasury wallet is the zero address.",
  DebtSecurityInvalidFaceValue: (r) => `The face value ${r.faceValue} is not valid (zero).`,
  DebtSecurityInvalidDates: (r) => `The maturity date ${r.maturityDate} is not after the issue date ${r.issueDate}.`,
  DebtSecurityInvalidBidder: (r) => `An allotment names ${r.bidder} (the zero address) as bidder.`,
  DebtSecurityInvalidAmount: (r) => `The amount ${r.amount} is not valid for this operation.`,
  DebtSecurityInvalidPrice: (r) => `The price ${r.price} per token is zero or above the instrument's limit.`,
  DebtSecurityAllotmentNotPending: (r) => `Allotment ${r.id} is ${r.status}, not pending.`,
  DebtSecurityOnlySelf: (r) => `${r.caller} called a function only the security itself may call.`,
  DebtSecurityMatured: (r) => `The operation closed at the maturity date ${r.maturityDate}.`,
  DebtSecurityNotMatured: (r) => `The operation opens at the maturity date ${r.maturityDate}.`,
  DebtSecurityTransferAmountMismatch: (r) =>
    `A settlement-token transfer of ${r.expected} delivered ${r.received} (a token with fees is not supported).`,
  DebtSecurityNothingToFund: (r) => `Nothing to fund: ${r.available} funded covers the ${r.required} required.`,
  DebtSecurityNothingToSweep: (r) =>
    `Nothing to sweep: ${r.available} held does not exceed the ${r.liability} holders can still claim.`,
  DebtSecurityInsufficientFunding: (r) => `A payout of ${r.payout} exceeds the ${r.available} funded.`,
  DebtSecurityBatchGasShort: (r) =>
    `The batch has ${r.left} gas left before a step that needs ${r.needed}: send it with more gas.`,

  TreasuryBillInvalidDate: (r) => `${r.asOf} is after the maturity date (or, for a yield, on it).`,
  TreasuryBillInvalidRolloverSource: (r) =>
    `${r.bill} cannot be rolled into this bill: it is this bill or is paid in another settlement token.`,
  TreasuryBillRolloverClosed: (r) => `No rollover price is set for ${r.maturedBill}.`,

  CommodityReserveInvalidMetadata: (r) => `The metadata field "${r.field}" is empty or zero.`,
  CommodityReserveAttestationInFuture: (r) =>
    `The attestation as of ${r.asOf} is after the current block time ${r.currentTime}.`,
  CommodityReserveAttestationNotNewer: (r) =>
    `The attestation as of ${r.asOf} is not after the latest one, as of ${r.previousAsOf}.`,
  CommodityReserveInvalidReport: () => "The attestation has a zero report hash or an empty URI.",
  CommodityReserveUnknownAttestation: (r) => `There is no attestation ${r.index}: ${r.count} were recorded.`,
  CommodityReserveNoAttestation: () => "No reserve attestation has been recorded yet.",
  CommodityReserveAttestationStale: (r) =>
    r.asOf.startsWith("none")
      ? `No reserve attestation is recorded: attest the reserves first (an attestation is valid for ${r.maxAge}).`
      : `The latest attestation, as of ${r.asOf}, is older than ${r.maxAge} at ${r.currentTime}: a fresh one is due.`,
  CommodityReserveFeedStale: (r) =>
    `The reserve feed's answer, updated at ${r.updatedAt}, is more than ${r.maxAge} before ${r.currentTime}, or after it.`,
  CommodityReserveFeedUnavailable: (r) => `The reserve feed ${r.feed} cannot be read.`,
  CommodityReserveFeedDecimalsChanged: (r) =>
    `The reserve feed ${r.feed} now reports ${r.reported} decimals, not the ${r.recorded} it had when it was set.`,
  CommodityReserveFeedAnswerNotPositive: (r) => `The reserve feed answers ${r.answer}: not above zero.`,
  CommodityReserveInvalidFeed: (r) =>
    `${r.feed} is not a usable reserve feed: its decimals (${r.decimals}) cannot be read or are too many.`,
  CommodityReserveUnderCollateralised: (r) =>
    `The supply of ${r.supply} exceeds the capacity of ${r.capacity} the reserves back.`,
  CommodityReserveCapacityExceeded: (r) =>
    `The supply after the mint, ${r.supplyAfter}, exceeds capacity ${r.capacity} (what the reserves back).`,
  CommodityReserveInvalidRedemption: (r) =>
    `A redemption request of ${r.amount} with settlement reference ${r.settlementReference}: both must be non-zero.`,
  CommodityReserveRedemptionNotPending: (r) => `Redemption request ${r.id} is ${r.state}, not pending.`,
  CommodityReserveNotRequester: (r) => `${r.account} did not make redemption request ${r.id}.`,
  CommodityReserveEmptyReason: (r) => `Redemption request ${r.id} cannot be rejected without a reason.`,

  SovereignBondInvalidRate: (r) =>
    `The coupon terms are inconsistent: ${r.couponFrequency} coupon(s) a year, floating ${r.floatingRate}, fixed rate ${r.couponRateBps}.`,
  SovereignBondInvalidRecordDateOffset: (r) =>
    `The first record date, ${r.recordDateOffset} before the first coupon, is not after the issue date.`,
  SovereignBondInvalidClaimWindow: () => "The claim window is zero.",
  SovereignBondInvalidAssetDocuments: (r) =>
    r.isSukuk === "true" ? "A sukuk needs its asset documents hash." : "Only a sukuk has an asset documents hash.",
  SovereignBondNotFloating: () => "The bond has a fixed rate: no coupon's rate can be set.",
  SovereignBondRecordDateNotPassed: (r) => `The record date of coupon ${r.period}, ${r.recordDate}, has not passed.`,
  SovereignBondPaidAtRedemption: (r) => `Coupon ${r.period} is the final one, paid with the principal at redemption.`,
  SovereignBondCouponAlreadyFunded: (r) => `Coupon ${r.period} is funded already.`,
  SovereignBondCouponNotFunded: (r) => `Coupon ${r.period} is not funded.`,
  SovereignBondCouponSwept: (r) => `The unpaid rest of coupon ${r.period} was swept already.`,
  SovereignBondCouponNotDue: (r) => `Coupon ${r.period} is paid from its coupon date ${r.couponDate}.`,
  SovereignBondClaimWindowClosed: (r) => `The claim window of coupon ${r.period} closed at ${r.closedAt}.`,
  SovereignBondClaimWindowOpen: (r) => `The claim window of coupon ${r.period} is open until ${r.closesAt}.`,
  SovereignBondCouponOverpaid: (r) =>
    `Paying coupon ${r.period} would bring its payments to ${r.paid}, above the ${r.funded} funded.`,
  SovereignBondNothingToPay: (r) => `${r.holder} has nothing to be paid for coupon ${r.period}.`,
  SovereignBondCouponWithheld: (r) =>
    `What ${r.holder} is owed for coupon ${r.period} (on ${r.balance}) is withheld while its tokens are frozen.`,
  SovereignBondEntitlementMoved: (r) =>
    `What ${r.holder} is owed for coupon ${r.period} is paid to ${r.payee}, its replacement wallet.`,
  CouponScheduleInvalidFrequency: (r) => `${r.frequency} coupons a year is neither 0 nor a divisor of 12.`,
  CouponScheduleInvalidDates: (r) => `The maturity date ${r.maturityDate} is not after the issue date ${r.issueDate}.`,
  CouponScheduleInvalidCoupon: (r) => `There is no coupon ${r.index}: the schedule has ${r.count}.`,
  ...DOCUMENT_MESSAGES,
};
