using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearline.Core.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Exchange : Migration
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
                name: "NcmecSources",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HashListId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Environment = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    UseTestEnvironment = table.Column<bool>(type: "INTEGER", nullable: false),
                    BaseUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CredentialKeyId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CredentialKey = table.Column<byte[]>(type: "BLOB", maxLength: 128, nullable: false),
                    SealedCredentials = table.Column<byte[]>(type: "BLOB", maxLength: 4096, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    PullInterval = table.Column<TimeSpan>(type: "TEXT", nullable: false),
                    FeedbackEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    FeedbackReason = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Checkpoint = table.Column<long>(type: "INTEGER", nullable: true),
                    WindowFrom = table.Column<long>(type: "INTEGER", nullable: true),
                    WindowTo = table.Column<long>(type: "INTEGER", nullable: true),
                    WindowMaxTimestamp = table.Column<long>(type: "INTEGER", nullable: true),
                    NextPage = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    NextPageAt = table.Column<long>(type: "INTEGER", nullable: true),
                    NextPullJobId = table.Column<Guid>(type: "TEXT", nullable: true),
                    NextPullAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PullJobId = table.Column<Guid>(type: "TEXT", nullable: true),
                    LastPullStartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastPullCompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    LastErrorAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EntriesAdded = table.Column<long>(type: "INTEGER", nullable: false),
                    EntriesUnchanged = table.Column<long>(type: "INTEGER", nullable: false),
                    EntriesDeleted = table.Column<long>(type: "INTEGER", nullable: false),
                    EntriesSkipped = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSkipped = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    FeedbackSent = table.Column<long>(type: "INTEGER", nullable: false),
                    LastFeedbackError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NcmecSources", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NcmecSources_HashLists_HashListId",
                        column: x => x.HashListId,
                        principalTable: "HashLists",
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

            migrationBuilder.CreateIndex(
                name: "IX_NcmecSources_HashListId",
                table: "NcmecSources",
                column: "HashListId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FederatedEntries");

            migrationBuilder.DropTable(
                name: "NcmecSources");

            migrationBuilder.DropTable(
                name: "FederationSubscriptions");
        }
    }
}
