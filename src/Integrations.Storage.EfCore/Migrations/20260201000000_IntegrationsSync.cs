using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Integrations.Storage.EfCore.Internal.Migrations;

/// <summary>
/// Creates the sync tables: states (cursor and progress), item links, runs (the history) and their
/// item errors. Written by hand like <see cref="IntegrationsInitial"/>; <c>MigrationsMatchModelTests</c>
/// proves that the migrations and <see cref="IntegrationsDbContextModelSnapshot"/> produce exactly the model.
/// </summary>
[DbContext(typeof(IntegrationsDbContext))]
[Migration("20260201000000_IntegrationsSync")]
internal sealed class IntegrationsSync : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.EnsureSchema(name: "integrations");

        migrationBuilder.CreateTable(
            name: "sync_item_links",
            schema: "integrations",
            columns: table => new
            {
                state_id = table.Column<long>(type: "bigint", nullable: false),
                external_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                local_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                remote_version = table.Column<string>(type: "text", nullable: true),
                local_version = table.Column<string>(type: "text", nullable: true),
                last_seen_pass = table.Column<long>(type: "bigint", nullable: false, comment: "The latest pass that saw the item remotely; a full pass deletes the local copies of links it did not see."),
            },
            constraints: table => table.PrimaryKey("pk_sync_item_links", x => new { x.state_id, x.external_id }),
            comment: "Links between remote items and local items, with the versions last synced (Integrations SDK).");

        migrationBuilder.CreateTable(
            name: "sync_runs",
            schema: "integrations",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                integration_id = table.Column<Guid>(type: "uuid", nullable: false),
                tenant_id = table.Column<string>(type: "text", nullable: false, comment: "The owner's tenant; the empty string when the host has no tenants."),
                user_id = table.Column<string>(type: "text", nullable: false),
                provider = table.Column<string>(type: "text", nullable: false),
                resource = table.Column<string>(type: "text", nullable: false),
                type = table.Column<int>(type: "integer", nullable: false, comment: "0 Initial, 1 Manual, 2 Scheduled, 3 Webhook."),
                triggered_by = table.Column<string>(type: "text", nullable: true),
                direction = table.Column<int>(type: "integer", nullable: false, comment: "0 Pull, 1 Push, 2 Both."),
                is_dry_run = table.Column<bool>(type: "boolean", nullable: false),
                is_full_resync = table.Column<bool>(type: "boolean", nullable: false),
                date_range = table.Column<string>(type: "jsonb", nullable: true),
                status = table.Column<int>(type: "integer", nullable: false, comment: "0 Running, 1 Succeeded, 2 PartiallySucceeded, 3 Failed, 4 Cancelled."),
                local_processed = table.Column<int>(type: "integer", nullable: false),
                local_created = table.Column<int>(type: "integer", nullable: false),
                local_updated = table.Column<int>(type: "integer", nullable: false),
                local_deleted = table.Column<int>(type: "integer", nullable: false),
                local_skipped = table.Column<int>(type: "integer", nullable: false),
                local_failed = table.Column<int>(type: "integer", nullable: false),
                remote_processed = table.Column<int>(type: "integer", nullable: false),
                remote_created = table.Column<int>(type: "integer", nullable: false),
                remote_updated = table.Column<int>(type: "integer", nullable: false),
                remote_deleted = table.Column<int>(type: "integer", nullable: false),
                remote_skipped = table.Column<int>(type: "integer", nullable: false),
                remote_failed = table.Column<int>(type: "integer", nullable: false),
                conflicts = table.Column<int>(type: "integer", nullable: false),
                pages = table.Column<int>(type: "integer", nullable: false),
                error_code = table.Column<string>(type: "text", nullable: true),
                error_message = table.Column<string>(type: "text", nullable: true),
                resume_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                cursor_before = table.Column<string>(type: "text", nullable: true),
                cursor_after = table.Column<string>(type: "text", nullable: true),
                started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_sync_runs", x => x.id),
            comment: "The sync history: one row per run of one resource (Integrations SDK).");

        migrationBuilder.CreateTable(
            name: "sync_states",
            schema: "integrations",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                integration_id = table.Column<Guid>(type: "uuid", nullable: false),
                resource = table.Column<string>(type: "text", nullable: false),
                cursor = table.Column<string>(type: "text", nullable: true, comment: "The provider's cursor of the next pass (sync token, delta link); NULL for a full sync."),
                cursor_date_range = table.Column<string>(type: "jsonb", nullable: true),
                cursor_updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                pass_number = table.Column<long>(type: "bigint", nullable: false),
                checkpoint = table.Column<string>(type: "jsonb", nullable: true, comment: "The unfinished pass (page token, phase); NULL when the last pass completed."),
                local_checkpoint = table.Column<string>(type: "text", nullable: true),
                recovery_pass = table.Column<long>(type: "bigint", nullable: true),
                pending_creates = table.Column<string>(type: "jsonb", nullable: false),
                version = table.Column<long>(type: "bigint", nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_sync_states", x => x.id),
            comment: "Sync cursor and progress per integration and resource (Integrations SDK).");

        migrationBuilder.CreateTable(
            name: "sync_item_errors",
            schema: "integrations",
            columns: table => new
            {
                run_id = table.Column<Guid>(type: "uuid", nullable: false),
                ordinal = table.Column<int>(type: "integer", nullable: false),
                side = table.Column<int>(type: "integer", nullable: false, comment: "The side the write failed on: 0 Local, 1 Remote."),
                item_id = table.Column<string>(type: "text", nullable: false, comment: "The external id (pull) or the local id (push) of the item."),
                code = table.Column<string>(type: "text", nullable: false),
                message = table.Column<string>(type: "text", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_sync_item_errors", x => new { x.run_id, x.ordinal });
                table.ForeignKey(
                    name: "fk_sync_item_errors_sync_runs",
                    column: x => x.run_id,
                    principalSchema: "integrations",
                    principalTable: "sync_runs",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            },
            comment: "The items a sync run could not sync, in the order they failed (Integrations SDK).");

        migrationBuilder.CreateIndex(
            name: "ix_sync_item_links_local_id",
            schema: "integrations",
            table: "sync_item_links",
            columns: ["state_id", "local_id"]);

        migrationBuilder.CreateIndex(
            name: "ix_sync_item_links_not_seen",
            schema: "integrations",
            table: "sync_item_links",
            columns: ["state_id", "last_seen_pass", "external_id"]);

        migrationBuilder.CreateIndex(
            name: "ix_sync_runs_completed_started_at",
            schema: "integrations",
            table: "sync_runs",
            column: "started_at",
            filter: "status <> 0");

        migrationBuilder.CreateIndex(
            name: "ix_sync_runs_history",
            schema: "integrations",
            table: "sync_runs",
            columns: ["integration_id", "started_at", "id"],
            descending: [false, true, true]);

        migrationBuilder.CreateIndex(
            name: "ux_sync_states_integration_resource",
            schema: "integrations",
            table: "sync_states",
            columns: ["integration_id", "resource"],
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_sync_runs_running",
            schema: "integrations",
            table: "sync_runs",
            columns: ["integration_id", "resource"],
            filter: "status = 0");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "sync_item_errors", schema: "integrations");
        migrationBuilder.DropTable(name: "sync_item_links", schema: "integrations");
        migrationBuilder.DropTable(name: "sync_states", schema: "integrations");
        migrationBuilder.DropTable(name: "sync_runs", schema: "integrations");
    }
}
