using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Integrations.Storage.EfCore.Internal.Migrations;

/// <summary>
/// Creates the integrations, pending authorizations and leases tables. Written by hand (the EF Core
/// design tools are not used to build this package); <c>MigrationsMatchModelTests</c> proves that
/// this migration and <see cref="IntegrationsDbContextModelSnapshot"/> produce exactly the model.
/// </summary>
[DbContext(typeof(IntegrationsDbContext))]
[Migration("20260101000000_IntegrationsInitial")]
internal sealed class IntegrationsInitial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.EnsureSchema(name: "integrations");

        migrationBuilder.CreateTable(
            name: "integrations",
            schema: "integrations",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                tenant_id = table.Column<string>(type: "text", nullable: false, comment: "The owner's tenant; the empty string when the host has no tenants."),
                user_id = table.Column<string>(type: "text", nullable: false),
                provider = table.Column<string>(type: "text", nullable: false),
                display_name = table.Column<string>(type: "text", nullable: false),
                external_account_id = table.Column<string>(type: "text", nullable: false),
                external_username = table.Column<string>(type: "text", nullable: true),
                external_email = table.Column<string>(type: "text", nullable: true),
                external_name = table.Column<string>(type: "text", nullable: true),
                external_avatar_url = table.Column<string>(type: "text", nullable: true),
                external_profile = table.Column<string>(type: "jsonb", nullable: true),
                granted_scopes = table.Column<string[]>(type: "text[]", nullable: false),
                status = table.Column<int>(type: "integer", nullable: false, comment: "0 Active, 1 ReauthorizationRequired, 2 Revoked, 3 Error, 4 Disabled."),
                token_ciphertext = table.Column<string>(type: "text", nullable: true, comment: "The token set encrypted by ITokenProtector; never plaintext."),
                access_token_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                has_refresh_token = table.Column<bool>(type: "boolean", nullable: false),
                refresh_token_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                last_error_code = table.Column<string>(type: "text", nullable: true),
                last_error_message = table.Column<string>(type: "text", nullable: true),
                last_error_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                consecutive_errors = table.Column<int>(type: "integer", nullable: false),
                last_used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                last_sync_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                settings = table.Column<string>(type: "jsonb", nullable: false),
                metadata = table.Column<string>(type: "jsonb", nullable: false),
                next_sync_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                version = table.Column<long>(type: "bigint", nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_integrations", x => x.id),
            comment: "One user's connection to one provider account (Integrations SDK).");

        migrationBuilder.CreateTable(
            name: "leases",
            schema: "integrations",
            columns: table => new
            {
                key = table.Column<string>(type: "text", nullable: false),
                holder = table.Column<string>(type: "text", nullable: false, comment: "Random token of the current acquisition; renew and release must present it."),
                expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_leases", x => x.key),
            comment: "Cross-process leases (token refresh, sync runs) (Integrations SDK).");

        migrationBuilder.CreateTable(
            name: "pending_authorizations",
            schema: "integrations",
            columns: table => new
            {
                state_hash = table.Column<string>(type: "text", nullable: false, comment: "SHA-256 (base64url) of the OAuth state parameter; the state itself is never stored."),
                tenant_id = table.Column<string>(type: "text", nullable: true),
                user_id = table.Column<string>(type: "text", nullable: false),
                provider = table.Column<string>(type: "text", nullable: false),
                scopes = table.Column<string[]>(type: "text[]", nullable: false),
                redirect_uri = table.Column<string>(type: "text", nullable: false),
                protected_code_verifier = table.Column<string>(type: "text", nullable: false, comment: "The PKCE code verifier, encrypted."),
                nonce = table.Column<string>(type: "text", nullable: true),
                display_name = table.Column<string>(type: "text", nullable: true),
                properties = table.Column<string>(type: "jsonb", nullable: false),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_pending_authorizations", x => x.state_hash),
            comment: "Authorizations begun and not yet completed; single use (Integrations SDK).");

        migrationBuilder.CreateIndex(
            name: "ix_integrations_provider_account",
            schema: "integrations",
            table: "integrations",
            columns: ["provider", "external_account_id"]);

        migrationBuilder.CreateIndex(
            name: "ix_integrations_refresh_due",
            schema: "integrations",
            table: "integrations",
            columns: ["access_token_expires_at", "id"],
            filter: "status = 0 AND has_refresh_token");

        migrationBuilder.CreateIndex(
            name: "ix_integrations_sync_due",
            schema: "integrations",
            table: "integrations",
            columns: ["next_sync_at", "id"],
            filter: "status = 0 AND next_sync_at IS NOT NULL");

        migrationBuilder.CreateIndex(
            name: "ux_integrations_owner_provider_account",
            schema: "integrations",
            table: "integrations",
            columns: ["tenant_id", "user_id", "provider", "external_account_id"],
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_pending_authorizations_expires_at",
            schema: "integrations",
            table: "pending_authorizations",
            column: "expires_at");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "integrations", schema: "integrations");
        migrationBuilder.DropTable(name: "leases", schema: "integrations");
        migrationBuilder.DropTable(name: "pending_authorizations", schema: "integrations");
    }
}
