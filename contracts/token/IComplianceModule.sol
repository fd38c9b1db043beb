// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @dev Optional hook of a {RegulatedToken} for rules its built-in policy does not express (for
 * example a daily volume cap). The token asks {canTransfer} before every holder transfer and
 * mint, and tells {transferred} after every balance change, enforcement actions included.
 *
 * A module is set by the token's `COMPLIANCE_ROLE` and is trusted: {transferred} must not revert
 * for a change that {canTransfer} allowed, or the token's restriction report would disagree with
 * its transfers. The token refuses any balance change the module would make from {transferred}
 * (it would run under the rules of the action being told, such as an enforcement action's).
 *
 * Escrow (tokens an instrument holds for a holder, such as a redemption request) is the token's own
 * address in both calls, the same `from` and `to` in {canTransfer} and {transferred}: into escrow
 * is (holder, token), back to the holder (token, holder), and the custodian's burn of escrowed
 * tokens (token, zero). Escrowed tokens stay in the supply, so the escrow is a place, not a burn.
 * {canTransfer} is asked when a holder moves tokens into escrow or takes them back, not when a
 * privileged role releases them (an enforcement action, like a forced transfer).
 */
interface IComplianceModule {
    /// @dev Whether the module allows moving `amount` from `from` to `to` (`from` is zero for a mint, `to` for a burn).
    function canTransfer(address from, address to, uint256 amount) external view returns (bool);

    /// @dev Called by the token after a balance change (`to` is zero for a burn).
    function transferred(address from, address to, uint256 amount) external;
}
