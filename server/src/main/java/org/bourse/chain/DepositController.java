package org.bourse.chain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.bourse.chain.ChainRepository.ChainDeposit;
import org.bourse.platform.AuthenticatedUser;
import org.bourse.platform.Cursor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /deposit-address} and {@code GET /deposits}: API.md's "Assets, deposits and withdrawals". */
@RestController
@RequestMapping("/api/v1")
class DepositController {

    private final EthereumChain chain;
    private final DepositAddresses addresses;
    private final ChainRepository repository;

    DepositController(EthereumChain chain, DepositAddresses addresses, ChainRepository repository) {
        this.chain = chain;
        this.addresses = addresses;
        this.repository = repository;
    }

    record DepositAddressResponse(String asset, String network, String address) {
    }

    @GetMapping("/deposit-address")
    @Operation(summary = "The caller's own deposit address for an asset",
            description = "Always the same address for the same user: BIP-32 child 0/<user id> of the exchange's extended "
                    + "public key, in EIP-55 form. Transfers to it are credited after the network's confirmations.")
    @ApiResponse(responseCode = "200", description = "the address")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    @ApiResponse(responseCode = "404", description = "NETWORK_NOT_CONFIGURED: the asset does not move on a chain here")
    DepositAddressResponse depositAddress(AuthenticatedUser caller, @RequestParam String asset) {
        String code = asset.toUpperCase(Locale.ROOT);
        if (!chain.carries(code)) {
            throw Withdrawals.networkNotConfigured();
        }
        return new DepositAddressResponse(code, EthereumChain.NETWORK,
                addresses.of(caller.id()).orElseThrow(Withdrawals::networkNotConfigured).toString());
    }

    record DepositResponse(String id, String asset, String network, String amount, String txHash, String address,
                           long confirmations, int requiredConfirmations, String status, String createdAt,
                           String creditedAt) {
    }

    record Page<T>(List<T> items, String nextCursor) {
    }

    @GetMapping("/deposits")
    @Operation(summary = "The caller's deposits from the chain, newest first",
            description = "status: `seen` (in the newest block, one confirmation), `confirming` (more, but fewer than "
                    + "required), `credited` (in the balance, with a `deposit` ledger entry whose transaction_id is "
                    + "`<tx_hash>/0`). A deposit whose block leaves the chain before it is credited disappears from "
                    + "this list until the chain shows it again.")
    @ApiResponse(responseCode = "200", description = "a page of deposits")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: bad limit or cursor")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    Page<DepositResponse> deposits(AuthenticatedUser caller, @RequestParam(required = false) String asset,
                                   @RequestParam(required = false) Integer limit,
                                   @RequestParam(required = false) String cursor) {
        int size = Cursor.limit(limit);
        String code = asset == null ? null : asset.toUpperCase(Locale.ROOT);
        List<ChainDeposit> page = repository.deposits(caller.id(), code, Cursor.position(cursor), size);
        long head = repository.cursor(EthereumChain.NETWORK).map(ChainRepository.Cursor::head).orElse(0L);
        int required = chain.properties().confirmations();
        return new Page<>(page.stream().map(d -> respond(d, head, required)).toList(),
                page.size() == size ? Cursor.after(page.getLast().id()) : null);
    }

    private DepositResponse respond(ChainDeposit d, long head, int required) {
        long confirmations = Math.max(0, head - d.blockNumber() + 1);
        String status = d.credited() ? "credited" : confirmations <= 1 ? "seen" : "confirming";
        int scale = chain.scale();
        return new DepositResponse(Long.toString(d.id()), d.asset(), EthereumChain.NETWORK, amount(d.amount(), scale),
                d.txHash(), d.address(), confirmations, required, status, d.createdAt().toString(),
                d.creditedAt() == null ? null : d.creditedAt().toString());
    }

    private static String amount(BigDecimal value, int scale) {
        return value.setScale(scale, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }
}
