using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearline.Core.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Classification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ApiKeyId",
                table: "MediaClassifications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SupersededById",
                table: "MediaClassifications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AnalystDays",
                columns: table => new
                {
                    AnalystId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reveals = table.Column<int>(type: "INTEGER", nullable: false),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    LastMinute = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnalystDays", x => new { x.AnalystId, x.Day });
                });

            migrationBuilder.CreateTable(
                name: "AnalystFilters",
                columns: table => new
                {
                    AnalystId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BlurStrength = table.Column<int>(type: "INTEGER", nullable: false),
                    Greyscale = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnalystFilters", x => x.AnalystId);
                });

            migrationBuilder.CreateTable(
                name: "MediaPreviews",
                columns: table => new
                {
                    MediaSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    BlobSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Width = table.Column<int>(type: "INTEGER", nullable: false),
                    Height = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MediaPreviews", x => new { x.MediaSha256, x.Kind });
                    table.ForeignKey(
                        name: "FK_MediaPreviews_MediaItems_MediaSha256",
                        column: x => x.MediaSha256,
                        principalTable: "MediaItems",
                        principalColumn: "Sha256",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SecondOpinionRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MediaSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RequestedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResolvedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SecondOpinionRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SecondOpinionRequests_MediaItems_MediaSha256",
                        column: x => x.MediaSha256,
                        principalTable: "MediaItems",
                        principalColumn: "Sha256",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SecondOpinionRequests_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MediaClassifications_SupersededById",
                table: "MediaClassifications",
                column: "SupersededById");

            migrationBuilder.CreateIndex(
                name: "IX_SecondOpinionRequests_MediaSha256",
                table: "SecondOpinionRequests",
                column: "MediaSha256");

            migrationBuilder.CreateIndex(
                name: "IX_SecondOpinionRequests_OrganisationId_ResolvedAt_MediaSha256",
                table: "SecondOpinionRequests",
                columns: new[] { "OrganisationId", "ResolvedAt", "MediaSha256" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnalystDays");

            migrationBuilder.DropTable(
                name: "AnalystFilters");

            migrationBuilder.DropTable(
                name: "MediaPreviews");

            migrationBuilder.DropTable(
                name: "SecondOpinionRequests");

            migrationBuilder.DropIndex(
                name: "IX_MediaClassifications_SupersededById",
                table: "MediaClassifications");

            migrationBuilder.DropColumn(
                name: "ApiKeyId",
                table: "MediaClassifications");

            migrationBuilder.DropColumn(
                name: "SupersededById",
                table: "MediaClassifications");
        }
    }
}
