using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearline.Core.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AssessThenRoute : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Reason",
                table: "TakedownActions",
                type: "character varying(50)",
                maxLength: 50,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(30)",
                oldMaxLength: 30);

            migrationBuilder.AddColumn<bool>(
                name: "BehindCdn",
                table: "ContentRoutes",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Jurisdiction",
                table: "ContentRoutes",
                type: "character varying(2)",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OriginOrganisation",
                table: "ContentRoutes",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Subject",
                table: "ContentRoutes",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Verdict",
                table: "ContentRoutes",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AlterColumn<string>(
                name: "Kind",
                table: "ContentRouteEvents",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "ContentRouteEvents",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AbuseContacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Key = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    State = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Phone = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Handle = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ServerUrl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LookedUpAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AbuseContacts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Notices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RouteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    RemindsNoticeId = table.Column<Guid>(type: "uuid", nullable: true),
                    Channel = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Recipient = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Language = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedByKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    State = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    MessageId = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    DeliveryJobId = table.Column<Guid>(type: "uuid", nullable: true),
                    EscalationJobId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notices_ContentRoutes_RouteId",
                        column: x => x.RouteId,
                        principalTable: "ContentRoutes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Notices_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WebsiteDecisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CrawledUrlId = table.Column<Guid>(type: "uuid", nullable: false),
                    Verdict = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Jurisdiction = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebsiteDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WebsiteDecisions_CrawledUrls_CrawledUrlId",
                        column: x => x.CrawledUrlId,
                        principalTable: "CrawledUrls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WebsiteDecisions_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NoticeRoutes",
                columns: table => new
                {
                    NoticeId = table.Column<Guid>(type: "uuid", nullable: false),
                    RouteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Url = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoticeRoutes", x => new { x.NoticeId, x.RouteId });
                    table.ForeignKey(
                        name: "FK_NoticeRoutes_ContentRoutes_RouteId",
                        column: x => x.RouteId,
                        principalTable: "ContentRoutes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NoticeRoutes_Notices_NoticeId",
                        column: x => x.NoticeId,
                        principalTable: "Notices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UnresponsiveHosts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RouteId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReminderId = table.Column<Guid>(type: "uuid", nullable: false),
                    FlaggedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnresponsiveHosts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UnresponsiveHosts_ContentRoutes_RouteId",
                        column: x => x.RouteId,
                        principalTable: "ContentRoutes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_UnresponsiveHosts_Notices_ReminderId",
                        column: x => x.ReminderId,
                        principalTable: "Notices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_UnresponsiveHosts_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AbuseContacts_Source_Key",
                table: "AbuseContacts",
                columns: new[] { "Source", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NoticeRoutes_RouteId",
                table: "NoticeRoutes",
                column: "RouteId");

            migrationBuilder.CreateIndex(
                name: "IX_Notices_OrganisationId",
                table: "Notices",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Notices_RouteId_Id",
                table: "Notices",
                columns: new[] { "RouteId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_UnresponsiveHosts_OrganisationId_Id",
                table: "UnresponsiveHosts",
                columns: new[] { "OrganisationId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_UnresponsiveHosts_ReminderId",
                table: "UnresponsiveHosts",
                column: "ReminderId");

            migrationBuilder.CreateIndex(
                name: "IX_UnresponsiveHosts_RouteId_ReminderId",
                table: "UnresponsiveHosts",
                columns: new[] { "RouteId", "ReminderId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WebsiteDecisions_CrawledUrlId_WithdrawnAt",
                table: "WebsiteDecisions",
                columns: new[] { "CrawledUrlId", "WithdrawnAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WebsiteDecisions_OrganisationId",
                table: "WebsiteDecisions",
                column: "OrganisationId");

            // Routes made before issue 14 were routed when their crawl ended, before any decision: they stay as they are.
            migrationBuilder.Sql("UPDATE \"ContentRoutes\" SET \"Verdict\" = 'Baseline', \"Subject\" = 'Media'");

            // ICCAM's action reasons (issue 14): the five values stored under Clearline's earlier names.
            foreach (var (from, to) in new[]
            {
                ("Error404", "Error404NotFoundOrSiteDown"), ("ServerUnreachable", "Error503OrContentTemporarilyUnavailable"),
                ("AccessBlocked", "UnableToAccess"), ("AgeUnclear", "AgeUnclearOrNotAssessable"), ("NotSexualContent", "NudismOrNotSexualized"),
            })
            {
                migrationBuilder.Sql($"UPDATE \"TakedownActions\" SET \"Reason\" = '{to}' WHERE \"Reason\" = '{from}'");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AbuseContacts");

            migrationBuilder.DropTable(
                name: "NoticeRoutes");

            migrationBuilder.DropTable(
                name: "UnresponsiveHosts");

            migrationBuilder.DropTable(
                name: "WebsiteDecisions");

            migrationBuilder.DropTable(
                name: "Notices");

            migrationBuilder.DropColumn(
                name: "BehindCdn",
                table: "ContentRoutes");

            migrationBuilder.DropColumn(
                name: "Jurisdiction",
                table: "ContentRoutes");

            migrationBuilder.DropColumn(
                name: "OriginOrganisation",
                table: "ContentRoutes");

            migrationBuilder.DropColumn(
                name: "Subject",
                table: "ContentRoutes");

            migrationBuilder.DropColumn(
                name: "Verdict",
                table: "ContentRoutes");

            migrationBuilder.DropColumn(
                name: "Reason",
                table: "ContentRouteEvents");

            migrationBuilder.AlterColumn<string>(
                name: "Reason",
                table: "TakedownActions",
                type: "character varying(30)",
                maxLength: 30,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(50)",
                oldMaxLength: 50);

            migrationBuilder.AlterColumn<string>(
                name: "Kind",
                table: "ContentRouteEvents",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(20)",
                oldMaxLength: 20);
        }
    }
}
