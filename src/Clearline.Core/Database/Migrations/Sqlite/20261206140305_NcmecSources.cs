using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearline.Core.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NcmecSources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "NcmecSources");
        }
    }
}
