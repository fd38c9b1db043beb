// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @dev Optional hook of a {RegulatedToken} for rules its built-in policy does not express (for
 * example a daily volume cap). The token asks {canTransfer} before every holder transfer and
 * mint, and tells {transferred} after every balance change, enforcement actions included.
 *
 * A module is set by the token's `COMPLIANCE_ROLE` and is trusted: {transferred} must not revert
 * for a change that {canTransfer} allowed, or the token's restriction report would disagree with
 * its transfers.
 */
interface IComplianceModule {
    /// @dev Whether the module allows moving `amount` from `from` to `to` (`from` is zero for a mint).
    function canTransfer(address from, address to, uint256 amount) external view returns (bool);

    /// @dev Called by the token after a balance change (`to` is zero for a burn).
    function transferred(address from, address to, uint256 amount) external;
}
