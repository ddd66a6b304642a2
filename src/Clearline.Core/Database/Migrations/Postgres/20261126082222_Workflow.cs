using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearline.Core.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Workflow : Migration
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

            migrationBuilder.AddColumn<Guid>(
                name: "ApiKeyId",
                table: "MediaClassifications",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SupersededById",
                table: "MediaClassifications",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastAuthenticatorTimeStep",
                table: "AspNetUsers",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AnalystDays",
                columns: table => new
                {
                    AnalystId = table.Column<Guid>(type: "uuid", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Reveals = table.Column<int>(type: "integer", nullable: false),
                    Minutes = table.Column<int>(type: "integer", nullable: false),
                    LastMinute = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnalystDays", x => new { x.AnalystId, x.Day });
                });

            migrationBuilder.CreateTable(
                name: "AnalystFilters",
                columns: table => new
                {
                    AnalystId = table.Column<Guid>(type: "uuid", nullable: false),
                    BlurStrength = table.Column<int>(type: "integer", nullable: false),
                    Greyscale = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnalystFilters", x => x.AnalystId);
                });

            migrationBuilder.CreateTable(
                name: "ContentRoutes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportingOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    CrawledUrlId = table.Column<Guid>(type: "uuid", nullable: false),
                    CountryCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    ServerAddress = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: true),
                    AssignedOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    State = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    RoutedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClaimedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentRoutes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContentRoutes_CrawledUrls_CrawledUrlId",
                        column: x => x.CrawledUrlId,
                        principalTable: "CrawledUrls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ContentRoutes_Organisations_AssignedOrganisationId",
                        column: x => x.AssignedOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ContentRoutes_Organisations_ReportingOrganisationId",
                        column: x => x.ReportingOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ContentRoutes_Reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "Reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HotlineDesignations",
                columns: table => new
                {
                    CountryCode = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    DesignatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HotlineDesignations", x => x.CountryCode);
                    table.ForeignKey(
                        name: "FK_HotlineDesignations_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MediaPreviews",
                columns: table => new
                {
                    MediaSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    BlobSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Width = table.Column<int>(type: "integer", nullable: false),
                    Height = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                name: "OrphanMandates",
                columns: table => new
                {
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    MandatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrphanMandates", x => x.OrganisationId);
                    table.ForeignKey(
                        name: "FK_OrphanMandates_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

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

            migrationBuilder.CreateTable(
                name: "SecondOpinionRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    MediaSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RequestedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ResolvedById = table.Column<Guid>(type: "uuid", nullable: true)
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

            migrationBuilder.CreateTable(
                name: "ContentRouteEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RouteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActorOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    FromOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    ToOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    FromCountryCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    ToCountryCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    ServerAddress = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentRouteEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContentRouteEvents_ContentRoutes_RouteId",
                        column: x => x.RouteId,
                        principalTable: "ContentRoutes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RouteTakedowns",
                columns: table => new
                {
                    RouteId = table.Column<Guid>(type: "uuid", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    NoticeAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RechecksDone = table.Column<int>(type: "integer", nullable: false),
                    PendingRecheckId = table.Column<Guid>(type: "uuid", nullable: true),
                    NextRecheckAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FirstReportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RemovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TimeToRemoval = table.Column<long>(type: "bigint", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RouteTakedowns", x => x.RouteId);
                    table.ForeignKey(
                        name: "FK_RouteTakedowns_ContentRoutes_RouteId",
                        column: x => x.RouteId,
                        principalTable: "ContentRoutes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TakedownActions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RouteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    ActorKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ActorId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RecheckId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TakedownActions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TakedownActions_ContentRoutes_RouteId",
                        column: x => x.RouteId,
                        principalTable: "ContentRoutes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
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
                name: "IX_MediaClassifications_SupersededById",
                table: "MediaClassifications",
                column: "SupersededById");

            migrationBuilder.CreateIndex(
                name: "IX_ContentRouteEvents_RouteId_Id",
                table: "ContentRouteEvents",
                columns: new[] { "RouteId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ContentRouteEvents_ToOrganisationId",
                table: "ContentRouteEvents",
                column: "ToOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_ContentRoutes_AssignedOrganisationId_Id",
                table: "ContentRoutes",
                columns: new[] { "AssignedOrganisationId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ContentRoutes_CrawledUrlId",
                table: "ContentRoutes",
                column: "CrawledUrlId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContentRoutes_ReportId",
                table: "ContentRoutes",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_ContentRoutes_ReportingOrganisationId_Id",
                table: "ContentRoutes",
                columns: new[] { "ReportingOrganisationId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ContentRoutes_State_Id",
                table: "ContentRoutes",
                columns: new[] { "State", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_HotlineDesignations_OrganisationId",
                table: "HotlineDesignations",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_ReportCredentials_KeyId",
                table: "ReportCredentials",
                column: "KeyId");

            migrationBuilder.CreateIndex(
                name: "IX_RouteTakedowns_PendingRecheckId",
                table: "RouteTakedowns",
                column: "PendingRecheckId");

            migrationBuilder.CreateIndex(
                name: "IX_RouteTakedowns_State_RouteId",
                table: "RouteTakedowns",
                columns: new[] { "State", "RouteId" });

            migrationBuilder.CreateIndex(
                name: "IX_SecondOpinionRequests_MediaSha256",
                table: "SecondOpinionRequests",
                column: "MediaSha256");

            migrationBuilder.CreateIndex(
                name: "IX_SecondOpinionRequests_OrganisationId_ResolvedAt_MediaSha256",
                table: "SecondOpinionRequests",
                columns: new[] { "OrganisationId", "ResolvedAt", "MediaSha256" });

            migrationBuilder.CreateIndex(
                name: "IX_TakedownActions_RouteId_Id",
                table: "TakedownActions",
                columns: new[] { "RouteId", "Id" });

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
                name: "AnalystDays");

            migrationBuilder.DropTable(
                name: "AnalystFilters");

            migrationBuilder.DropTable(
                name: "ContentRouteEvents");

            migrationBuilder.DropTable(
                name: "HotlineDesignations");

            migrationBuilder.DropTable(
                name: "MediaPreviews");

            migrationBuilder.DropTable(
                name: "OrphanMandates");

            migrationBuilder.DropTable(
                name: "ReportCredentials");

            migrationBuilder.DropTable(
                name: "RouteTakedowns");

            migrationBuilder.DropTable(
                name: "SecondOpinionRequests");

            migrationBuilder.DropTable(
                name: "TakedownActions");

            migrationBuilder.DropTable(
                name: "ContentRoutes");

            migrationBuilder.DropIndex(
                name: "IX_Reports_DuplicateOfReportId",
                table: "Reports");

            migrationBuilder.DropIndex(
                name: "IX_Reports_OrganisationId_CreatedAt",
                table: "Reports");

            migrationBuilder.DropIndex(
                name: "IX_Reports_UrlKey",
                table: "Reports");

            migrationBuilder.DropIndex(
                name: "IX_MediaClassifications_SupersededById",
                table: "MediaClassifications");

            migrationBuilder.DropColumn(
                name: "DuplicateOfReportId",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "HasCredentials",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "UrlKey",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "ApiKeyId",
                table: "MediaClassifications");

            migrationBuilder.DropColumn(
                name: "SupersededById",
                table: "MediaClassifications");

            migrationBuilder.DropColumn(
                name: "LastAuthenticatorTimeStep",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_Reports_NormalisedUrl",
                table: "Reports",
                column: "NormalisedUrl");
        }
    }
}
