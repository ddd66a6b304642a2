using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearline.Core.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Intake : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Reports_NormalisedUrl",
                table: "Reports");

            migrationBuilder.AddColumn<Guid>(
                name: "DuplicateOfReportId",
                table: "Reports",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "HasCredentials",
                table: "Reports",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "UrlKey",
                table: "Reports",
                type: "character(64)",
                fixedLength: true,
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "ReportCredentials",
                columns: table => new
                {
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    KeyId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    WrappedKey = table.Column<byte[]>(type: "bytea", maxLength: 128, nullable: false),
                    Sealed = table.Column<byte[]>(type: "bytea", maxLength: 8192, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportCredentials", x => x.ReportId);
                    table.ForeignKey(
                        name: "FK_ReportCredentials_Reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "Reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Reports_DuplicateOfReportId",
                table: "Reports",
                column: "DuplicateOfReportId");

            migrationBuilder.CreateIndex(
                name: "IX_Reports_OrganisationId_CreatedAt",
                table: "Reports",
                columns: new[] { "OrganisationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Reports_UrlKey",
                table: "Reports",
                column: "UrlKey",
                unique: true,
                filter: "\"DuplicateOfReportId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ReportCredentials_KeyId",
                table: "ReportCredentials",
                column: "KeyId");

            migrationBuilder.AddForeignKey(
                name: "FK_Reports_Reports_DuplicateOfReportId",
                table: "Reports",
                column: "DuplicateOfReportId",
                principalTable: "Reports",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Reports_Reports_DuplicateOfReportId",
                table: "Reports");

            migrationBuilder.DropTable(
                name: "ReportCredentials");

            migrationBuilder.DropIndex(
                name: "IX_Reports_DuplicateOfReportId",
                table: "Reports");

            migrationBuilder.DropIndex(
                name: "IX_Reports_OrganisationId_CreatedAt",
                table: "Reports");

            migrationBuilder.DropIndex(
                name: "IX_Reports_UrlKey",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "DuplicateOfReportId",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "HasCredentials",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "UrlKey",
                table: "Reports");

            migrationBuilder.CreateIndex(
                name: "IX_Reports_NormalisedUrl",
                table: "Reports",
                column: "NormalisedUrl");
        }
    }
}
