using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearline.Core.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FederationFeeds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FederatedEntries",
                columns: table => new
                {
                    SubscriptionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PublisherEntryId = table.Column<long>(type: "bigint", nullable: false),
                    KnownHashId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FederatedEntries", x => new { x.SubscriptionId, x.PublisherEntryId });
                    table.ForeignKey(
                        name: "FK_FederatedEntries_FederationSubscriptions_SubscriptionId",
                        column: x => x.SubscriptionId,
                        principalTable: "FederationSubscriptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FederatedEntries_KnownHashes_KnownHashId",
                        column: x => x.KnownHashId,
                        principalTable: "KnownHashes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FederatedEntries_KnownHashId",
                table: "FederatedEntries",
                column: "KnownHashId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FederatedEntries");
        }
    }
}
