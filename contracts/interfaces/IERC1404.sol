// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @dev ERC-1404 (Simple Restricted Token Standard): lets a wallet or exchange ask, before sending,
 * whether a transfer would be refused and why.
 */
interface IERC1404 {
    /// @dev Returns 0 when a transfer of `value` from `from` to `to` would succeed, else a restriction code.
    function detectTransferRestriction(address from, address to, uint256 value) external view returns (uint8 code);

    /// @dev A human-readable explanation of `restrictionCode`.
    function messageForTransferRestriction(uint8 restrictionCode) external view returns (string memory message);
}
