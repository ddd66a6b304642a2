using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearline.Core.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PublicReporting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Triage",
                table: "Reports",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.CreateTable(
                name: "PublicReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character(19)", fixedLength: true, maxLength: 19, nullable: false),
                    Channel = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Language = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    WhatSeen = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    WhereFound = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    WantsFeedback = table.Column<bool>(type: "boolean", nullable: false),
                    ContactKeyId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ContactWrappedKey = table.Column<byte[]>(type: "bytea", maxLength: 128, nullable: true),
                    ContactSealed = table.Column<byte[]>(type: "bytea", maxLength: 1024, nullable: true),
                    ReporterDataClearedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FeedbackSentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublicReports_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PublicReportUrls",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PublicReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    CloseReason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedByUserId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicReportUrls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublicReportUrls_PublicReports_PublicReportId",
                        column: x => x.PublicReportId,
                        principalTable: "PublicReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PublicReportUrls_Reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "Reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Reports_Triage",
                table: "Reports",
                column: "Triage");

            migrationBuilder.CreateIndex(
                name: "IX_PublicReports_OrganisationId_CreatedAt",
                table: "PublicReports",
                columns: new[] { "OrganisationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PublicReports_Reference",
                table: "PublicReports",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PublicReportUrls_PublicReportId_Position",
                table: "PublicReportUrls",
                columns: new[] { "PublicReportId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PublicReportUrls_ReportId",
                table: "PublicReportUrls",
                column: "ReportId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PublicReportUrls");

            migrationBuilder.DropTable(
                name: "PublicReports");

            migrationBuilder.DropIndex(
                name: "IX_Reports_Triage",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "Triage",
                table: "Reports");
        }
    }
}
