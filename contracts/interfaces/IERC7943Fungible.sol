// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";

/**
 * @dev ERC-7943 (uRWA) interface for ERC-20 based real-world-asset tokens, as specified in
 * https://eips.ethereum.org/EIPS/eip-7943. Its ERC-165 interface id is `0x3edbb4c4`.
 */
interface IERC7943Fungible is IERC165 {
    /// @dev Emitted when `amount` tokens are taken from `from` and given to `to` by an enforcement action.
    event ForcedTransfer(address indexed from, address indexed to, uint256 amount);

    /// @dev Emitted when the frozen amount of `account` is set to `amount`.
    event Frozen(address indexed account, uint256 amount);

    /// @dev `account` is not allowed to send tokens.
    error ERC7943CannotSend(address account);

    /// @dev `account` is not allowed to receive tokens.
    error ERC7943CannotReceive(address account);

    /// @dev A transfer of `amount` from `from` to `to` is refused by a transfer-level rule.
    error ERC7943CannotTransfer(address from, address to, uint256 amount);

    /// @dev `account` tried to move `amount`, within its balance but above its `unfrozen` tokens.
    error ERC7943InsufficientUnfrozenBalance(address account, uint256 amount, uint256 unfrozen);

    /**
     * @dev Moves `amount` tokens from `from` to `to` without the sender's consent.
     *
     * Requirements: restricted in access; `to` must be allowed to receive.
     *
     * Emits {Frozen} first when frozen tokens are moved, then {IERC20-Transfer} and {ForcedTransfer}.
     */
    function forcedTransfer(address from, address to, uint256 amount) external returns (bool result);

    /**
     * @dev Sets the frozen amount of `account` to `amount`, which may exceed its balance.
     *
     * Requirements: restricted in access.
     *
     * Emits a {Frozen} event.
     */
    function setFrozenTokens(address account, uint256 amount) external returns (bool result);

    /// @dev Whether `account` may send tokens under the token's account-level rules (no amount or balance rule).
    function canSend(address account) external view returns (bool allowed);

    /// @dev Whether `account` may receive tokens under the token's account-level rules (no amount or balance rule).
    function canReceive(address account) external view returns (bool allowed);

    /// @dev The amount of tokens frozen for `account`; may exceed its balance.
    function getFrozenTokens(address account) external view returns (uint256 amount);

    /**
     * @dev Whether a transfer of `amount` from `from` to `to` would pass every permissioned rule:
     * {canSend} of `from`, {canReceive} of `to`, the pause, the frozen tokens and the token's other
     * policy rules. Never reverts. Balance and allowance are ERC-20's rules, not checked here: an
     * amount above the balance that every permissioned rule allows gives true, and ERC-20 refuses the
     * transfer. The frozen rule is evaluated for amounts within the balance: false when `amount` is at
     * most the balance of `from` but above its unfrozen tokens.
     */
    function canTransfer(address from, address to, uint256 amount) external view returns (bool allowed);
}
