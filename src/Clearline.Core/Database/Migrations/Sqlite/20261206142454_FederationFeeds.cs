using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearline.Core.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FederationFeeds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FederationSubscriptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HashListId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FeedUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    PublicKeyPem = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    PublicKeyFingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ApiKeyKeyId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ApiKeyWrappedKey = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ApiKeySealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Cursor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    EntriesReceived = table.Column<long>(type: "INTEGER", nullable: false),
                    WithdrawalsReceived = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSyncAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CaughtUpAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    LastErrorAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FederationSubscriptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FederationSubscriptions_HashLists_HashListId",
                        column: x => x.HashListId,
                        principalTable: "HashLists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FederationSubscriptions_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FederatedEntries",
                columns: table => new
                {
                    SubscriptionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PublisherEntryId = table.Column<long>(type: "INTEGER", nullable: false),
                    KnownHashId = table.Column<long>(type: "INTEGER", nullable: false)
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

            migrationBuilder.CreateIndex(
                name: "IX_FederationSubscriptions_HashListId",
                table: "FederationSubscriptions",
                column: "HashListId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FederationSubscriptions_OrganisationId",
                table: "FederationSubscriptions",
                column: "OrganisationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FederatedEntries");

            migrationBuilder.DropTable(
                name: "FederationSubscriptions");
        }
    }
}
